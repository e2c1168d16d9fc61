#include "outbox.h"

#include <QFile>

#include "crypto.h"
#include "store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace kiosk {

namespace {
using serverlink::Stage;

constexpr char kTicketPrefix[] = "ADT1:";
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// 10 characters of Crockford base32 from 50 random bits, shown as XXXXX-XXXXX.
QString newRegistrationNumber()
{
    const QByteArray r = serverlink::crypto::randomBytes(8);
    quint64 bits = 0;
    for (char c : r)
        bits = (bits << 8) | quint8(c);
    QString out;
    for (int i = 0; i < 10; ++i) {
        if (i == 5)
            out += QLatin1Char('-');
        out += QLatin1Char(kCrockford[bits & 31]);
        bits >>= 5;
    }
    return out;
}

QString newStatusToken()
{
    return QString::fromLatin1(
        serverlink::crypto::randomBytes(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}
QDateTime fromIso(const QString &s)
{
    return QDateTime::fromString(s, Qt::ISODateWithMs);
}

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}
/// Binds a sealed status token to its request, and keeps it apart from the sealed request body.
QByteArray ticketAad(const QString &registrationNumber)
{
    return "ticket:" + registrationNumber.toUtf8();
}

} // namespace

OutboxRepository::OutboxRepository(const KioskStore &store, QByteArray deviceKey, Clock clock)
    : m_store(store)
    , m_key(std::move(deviceKey))
    , m_clock(std::move(clock))
{ }

Result<QueuedRequest> OutboxRepository::enqueue(const NewRequest &request)
{
    QueuedRequest queued;
    queued.createdAt = m_clock();
    queued.queueDay = queued.createdAt.toLocalTime().date();
    queued.registrationNumber = newRegistrationNumber();
    queued.statusToken = newStatusToken();
    queued.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    queued.serviceCode = request.serviceCode;

    serverlink::SubmitRequest body;
    body.registrationNumber = queued.registrationNumber;
    body.serviceCode = request.serviceCode;
    body.nik = request.nik;
    body.name = request.name;
    body.address = request.address;
    body.purpose = request.purpose;
    body.phone = request.phone;
    body.fields = request.fields;
    body.submittedAt = queued.createdAt.toUTC();
    const QByteArray sealed = serverlink::crypto::aeadSeal(m_key, body.toJson(), queued.registrationNumber.toUtf8());

    QSqlDatabase db = m_store.connection();
    QString err;
    if (!db.transaction())
        return QString(QStringLiteral("Penyimpanan tidak tersedia: %1").arg(db.lastError().text()));

    auto fail = [&](const QString &what) {
        db.rollback();
        return QString(QStringLiteral("Permohonan tidak tersimpan (%1): %2").arg(what, err));
    };

    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO requests (registration_number, status_token_hash, idempotency_key, service_code, payload,"
                             " created_at, stage, stage_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(queued.registrationNumber);
    q.addBindValue(serverlink::crypto::sha256(queued.statusToken.toLatin1()));
    q.addBindValue(queued.idempotencyKey);
    q.addBindValue(queued.serviceCode);
    q.addBindValue(sealed);
    q.addBindValue(iso(queued.createdAt));
    q.addBindValue(serverlink::stageToWire(Stage::Queued));
    q.addBindValue(iso(queued.createdAt));
    if (!run(q, &err))
        return fail(QStringLiteral("permohonan"));
    queued.id = q.lastInsertId().toLongLong();

    const QString day = queued.queueDay.toString(Qt::ISODate);
    q.prepare(QStringLiteral("INSERT INTO queue_counters (day, last_number) VALUES (?, 1)"
                             " ON CONFLICT (day) DO UPDATE SET last_number = queue_counters.last_number + 1"));
    q.addBindValue(day);
    if (!run(q, &err))
        return fail(QStringLiteral("nomor antrean"));
    q.prepare(QStringLiteral("SELECT last_number FROM queue_counters WHERE day = ?"));
    q.addBindValue(day);
    if (!run(q, &err) || !q.next())
        return fail(QStringLiteral("nomor antrean"));
    queued.queueNumber = q.value(0).toInt();

    q.prepare(QStringLiteral("INSERT INTO tickets (request_id, queue_day, queue_number, token_sealed) VALUES (?, ?, ?, ?)"));
    q.addBindValue(queued.id);
    q.addBindValue(day);
    q.addBindValue(queued.queueNumber);
    q.addBindValue(serverlink::crypto::aeadSeal(m_key, queued.statusToken.toLatin1(), ticketAad(queued.registrationNumber)));
    if (!run(q, &err))
        return fail(QStringLiteral("tiket"));

    q.prepare(QStringLiteral("INSERT INTO request_events (request_id, stage, at) VALUES (?, ?, ?)"));
    q.addBindValue(queued.id);
    q.addBindValue(serverlink::stageToWire(Stage::Queued));
    q.addBindValue(iso(queued.createdAt));
    if (!run(q, &err))
        return fail(QStringLiteral("riwayat"));

    if (!db.commit()) {
        err = db.lastError().text();
        return fail(QStringLiteral("commit"));
    }
    return queued;
}

void OutboxRepository::recordTicketAccepted(qint64 requestId, int printerJobId)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE tickets SET print_job = ?, print_error = NULL WHERE request_id = ?"));
    q.addBindValue(printerJobId);
    q.addBindValue(requestId);
    q.exec();
}

void OutboxRepository::recordTicketPrinted(qint64 requestId)
{
    QSqlQuery q(m_store.connection());
    // Printed: the token is on paper now and the kiosk no longer keeps it in any form it could read.
    q.prepare(QStringLiteral("UPDATE tickets SET printed_at = ?, print_error = NULL, token_sealed = NULL WHERE request_id = ?"));
    q.addBindValue(iso(m_clock()));
    q.addBindValue(requestId);
    q.exec();
}

void OutboxRepository::recordTicketProblem(qint64 requestId, const QString &problem)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE tickets SET print_error = ? WHERE request_id = ? AND printed_at IS NULL"));
    q.addBindValue(problem.isEmpty() ? QStringLiteral("?") : problem);
    q.addBindValue(requestId);
    q.exec();
}

