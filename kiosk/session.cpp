#include "session.h"

#include "crypto.h"
#include "escpos.h"
#include "nik.h"
#include "outbox.h"
#include "printer.h"
#include "staffauth.h"
#include "ticketrenderer.h"

#include <QFile>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSession, "anjungan.session")

namespace kiosk {

namespace {
constexpr int kMaxScanLength = 4096;

QString collapse(const QString &v)
{
    return v.simplified().left(serverlink::kMaxFieldLength);
}
} // namespace

ScanKind classifyScan(const QString &payload)
{
    if (payload.isEmpty() || payload.size() > kMaxScanLength)
        return ScanKind::Unknown;
    for (QChar c : payload)
        if (c.category() == QChar::Other_Control || c == QChar::ReplacementCharacter)
            return ScanKind::Unknown;
    const QString trimmed = payload.trimmed();
    if (trimmed.size() == 16 && std::all_of(trimmed.begin(), trimmed.end(), [](QChar c) { return c.isDigit() && c.unicode() < 128; }))
        return ScanKind::Nik;
    if (OutboxRepository::statusTokenFromQr(trimmed))
        return ScanKind::TicketQr;
    if (trimmed.startsWith(QLatin1String("SQ1:")))
        return ScanKind::LetterSeal;
    return ScanKind::Unknown;
}

Session::Session(OutboxRepository &outbox, CatalogModel &catalog, StaffAuth &staff, devices::Printer *ticketPrinter,
    devices::Printer *letterPrinter, QString officeName, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_catalog(catalog)
    , m_staff(staff)
    , m_ticketPrinter(ticketPrinter)
    , m_letterPrinter(letterPrinter)
    , m_officeName(std::move(officeName))
{
    connect(&m_catalog, &CatalogModel::countChanged, this, &Session::catalogChanged);
    connect(&m_catalog, &CatalogModel::countChanged, this, &Session::serviceChanged);
    m_outboxDepth = m_outbox.depth();
}

QString Session::serviceName() const
{
    const auto s = m_catalog.find(m_serviceCode);
    return s ? s->name : QString();
}

QStringList Session::requirements() const
{
    const auto s = m_catalog.find(m_serviceCode);
    return s ? s->requirements : QStringList();
}

void Session::setName(const QString &v)
{
    m_name = v.left(serverlink::kMaxFieldLength);
    Q_EMIT formChanged();
}

void Session::setAddress(const QString &v)
{
    m_address = v.left(serverlink::kMaxFieldLength);
    Q_EMIT formChanged();
}

void Session::setPurpose(const QString &v)
{
    m_purpose = v.left(serverlink::kMaxFieldLength);
    Q_EMIT formChanged();
}

void Session::setScreen(const QString &screen)
{
    if (m_screen == screen)
        return;
    m_screen = screen;
    setNotice({});
    Q_EMIT screenChanged();
}

void Session::setNotice(const QString &notice)
{
    if (m_notice == notice)
        return;
    m_notice = notice;
    Q_EMIT noticeChanged();
}

void Session::setNik(const QString &nik)
{
    m_nik = nik.left(16);
    m_nikValid = false;
    m_nikError.clear();
    m_nikSummary.clear();
    if (m_nik.size() == 16) {
        const auto parsed = parseNik(m_nik);
        if (const auto *info = std::get_if<NikInfo>(&parsed)) {
            const QLocale id(QLocale::Indonesian, QLocale::Indonesia);
            m_nikValid = true;
            m_nikSummary = QStringLiteral("Lahir %1 · %2 · kode wilayah %3.%4.%5")
                               .arg(id.toString(info->birthDate, QStringLiteral("d MMMM yyyy")),
                                   info->female ? QStringLiteral("Perempuan") : QStringLiteral("Laki-laki"), info->regionCode.left(2),
                                   info->regionCode.mid(2, 2), info->regionCode.mid(4, 2));
        } else {
            m_nikError = nikErrorMessage(std::get<NikError>(parsed));
        }
    }
    Q_EMIT nikChanged();
}

void Session::startRequest()
{
    goHome();
    setScreen(QStringLiteral("identify"));
}

void Session::typeDigit(const QString &digit)
{
    if (digit.size() == 1 && digit.at(0).isDigit() && m_nik.size() < 16)
        setNik(m_nik + digit);
}

void Session::eraseDigit()
{
    setNik(m_nik.left(m_nik.size() - 1));
}

void Session::confirmNik()
{
    if (m_nik.size() != 16) {
        m_nikError = nikErrorMessage(NikError::WrongLength);
        Q_EMIT nikChanged();
        return;
    }
    if (m_nikValid)
        setScreen(QStringLiteral("service"));
}

void Session::chooseService(const QString &code)
{
    if (!m_catalog.find(code)) {
        setNotice(QStringLiteral("Layanan ini belum tersedia di anjungan. Silakan pilih layanan lain."));
        return;
    }
    m_serviceCode = code;
    Q_EMIT serviceChanged();
    setScreen(QStringLiteral("form"));
}

void Session::review()
{
    m_name = collapse(m_name);
    m_address = collapse(m_address);
    m_purpose = collapse(m_purpose);
    if (m_name.size() < 3)
        m_formError = QStringLiteral("Tulis nama lengkap sesuai KTP.");
    else if (m_address.size() < 5)
        m_formError = QStringLiteral("Tulis alamat lengkap (dusun, RT/RW).");
    else if (m_purpose.size() < 3)
        m_formError = QStringLiteral("Tulis untuk keperluan apa surat ini.");
    else
        m_formError.clear();
    Q_EMIT formChanged();
    if (m_formError.isEmpty())
        setScreen(QStringLiteral("review"));
}

void Session::editForm()
{
    setScreen(QStringLiteral("form"));
}

void Session::submit()
{
    if (m_screen != QLatin1String("review") || !m_nikValid)
        return;
    NewRequest request {m_serviceCode, m_nik, m_name, m_address, m_purpose, {}};
    const auto queued = m_outbox.enqueue(request);
    if (!queued) {
        qCCritical(lcSession).noquote() << "enqueue failed:" << queued.error();
        setNotice(QStringLiteral("Maaf, permohonan belum dapat disimpan. Silakan hubungi petugas."));
        return;
    }
    // The ticket prints only after the request is committed.
    const TicketContent content {m_officeName, serviceName(), queued->registrationNumber, queued->queueNumber, queued->createdAt,
        OutboxRepository::ticketQrPayload(queued->statusToken)};
    const QByteArray job = devices::escpos::ticketJob(TicketRenderer().render(content));
    devices::PrintSubmission printed;
    if (m_ticketPrinter)
        printed = m_ticketPrinter->submit(
            job, QStringLiteral("application/vnd.cups-raw"), QStringLiteral("Tiket %1").arg(queued->registrationNumber));
    else
        printed.error = QStringLiteral("Printer tiket belum diatur.");
    m_outbox.recordTicketPrint(queued->id, printed.accepted, printed.jobId, printed.error);
    qCInfo(lcSession).noquote() << "queued" << queued->registrationNumber << "ticket job" << printed.jobId;

    const auto service = m_catalog.find(m_serviceCode);
    m_ticket = {
        {QStringLiteral("registrationNumber"), queued->registrationNumber},
        {QStringLiteral("queueLabel"), TicketRenderer::queueLabel(queued->queueNumber)},
        {QStringLiteral("printed"), printed.accepted},
        {QStringLiteral("printMessage"), printed.accepted ? QString() : printed.error + QStringLiteral(" Catat nomor registrasi Anda.")},
        {QStringLiteral("estimatedDays"), service ? service->estimatedDays : 0},
    };
    Q_EMIT ticketChanged();
    m_outboxDepth = m_outbox.depth();
    Q_EMIT syncChanged();
    Q_EMIT requestQueued();
    setScreen(QStringLiteral("done"));
}

void Session::openStatus()
{
    goHome();
    setScreen(QStringLiteral("status"));
}

void Session::checkStatus(const QString &registrationNumber)
{
    const QString key = registrationNumber.trimmed().toUpper();
    std::optional<RequestStatus> s;
    if (const auto token = OutboxRepository::statusTokenFromQr(registrationNumber.trimmed()))
        s = m_outbox.findByStatusToken(*token);
    else if (!key.isEmpty() && key.size() <= 32)
        s = m_outbox.findByRegistrationNumber(key);
    if (!s) {
        m_status = {{QStringLiteral("found"), false},
            {QStringLiteral("message"),
                QStringLiteral("Nomor registrasi tidak ditemukan di anjungan ini. Periksa lagi nomor pada tiket Anda.")}};
    } else {
        const auto service = m_catalog.find(s->serviceCode);
        m_status = {
            {QStringLiteral("found"), true},
            {QStringLiteral("registrationNumber"), s->registrationNumber},
            {QStringLiteral("serviceName"), service ? service->name : s->serviceCode},
            {QStringLiteral("maskedName"), s->maskedName},
            {QStringLiteral("stage"), serverlink::stageToWire(s->stage)},
            {QStringLiteral("stageLabel"), serverlink::stageLabelId(s->stage)},
            {QStringLiteral("note"), s->note},
            {QStringLiteral("stageAt"),
                QLocale(QLocale::Indonesian, QLocale::Indonesia).toString(s->stageAt.toLocalTime(), QStringLiteral("d MMMM yyyy HH:mm"))},
        };
    }
    Q_EMIT statusChanged();
    setScreen(QStringLiteral("status"));
}

void Session::openStaff()
{
    goHome();
    setScreen(QStringLiteral("staffLogin"));
}

void Session::setStaffMessage(const QString &message)
{
    m_staffMessage = message;
    Q_EMIT staffChanged();
}

void Session::staffLogin(const QString &pin)
{
    switch (m_staff.check(pin)) {
    case StaffAuth::Outcome::Granted:
        m_staffUnlocked = true;
        setStaffMessage({});
        setScreen(QStringLiteral("staff"));
        return;
    case StaffAuth::Outcome::Denied:
        setStaffMessage(QStringLiteral("PIN salah. Sisa percobaan: %1.").arg(StaffAuth::kFreeAttempts - m_staff.failures()));
        return;
    case StaffAuth::Outcome::LockedOut:
        setStaffMessage(QStringLiteral("Terlalu banyak PIN salah. Coba lagi dalam %1 detik.").arg(m_staff.secondsLocked()));
        return;
    case StaffAuth::Outcome::NotConfigured:
        setStaffMessage(QStringLiteral("PIN petugas belum diatur. Hubungi teknisi."));
        return;
    }
}

QVariantList Session::readyLetters() const
{
    QVariantList out;
    if (!m_staffUnlocked)
        return out;
    for (const RequestStatus &s : m_outbox.readyLetters()) {
        const auto service = m_catalog.find(s.serviceCode);
        out.append(QVariantMap {{QStringLiteral("registrationNumber"), s.registrationNumber},
            {QStringLiteral("serviceName"), service ? service->name : s.serviceCode}, {QStringLiteral("maskedName"), s.maskedName},
            {QStringLiteral("queueLabel"), TicketRenderer::queueLabel(s.queueNumber)}});
    }
    return out;
}

int Session::readyLetterCount() const
{
    return int(readyLetters().size());
}

void Session::printLetter(const QString &registrationNumber)
{
    if (!m_staffUnlocked)
        return;
    const auto s = m_outbox.findByRegistrationNumber(registrationNumber);
    if (!s || s->letterPath.isEmpty()) {
        setStaffMessage(QStringLiteral("Surat %1 belum tersedia di anjungan ini.").arg(registrationNumber));
        return;
    }
    QFile file(s->letterPath);
    const QByteArray pdf = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    // Print only the exact letter the backend signed.
    if (pdf.isEmpty() || QString::fromLatin1(serverlink::crypto::sha256(pdf).toHex()) != s->letterSha256) {
        qCCritical(lcSession).noquote() << "letter integrity check failed for" << registrationNumber;
        setStaffMessage(QStringLiteral("Berkas surat %1 rusak atau berubah; tidak dicetak. Hubungi teknisi.").arg(registrationNumber));
        return;
    }
    if (!m_letterPrinter) {
        setStaffMessage(QStringLiteral("Printer surat belum diatur. Hubungi teknisi."));
        return;
    }
    const auto printed
        = m_letterPrinter->submit(pdf, QStringLiteral("application/pdf"), QStringLiteral("Surat %1").arg(registrationNumber));
    if (!printed.accepted) {
        setStaffMessage(printed.error);
        return;
    }
    ++m_lettersPrinted;
    setStaffMessage(QStringLiteral("Surat %1 dikirim ke printer (pekerjaan #%2).").arg(registrationNumber).arg(printed.jobId));
}

void Session::back()
{
    static const QHash<QString, QString> previous {
        {QStringLiteral("identify"), QStringLiteral("welcome")},
        {QStringLiteral("service"), QStringLiteral("identify")},
        {QStringLiteral("form"), QStringLiteral("service")},
        {QStringLiteral("review"), QStringLiteral("form")},
    };
    const QString to = previous.value(m_screen);
    if (to.isEmpty() || to == QLatin1String("welcome"))
        goHome();
    else
        setScreen(to);
}

void Session::goHome()
{
    setNik({});
    m_serviceCode.clear();
    m_name.clear();
    m_address.clear();
    m_purpose.clear();
    m_formError.clear();
    m_ticket.clear();
    m_status.clear();
    m_staffUnlocked = false;
    m_staffMessage.clear();
    Q_EMIT serviceChanged();
    Q_EMIT formChanged();
    Q_EMIT ticketChanged();
    Q_EMIT statusChanged();
    Q_EMIT staffChanged();
    setScreen(QStringLiteral("welcome"));
    setNotice({});
}

void Session::handleScan(const QString &payload)
{
    switch (classifyScan(payload)) {
    case ScanKind::Nik:
        if (m_screen == QLatin1String("welcome"))
            setScreen(QStringLiteral("identify"));
        if (m_screen == QLatin1String("identify")) {
            setNik(payload.trimmed());
            return;
        }
        setNotice(QStringLiteral("NIK hanya dapat dipindai pada langkah identitas."));
        return;
    case ScanKind::TicketQr:
        if (m_screen == QLatin1String("welcome") || m_screen == QLatin1String("status") || m_screen == QLatin1String("done"))
            checkStatus(payload);
        else
            setNotice(QStringLiteral("Untuk cek status, selesaikan dulu atau batalkan langkah ini."));
        return;
    case ScanKind::LetterSeal:
        setNotice(QStringLiteral("Verifikasi surat belum tersedia di anjungan ini. Silakan tanyakan ke petugas."));
        return;
    case ScanKind::Unknown:
        setNotice(QStringLiteral("Kode yang dipindai tidak dikenali. Pindai barcode KTP atau kode QR pada tiket."));
        return;
    }
}

void Session::handleSynced(int outboxDepth, const QString &problem)
{
    m_outboxDepth = outboxDepth;
    m_syncProblem = problem;
    ++m_syncRounds;
    Q_EMIT syncChanged();
    if (m_screen == QLatin1String("staff"))
        Q_EMIT staffChanged();
    if (m_screen == QLatin1String("status") && m_status.value(QStringLiteral("found")).toBool())
        checkStatus(m_status.value(QStringLiteral("registrationNumber")).toString());
}

void Session::handleCatalog(const QByteArray &catalogJson)
{
    if (!m_catalog.loadJson(catalogJson))
        qCWarning(lcSession) << "catalog from the backend is malformed; keeping the previous one";
}

} // namespace kiosk
