// Print submit latency: from "Kirim"/"Cetak" (the kiosk hands a document to its print service) to the CUPS job
// accepted, for a ticket (ESC/POS raster) and a letter (PDF), side by side with `lp` submitting the same file to
// the same queue of the same private cupsd in the same run. Prints p50/p99 in milliseconds; no assertions on time.
#include "cupsprinter.h"
#include "escpos.h"
#include "printjobtracker.h"
#include "ticketrenderer.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

constexpr int kRuns = 40;

QByteArray letterPdf()
{
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QSizeF(215, 330), QPageSize::Millimeter, QStringLiteral("F4")));
    writer.setResolution(300);
    QPainter painter(&writer);
    painter.setFont(QFont(QStringLiteral("DejaVu Serif"), 11));
    for (int line = 0; line < 40; ++line)
        painter.drawText(200, 300 + line * 90, QStringLiteral("Baris %1 surat keterangan untuk uji kecepatan cetak.").arg(line + 1));
    QImage seal(330, 330, QImage::Format_Mono);
    seal.fill(1);
    painter.drawImage(QRect(2000, 3200, 330, 330), seal);
    painter.end();
    return pdf;
}

struct Row {
    double p50 = 0;
    double p99 = 0;
};

Row figures(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms.at(ms.size() / 2), ms.at(std::min(ms.size() - 1, ms.size() * 99 / 100))};
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const QString lp = QStandardPaths::findExecutable(QStringLiteral("lp"));
    if (lp.isEmpty() || !QFile::exists(QStringLiteral("/usr/sbin/cupsd"))) {
        std::printf("SKIP: cupsd or lp is not installed (packages cups, cups-client)\n");
        return 77;
    }
    QTemporaryDir dir;
    const QString script = QDir(qEnvironmentVariable("KIOSK_SOURCE_DIR")).filePath(QStringLiteral("scripts/private-cupsd"));
    QProcess start;
    start.start(script, {QStringLiteral("start"), dir.path()});
    if (!start.waitForFinished(60000) || start.exitCode() != 0) {
        std::printf("SKIP: private cupsd did not start: %s\n", start.readAllStandardError().constData());
        return 77;
    }
    const QString server = QString::fromUtf8(start.readAllStandardOutput()).trimmed().section(QLatin1Char('='), 1);

    const kiosk::TicketContent content {QStringLiteral("Kantor Desa Pitu"), QStringLiteral("Surat Keterangan Tidak Mampu"),
        QStringLiteral("3521112004-K0001-7Q4M9X2P"), 7, QDateTime::currentDateTime(),
        QStringLiteral("ADS1:") + QString(22, QLatin1Char('x')), {}, {}};
    const QByteArray ticket = devices::escpos::ticketJob(kiosk::TicketRenderer().render(content));
    const QByteArray letter = letterPdf();
    const QString ticketFile = dir.filePath(QStringLiteral("ticket.bin"));
    const QString letterFile = dir.filePath(QStringLiteral("letter.pdf"));
    for (const auto &[path, bytes] : {std::pair {ticketFile, ticket}, std::pair {letterFile, letter}}) {
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
    }

    devices::PrintJobTracker tracker(60000);
    tracker.addPrinter(QStringLiteral("ticket"), std::make_unique<devices::CupsPrinter>(QStringLiteral("ticket"), server));
    tracker.addPrinter(QStringLiteral("letter"), std::make_unique<devices::CupsPrinter>(QStringLiteral("letter"), server));
    tracker.start();

    std::printf("\nprint submit latency, %d jobs each, private cupsd %s (queue raw, capture backend)\n", kRuns, qPrintable(server));
    std::printf("document        bytes   kiosk p50   kiosk p99    lp p50    lp p99   (ms)\n");
    int failures = 0;
    for (const auto &[role, bytes, file, mime] :
        {std::tuple {QStringLiteral("ticket"), ticket, ticketFile, QStringLiteral("application/vnd.cups-raw")},
            std::tuple {QStringLiteral("letter"), letter, letterFile, QStringLiteral("application/pdf")}}) {
        std::vector<double> kiosk, baseline;
        for (int i = 0; i < kRuns; ++i) {
            // The kiosk: submit on the tracker's thread; accepted = CUPS gave a job id.
            QElapsedTimer clock;
            clock.start();
            bool accepted = false;
            QEventLoop loop;
            const auto c1 = QObject::connect(&tracker, &devices::PrintJobTracker::jobAccepted, &loop, [&] {
                accepted = true;
                loop.quit();
            });
            const auto c2 = QObject::connect(&tracker, &devices::PrintJobTracker::jobRefused, &loop, &QEventLoop::quit);
            tracker.submit(role, bytes, mime, QStringLiteral("bench %1").arg(i));
            loop.exec();
            kiosk.push_back(double(clock.nsecsElapsed()) / 1e6);
            QObject::disconnect(c1);
            QObject::disconnect(c2);
            failures += accepted ? 0 : 1;

            // The baseline: lp with the same file, same queue, same server.
            QProcess proc;
            clock.restart();
            proc.start(lp, {QStringLiteral("-h"), server, QStringLiteral("-d"), role, QStringLiteral("-o"), QStringLiteral("raw"), file});
            proc.waitForFinished(30000);
            baseline.push_back(double(clock.nsecsElapsed()) / 1e6);
            failures += proc.exitCode() == 0 ? 0 : 1;
        }
        const Row k = figures(kiosk), b = figures(baseline);
        std::printf("%-12s %8lld   %9.2f   %9.2f  %8.2f  %8.2f\n", qPrintable(role), qint64(bytes.size()), k.p50, k.p99, b.p50, b.p99);
    }
    std::printf("submissions refused: %d\n", failures);
    QProcess::execute(script, {QStringLiteral("stop"), dir.path()});
    return failures == 0 ? 0 : 1;
}