QList<QueuedRequest> OutboxRepository::unprintedTickets()
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT r.id, r.registration_number, r.idempotency_key, t.queue_day, t.queue_number, r.created_at,"
                             " r.service_code, t.token_sealed FROM tickets t JOIN requests r ON r.id = t.request_id"
                             " WHERE t.printed_at IS NULL AND t.token_sealed IS NOT NULL AND r.purged_at IS NULL ORDER BY r.id"));
    q.exec();
    QList<QueuedRequest> out;
    while (q.next()) {
        QueuedRequest t;
        t.id = q.value(0).toLongLong();
        t.registrationNumber = q.value(1).toString();
        t.idempotencyKey = q.value(2).toString();
        t.queueDay = QDate::fromString(q.value(3).toString(), Qt::ISODate);
        t.queueNumber = q.value(4).toInt();
        t.createdAt = fromIso(q.value(5).toString());
        t.serviceCode = q.value(6).toString();
        // Sealed with another device key or damaged: that ticket cannot be made again.
        const auto token = serverlink::crypto::aeadOpen(m_key, q.value(7).toByteArray(), ticketAad(t.registrationNumber));
        if (!token)
            continue;
        t.statusToken = QString::fromLatin1(*token);
        out.append(t);
    }
    return out;
}

QList<PendingDelivery> OutboxRepository::dueForDelivery(int limit)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT id, registration_number, idempotency_key, payload, attempts FROM requests"
                             " WHERE delivered_at IS NULL AND parked_reason IS NULL"
                             " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?"));
    q.addBindValue(iso(m_clock()));
    q.addBindValue(limit);
    q.exec();
    QList<PendingDelivery> out;
    while (q.next()) {
        PendingDelivery d;
        d.id = q.value(0).toLongLong();
        d.registrationNumber = q.value(1).toString();
        d.idempotencyKey = q.value(2).toString();
        const auto body = serverlink::crypto::aeadOpen(m_key, q.value(3).toByteArray(), d.registrationNumber.toUtf8());
        d.attempts = q.value(4).toInt();
        if (!body) {
            // Sealed with another device key or damaged: keep it for the technician.
            park(d.id, QStringLiteral("Data permohonan tidak dapat dibuka dengan kunci perangkat ini."));
            continue;
        }
        d.body = *body;
        out.append(d);
    }
    return out;
}

