#include "stickmount.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

namespace kiosk {

StickMount::StickMount(QString spoolDir, QObject *parent)
    : QObject(parent)
    , m_spool(std::move(spoolDir))
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &StickMount::poll);
}

bool StickMount::hasHelper() const
{
    return !m_spool.isEmpty() && QFileInfo(m_spool).isDir();
}

QString StickMount::describe(const QString &code)
{
    if (code == QLatin1String("no-stick"))
        return tr("Flashdisk tidak ditemukan. Pasang flashdisk teknisi (FAT32 atau exFAT) ke port USB, lalu coba lagi.");
    if (code == QLatin1String("two-sticks"))
        return tr("Ada lebih dari satu flashdisk terpasang. Cabut yang lain, sisakan satu flashdisk teknisi, lalu coba lagi.");
    if (code == QLatin1String("read-only"))
        return tr("Flashdisk tidak bisa ditulisi (terkunci atau rusak). Geser kunci tulisnya atau pakai flashdisk lain.");
    if (code == QLatin1String("mount-failed"))
        return tr("Flashdisk tidak bisa dibuka. Pakai flashdisk berformat FAT32 atau exFAT.");
    if (code == QLatin1String("unmount-failed"))
        return tr("Flashdisk belum bisa dilepas dari sistem. Jangan cabut dulu; tekan Simpan lagi atau nyalakan ulang anjungan.");
    return tr("Pembantu flashdisk menolak permintaan (%1). Hubungi pengelola anjungan.").arg(code);
}

void StickMount::ask(const QString &action)
{
    if (busy())
        return;
    m_action = action;
    if (!hasHelper()) {
        Q_EMIT finished(action, Done {});
        return;
    }
    m_id = QString::number(QRandomGenerator::global()->generate64(), 16);
    QFile::remove(QDir(m_spool).filePath(QStringLiteral("result")));
    // Written whole and renamed into place: the helper's .path unit never sees half a request.
    QSaveFile request(QDir(m_spool).filePath(QStringLiteral("request")));
    if (!request.open(QIODevice::WriteOnly) || request.write(QStringLiteral("%1 %2\n").arg(action, m_id).toLatin1()) < 0
        || !request.commit()) {
        finish(Error {ErrorCode::Io, tr("Permintaan ke pembantu flashdisk tidak bisa ditulis: %1").arg(request.errorString())});
        return;
    }
    m_since.start();
    m_poll.start();
}

void StickMount::poll()
{
    QFile result(QDir(m_spool).filePath(QStringLiteral("result")));
    if (result.open(QIODevice::ReadOnly)) {
        const QStringList words = QString::fromLatin1(result.read(256)).simplified().split(QLatin1Char(' '));
        if (words.value(0) == m_id) {
            if (words.value(1) == QLatin1String("ok"))
                finish(Done {});
            else
                finish(Error {ErrorCode::Io, describe(words.value(2))});
            return;
        }
    }
    if (m_since.elapsed() > kTimeoutMs)
        finish(Error {ErrorCode::Io, tr("Pembantu flashdisk tidak menjawab. Nyalakan ulang anjungan, lalu coba lagi.")});
}

void StickMount::finish(const Status &result)
{
    m_poll.stop();
    m_id.clear();
    Q_EMIT finished(m_action, result);
}

} // namespace kiosk
