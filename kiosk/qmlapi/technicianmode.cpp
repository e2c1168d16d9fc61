#include "technicianmode.h"

#include "devicestatus.h"
#include "enrollment.h"
#include "firstbootsetup.h"
#include "linkprobe.h"
#include "masking.h"
#include "outbox.h"
#include "payloadclassifier.h"
#include "printjobtracker.h"
#include "syncstatus.h"
#include "testpage.h"
#include "visitflow.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QThread>

Q_LOGGING_CATEGORY(lcTechnician, "anjungan.technician")

namespace kiosk {

TechnicianMode::TechnicianMode(VisitFlow &flow, const StaffDirectory &directory, OutboxRepository &outbox, DeviceStatus &devices,
    SyncStatus &sync, devices::PrintJobTracker &print, TechnicianSettings settings, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_directory(directory)
    , m_outbox(outbox)
    , m_devices(devices)
    , m_sync(sync)
    , m_print(print)
    , m_settings(std::move(settings))
    , m_alertBook(outbox.store())
    , m_stick(m_settings.stickSpool)
{
    connect(&m_stick, &StickMount::finished, this, &TechnicianMode::onStick);
    connect(&m_flow, &VisitFlow::wiped, this, &TechnicianMode::lock);
    connect(&m_sync, &SyncStatus::synced, this, [this] {
        m_lastSync = QDateTime::currentDateTime();
        m_lastSyncProblem = m_sync.problem();
        if (signedIn())
            refresh();
    });
}

void TechnicianMode::setMessage(const QString &message)
{
    if (m_message == message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void TechnicianMode::setMode(bool withoutCard, const StaffMember &cardHolder)
{
    m_withoutCard = withoutCard;
    m_cardHolder = cardHolder;
    Q_EMIT modeChanged();
}

void TechnicianMode::lock()
{
    setMessage({});
    m_cardPayload.clear();
    setMode(false, {});
    if (!m_scans.isEmpty()) {
        m_scans.clear();
        Q_EMIT scansChanged();
    }
    if (!m_technician.isValid())
        return;
    qCInfo(lcTechnician).noquote() << "technician signed out:" << m_technician.username;
    m_technician = {};
    Q_EMIT signedInChanged();
}

bool TechnicianMode::takeCard(const QString &cardPayload)
{
    const StaffDirectory::SignIn card = m_directory.identifyCard(cardPayload);
    const bool onSignIn = m_flow.screen() == VisitFlow::TechnicianLogin;
    if (!onSignIn && !(card.granted() && card.staff.technician))
        return false;
    if (!card.granted()) {
        setMessage(card.message);
        return true;
    }
    if (!card.staff.technician) {
        setMessage(tr("Kartu %1 adalah kartu petugas loket, bukan kartu teknisi. Mode teknisi hanya untuk teknisi.").arg(card.staff.name));
        return true;
    }
    if (!onSignIn)
        start();
    m_cardPayload = cardPayload;
    setMode(false, card.staff);
    return true;
}

QString TechnicianMode::describeScan(const QString &payload)
{
    const devices::PayloadClassification scan = devices::PayloadClassifier::classify(payload);
    QString kind;
    QString shown;
    switch (scan.kind) {
    case devices::PayloadKind::Nik:
        kind = tr("NIK");
        shown = serverlink::masking::nik(scan.nik);
        break;
    case devices::PayloadKind::TicketQr:
        kind = tr("kode QR tiket");
        shown = payload.left(9) + QStringLiteral("…");
        break;
    case devices::PayloadKind::LetterSeal:
        kind = tr("segel surat");
        shown = payload.left(40) + (payload.size() > 40 ? QStringLiteral("…") : QString());
        break;
    case devices::PayloadKind::StaffCard:
        kind = tr("kartu petugas");
        shown = tr("(disembunyikan)");
        break;
    case devices::PayloadKind::ComplaintSlip:
        kind = tr("slip pengaduan");
        shown = payload.left(20) + QStringLiteral("…");
        break;
    case devices::PayloadKind::Unknown:
        kind = scan.accepted() ? tr("tidak dikenal") : tr("ditolak: %1").arg(scan.message);
        shown = maskPersonalData(payload.left(80));
        break;
    }
    return QStringLiteral("%1: \"%2\" (%3 karakter)").arg(kind, shown).arg(payload.size());
}

bool TechnicianMode::showScan(const QString &source, const QString &payload)
{
    if (m_flow.screen() != VisitFlow::Technician)
        return false;
    const QString scanner = source.isEmpty() ? tr("Pemindai") : tr("Pemindai %1").arg(source);
    m_scans.insert(scanner, describeScan(payload));
    Q_EMIT scansChanged();
    return true;
}

QStringList TechnicianMode::scans() const
{
    QStringList lines;
    for (auto it = m_scans.cbegin(); it != m_scans.cend(); ++it)
        lines << QStringLiteral("%1 — %2").arg(it.key(), it.value());
    return lines;
}

void TechnicianMode::start()
{
    m_flow.openTechnician();
    m_cardPayload.clear();
    setMode(false, {});
}

void TechnicianMode::startWithoutCard()
{
    m_cardPayload.clear();
    setMessage({});
    setMode(true, {});
}

void TechnicianMode::login(const QString &pin)
{
    if (m_cardPayload.isEmpty()) {
        setMessage(tr("Pindai kartu teknisi Anda dulu, lalu masukkan PIN."));
        return;
    }
    finish(m_directory.signInWithCard(m_cardPayload, pin));
}

void TechnicianMode::loginWithoutCard(const QString &username, const QString &pin)
{
    finish(m_directory.signInWithPassword(username, pin));
}

void TechnicianMode::finish(const StaffDirectory::SignIn &result)
{
    if (result.lockStarted)
        qCWarning(lcTechnician).noquote() << "technician sign-in locked out:" << result.staff.username;
    if (!result.granted()) {
        setMessage(result.message);
        return;
    }
    if (!result.staff.technician) {
        setMessage(tr("Akun %1 adalah akun petugas loket, bukan akun teknisi. Mode teknisi hanya untuk teknisi.").arg(result.staff.name));
        return;
    }
    setMessage({});
    m_cardPayload.clear();
    m_technician = result.staff;
    qCInfo(lcTechnician).noquote() << "technician signed in:" << m_technician.username;
    Q_EMIT signedInChanged();
    refresh();
    m_flow.show(VisitFlow::Technician);
}

void TechnicianMode::refresh()
{
    m_linkLines.clear();
    m_linkLines << tr("Server: %1").arg(m_settings.serverUrl.isEmpty() ? tr("belum diatur") : m_settings.serverUrl);
    if (const auto certificate = serverlink::KioskEnrollment::describeCertificate(m_settings.clientCert)) {
        const qint64 days = QDateTime::currentDateTimeUtc().daysTo(certificate->notAfter);
        m_linkLines << tr("Sertifikat anjungan: %1, berlaku sampai %2 (%3 hari lagi)")
                           .arg(certificate->kioskId, certificate->notAfter.toString(QStringLiteral("d-M-yyyy")))
                           .arg(days);
    } else {
        m_linkLines << tr("Sertifikat anjungan: belum ada; anjungan perlu didaftarkan.");
    }
    m_linkLines << (m_lastSync.isValid() ? tr("Sinkronisasi terakhir: %1").arg(m_lastSync.toString(QStringLiteral("HH:mm:ss")))
                                         : tr("Sinkronisasi terakhir: belum ada sejak anjungan menyala"));
    if (!m_lastSyncProblem.isEmpty())
        m_linkLines << tr("Masalah terakhir: %1").arg(m_lastSyncProblem);
    const OutboxStats stats = m_outbox.stats();
    m_linkLines << tr("Antrean kirim: %1 menunggu, %2 ditahan").arg(stats.waiting).arg(stats.parked);
    m_linkLines << tr("Halaman dokumen belum terkirim: %1").arg(stats.pagesPending);
    m_parked.clear();
    for (const ParkedRequest &p : m_outbox.parkedRequests())
        m_parked.append(QVariantMap {{QStringLiteral("number"), p.registrationNumber}, {QStringLiteral("service"), p.serviceCode},
            {QStringLiteral("reason"), maskPersonalData(p.reason)},
            {QStringLiteral("created"), p.createdAt.toLocalTime().toString(QStringLiteral("d-M-yyyy HH:mm"))}});
    m_systemLines = readSystemFacts(m_settings.dataDir, m_settings.appVersion, m_settings.imageVersion).lines();
    m_logLines = LogRing::lines();
    m_alerts = m_outbox.technicianAlerts();
    m_openAlerts.clear();
    for (const TechnicianAlert &a : m_alertBook.openAlerts())
        m_openAlerts.append(QVariantMap {{QStringLiteral("key"), a.key}, {QStringLiteral("text"), a.text},
            {QStringLiteral("since"), a.since.toLocalTime().toString(QStringLiteral("d-M-yyyy HH:mm"))},
            {QStringLiteral("source"), a.fromBackend ? tr("dari kecamatan") : tr("anjungan ini")}});
    m_journal = m_outbox.technicianJournal();
    Q_EMIT refreshed();
}

void TechnicianMode::retryParked(const QString &registrationNumber)
{
    if (!signedIn())
        return;
    if (const Status done = m_outbox.retryParked(registrationNumber, m_technician.username); !done) {
        setMessage(done.error().message);
        return;
    }
    qCInfo(lcTechnician).noquote() << "parked request sent again:" << registrationNumber << "by" << m_technician.username;
    setMessage(tr("Permohonan %1 dikirim ulang pada sinkronisasi berikutnya.").arg(registrationNumber));
    m_sync.deliverSoon();
    refresh();
}

void TechnicianMode::cancelParked(const QString &registrationNumber)
{
    if (!signedIn())
        return;
    if (const Status done = m_outbox.abandonParked(registrationNumber, m_technician.username); !done) {
        setMessage(done.error().message);
        return;
    }
    qCInfo(lcTechnician).noquote() << "parked request withdrawn:" << registrationNumber << "by" << m_technician.username;
    setMessage(tr("Permohonan %1 dibatalkan: tidak dikirim, tetap tercatat di anjungan.").arg(registrationNumber));
    m_sync.deliverSoon();
    refresh();
}

void TechnicianMode::acknowledgeAlert(const QString &key)
{
    if (!signedIn())
        return;
    if (const Status done = m_alertBook.acknowledge(key, m_technician.username); !done) {
        setMessage(done.error().message);
        refresh();
        return;
    }
    qCInfo(lcTechnician).noquote() << "alert" << key << "handled by" << m_technician.username;
    setMessage(key.startsWith(QLatin1String("armada:")) ? tr("Peringatan selesai ditangani. Kecamatan diberi tahu saat sambungan tersedia.")
                                                        : tr("Peringatan selesai ditangani."));
    m_sync.deliverSoon();
    refresh();
}

void TechnicianMode::setEnrollment(FirstBootSetup *enrollment)
{
    m_enrollment = enrollment;
    connect(m_enrollment, &FirstBootSetup::enrollmentEnded, this, [this](bool ok, const QString &detail) {
        if (m_reenrolledBy.isEmpty())
            return;
        const QString action = ok ? QStringLiteral("daftar-ulang-berhasil") : QStringLiteral("daftar-ulang-gagal");
        if (const Status kept = m_outbox.recordTechnicianAction(m_reenrolledBy, action, detail); !kept)
            qCWarning(lcTechnician) << "re-enrollment not journaled:" << kept.error();
        qCInfo(lcTechnician).noquote() << "re-enrollment by" << m_reenrolledBy << (ok ? "succeeded:" : "failed:") << detail;
        if (ok)
            m_reenrolledBy.clear();
    });
    connect(m_enrollment, &FirstBootSetup::activeChanged, this, [this] {
        if (!m_enrollment->active())
            m_reenrolledBy.clear();
    });
}

void TechnicianMode::reenroll()
{
    if (!signedIn() || !m_enrollment || m_enrollment->active())
        return;
    // The files the running kiosk uses are the ones a new code replaces.
    SetupPaths paths = SetupConfig::paths(m_settings.configPath);
    paths.dataDir = m_settings.dataDir.isEmpty() ? paths.dataDir : m_settings.dataDir;
    paths.caFile = m_settings.caFile.isEmpty() ? paths.caFile : m_settings.caFile;
    paths.clientCert = m_settings.clientCert.isEmpty() ? paths.clientCert : m_settings.clientCert;
    paths.clientKey = m_settings.clientKey.isEmpty() ? paths.clientKey : m_settings.clientKey;
    m_reenrolledBy = m_technician.username;
    if (const Status kept = m_outbox.recordTechnicianAction(m_reenrolledBy, QStringLiteral("daftar-ulang"), m_settings.serverUrl); !kept)
        qCWarning(lcTechnician) << "re-enrollment not journaled:" << kept.error();
    qCInfo(lcTechnician).noquote() << "re-enrollment opened by" << m_reenrolledBy;
    m_enrollment->beginReenrollment(paths, m_settings.serverUrl);
}

void TechnicianMode::checkLink()
{
    if (!signedIn() || m_checkingLink)
        return;
    m_checkingLink = true;
    m_linkCheck = {tr("Memeriksa sambungan…")};
    Q_EMIT linkCheckChanged();
    serverlink::LinkOptions options;
    options.proxy = m_settings.proxy;
    // The check blocks up to the link's timeouts: never on the UI thread.
    QThread *worker
        = QThread::create([self = QPointer<TechnicianMode>(this), url = m_settings.serverUrl,
                              tls = serverlink::TlsPolicy {m_settings.caFile, m_settings.clientCert, m_settings.clientKey}, options] {
              const LinkCheck check = kiosk::checkLink(url, tls, options);
              QMetaObject::invokeMethod(
                  QCoreApplication::instance(),
                  [self, check] {
                      if (!self)
                          return;
                      self->m_checkingLink = false;
                      self->m_linkCheck = check.lines;
                      Q_EMIT self->linkCheckChanged();
                  },
                  Qt::QueuedConnection);
          });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void TechnicianMode::testPrint(const QString &role)
{
    if (!signedIn())
        return;
    const bool ticket = role == QLatin1String("ticket");
    const int job = ticket ? m_print.submit(role, testTicketJob(m_settings.kioskId), QStringLiteral("application/vnd.cups-raw"),
                        QStringLiteral("Tes printer tiket"))
                           : m_print.submit(QStringLiteral("letter"), testLetterPdf(m_settings.kioskId), QStringLiteral("application/pdf"),
                               QStringLiteral("Halaman uji printer surat"));
    setMessage(job > 0 ? (ticket ? tr("Tiket uji dikirim ke printer tiket.") : tr("Halaman uji dikirim ke printer surat."))
                       : tr("Printer tidak menerima halaman uji. Periksa kabel, daya dan kertas."));
}

DiagnosticsBundle TechnicianMode::bundle() const
{
    DiagnosticsBundle b;
    b.kioskId = m_settings.kioskId;
    b.config = configWithoutSecrets(m_settings.configPath);
    b.system = m_systemLines;
    b.devices = m_devices.deviceStates() + scans();
    b.link = m_linkLines + m_linkCheck;
    for (const QVariant &p : m_parked) {
        const QVariantMap row = p.toMap();
        b.link << QStringLiteral("ditahan: %1 %2 — %3")
                      .arg(row.value(QStringLiteral("number")).toString(), row.value(QStringLiteral("service")).toString(),
                          row.value(QStringLiteral("reason")).toString());
    }
    b.link += m_journal;
    b.alerts = m_alerts;
    for (const QVariant &a : m_openAlerts) {
        const QVariantMap row = a.toMap();
        b.alerts << QStringLiteral("terbuka: %1 (%2, sejak %3)")
                        .arg(row.value(QStringLiteral("text")).toString(), row.value(QStringLiteral("source")).toString(),
                            row.value(QStringLiteral("since")).toString());
    }
    b.logLines = m_logLines;
    return b;
}

void TechnicianMode::exportDiagnostics()
{
    if (!signedIn() || m_stick.busy())
        return;
    refresh();
    if (m_stick.hasHelper())
        setMessage(tr("Membuka flashdisk…"));
    m_stick.mount();
}

void TechnicianMode::onStick(const QString &action, const Status &result)
{
    if (action == QLatin1String("mount")) {
        if (!result) {
            qCWarning(lcTechnician).noquote() << "stick not mounted:" << result.error().message;
            setMessage(result.error().message);
            return;
        }
        m_exported = kiosk::exportDiagnostics(bundle(), m_settings.exportFolder, QDateTime::currentDateTimeUtc());
        if (m_exported)
            qCInfo(lcTechnician).noquote() << "diagnostics exported to" << m_exported.value();
        if (m_stick.hasHelper()) {
            setMessage(tr("Menyimpan dan melepas flashdisk…"));
            m_stick.unmount();
            return;
        }
        setMessage(m_exported ? tr("Berkas diagnostik tersimpan di %1. Lepaskan flashdisk dengan aman.").arg(m_exported.value())
                              : m_exported.error().message);
        return;
    }
    if (!result)
        qCWarning(lcTechnician).noquote() << "stick not unmounted:" << result.error().message;
    if (!m_exported)
        setMessage(m_exported.error().message
            + (result ? tr(" Flashdisk sudah dilepas dari sistem: aman dicabut.") : QStringLiteral(" ") + result.error().message));
    else if (result)
        setMessage(tr("Berkas diagnostik tersimpan di flashdisk (folder %1). Flashdisk sudah dilepas dari sistem: aman dicabut sekarang.")
                       .arg(QFileInfo(m_exported.value()).fileName()));
    else
        setMessage(tr("Berkas diagnostik tersimpan di flashdisk (folder %1), tetapi: %2")
                       .arg(QFileInfo(m_exported.value()).fileName(), result.error().message));
}

void TechnicianMode::signOut()
{
    m_flow.goHome();
}

} // namespace kiosk