void OutboxRepository::markDelivered(qint64 requestId)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE requests SET delivered_at = ?, last_error = NULL, next_attempt_at = NULL,"
                             " stage = CASE WHEN stage = ? THEN ? ELSE stage END WHERE id = ?"));
    q.addBindValue(iso(m_clock()));
    q.addBindValue(serverlink::stageToWire(Stage::Queued));
    q.addBindValue(serverlink::stageToWire(Stage::Received));
    q.addBindValue(requestId);
    q.exec();
}

void OutboxRepository::scheduleRetry(qint64 requestId, const QDateTime &next, const QString &error)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE requests SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?"));
    q.addBindValue(iso(next));
    q.addBindValue(error);
    q.addBindValue(requestId);
    q.exec();
}

int OutboxRepository::retryWaitingNow()
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE requests SET next_attempt_at = NULL"
                             " WHERE delivered_at IS NULL AND parked_reason IS NULL AND next_attempt_at IS NOT NULL"));
    return q.exec() ? q.numRowsAffected() : 0;
}

void OutboxRepository::park(qint64 requestId, const QString &reason)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE requests SET parked_reason = ?, attempts = attempts + 1 WHERE id = ?"));
    q.addBindValue(reason);
    q.addBindValue(requestId);
    q.exec();
}

bool OutboxRepository::applyChange(const serverlink::StatusChange &change)
{
    QSqlDatabase db = m_store.connection();
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE requests SET stage = ?, stage_note = ?, stage_at = ?,"
                             " letter_available = CASE WHEN ? THEN 1 ELSE letter_available END,"
                             " delivered_at = COALESCE(delivered_at, ?) WHERE registration_number = ?"));
    q.addBindValue(serverlink::stageToWire(change.stage));
    q.addBindValue(change.note.isNull() ? QString(QLatin1String("")) : change.note);
    q.addBindValue(iso(change.at));
    q.addBindValue(change.letterAvailable ? 1 : 0);
    q.addBindValue(iso(m_clock()));
    q.addBindValue(change.registrationNumber);
    if (!q.exec() || q.numRowsAffected() == 0) {
        db.rollback();
        return false;
    }
    // The same change may arrive twice (a resumed feed): the history keeps it once.
    q.prepare(QStringLiteral("INSERT INTO request_events (request_id, stage, note, at)"
                             " SELECT id, ?, ?, ? FROM requests WHERE registration_number = ? ON CONFLICT DO NOTHING"));
    q.addBindValue(serverlink::stageToWire(change.stage));
    q.addBindValue(change.note.isNull() ? QString(QLatin1String("")) : change.note);
    q.addBindValue(iso(change.at));
    q.addBindValue(change.registrationNumber);
    const bool ok = q.exec();
    if (!ok || !db.commit()) {
        db.rollback();
        return false;
    }
    return true;
}

QList<StageEvent> OutboxRepository::timeline(qint64 requestId) const
{
    QList<StageEvent> out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT stage, note, at FROM request_events WHERE request_id = ? ORDER BY at, id"));
    q.addBindValue(requestId);
    q.exec();
    while (q.next()) {
        const auto stage = serverlink::stageFromWire(q.value(0).toString());
        if (stage)
            out.append({*stage, q.value(1).toString(), fromIso(q.value(2).toString())});
    }
    return out;
}

void OutboxRepository::enqueueSurvey(const serverlink::SurveyResponse &response)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("INSERT INTO surveys (id, body, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
    q.addBindValue(response.id);
    q.addBindValue(response.toJson());
    q.addBindValue(iso(m_clock()));
    q.exec();
}

QList<serverlink::SurveyResponse> OutboxRepository::dueSurveys(int limit) const
{
    QList<serverlink::SurveyResponse> out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT body FROM surveys WHERE delivered_at IS NULL ORDER BY created_at LIMIT ?"));
    q.addBindValue(limit);
    q.exec();
    while (q.next())
        if (auto r = serverlink::SurveyResponse::fromJson(q.value(0).toByteArray()))
            out.append(*r);
    return out;
}

