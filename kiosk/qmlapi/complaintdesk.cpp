#include "complaintdesk.h"

#include "escpos.h"
#include "livelink.h"
#include "nik.h"
#include "printjobtracker.h"
#include "ticketrenderer.h"
#include "visitflow.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcComplaint, "anjungan.complaint")

namespace kiosk {

ComplaintDesk::ComplaintDesk(
    VisitFlow &flow, ComplaintBox *box, devices::PrintJobTracker &print, QString officeName, LiveLink *live, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_box(box)
    , m_print(print)
    , m_officeName(std::move(officeName))
    , m_live(live)
{
    connect(&m_flow, &VisitFlow::languageChanged, this, &ComplaintDesk::categoriesChanged);
    connect(&m_flow, &VisitFlow::wiped, this, &ComplaintDesk::reset);
}

QVariantList ComplaintDesk::categories() const
{
    QVariantList out;
    for (const serverlink::WireChoice &c : serverlink::complaintCategories())
        out.append(QVariantMap {{QStringLiteral("wire"), QString::fromLatin1(c.wire)},
            {QStringLiteral("label"), QCoreApplication::translate("Complaint", c.label)}});
    return out;
}

int ComplaintDesk::maxTextLength()
{
    return serverlink::ComplaintBody::kMaxTextLength;
}

void ComplaintDesk::reset()
{
    m_error.clear();
    m_filedNumber.clear();
    m_phoneGiven = false;
    Q_EMIT changed();
    if (!m_scannedNik.isEmpty()) {
        m_scannedNik.clear();
        Q_EMIT scannedNikChanged();
    }
    ++m_lookup;
    setAnswer({});
}

void ComplaintDesk::acceptNikScan(const QString &nik)
{
    m_scannedNik = nik;
    Q_EMIT scannedNikChanged();
}

void ComplaintDesk::setError(const QString &error)
{
    m_error = error;
    Q_EMIT changed();
}

void ComplaintDesk::setAnswer(const ComplaintAnswerView &answer)
{
    if (m_answer == answer)
        return;
    m_answer = answer;
    Q_EMIT answerChanged();
}

void ComplaintDesk::open()
{
    reset();
    m_flow.show(VisitFlow::Complaint);
}

bool ComplaintDesk::submit(const QString &category, const QString &text, const QString &nik, const QString &phone)
{
    const QString categoryLabel = serverlink::complaintCategoryLabel(category);
    if (categoryLabel.isEmpty()) {
        setError(tr("Pilih jenis pengaduan."));
        return false;
    }
    const QString body = text.trimmed();
    if (body.isEmpty()) {
        setError(tr("Tuliskan pengaduan Anda."));
        return false;
    }
    if (body.size() > maxTextLength()) {
        setError(tr("Pengaduan paling banyak %1 huruf. Persingkat tulisan Anda.").arg(maxTextLength()));
        return false;
    }
    const QString typedNik = nik.trimmed();
    if (!typedNik.isEmpty()) {
        const auto parsed = parseNik(typedNik);
        if (const auto *problem = std::get_if<NikError>(&parsed)) {
            setError(nikErrorMessage(*problem) + QLatin1Char(' ') + tr("Atau kosongkan NIK untuk mengadu tanpa nama."));
            return false;
        }
    }
    QString mobile;
    if (!phone.trimmed().isEmpty()) {
        const auto normalized = serverlink::normalizePhone(phone);
        if (!normalized) {
            setError(tr("Nomor HP tidak dikenali. Tulis seperti 0812xxxxxxxx, atau kosongkan bila tidak perlu SMS."));
            return false;
        }
        mobile = *normalized;
    }
    const auto filed = m_box ? m_box->file({category, body, typedNik, mobile})
                             : Result<FiledComplaint>(Error {ErrorCode::NotFound, QStringLiteral("no complaint store on this kiosk")});
    if (!filed) {
        qCCritical(lcComplaint).noquote() << "complaint not stored:" << filed.error().message;
        setError(tr("Pengaduan belum tersimpan. Coba sekali lagi; bila tetap gagal, sampaikan kepada petugas."));
        return false;
    }
    qCInfo(lcComplaint).noquote() << "filed complaint" << filed->number;
    // The slip prints only after the complaint is committed.
    const ComplaintSlipContent slip {m_officeName, filed->number, categoryLabel, filed->filedAt, filed->qrPayload()};
    m_print.submit(QStringLiteral("ticket"), devices::escpos::ticketJob(TicketRenderer().renderComplaintSlip(slip)),
        QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Pengaduan %1").arg(filed->number));
    m_error.clear();
    m_filedNumber = filed->number;
    m_phoneGiven = !mobile.isEmpty();
    Q_EMIT changed();
    Q_EMIT complaintFiled();
    return true;
}

void ComplaintDesk::lookUp(const QString &number, const QString &token)
{
    const int lookup = ++m_lookup;
    ComplaintAnswerView view;
    view.number = number;
    view.state = ComplaintAnswerView::Asking;
    setAnswer(view);
    m_flow.show(VisitFlow::ComplaintAnswer);
    if (!m_live) {
        view.state = ComplaintAnswerView::Offline;
        view.message = tr("Anjungan ini belum tersambung ke kantor kecamatan, jadi jawaban belum dapat dibaca di sini. Simpan slip "
                          "Anda dan tanyakan kepada petugas.");
        setAnswer(view);
        return;
    }
    // The token travels in a header, never in the URL.
    const QString path = QStringLiteral("/complaints/%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(number)));
    m_live->get(path, {{"X-Complaint-Token", token.toLatin1()}}, this, [this, lookup, view](const serverlink::LinkResponse &r) mutable {
        // A newer scan, or the visit ended while the backend answered.
        if (lookup != m_lookup)
            return;
        if (r.ok()) {
            const auto body = serverlink::ComplaintView::fromJson(r.body);
            if (body) {
                const QLocale id(QLocale::Indonesian, QLocale::Indonesia);
                const auto when = [&](const QDateTime &t) {
                    return t.isValid() ? id.toString(t.toLocalTime(), QStringLiteral("d MMMM yyyy HH:mm")) : QString();
                };
                view.state = ComplaintAnswerView::Found;
                view.category = QCoreApplication::translate("Complaint", serverlink::complaintCategoryLabel(body->category).toUtf8());
                view.status = serverlink::complaintStatusToWire(body->status);
                view.statusLabel = QCoreApplication::translate("Complaint", serverlink::complaintStatusLabelId(body->status).toUtf8());
                view.answer = body->answer;
                view.filedAt = when(body->filedAt);
                view.answeredAt = when(body->answeredAt);
                setAnswer(view);
                return;
            }
            view.state = ComplaintAnswerView::Failed;
            view.message = tr("Jawaban kantor kecamatan tidak terbaca. Coba lagi nanti atau tanyakan kepada petugas.");
        } else if (r.error == serverlink::LinkError::Http && r.status == 404) {
            view.state = ComplaintAnswerView::NotFound;
            view.message = tr("Pengaduan ini tidak ditemukan. Bila slip baru saja dicetak, pengaduan mungkin belum terkirim ke kecamatan: "
                              "coba lagi beberapa saat lagi.");
        } else if (r.error == serverlink::LinkError::Http && r.status == 403) {
            view.state = ComplaintAnswerView::Failed;
            view.message = tr("Slip ini dari kecamatan lain. Pindai di anjungan desa di kecamatan tempat Anda mengadu.");
        } else if (r.error == serverlink::LinkError::Http) {
            view.state = ComplaintAnswerView::Failed;
            view.message = tr("Kantor kecamatan belum dapat menjawab sekarang. Coba lagi nanti atau tanyakan kepada petugas.");
        } else {
            view.state = ComplaintAnswerView::Offline;
            view.message = tr("Anjungan sedang tidak tersambung ke kantor kecamatan. Pengaduan Anda tetap tercatat; coba lagi nanti "
                              "atau tanyakan kepada petugas.");
        }
        qCInfo(lcComplaint).noquote() << "complaint look-up of" << view.number << "failed:" << r.status;
        setAnswer(view);
    });
}

} // namespace kiosk
