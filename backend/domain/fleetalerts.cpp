#include "fleetalerts.h"

#include "offices.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSettings>
#include <algorithm>

Q_LOGGING_CATEGORY(lcFleet, "backend.fleet")

namespace backend {

namespace {

using Condition = bool (*)(const KioskHeartbeat &, const FleetAlertPolicy &, const QDateTime &, QStringList *);

/// One alert rule: its word, its label and the condition the latest heartbeat shows.
struct Rule {
    AlertKind kind;
    const char *wire;
    const char *label;
    Condition condition;
};

bool oneOf(const QString &state, std::initializer_list<const char *> words)
{
    return std::any_of(words.begin(), words.end(), [&state](const char *w) { return state == QLatin1String(w); });
}

/// A printer's raw reasons with the severity suffix (-report, -warning, -error) removed.
QStringList reasonWords(const serverlink::PrinterReport &p)
{
    QStringList words;
    for (QString reason : p.reasons) {
        for (const char *suffix : {"-report", "-warning", "-error"})
            if (reason.endsWith(QLatin1String(suffix)))
                reason.chop(int(qstrlen(suffix)));
        words.append(reason);
    }
    return words;
}

/// The raw reasons of the printer of `role` ("ticket", "letter"); empty when the kiosk does not report them.
QStringList reasonsOf(const KioskHeartbeat &b, const char *role)
{
    for (const serverlink::PrinterReport &p : b.printers)
        if (p.role == QLatin1String(role))
            return reasonWords(p);
    return {};
}

/// Out of paper: the kiosk's word, or RFC 8011's media-empty / media-needed ("a tray has run out of media").
bool paperOut(const KioskHeartbeat &b, const char *role)
{
    const bool ticket = qstrcmp(role, "ticket") == 0;
    const QString &word = ticket ? b.printerState : b.letterPrinterState;
    const QStringList reasons = reasonsOf(b, role);
    return word == QLatin1String("paper-out") || (ticket && b.paperState == QLatin1String("out"))
        || reasons.contains(QLatin1String("media-empty")) || reasons.contains(QLatin1String("media-needed"));
}

/// Paper low and not out: the kiosk's word, or media-low among the raw reasons even when a worse word hides it.
bool paperLow(const KioskHeartbeat &b, const char *role)
{
    const bool ticket = qstrcmp(role, "ticket") == 0;
    const QString &word = ticket ? b.printerState : b.letterPrinterState;
    return !paperOut(b, role)
        && (word == QLatin1String("paper-low") || (ticket && b.paperState == QLatin1String("low"))
            || reasonsOf(b, role).contains(QLatin1String("media-low")));
}

const Rule kRules[] {
    {AlertKind::Silent, "silent", "Anjungan tidak terdengar",
        [](const KioskHeartbeat &b, const FleetAlertPolicy &p, const QDateTime &now, QStringList *seen) {
            if (b.lastSeen.secsTo(now) <= p.silentAfterSeconds)
                return false;
            seen->append(
                QStringLiteral("terakhir terdengar %1").arg(b.lastSeen.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
            return true;
        }},
    {AlertKind::PaperOut, "paper_out", "Kertas printer habis",
        [](const KioskHeartbeat &b, const FleetAlertPolicy &, const QDateTime &, QStringList *seen) {
            if (paperOut(b, "ticket"))
                seen->append(QStringLiteral("printer tiket"));
            if (paperOut(b, "letter"))
                seen->append(QStringLiteral("printer surat"));
            return !seen->isEmpty();
        }},
    {AlertKind::PaperLow, "paper_low", "Kertas printer hampir habis",
        [](const KioskHeartbeat &b, const FleetAlertPolicy &, const QDateTime &, QStringList *seen) {
            if (paperLow(b, "ticket"))
                seen->append(QStringLiteral("printer tiket"));
            if (paperLow(b, "letter"))
                seen->append(QStringLiteral("printer surat"));
            return !seen->isEmpty();
        }},
    {AlertKind::PrinterOffline, "printer_offline", "Printer mati atau terputus",
        [](const KioskHeartbeat &b, const FleetAlertPolicy &, const QDateTime &, QStringList *seen) {
            if (oneOf(b.printerState, {"offline", "stopped"}))
                seen->append(QStringLiteral("printer tiket %1").arg(b.printerState));
            if (oneOf(b.letterPrinterState, {"offline", "stopped"}))
                seen->append(QStringLiteral("printer surat %1").arg(b.letterPrinterState));
            return !seen->isEmpty();
        }},
    {AlertKind::ScannerGone, "scanner_gone", "Pemindai tidak terpasang",
        [](const KioskHeartbeat &b, const FleetAlertPolicy &, const QDateTime &, QStringList *seen) {
            // Each scanner where the kiosk reports them (one of two unplugged counts); the summary word otherwise.
            for (const serverlink::ScannerReport &s : b.scanners)
                if (oneOf(serverlink::healthStateToWire(s.state), {"offline", "stopped", "none"}))
                    seen->append(QStringLiteral("%1 %2").arg(s.uri, serverlink::healthStateToWire(s.state)));
            if (b.scanners.isEmpty() && oneOf(b.scannerState, {"offline", "stopped", "none"}))
                seen->append(QStringLiteral("pemindai %1").arg(b.scannerState));
            return !seen->isEmpty();
        }},
    {AlertKind::DiskLow, "disk_low", "Disk hampir penuh",
        [](const KioskHeartbeat &b, const FleetAlertPolicy &p, const QDateTime &, QStringList *seen) {
            if (b.freeDiskMb < 0 || b.freeDiskMb >= p.diskLowMb)
                return false;
            seen->append(QStringLiteral("sisa %1 MB").arg(b.freeDiskMb));
            return true;
        }},
    {AlertKind::CertificateExpiring, "certificate_expiring", "Sertifikat segera kedaluwarsa",
        [](const KioskHeartbeat &b, const FleetAlertPolicy &p, const QDateTime &now, QStringList *seen) {
            if (!b.certNotAfter.isValid() || now.secsTo(b.certNotAfter) >= qint64(p.certificateWarningDays) * 86400)
                return false;
            seen->append(QStringLiteral("berlaku sampai %1").arg(b.certNotAfter.toUTC().date().toString(Qt::ISODate)));
            return true;
        }},
    {AlertKind::OutboxStalled, "outbox_stalled", "Antrean kirim macet",
        [](const KioskHeartbeat &b, const FleetAlertPolicy &p, const QDateTime &now, QStringList *seen) {
            if (!b.outboxStalledSince.isValid() || b.outboxStalledSince.secsTo(now) < qint64(p.outboxStalledMinutes) * 60)
                return false;
            seen->append(QStringLiteral("%1 permohonan menunggu sejak %2")
                             .arg(b.outboxDepth)
                             .arg(b.outboxStalledSince.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
            return true;
        }},
};

const Rule *ruleOf(AlertKind kind)
{
    for (const Rule &r : kRules)
        if (r.kind == kind)
            return &r;
    return nullptr;
}

/// The kecamatan of a desa: the first six digits of its BPS code.
QString kecamatanOf(const QString &desaCode)
{
    return desaCode.left(6);
}

} // namespace

Result<FleetAlertPolicy> FleetAlertPolicy::load(const QString &path)
{
    FleetAlertPolicy p;
    if (path.isEmpty() || !QFile::exists(path))
        return p;
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return Error {ErrorCode::Io, QStringLiteral("Berkas pengaturan %1 tidak dapat dibaca.").arg(path)};
    const auto number = [&ini](const char *key, qint64 fallback, qint64 minimum) {
        bool ok = false;
        const qint64 v = ini.value(QLatin1String(key)).toLongLong(&ok);
        return ok ? std::max(minimum, v) : fallback;
    };
    p.silentAfterSeconds = int(number("armada/silent_after_seconds", p.silentAfterSeconds, 1));
    p.diskLowMb = number("armada/disk_low_mb", p.diskLowMb, 0);
    p.certificateWarningDays = int(number("armada/certificate_warning_days", p.certificateWarningDays, 0));
    p.outboxStalledMinutes = int(number("armada/outbox_stalled_minutes", p.outboxStalledMinutes, 1));
    p.scanIntervalMs = int(number("armada/scan_interval_ms", p.scanIntervalMs, 100));
    return p;
}

namespace fleetalerts {

QList<AlertKind> allKinds()
{
    QList<AlertKind> kinds;
    for (const Rule &r : kRules)
        kinds.append(r.kind);
    return kinds;
}

QString kindToWire(AlertKind kind)
{
    const Rule *r = ruleOf(kind);
    return r ? QString::fromLatin1(r->wire) : QString();
}

std::optional<AlertKind> kindFromWire(const QString &wire)
{
    for (const Rule &r : kRules)
        if (wire == QLatin1String(r.wire))
            return r.kind;
    return std::nullopt;
}

QString kindLabel(AlertKind kind)
{
    const Rule *r = ruleOf(kind);
    return r ? QString::fromUtf8(r->label) : QString();
}

bool holds(AlertKind kind, const KioskHeartbeat &beat, const FleetAlertPolicy &policy, const QDateTime &now, QString *detail)
{
    const Rule *r = ruleOf(kind);
    QStringList seen;
    const bool on = r && r->condition(beat, policy, now, &seen);
    if (detail)
        *detail = seen.join(QStringLiteral(", "));
    return on;
}

QList<AlertCondition> conditionsOf(
    const KioskHeartbeat &beat, const FleetAlertPolicy &policy, const QDateTime &now, const QList<AlertKind> &kinds)
{
    QList<AlertCondition> out;
    for (AlertKind kind : kinds) {
        QString detail;
        if (holds(kind, beat, policy, now, &detail))
            out.append({kindToWire(kind), detail, smsText(kind, beat.kioskId, beat.desaCode, detail)});
    }
    return out;
}

QDateTime outboxStalledSince(const std::optional<KioskHeartbeat> &previous, int outboxDepth, const QDateTime &now)
{
    if (outboxDepth <= 0)
        return {};
    // Shrinking (or newly filled) restarts the clock; holding or growing keeps the time it started.
    if (!previous || previous->outboxDepth <= 0 || outboxDepth < previous->outboxDepth)
        return now;
    return previous->outboxStalledSince.isValid() ? previous->outboxStalledSince : previous->lastSeen;
}

QString smsText(AlertKind kind, const QString &kioskId, const QString &desaCode, const QString &detail)
{
    QString text = QStringLiteral("Anjungan %1 desa %2: %3").arg(kioskId, desaCode, kindLabel(kind));
    if (!detail.isEmpty())
        text += QStringLiteral(" (%1)").arg(detail);
    text += QStringLiteral(". Buka halaman Armada.");
    // GSM-7 only: the words above are ASCII; a kiosk-supplied URI is cut rather than split into two SMS.
    return text.size() <= 160 ? text : text.left(157) + QStringLiteral("...");
}

bool looksAfterKiosksOf(const QList<Capacity> &capacities, const OfficeDirectory &offices, const QString &desaCode)
{
    const auto desa = offices.desa(desaCode);
    const QString kecamatan = desa ? desa->kecamatanCode : kecamatanOf(desaCode);
    for (const Capacity &c : capacities) {
        if (c.role == Role::SuperAdmin)
            return true;
        const bool kecamatanRole
            = c.role == Role::KasiPelayanan || c.role == Role::Camat || c.role == Role::AdminKecamatan || c.role == Role::Teknisi;
        if (kecamatanRole && c.office == kecamatan)
            return true;
    }
    return false;
}

} // namespace fleetalerts

FleetAlerts::FleetAlerts(BackendStore &store, FleetAlertPolicy policy)
    : m_store(store)
    , m_policy(policy)
{ }

Result<AlertChanges> FleetAlerts::reconcile(
    const KioskHeartbeat &beat, const QList<AlertCondition> &active, const QList<AlertKind> &considered, const QDateTime &now)
{
    const auto officers = m_store.officers();
    if (!officers)
        return officers.error();
    const QString kecamatan = kecamatanOf(beat.desaCode);
    QList<AlertRecipient> recipients;
    for (const OfficerRecord &o : officers.value())
        if (o.active && o.role == Role::Teknisi && o.office == kecamatan && !o.phone.isEmpty())
            recipients.append({o.id, o.phone});
    QStringList kinds;
    for (AlertKind k : considered)
        kinds.append(fleetalerts::kindToWire(k));
    auto changes = m_store.reconcileAlerts(
        beat.kioskId, beat.desaCode, active, kinds, recipients, kecamatan + QLatin1Char('/') + roleToWire(Role::Teknisi), now);
    if (changes) {
        for (const KioskAlertRecord &a : changes.value().raised)
            qCInfo(lcFleet).noquote() << "alert" << a.id << a.kind << "raised for" << a.kioskId << "to" << recipients.size() << "teknisi";
        for (const KioskAlertRecord &a : changes.value().cleared)
            qCInfo(lcFleet).noquote() << "alert" << a.id << a.kind << "of" << a.kioskId << "cleared";
    }
    return changes;
}

Result<AlertChanges> FleetAlerts::onHeartbeat(const KioskHeartbeat &beat, const QDateTime &now)
{
    QList<AlertKind> kinds = fleetalerts::allKinds();
    kinds.removeAll(AlertKind::Silent);
    QList<AlertKind> considered = fleetalerts::allKinds();
    return reconcile(beat, fleetalerts::conditionsOf(beat, m_policy, now, kinds), considered, now);
}

Result<AlertChanges> FleetAlerts::scanSilent(const QDateTime &now, const QDateTime &listeningSince)
{
    // Not heard for N since the backend listens again: before, the silence may have been the backend's own.
    if (listeningSince.isValid() && listeningSince.secsTo(now) <= m_policy.silentAfterSeconds)
        return AlertChanges {};
    const auto beats = m_store.latestHeartbeats();
    if (!beats)
        return beats.error();
    AlertChanges all;
    for (const KioskHeartbeat &beat : beats.value()) {
        const QList<AlertCondition> silent = fleetalerts::conditionsOf(beat, m_policy, now, {AlertKind::Silent});
        // Clearing Silent is the heartbeat's job: only raise here.
        if (silent.isEmpty())
            continue;
        const auto changes = reconcile(beat, silent, {AlertKind::Silent}, now);
        if (!changes)
            return changes.error();
        all.raised += changes.value().raised;
    }
    return all;
}

Status FleetAlerts::acknowledge(
    const QList<Capacity> &capacities, const OfficeDirectory &offices, qint64 alertId, const QString &actor, const QDateTime &now)
{
    const auto alert = m_store.kioskAlert(alertId);
    if (!alert)
        return alert.error();
    if (!alert.value())
        return Error {ErrorCode::NotFound, QStringLiteral("Peringatan %1 tidak ditemukan.").arg(alertId)};
    if (!fleetalerts::looksAfterKiosksOf(capacities, offices, alert.value()->desaCode))
        return Error {ErrorCode::Forbidden, QStringLiteral("Peringatan ini milik anjungan kecamatan lain.")};
    const auto done = m_store.acknowledgeAlert(alertId, actor, now);
    if (!done)
        return done.error();
    return Done {};
}

Result<bool> FleetAlerts::acknowledgeFromKiosk(const QString &kioskId, qint64 alertId, const QString &technician, const QDateTime &at)
{
    const auto alert = m_store.kioskAlert(alertId);
    if (!alert)
        return alert.error();
    if (!alert.value())
        return Error {ErrorCode::NotFound, QStringLiteral("Peringatan %1 tidak ditemukan.").arg(alertId)};
    if (alert.value()->kioskId != kioskId)
        return Error {ErrorCode::Forbidden, QStringLiteral("Peringatan %1 milik anjungan lain.").arg(alertId)};
    return m_store.acknowledgeAlert(alertId, QStringLiteral("teknisi:%1 (anjungan %2)").arg(technician, kioskId), at);
}

Result<QList<serverlink::FleetAlert>> FleetAlerts::openAlertsOf(const QString &kioskId)
{
    const auto open = m_store.openAlertsOfKiosk(kioskId);
    if (!open)
        return open.error();
    QList<serverlink::FleetAlert> out;
    for (const KioskAlertRecord &a : open.value()) {
        const auto kind = fleetalerts::kindFromWire(a.kind);
        const QString label = kind ? fleetalerts::kindLabel(*kind) : a.kind;
        out.append({a.id, a.kind, a.detail.isEmpty() ? label : QStringLiteral("%1: %2").arg(label, a.detail), a.raisedAt});
    }
    return out;
}

FleetWatch::FleetWatch(BackendStore &store, FleetAlertPolicy policy)
    : m_alerts(store, policy)
    , m_intervalMs(policy.scanIntervalMs)
{ }

FleetWatch::~FleetWatch()
{
    stop();
}

void FleetWatch::start()
{
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_thread = std::thread([this] { run(); });
}

void FleetWatch::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeup.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void FleetWatch::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        if (const auto scanned = m_alerts.scanSilent(QDateTime::currentDateTimeUtc(), m_startedAt); !scanned)
            qCWarning(lcFleet).noquote() << "silent kiosks not checked:" << scanned.error().message;
        lock.lock();
        m_wakeup.wait_for(lock, std::chrono::milliseconds(m_intervalMs), [this] { return m_stopping; });
    }
}

} // namespace backend