void OutboxRepository::markSurveyDelivered(const QString &id)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE surveys SET delivered_at = ? WHERE id = ?"));
    q.addBindValue(iso(m_clock()));
    q.addBindValue(id);
    q.exec();
}

void OutboxRepository::setLetter(const QString &registrationNumber, const QString &path, const QString &sha256Hex)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE requests SET letter_path = ?, letter_sha256 = ? WHERE registration_number = ?"));
    q.addBindValue(path);
    q.addBindValue(sha256Hex);
    q.addBindValue(registrationNumber);
    q.exec();
}

int OutboxRepository::depth() const
{
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM requests WHERE delivered_at IS NULL"));
    return q.next() ? q.value(0).toInt() : 0;
}

OutboxStats OutboxRepository::stats() const
{
    OutboxStats stats;
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT parked_reason FROM requests WHERE delivered_at IS NULL"));
    while (q.next()) {
        if (q.value(0).isNull()) {
            ++stats.waiting;
        } else {
            ++stats.parked;
            stats.parkedReasons.append(q.value(0).toString());
        }
    }
    q.exec(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE printed_at IS NULL"));
    stats.ticketsNotPrinted = q.next() ? q.value(0).toInt() : 0;
    return stats;
}

std::optional<RequestStatus> OutboxRepository::findByStatusToken(const QString &token) const
{
    return findWhere(QStringLiteral("r.status_token_hash = ?"), serverlink::crypto::sha256(token.toLatin1()));
}

std::optional<RequestStatus> OutboxRepository::findByRegistrationNumber(const QString &registrationNumber) const
{
    return findWhere(QStringLiteral("r.registration_number = ?"), registrationNumber.trimmed().toUpper());
}

namespace {
const QString kStatusColumns = QStringLiteral(
    "SELECT r.id, r.registration_number, r.service_code, r.stage, r.stage_note, r.stage_at, r.payload,"
    " t.queue_number, r.letter_available, r.letter_path, r.letter_sha256 FROM requests r LEFT JOIN tickets t ON t.request_id = r.id");
}

std::optional<RequestStatus> OutboxRepository::findWhere(const QString &condition, const QVariant &value) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(kStatusColumns + QStringLiteral(" WHERE ") + condition);
    q.addBindValue(value);
    if (!q.exec() || !q.next())
        return std::nullopt;
    RequestStatus s;
    s.id = q.value(0).toLongLong();
    s.registrationNumber = q.value(1).toString();
    s.serviceCode = q.value(2).toString();
    s.stage = serverlink::stageFromWire(q.value(3).toString()).value_or(Stage::Queued);
    s.note = q.value(4).toString();
    s.stageAt = fromIso(q.value(5).toString());
    const auto body = serverlink::crypto::aeadOpen(m_key, q.value(6).toByteArray(), s.registrationNumber.toUtf8());
    if (body) {
        if (const auto parsed = serverlink::SubmitRequest::fromJson(*body))
            s.maskedName = maskName(parsed->name);
    }
    s.queueNumber = q.value(7).toInt();
    s.letterAvailable = q.value(8).toBool();
    s.letterPath = q.value(9).toString();
    s.letterSha256 = q.value(10).toString();
    return s;
}

QList<RequestStatus> OutboxRepository::readyLetters() const
{
    QList<RequestStatus> out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT registration_number FROM requests WHERE stage = ? AND letter_path IS NOT NULL"
                             " AND handed_over_at IS NULL ORDER BY stage_at"));
    q.addBindValue(serverlink::stageToWire(Stage::Ready));
    q.exec();
    while (q.next())
        if (auto s = findByRegistrationNumber(q.value(0).toString()))
            out.append(*s);
    return out;
}

bool OutboxRepository::markHandedOver(const QString &registrationNumber)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE requests SET handed_over_at = ? WHERE registration_number = ? AND stage = ?"
                             " AND letter_path IS NOT NULL AND handed_over_at IS NULL"));
    q.addBindValue(iso(m_clock()));
    q.addBindValue(registrationNumber);
    q.addBindValue(serverlink::stageToWire(Stage::Ready));
    return q.exec() && q.numRowsAffected() == 1;
}

