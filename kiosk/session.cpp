#include "session.h"

#include "crypto.h"
#include "escpos.h"
#include "idlemonitor.h"
#include "nik.h"
#include "outbox.h"
#include "payloadclassifier.h"
#include "printer.h"
#include "printjobtracker.h"
#include "sealverifier.h"
#include "staffauth.h"
#include "ticketissuer.h"
#include "ticketrenderer.h"

#include <QFile>
#include <QLocale>
#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSession, "anjungan.session")

namespace kiosk {

namespace {
QString collapse(const QString &v)
{
    return v.simplified().left(serverlink::kMaxFieldLength);
}

// Screens that belong to a citizen's visit: the idle monitor watches them.
bool isVisitScreen(const QString &screen)
{
    return screen != QLatin1String("welcome");
}
} // namespace

Session::Session(OutboxRepository &outbox, CatalogModel &catalog, StaffAuth &staff, IdleMonitor &idle, devices::PrintJobTracker &print,
    QString officeName, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_catalog(catalog)
    , m_staff(staff)
    , m_idle(idle)
    , m_print(print)
    , m_officeName(std::move(officeName))
{
    connect(&m_catalog, &CatalogModel::countChanged, this, &Session::catalogChanged);
    connect(&m_catalog, &CatalogModel::countChanged, this, &Session::serviceChanged);
    connect(&m_form, &FormModel::edited, this, &Session::formChanged);
    connect(&m_idle, &IdleMonitor::expired, this, [this] {
        qCInfo(lcSession) << "visit abandoned; wiping the session";
        goHome();
    });
    connect(&m_print, &devices::PrintJobTracker::printerStateChanged, this, &Session::handlePrinterState);
    connect(&m_print, &devices::PrintJobTracker::jobAccepted, this, &Session::handleJobAccepted);
    connect(&m_print, &devices::PrintJobTracker::jobRefused, this, &Session::handleJobRefused);
    connect(&m_print, &devices::PrintJobTracker::jobFinished, this, &Session::handleJobFinished);
    connect(&m_print, &devices::PrintJobTracker::jobsChanged, this, [this] {
        if (m_screen == QLatin1String("staff"))
            Q_EMIT staffChanged();
    });
    m_outboxDepth = m_outbox.depth();
}

void Session::setLanguage(const QString &language)
{
    const QString lang = language == QLatin1String("en") ? language : QStringLiteral("id");
    if (m_language == lang)
        return;
    m_language = lang;
    const bool english = lang == QLatin1String("en");
    m_catalog.setEnglish(english);
    m_form.setEnglish(english);
    Q_EMIT languageChanged();
    Q_EMIT serviceChanged();
    Q_EMIT formChanged();
    // Results computed in the old language are rebuilt by the screens that show them.
    if (m_nik.size() == 16)
        setNik(m_nik);
}

void Session::setLargeText(bool on)
{
    if (m_largeText == on)
        return;
    m_largeText = on;
    Q_EMIT largeTextChanged();
}

std::optional<CatalogService> Session::service() const
{
    return m_catalog.find(m_serviceCode);
}

QString Session::serviceName() const
{
    const auto s = service();
    return s ? s->displayName(m_catalog.english()) : QString();
}

QString Session::serviceDescription() const
{
    const auto s = service();
    return s ? s->displayDescription(m_catalog.english()) : QString();
}

int Session::estimatedDays() const
{
    const auto s = service();
    return s ? s->estimatedDays : 0;
}

QStringList Session::requirements() const
{
    const auto s = service();
    return s ? s->displayRequirements(m_catalog.english()) : QStringList();
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

void Session::setPhone(const QString &v)
{
    m_phone = v.left(20);
    Q_EMIT formChanged();
}

void Session::setScreen(const QString &screen)
{
    if (m_screen == screen)
        return;
    m_screen = screen;
    setNotice({});
    m_idle.setArmed(isVisitScreen(screen));
    m_idle.activity();
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
    m_nikFacts.clear();
    if (m_nik.size() == 16) {
        const auto parsed = parseNik(m_nik);
        if (const auto *info = std::get_if<NikInfo>(&parsed)) {
            const QLocale locale(m_language == QLatin1String("en") ? QLocale::English : QLocale::Indonesian);
            m_nikValid = true;
            m_nikFacts = {
                {QStringLiteral("birthDate"), locale.toString(info->birthDate, QStringLiteral("d MMMM yyyy"))},
                {QStringLiteral("sex"), info->female ? tr("Perempuan") : tr("Laki-laki")},
                {QStringLiteral("region"),
                    QStringLiteral("%1.%2.%3").arg(info->regionCode.left(2), info->regionCode.mid(2, 2), info->regionCode.mid(4, 2))},
            };
        } else {
            m_nikError = nikErrorMessage(std::get<NikError>(parsed));
        }
    }
    Q_EMIT nikChanged();
}

void Session::startRequest()
{
    wipe();
    setScreen(QStringLiteral("consent"));
}

void Session::acceptConsent()
{
    if (m_screen == QLatin1String("consent"))
        setScreen(QStringLiteral("identify"));
}

void Session::typeDigit(const QString &digit)
{
    if (digit.size() == 1 && digit.at(0).isDigit() && m_nik.size() < 16) {
        m_nikScanned = false;
        setNik(m_nik + digit);
    }
}

void Session::eraseDigit()
{
    m_nikScanned = false;
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
    const auto s = m_catalog.find(code);
    if (!s) {
        setNotice(tr("Layanan ini belum tersedia di anjungan. Silakan pilih layanan lain."));
        return;
    }
    if (m_serviceCode != code) {
        m_serviceCode = code;
        m_form.setSchema(s->fields);
        Q_EMIT serviceChanged();
    }
    m_catalog.setFilter({});
    setScreen(QStringLiteral("form"));
}

void Session::setField(const QString &key, const QString &value)
{
    for (int row = 0; row < m_form.rowCount(); ++row) {
        if (m_form.data(m_form.index(row), FormModel::KeyRole).toString() == key) {
            m_form.setValue(row, value);
            return;
        }
    }
}

bool Session::validateCommon()
{
    m_name = collapse(m_name);
    m_address = collapse(m_address);
    m_purpose = collapse(m_purpose);
    m_commonErrors.clear();
    if (m_name.size() < 3)
        m_commonErrors.insert(QStringLiteral("name"), tr("Tulis nama lengkap sesuai KTP."));
    if (m_address.size() < 5)
        m_commonErrors.insert(QStringLiteral("address"), tr("Tulis alamat lengkap (dusun, RT/RW)."));
    if (m_purpose.size() < 3)
        m_commonErrors.insert(QStringLiteral("purpose"), tr("Tulis untuk keperluan apa surat ini."));
    if (!m_phone.trimmed().isEmpty()) {
        if (const auto normalized = FormModel::normalizePhone(m_phone))
            m_phone = *normalized;
        else
            m_commonErrors.insert(QStringLiteral("phone"), tr("Nomor HP tidak dikenali. Contoh: 0812 3456 7890. Boleh dikosongkan."));
    }
    return m_commonErrors.isEmpty();
}

void Session::review()
{
    const bool common = validateCommon();
    const bool fields = m_form.validate();
    m_formError = common && fields ? QString() : tr("Ada isian yang perlu diperbaiki. Lihat pesan merah di bawah kolomnya.");
    Q_EMIT formChanged();
    if (m_formError.isEmpty())
        setScreen(QStringLiteral("review"));
}

QVariantList Session::reviewRows() const
{
    QVariantList rows {
        QVariantMap {{QStringLiteral("label"), tr("Surat")}, {QStringLiteral("value"), serviceName()}},
        QVariantMap {{QStringLiteral("label"), tr("NIK")}, {QStringLiteral("value"), m_nik}},
        QVariantMap {{QStringLiteral("label"), tr("Nama")}, {QStringLiteral("value"), m_name}},
        QVariantMap {{QStringLiteral("label"), tr("Alamat")}, {QStringLiteral("value"), m_address}},
        QVariantMap {{QStringLiteral("label"), tr("Keperluan")}, {QStringLiteral("value"), m_purpose}},
    };
    if (!m_phone.isEmpty())
        rows.append(QVariantMap {{QStringLiteral("label"), tr("Nomor HP")}, {QStringLiteral("value"), m_phone}});
    rows.append(m_form.summary());
    return rows;
}

void Session::editForm()
{
    setScreen(QStringLiteral("form"));
}

void Session::submit()
{
    if (m_screen != QLatin1String("review") || !m_nikValid)
        return;
    const NewRequest request {m_serviceCode, m_nik, m_name, m_address, m_purpose, m_phone, m_form.values()};
    const auto s = service();
    // Printing happens on the print service's thread; the done screen follows the job.
    const auto issued = issueTicket(m_outbox, request, m_officeName, s ? s->name : m_serviceCode, m_print);
    if (!issued) {
        qCCritical(lcSession).noquote() << "enqueue failed:" << issued.error();
        setNotice(tr("Maaf, permohonan belum dapat disimpan. Silakan hubungi petugas."));
        return;
    }
    const QueuedRequest &queued = issued->queued;
    m_currentTicketJob = issued->printJob;
    m_ticketJobs.insert(m_currentTicketJob, queued.id);
    qCInfo(lcSession).noquote() << "queued" << queued.registrationNumber << "ticket job" << m_currentTicketJob;

    m_ticket = {
        {QStringLiteral("registrationNumber"), queued.registrationNumber},
        {QStringLiteral("queueLabel"), TicketRenderer::queueLabel(queued.queueNumber)},
        {QStringLiteral("printed"), false},
        {QStringLiteral("printMessage"), tr("Tiket sedang dicetak…")},
        {QStringLiteral("estimatedDays"), s ? s->estimatedDays : 0},
        {QStringLiteral("requirements"), requirements()},
    };
    m_lastServiceCode = m_serviceCode;
    Q_EMIT ticketChanged();
    m_outboxDepth = m_outbox.depth();
    Q_EMIT syncChanged();
    Q_EMIT requestQueued();
    setScreen(QStringLiteral("done"));
}

QStringList Session::surveyQuestions() const
{
    // The nine elements of the IKM (PermenPAN-RB 14/2017), asked in plain words.
    return {tr("Persyaratan: apakah persyaratan surat mudah dipahami dan dipenuhi?"),
        tr("Prosedur: apakah cara mengajukan surat di anjungan ini mudah?"), tr("Waktu: apakah waktu penyelesaian yang dijanjikan wajar?"),
        tr("Biaya: apakah layanan ini gratis sesuai ketentuan?"), tr("Hasil: apakah surat yang Anda terima sesuai yang Anda minta?"),
        tr("Kemampuan petugas: apakah petugas paham dan cakap membantu?"), tr("Sikap petugas: apakah petugas sopan dan ramah?"),
        tr("Pengaduan: apakah tersedia cara menyampaikan keluhan dan saran?"),
        tr("Sarana: apakah anjungan dan ruang pelayanan nyaman dan bersih?")};
}

void Session::openSurvey()
{
    setScreen(QStringLiteral("survey"));
}

void Session::submitSurvey(const QVariantList &answers)
{
    serverlink::SurveyResponse response;
    response.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    response.serviceCode = m_lastServiceCode;
    response.at = QDateTime::currentDateTimeUtc();
    bool any = false;
    for (int i = 0; i < serverlink::SurveyResponse::kElements; ++i) {
        const int v = answers.value(i).toInt();
        any = any || (v >= 1 && v <= 4);
        response.answers.append(v >= 1 && v <= 4 ? v : 0);
    }
    // IKM needs all nine answers; an incomplete survey counts as skipped.
    if (any && !response.answers.contains(0)) {
        m_outbox.enqueueSurvey(response);
        ++m_surveysGiven;
        ++m_surveysWaiting;
        Q_EMIT surveyChanged();
        Q_EMIT requestQueued();
    }
    goHome();
}

void Session::openStatus()
{
    wipe();
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
    const QLocale locale(m_language == QLatin1String("en") ? QLocale::English : QLocale::Indonesian);
    if (!s) {
        m_status = {{QStringLiteral("found"), false},
            {QStringLiteral("message"), tr("Nomor registrasi tidak ditemukan di anjungan ini. Periksa lagi nomor pada tiket Anda.")}};
    } else {
        const auto svc = m_catalog.find(s->serviceCode);
        QVariantList timeline;
        for (const StageEvent &e : m_outbox.timeline(s->id))
            timeline.append(QVariantMap {{QStringLiteral("stage"), serverlink::stageToWire(e.stage)},
                {QStringLiteral("label"), serverlink::stageLabel(e.stage)},
                {QStringLiteral("at"), locale.toString(e.at.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm"))},
                {QStringLiteral("note"), e.note}});
        QString advice;
        switch (s->stage) {
        case serverlink::Stage::NeedsFix:
            advice = tr("Permohonan Anda perlu diperbaiki. Datang ke kantor desa dengan membawa tiket ini.");
            break;
        case serverlink::Stage::Rejected:
            advice = tr("Permohonan Anda ditolak. Alasannya tertulis di bawah; tanyakan ke petugas bila kurang jelas.");
            break;
        case serverlink::Stage::Ready:
            advice = tr("Surat Anda sudah jadi. Ambil di kantor desa dengan membawa tiket ini.");
            break;
        default:
            advice = tr("Permohonan Anda sedang diproses. Tidak perlu datang sampai surat siap.");
        }
        m_status = {
            {QStringLiteral("found"), true},
            {QStringLiteral("registrationNumber"), s->registrationNumber},
            {QStringLiteral("serviceName"), svc ? svc->displayName(m_catalog.english()) : s->serviceCode},
            {QStringLiteral("maskedName"), s->maskedName},
            {QStringLiteral("stage"), serverlink::stageToWire(s->stage)},
            {QStringLiteral("stageLabel"), serverlink::stageLabel(s->stage)},
            {QStringLiteral("note"), s->note},
            {QStringLiteral("advice"), advice},
            {QStringLiteral("stageAt"), locale.toString(s->stageAt.toLocalTime(), QStringLiteral("d MMMM yyyy HH:mm"))},
            {QStringLiteral("timeline"), timeline},
        };
    }
    Q_EMIT statusChanged();
    setScreen(QStringLiteral("status"));
}

void Session::openVerify()
{
    wipe();
    setScreen(QStringLiteral("verify"));
}

void Session::openHelp()
{
    wipe();
    setScreen(QStringLiteral("help"));
}

void Session::openStaff()
{
    wipe();
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
        setStaffMessage(tr("PIN salah. Sisa percobaan: %1.").arg(StaffAuth::kFreeAttempts - m_staff.failures()));
        return;
    case StaffAuth::Outcome::LockedOut:
        setStaffMessage(tr("Terlalu banyak PIN salah. Coba lagi dalam %1 detik.").arg(m_staff.secondsLocked()));
        return;
    case StaffAuth::Outcome::NotConfigured:
        setStaffMessage(tr("PIN petugas belum diatur. Hubungi teknisi."));
        return;
    }
}

QVariantList Session::readyLetters() const
{
    QVariantList out;
    if (!m_staffUnlocked)
        return out;
    for (const RequestStatus &s : m_outbox.readyLetters()) {
        const auto svc = m_catalog.find(s.serviceCode);
        out.append(QVariantMap {{QStringLiteral("registrationNumber"), s.registrationNumber},
            {QStringLiteral("serviceName"), svc ? svc->displayName(m_catalog.english()) : s.serviceCode},
            {QStringLiteral("maskedName"), s.maskedName}, {QStringLiteral("queueLabel"), TicketRenderer::queueLabel(s.queueNumber)}});
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
        setStaffMessage(tr("Surat %1 belum tersedia di anjungan ini.").arg(registrationNumber));
        return;
    }
    QFile file(s->letterPath);
    const QByteArray pdf = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    // Print only the exact letter the backend signed: its hash, and its seal when this kiosk has the trust list.
    QString problem;
    if (pdf.isEmpty() || QString::fromLatin1(serverlink::crypto::sha256(pdf).toHex()) != s->letterSha256) {
        problem = tr("Berkas surat %1 rusak atau berubah; tidak dicetak. Hubungi teknisi.").arg(registrationNumber);
    } else if (m_sealVerifier) {
        const LetterCheck check = m_sealVerifier->verifyLetterFile(s->letterPath, s->letterSha256);
        if (!check.ok)
            problem = tr("Surat %1 tidak dicetak: %2 Hubungi teknisi.").arg(registrationNumber, check.problem);
    }
    if (!problem.isEmpty()) {
        qCCritical(lcSession).noquote() << "letter check failed for" << registrationNumber;
        m_outbox.raiseTechnicianAlert(QStringLiteral("Surat %1 tidak dicetak: pemeriksaan hash/segel gagal.").arg(registrationNumber));
        setStaffMessage(problem);
        return;
    }
    const int job = m_print.submit(
        QStringLiteral("letter"), pdf, QStringLiteral("application/pdf"), QStringLiteral("Surat %1").arg(registrationNumber));
    m_letterJobs.insert(job, registrationNumber);
    setStaffMessage(tr("Surat %1 sedang dikirim ke printer…").arg(registrationNumber));
}

void Session::handOver(const QString &registrationNumber)
{
    if (!m_staffUnlocked)
        return;
    if (!m_outbox.markHandedOver(registrationNumber)) {
        setStaffMessage(tr("Surat %1 tidak ada di daftar surat siap.").arg(registrationNumber));
        return;
    }
    qCInfo(lcSession).noquote() << "handed over" << registrationNumber;
    setStaffMessage(tr("Surat %1 tercatat sudah diserahkan kepada pemohon.").arg(registrationNumber));
    Q_EMIT syncChanged();
    Q_EMIT requestQueued();
    Q_EMIT staffChanged();
}

void Session::reprintJob(int id)
{
    if (!m_staffUnlocked)
        return;
    m_print.reprint(id);
    setStaffMessage(tr("Pekerjaan cetak #%1 dikirim ulang ke printer.").arg(id));
}

void Session::reprintLostTickets()
{
    if (!m_staffUnlocked)
        return;
    const QList<qint64> held = m_ticketJobs.values();
    int sent = 0;
    for (const QueuedRequest &ticket : m_outbox.unprintedTickets()) {
        if (held.contains(ticket.id))
            continue; // still with the print service: its job above can be printed again
        const auto s = m_catalog.find(ticket.serviceCode);
        m_ticketJobs.insert(printTicket(ticket, m_officeName, s ? s->name : ticket.serviceCode, m_print), ticket.id);
        ++sent;
    }
    qCInfo(lcSession) << "staff reprinted" << sent << "lost tickets";
    setStaffMessage(
        sent == 0 ? tr("Tidak ada tiket hilang yang dapat dicetak ulang.") : tr("%n tiket dikirim ulang ke printer.", "", sent));
    Q_EMIT staffChanged();
}

void Session::discardJob(int id)
{
    if (!m_staffUnlocked)
        return;
    m_print.discard(id);
    if (const qint64 requestId = m_ticketJobs.take(id))
        m_outbox.recordTicketProblem(requestId, QStringLiteral("dibatalkan petugas"));
    m_letterJobs.remove(id);
    setStaffMessage(tr("Pekerjaan cetak #%1 dibatalkan.").arg(id));
}

QVariantList Session::printJobs() const
{
    QVariantList jobs;
    for (const devices::TrackedJob &job : m_print.pendingJobs()) {
        jobs.append(QVariantMap {{QStringLiteral("id"), job.id}, {QStringLiteral("title"), job.title},
            {QStringLiteral("problem"), job.problem}, {QStringLiteral("attempts"), job.attempts}, {QStringLiteral("stalled"), job.stalled},
            {QStringLiteral("needsStaff"), job.needsStaff}});
    }
    return jobs;
}

int Session::ticketsNotPrinted() const
{
    return m_outbox.stats().ticketsNotPrinted;
}

int Session::handoversWaiting() const
{
    return int(m_outbox.handoversToSend().size());
}

QStringList Session::deviceStates() const
{
    QStringList lines;
    for (auto it = m_deviceStates.cbegin(); it != m_deviceStates.cend(); ++it)
        lines << QStringLiteral("%1 — %2").arg(it.key(), it.value());
    return lines;
}

void Session::setDeviceState(const QString &device, const QString &state)
{
    if (m_deviceStates.value(device) == state)
        return;
    m_deviceStates.insert(device, state);
    if (m_screen == QLatin1String("staff"))
        Q_EMIT staffChanged();
}

void Session::back()
{
    static const QHash<QString, QString> previous {
        {QStringLiteral("identify"), QStringLiteral("consent")},
        {QStringLiteral("service"), QStringLiteral("identify")},
        {QStringLiteral("form"), QStringLiteral("service")},
        {QStringLiteral("review"), QStringLiteral("form")},
    };
    const QString to = previous.value(m_screen);
    if (to.isEmpty())
        goHome();
    else
        setScreen(to);
}

void Session::goHome()
{
    wipe();
    setScreen(QStringLiteral("welcome"));
    setLargeText(false);
    setLanguage(QStringLiteral("id"));
}

void Session::wipe()
{
    m_nikScanned = false;
    setNik({});
    m_serviceCode.clear();
    m_form.clear();
    m_catalog.setFilter({});
    m_name.clear();
    m_address.clear();
    m_purpose.clear();
    m_phone.clear();
    m_commonErrors.clear();
    m_formError.clear();
    m_ticket.clear();
    m_currentTicketJob = 0;
    m_status.clear();
    m_verdict.clear();
    m_sealText.clear();
    m_staffUnlocked = false;
    m_staffMessage.clear();
    Q_EMIT serviceChanged();
    Q_EMIT formChanged();
    Q_EMIT ticketChanged();
    Q_EMIT statusChanged();
    Q_EMIT verdictChanged();
    Q_EMIT staffChanged();
    setNotice({});
}

void Session::handleScan(const QString &payload)
{
    m_idle.activity();
    const devices::PayloadClassification scan = devices::PayloadClassifier::classify(payload);
    if (!scan.accepted()) {
        setNotice(scan.message);
        return;
    }
    switch (scan.kind) {
    case devices::PayloadKind::Nik:
        if (m_screen == QLatin1String("welcome") || m_screen == QLatin1String("consent")) {
            setNotice(tr("Sentuh \"Ajukan Surat\" dan setujui pemberitahuan data dulu, lalu pindai KTP Anda."));
            return;
        }
        if (m_screen == QLatin1String("identify")) {
            m_nikScanned = true;
            setNik(scan.nik);
            return;
        }
        setNotice(tr("NIK hanya dapat dipindai pada langkah identitas."));
        return;
    case devices::PayloadKind::TicketQr:
        if (m_screen == QLatin1String("welcome") || m_screen == QLatin1String("status") || m_screen == QLatin1String("done"))
            checkStatus(scan.text);
        else
            setNotice(tr("Untuk cek status, selesaikan dulu atau batalkan langkah ini."));
        return;
    case devices::PayloadKind::LetterSeal:
        if (m_screen == QLatin1String("welcome") || m_screen == QLatin1String("verify") || m_screen == QLatin1String("status"))
            verifyLetter(scan.text);
        else
            setNotice(tr("Untuk memeriksa surat, selesaikan dulu atau batalkan langkah ini."));
        return;
    case devices::PayloadKind::Unknown:
        setNotice(tr("Kode yang dipindai tidak dikenali. Pindai barcode KTP, kode QR pada tiket, atau kode QR pada surat."));
        return;
    }
}

void Session::verifyLetter(const QString &sealText)
{
    wipe();
    if (!m_sealVerifier) {
        m_verdict = {{QStringLiteral("verdict"), QStringLiteral("TIDAK_DIKENAL")},
            {QStringLiteral("reason"), tr("Anjungan ini belum memiliki daftar kunci tanda tangan. Hubungi teknisi.")}};
    } else {
        m_sealText = sealText;
        m_verdict = m_sealVerifier->verify(sealText);
    }
    Q_EMIT verdictChanged();
    setScreen(QStringLiteral("verify"));
}

void Session::checkHolderNik(const QString &nik)
{
    if (!m_sealVerifier || m_sealText.isEmpty())
        return;
    const bool match = m_sealVerifier->checkNik(m_sealText, nik.trimmed());
    m_verdict.insert(QStringLiteral("nikChecked"), true);
    m_verdict.insert(QStringLiteral("nikMatches"), match);
    Q_EMIT verdictChanged();
}

void Session::handleSynced(int outboxDepth, const QString &problem)
{
    m_outboxDepth = outboxDepth;
    m_surveysWaiting = int(m_outbox.dueSurveys().size());
    m_syncProblem = problem;
    ++m_syncRounds;
    Q_EMIT syncChanged();
    if (m_screen == QLatin1String("staff"))
        Q_EMIT staffChanged();
    if (m_screen == QLatin1String("status") && m_status.value(QStringLiteral("found")).toBool())
        checkStatus(m_status.value(QStringLiteral("registrationNumber")).toString());
}

void Session::handlePrinterState(const QString &role, devices::DeviceState state, const QString &message)
{
    setDeviceState(role == QLatin1String("ticket") ? tr("Printer tiket") : tr("Printer surat"), message.isEmpty() ? tr("siap") : message);
    if (role == QLatin1String("ticket")) {
        const QString notice = devices::canPrint(state) ? QString() : message;
        if (notice != m_printerNotice) {
            m_printerNotice = notice;
            Q_EMIT printerChanged();
        }
    } else if (m_screen == QLatin1String("staff") && !devices::canPrint(state)) {
        setStaffMessage(tr("Printer surat: %1").arg(message));
    }
}

void Session::setTicketPrintState(bool printed, const QString &message)
{
    m_ticket.insert(QStringLiteral("printed"), printed);
    m_ticket.insert(QStringLiteral("printMessage"), message);
    Q_EMIT ticketChanged();
}

void Session::handleJobAccepted(int id, int printerJobId)
{
    if (const qint64 requestId = m_ticketJobs.value(id)) {
        m_outbox.recordTicketAccepted(requestId, printerJobId);
        if (id == m_currentTicketJob && !m_ticket.isEmpty()) {
            setTicketPrintState(m_printerNotice.isEmpty(),
                m_printerNotice.isEmpty()
                    ? QString()
                    : tr("%1 Permohonan Anda sudah tersimpan; catat nomor registrasi Anda. Tiket tercetak setelah printer siap.")
                          .arg(m_printerNotice));
        }
    } else if (const QString reg = m_letterJobs.value(id); !reg.isEmpty()) {
        ++m_lettersPrinted;
        setStaffMessage(tr("Surat %1 dikirim ke printer (pekerjaan #%2).").arg(reg).arg(printerJobId));
    }
}

void Session::handleJobRefused(int id, const QString &reason)
{
    if (const qint64 requestId = m_ticketJobs.value(id)) {
        m_outbox.recordTicketProblem(requestId, reason);
        if (id == m_currentTicketJob && !m_ticket.isEmpty())
            setTicketPrintState(false, tr("Tiket belum tercetak (%1). Catat nomor registrasi Anda dan beri tahu petugas.").arg(reason));
    } else if (const QString reg = m_letterJobs.value(id); !reg.isEmpty()) {
        setStaffMessage(tr("Surat %1 belum dapat dicetak: %2").arg(reg, reason));
    }
}

void Session::handleJobFinished(int id, bool ok, const QString &reason)
{
    if (const QString reg = m_letterJobs.value(id); !reg.isEmpty()) {
        if (ok)
            m_letterJobs.remove(id);
        if (m_screen == QLatin1String("staff"))
            setStaffMessage(ok ? tr("Surat %1 selesai dicetak.").arg(reg) : tr("Surat %1 gagal dicetak: %2").arg(reg, reason));
        if (!ok)
            m_outbox.raiseTechnicianAlert(QStringLiteral("Surat %1 gagal dicetak: %2").arg(reg, reason));
        return;
    }
    const qint64 requestId = m_ticketJobs.value(id);
    if (!requestId)
        return;
    if (ok) {
        m_ticketJobs.remove(id);
        m_outbox.recordTicketPrinted(requestId);
        if (id == m_currentTicketJob && !m_ticket.isEmpty())
            setTicketPrintState(true, {});
    } else {
        // Kept by the tracker for staff to reprint; the record and the technician know.
        m_outbox.recordTicketProblem(requestId, reason);
        m_outbox.raiseTechnicianAlert(QStringLiteral("Tiket (pekerjaan #%1) gagal dicetak: %2").arg(id).arg(reason));
    }
    if (m_screen == QLatin1String("staff"))
        Q_EMIT staffChanged();
}

void Session::handleCatalog(const QByteArray &catalogJson)
{
    if (!m_catalog.loadJson(catalogJson))
        qCWarning(lcSession) << "catalog from the backend is malformed; keeping the previous one";
}

} // namespace kiosk