QStringList OutboxRepository::handoversToSend() const
{
    QStringList out;
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT registration_number FROM requests WHERE handed_over_at IS NOT NULL AND handover_sent_at IS NULL"
                          " AND delivered_at IS NOT NULL ORDER BY handed_over_at"));
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

void OutboxRepository::markHandoverSent(const QString &registrationNumber)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("UPDATE requests SET handover_sent_at = ? WHERE registration_number = ?"));
    q.addBindValue(iso(m_clock()));
    q.addBindValue(registrationNumber);
    q.exec();
}

int OutboxRepository::purgePersonalData(int afterDays)
{
    const QString cutoff = iso(m_clock().addDays(-std::max(1, afterDays)));
    QSqlDatabase db = m_store.connection();
    QSqlQuery q(db);
    // Only what the backend already has, and only once the request is over for the citizen.
    q.prepare(QStringLiteral("SELECT id, letter_path FROM requests WHERE purged_at IS NULL AND delivered_at IS NOT NULL"
                             " AND ((handed_over_at IS NOT NULL AND handed_over_at < ?) OR (stage IN (?, ?, ?) AND stage_at < ?))"));
    q.addBindValue(cutoff);
    q.addBindValue(serverlink::stageToWire(Stage::HandedOver));
    q.addBindValue(serverlink::stageToWire(Stage::Rejected));
    q.addBindValue(serverlink::stageToWire(Stage::Cancelled));
    q.addBindValue(cutoff);
    if (!q.exec())
        return 0;
    QList<std::pair<qint64, QString>> due;
    while (q.next())
        due.append({q.value(0).toLongLong(), q.value(1).toString()});
    int purged = 0;
    for (const auto &[id, letterPath] : due) {
        // The file goes first: after a crash in between, the next run finds the row again and finishes it.
        if (!letterPath.isEmpty() && QFile::exists(letterPath) && !QFile::remove(letterPath))
            continue;
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE requests SET payload = ?, letter_path = NULL, purged_at = ? WHERE id = ?"));
        update.addBindValue(QByteArray(""));
        update.addBindValue(iso(m_clock()));
        update.addBindValue(id);
        if (!update.exec())
            continue;
        ++purged;
        QSqlQuery ticket(db);
        ticket.prepare(QStringLiteral("UPDATE tickets SET token_sealed = NULL WHERE request_id = ?"));
        ticket.addBindValue(id);
        ticket.exec();
    }
    return purged;
}

QStringList OutboxRepository::lettersToDownload() const
{
    QStringList out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT registration_number FROM requests WHERE letter_available = 1 AND letter_path IS NULL AND stage = ?"));
    q.addBindValue(serverlink::stageToWire(Stage::Ready));
    q.exec();
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

void OutboxRepository::raiseTechnicianAlert(const QString &text)
{
    const QDateTime now = m_clock();
    setSyncValue(QStringLiteral("alert:") + iso(now), text.left(500));
}

QStringList OutboxRepository::technicianAlerts() const
{
    QStringList out;
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT name, value FROM sync_state WHERE name LIKE 'alert:%' ORDER BY name DESC LIMIT 20"));
    while (q.next())
        out.append(q.value(0).toString().mid(6) + QStringLiteral("  ") + q.value(1).toString());
    return out;
}

QString OutboxRepository::syncValue(const QString &name) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT value FROM sync_state WHERE name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

void OutboxRepository::setSyncValue(const QString &name, const QString &value)
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    q.addBindValue(name);
    q.addBindValue(value);
    q.exec();
}

QString OutboxRepository::maskName(const QString &name)
{
    QStringList words = name.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString &w : words)
        w = w.left(1) + QString(w.size() - 1, QLatin1Char('*'));
    return words.join(QLatin1Char(' '));
}

QString OutboxRepository::ticketQrPayload(const QString &statusToken)
{
    return QLatin1String(kTicketPrefix) + statusToken;
}

std::optional<QString> OutboxRepository::statusTokenFromQr(const QString &payload)
{
    if (!payload.startsWith(QLatin1String(kTicketPrefix)))
        return std::nullopt;
    const QString token = payload.mid(int(qstrlen(kTicketPrefix)));
    if (token.size() != 22)
        return std::nullopt;
    for (QChar c : token)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('_'))
            return std::nullopt;
    return token;
}

} // namespace kiosk
