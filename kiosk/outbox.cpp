#include "outbox.h"

#include "masking.h"

#include <QFile>
#include <QJsonDocument>

#include "crypto.h"
#include "deskjournal.h"
#include "queuebook.h"
#include "store.h"
#include "ticketrenderer.h"

#include <QDir>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <tuple>

Q_LOGGING_CATEGORY(lcOutbox, "anjungan.outbox")

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

// A write that returns its row count, seen as a status.
Status done(const Result<int> &written)
{
    if (!written)
        return written.error();
    return Done {};
}

// A write that must change exactly one row; otherwise `notFound` says why.
Status one(const Result<int> &written, const QString &notFound)
{
    if (!written)
        return written.error();
    if (written.value() == 0)
        return Error {ErrorCode::NotFound, notFound};
    return Done {};
}
/// Binds a sealed collector (name, NIK) to its request, apart from the request body and the ticket token.
QByteArray collectorAad(const QString &registrationNumber)
{
    return "collector:" + registrationNumber.toUtf8();
}

/// Binds a sealed officer's note to its request, apart from the request body.
QByteArray noteAad(const QString &registrationNumber)
{
    return "note:" + registrationNumber.toUtf8();
}

/// Binds a sealed letter file to its request.
QByteArray letterAad(const QString &registrationNumber)
{
    return "letter:" + registrationNumber.toUtf8();
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
    body.statusTokenHash = QString::fromLatin1(serverlink::crypto::sha256(queued.statusToken.toLatin1()).toHex());
    body.enteredBy = request.enteredBy;
    queued.documents = DocumentStore::describe(request.documents);
    body.documents = queued.documents;

    const QString day = queued.queueDay.toString(Qt::ISODate);
    const Status committed = m_store.transaction([&]() -> Status {
        const auto fail = [](const Error &error) {
            return Error {ErrorCode::Database, QStringLiteral("Permohonan tidak tersimpan. %1").arg(error.message)};
        };
        const auto queryFailed = [](const QString &what, const QSqlQuery &query) {
            return Error {ErrorCode::Database, QStringLiteral("Penyimpanan anjungan gagal (%1): %2").arg(what, query.lastError().text())};
        };
        QSqlQuery q(m_store.connection());
        // The number first: the body the backend receives carries it (and is sealed once, with it). The ticket's
        // "A" number is the queue book's, drawn in this same transaction.
        const auto number = QueueBook::takeWithin(m_store, QueueKind::Request,
            queuerules::priorityFor(request.priority, request.nik, queued.queueDay), queued.registrationNumber, queued.createdAt);
        if (!number)
            return fail(number.error());
        queued.queueNumber = number->number;
        queued.queueLabel = number->label;
        queued.priority = number->reason;
        body.queueLabel = number->label;
        const QByteArray sealed = serverlink::crypto::aeadSeal(m_key, body.toJson(), queued.registrationNumber.toUtf8());
        q.prepare(QStringLiteral("INSERT INTO requests (registration_number, status_token_hash, idempotency_key, service_code, payload,"
                                 " created_at, stage, stage_at, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(queued.registrationNumber);
        q.addBindValue(serverlink::crypto::sha256(queued.statusToken.toLatin1()));
        q.addBindValue(queued.idempotencyKey);
        q.addBindValue(queued.serviceCode);
        q.addBindValue(sealed);
        q.addBindValue(iso(queued.createdAt));
        q.addBindValue(serverlink::stageToWire(Stage::Queued));
        q.addBindValue(iso(queued.createdAt));
        q.addBindValue(request.enteredBy.isEmpty() ? QStringLiteral("") : request.enteredBy);
        if (!q.exec())
            return fail(queryFailed(QStringLiteral("permohonan"), q));
        queued.id = q.lastInsertId().toLongLong();
        if (const Status pages
            = DocumentStore(m_store, m_key).store(queued.id, queued.registrationNumber, request.documents, queued.documents);
            !pages)
            return fail(pages.error());

        const QByteArray tokenSealed
            = serverlink::crypto::aeadSeal(m_key, queued.statusToken.toLatin1(), ticketAad(queued.registrationNumber));
        if (const auto ticket = m_store.write(QStringLiteral("tiket"),
                QStringLiteral("INSERT INTO tickets (request_id, queue_day, queue_number, token_sealed) VALUES (?, ?, ?, ?)"),
                {queued.id, day, queued.queueNumber, tokenSealed});
            !ticket)
            return fail(ticket.error());
        if (const auto event = m_store.write(QStringLiteral("riwayat"),
                QStringLiteral("INSERT INTO request_events (request_id, stage, at) VALUES (?, ?, ?)"),
                {queued.id, serverlink::stageToWire(Stage::Queued), iso(queued.createdAt)});
            !event)
            return fail(event.error());
        // Staff who entered it for the citizen answer for it in the desk's journal: both or neither survive a cut.
        if (!request.enteredBy.isEmpty()) {
            const DeskJournal journal(m_store, [at = queued.createdAt] { return at.toUTC(); });
            if (const auto entered = journal.record(serverlink::DeskEventKind::RequestEntered, request.enteredBy, queued.registrationNumber,
                    queued.queueLabel, 0, QStringLiteral("dibantu petugas"));
                !entered)
                return fail(entered.error());
        }
        return Done {};
    });
    if (!committed)
        return committed.error();
    return queued;
}

Status OutboxRepository::recordTicketAccepted(qint64 requestId, int printerJobId)
{
    return done(m_store.write(QStringLiteral("pekerjaan cetak tiket"),
        QStringLiteral("UPDATE tickets SET print_job = ?, print_error = NULL WHERE request_id = ?"), {printerJobId, requestId}));
}

Status OutboxRepository::recordTicketPrinted(qint64 requestId)
{
    // Printed: the token is on paper now and the kiosk no longer keeps it in any form it could read.
    return done(m_store.write(QStringLiteral("tiket tercetak"),
        QStringLiteral("UPDATE tickets SET printed_at = ?, print_error = NULL, token_sealed = NULL WHERE request_id = ?"),
        {iso(m_clock()), requestId}));
}

Status OutboxRepository::recordTicketProblem(qint64 requestId, const QString &problem)
{
    return done(m_store.write(QStringLiteral("masalah cetak tiket"),
        QStringLiteral("UPDATE tickets SET print_error = ? WHERE request_id = ? AND printed_at IS NULL"),
        {problem.isEmpty() ? QStringLiteral("?") : problem, requestId}));
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
        t.queueLabel = queuerules::label(QueueKind::Request, t.queueNumber);
        t.createdAt = fromIso(q.value(5).toString());
        t.serviceCode = q.value(6).toString();
        // Sealed with another device key or damaged: that ticket cannot be made again.
        const auto token = serverlink::crypto::aeadOpen(m_key, q.value(7).toByteArray(), ticketAad(t.registrationNumber));
        if (!token)
            continue;
        t.statusToken = QString::fromLatin1(*token);
        // The reprinted ticket's checklist says again which pages were captured.
        for (const StoredPage &page : DocumentStore(m_store, m_key).pages(t.registrationNumber))
            t.documents.append(page.ref);
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
    QList<DeliveryOutcome> unreadable;
    while (q.next()) {
        PendingDelivery d;
        d.id = q.value(0).toLongLong();
        d.registrationNumber = q.value(1).toString();
        d.idempotencyKey = q.value(2).toString();
        const auto body = serverlink::crypto::aeadOpen(m_key, q.value(3).toByteArray(), d.registrationNumber.toUtf8());
        d.attempts = q.value(4).toInt();
        if (!body) {
            // Sealed with another device key or damaged: keep it for the technician.
            unreadable.append({d.id, DeliveryOutcome::Kind::Parked, {},
                QStringLiteral("Data permohonan tidak dapat dibuka dengan kunci perangkat ini.")});
            continue;
        }
        d.body = *body;
        out.append(d);
    }
    q.finish();
    // Not parked now: it is not sent either, and parking is tried again next time.
    if (const Status parked = recordOutcomes(unreadable); !parked)
        qCWarning(lcOutbox) << "could not park unreadable requests:" << parked.error();
    return out;
}

Status OutboxRepository::recordOutcomes(const QList<DeliveryOutcome> &outcomes)
{
    if (outcomes.isEmpty())
        return Done {};
    return m_store.transaction([&]() -> Status {
        for (const DeliveryOutcome &outcome : outcomes) {
            Result<int> written = 0;
            switch (outcome.kind) {
            case DeliveryOutcome::Kind::Delivered:
                written = m_store.write(QStringLiteral("permohonan terkirim"),
                    QStringLiteral("UPDATE requests SET delivered_at = ?, last_error = NULL, next_attempt_at = NULL,"
                                   " stage = CASE WHEN stage = ? THEN ? ELSE stage END WHERE id = ?"),
                    {iso(m_clock()), serverlink::stageToWire(Stage::Queued), serverlink::stageToWire(Stage::Received), outcome.requestId});
                // The backend knows the request's pages now: their upload may start.
                if (written)
                    written = m_store.write(QStringLiteral("dokumen diumumkan"),
                        QStringLiteral("UPDATE request_documents SET announced_at = ? WHERE request_id = ? AND announced_at IS NULL"),
                        {iso(m_clock()), outcome.requestId});
                break;
            case DeliveryOutcome::Kind::Retry:
                written = m_store.write(QStringLiteral("jadwal kirim ulang"),
                    QStringLiteral("UPDATE requests SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?"),
                    {iso(outcome.nextAttempt), outcome.reason, outcome.requestId});
                break;
            case DeliveryOutcome::Kind::Parked:
                written = m_store.write(QStringLiteral("permohonan ditahan"),
                    QStringLiteral("UPDATE requests SET parked_reason = ?, attempts = attempts + 1 WHERE id = ?"),
                    {outcome.reason, outcome.requestId});
                break;
            }
            if (!written)
                return written.error();
        }
        return Done {};
    });
}

Status OutboxRepository::markDelivered(qint64 requestId)
{
    return recordOutcomes({{requestId, DeliveryOutcome::Kind::Delivered, {}, {}}});
}

Result<int> OutboxRepository::retryWaitingNow()
{
    return m_store.write(QStringLiteral("jadwal kirim ulang"),
        QStringLiteral("UPDATE requests SET next_attempt_at = NULL"
                       " WHERE delivered_at IS NULL AND parked_reason IS NULL AND next_attempt_at IS NOT NULL"));
}

QVariant OutboxRepository::sealNote(const QString &registrationNumber, const QString &note) const
{
    if (note.isEmpty())
        return QVariant(QMetaType::fromType<QByteArray>());
    return serverlink::crypto::aeadSeal(m_key, note.toUtf8(), noteAad(registrationNumber));
}

QString OutboxRepository::openNote(const QString &registrationNumber, const QVariant &sealed, const QString &clear) const
{
    const QByteArray bytes = sealed.toByteArray();
    if (bytes.isEmpty())
        return clear;
    const auto opened = serverlink::crypto::aeadOpen(m_key, bytes, noteAad(registrationNumber));
    return opened ? QString::fromUtf8(*opened) : QString();
}

Status OutboxRepository::applyChange(const serverlink::StatusChange &change)
{
    // The officer's note may name the citizen: sealed like the request, the clear column stays empty.
    const QVariant note = sealNote(change.registrationNumber, change.note);
    return m_store.transaction([&]() -> Status {
        // A change for a request whose answer was lost is its delivery: the backend holds the request and the
        // pages it names, so their upload may start (as on a delivery answered). Only on that first delivery: a
        // revision's pages are announced when the revision is accepted.
        if (const auto announced = m_store.write(QStringLiteral("dokumen diumumkan"),
                QStringLiteral("UPDATE request_documents SET announced_at = ? WHERE announced_at IS NULL AND request_id ="
                               " (SELECT id FROM requests WHERE registration_number = ? AND delivered_at IS NULL)"),
                {iso(m_clock()), change.registrationNumber});
            !announced)
            return announced.error();
        const auto updated = m_store.write(QStringLiteral("status permohonan"),
            QStringLiteral("UPDATE requests SET stage = ?, stage_note_sealed = ?, stage_note = '', stage_at = ?,"
                           " letter_available = CASE WHEN ? THEN 1 ELSE letter_available END,"
                           " delivered_at = COALESCE(delivered_at, ?) WHERE registration_number = ?"),
            {serverlink::stageToWire(change.stage), note, iso(change.at), change.letterAvailable ? 1 : 0, iso(m_clock()),
                change.registrationNumber});
        if (const Status found
            = one(updated, QStringLiteral("Permohonan %1 tidak tercatat di anjungan ini.").arg(change.registrationNumber));
            !found)
            return found;
        // The same change may arrive twice (a resumed feed): the history keeps it once.
        return done(m_store.write(QStringLiteral("riwayat"),
            QStringLiteral("INSERT INTO request_events (request_id, stage, note_sealed, at)"
                           " SELECT id, ?, ?, ? FROM requests WHERE registration_number = ? ON CONFLICT DO NOTHING"),
            {serverlink::stageToWire(change.stage), note, iso(change.at), change.registrationNumber}));
    });
}

QList<StageEvent> OutboxRepository::timeline(qint64 requestId) const
{
    QList<StageEvent> out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT e.stage, e.note, e.at, e.note_sealed, r.registration_number FROM request_events e"
                             " JOIN requests r ON r.id = e.request_id WHERE e.request_id = ? ORDER BY e.at, e.id"));
    q.addBindValue(requestId);
    q.exec();
    while (q.next()) {
        const auto stage = serverlink::stageFromWire(q.value(0).toString());
        if (stage)
            out.append({*stage, openNote(q.value(4).toString(), q.value(3), q.value(1).toString()), fromIso(q.value(2).toString())});
    }
    return out;
}

Status OutboxRepository::enqueueSurvey(const serverlink::SurveyResponse &response)
{
    return done(m_store.write(QStringLiteral("jawaban survei"),
        QStringLiteral("INSERT INTO surveys (id, body, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
        {response.id, response.toJson(), iso(m_clock())}));
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

Status OutboxRepository::markSurveyDelivered(const QString &id)
{
    return done(m_store.write(
        QStringLiteral("survei terkirim"), QStringLiteral("UPDATE surveys SET delivered_at = ? WHERE id = ?"), {iso(m_clock()), id}));
}

Status OutboxRepository::saveLetter(const QString &registrationNumber, const QByteArray &pdf, const QString &dir)
{
    // Sealed like the request: the letter names the citizen and their NIK.
    const QByteArray sealed = serverlink::crypto::aeadSeal(m_key, pdf, letterAad(registrationNumber));
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(registrationNumber + QStringLiteral(".pdf.sealed"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(sealed) != sealed.size() || !file.commit())
        return Error {ErrorCode::Io, QStringLiteral("Surat %1 tidak dapat disimpan di %2").arg(registrationNumber, dir)};
    const QString sha256Hex = QString::fromLatin1(serverlink::crypto::sha256(pdf).toHex());
    return done(m_store.write(QStringLiteral("berkas surat"),
        QStringLiteral("UPDATE requests SET letter_path = ?, letter_sha256 = ? WHERE registration_number = ?"),
        {path, sha256Hex, registrationNumber}));
}

Result<QByteArray> OutboxRepository::letter(const RequestStatus &status) const
{
    QFile file(status.letterPath);
    if (status.letterPath.isEmpty() || !file.open(QIODevice::ReadOnly))
        return Error {ErrorCode::NotFound, QStringLiteral("Surat %1 belum tersedia di anjungan ini.").arg(status.registrationNumber)};
    const QByteArray content = file.readAll();
    // Letters downloaded before they were sealed are the PDF itself; the hash check of every caller covers them too.
    if (content.startsWith("%PDF"))
        return content;
    const auto opened = serverlink::crypto::aeadOpen(m_key, content, letterAad(status.registrationNumber));
    if (!opened)
        return Error {ErrorCode::InvalidData, QStringLiteral("Berkas surat %1 rusak atau berubah.").arg(status.registrationNumber)};
    return *opened;
}

int OutboxRepository::depth() const
{
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM requests WHERE delivered_at IS NULL AND abandoned_at IS NULL"));
    return q.next() ? q.value(0).toInt() : 0;
}

OutboxStats OutboxRepository::stats() const
{
    OutboxStats stats;
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT parked_reason FROM requests WHERE delivered_at IS NULL AND abandoned_at IS NULL"));
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
    stats.pagesPending = DocumentStore(m_store, m_key).pendingCount();
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
const QString kStatusColumns
    = QStringLiteral("SELECT r.id, r.registration_number, r.service_code, r.stage, r.stage_note, r.stage_at, r.payload,"
                     " t.queue_number, r.letter_available, r.letter_path, r.letter_sha256, r.handed_over_at, r.stage_note_sealed"
                     " FROM requests r LEFT JOIN tickets t ON t.request_id = r.id");
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
    s.note = openNote(s.registrationNumber, q.value(12), q.value(4).toString());
    s.stageAt = fromIso(q.value(5).toString());
    const auto body = serverlink::crypto::aeadOpen(m_key, q.value(6).toByteArray(), s.registrationNumber.toUtf8());
    if (body) {
        if (const auto parsed = serverlink::SubmitRequest::fromJson(*body))
            s.maskedName = serverlink::masking::name(parsed->name);
    }
    s.queueNumber = q.value(7).toInt();
    s.letterAvailable = q.value(8).toBool();
    s.letterPath = q.value(9).toString();
    s.letterSha256 = q.value(10).toString();
    s.handedOver = !q.value(11).isNull();
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

Status OutboxRepository::markHandedOver(const QString &registrationNumber, serverlink::HandoverBody handover)
{
    if (!handover.at.isValid())
        handover.at = m_clock().toUTC();
    const QJsonObject collector {{QStringLiteral("name"), handover.name}, {QStringLiteral("nik"), handover.nik}};
    const QByteArray sealed
        = serverlink::crypto::aeadSeal(m_key, QJsonDocument(collector).toJson(QJsonDocument::Compact), collectorAad(registrationNumber));
    return one(m_store.write(QStringLiteral("penyerahan surat"),
                   QStringLiteral("UPDATE requests SET handed_over_at = ?, handed_over_by = ?, collector_kind = ?, collector_sealed = ?,"
                                  " collector_relationship = ? WHERE registration_number = ? AND stage = ?"
                                  " AND letter_path IS NOT NULL AND handed_over_at IS NULL"),
                   {iso(handover.at), handover.actor, serverlink::HandoverBody::kindToWire(handover.kind), sealed, handover.relationship,
                       registrationNumber, serverlink::stageToWire(Stage::Ready)}),
        QStringLiteral("Surat %1 tidak ada di daftar surat siap.").arg(registrationNumber));
}

std::optional<serverlink::HandoverBody> OutboxRepository::handover(const QString &registrationNumber) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(
        QStringLiteral("SELECT handed_over_at, handed_over_by, collector_kind, collector_sealed, collector_relationship"
                       " FROM requests WHERE registration_number = ? AND handed_over_at IS NOT NULL AND collector_sealed IS NOT NULL"));
    q.addBindValue(registrationNumber);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const auto opened = serverlink::crypto::aeadOpen(m_key, q.value(3).toByteArray(), collectorAad(registrationNumber));
    if (!opened)
        return std::nullopt;
    const QJsonObject collector = QJsonDocument::fromJson(*opened).object();
    serverlink::HandoverBody h;
    h.at = fromIso(q.value(0).toString()).toUTC();
    h.actor = q.value(1).toString();
    h.kind = q.value(2).toString() == serverlink::HandoverBody::kindToWire(serverlink::CollectorKind::Representative)
        ? serverlink::CollectorKind::Representative
        : serverlink::CollectorKind::Holder;
    h.name = collector.value(QStringLiteral("name")).toString();
    h.nik = collector.value(QStringLiteral("nik")).toString();
    h.relationship = q.value(4).toString();
    return h;
}

std::optional<Applicant> OutboxRepository::applicant(const QString &registrationNumber) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT payload FROM requests WHERE registration_number = ? AND purged_at IS NULL"));
    q.addBindValue(registrationNumber);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const auto body = serverlink::crypto::aeadOpen(m_key, q.value(0).toByteArray(), registrationNumber.toUtf8());
    if (!body)
        return std::nullopt;
    const auto parsed = serverlink::SubmitRequest::fromJson(*body);
    if (!parsed)
        return std::nullopt;
    return Applicant {parsed->name, parsed->nik};
}

QStringList OutboxRepository::handoversToSend() const
{
    QStringList out;
    for (const PendingHandover &h : handoversDue())
        out.append(h.registrationNumber);
    return out;
}

QList<PendingHandover> OutboxRepository::handoversDue() const
{
    QStringList due;
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT registration_number FROM requests WHERE handed_over_at IS NOT NULL AND handover_sent_at IS NULL"
                          " AND delivered_at IS NOT NULL ORDER BY handed_over_at"));
    while (q.next())
        due.append(q.value(0).toString());
    QList<PendingHandover> out;
    for (const QString &registrationNumber : due) {
        const auto recorded = handover(registrationNumber);
        out.append({registrationNumber, recorded ? recorded->toJson() : QByteArray()});
    }
    return out;
}

QString OutboxRepository::pickupNumber(const QString &registrationNumber, const QDate &day) const
{
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT label FROM pickup_numbers WHERE day = ? AND registration_number = ?"));
    q.addBindValue(day.toString(Qt::ISODate));
    q.addBindValue(registrationNumber);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

Status OutboxRepository::recordPickupNumber(const QString &registrationNumber, const QDate &day, const QString &label)
{
    return done(m_store.write(QStringLiteral("nomor pengambilan"),
        QStringLiteral("INSERT INTO pickup_numbers (day, registration_number, label, taken_at) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT (day, registration_number) DO NOTHING"),
        {day.toString(Qt::ISODate), registrationNumber, label, iso(m_clock())}));
}

Status OutboxRepository::markHandoverSent(const QString &registrationNumber)
{
    return done(m_store.write(QStringLiteral("penyerahan terkirim"),
        QStringLiteral("UPDATE requests SET handover_sent_at = ? WHERE registration_number = ?"), {iso(m_clock()), registrationNumber}));
}

const QList<RetentionRule> &retentionRules()
{
    // Each rule: the situation, the SQL that finds it, the column its period starts at, and which period applies.
    static const QList<RetentionRule> rules {
        {QStringLiteral("diserahkan di anjungan ini (kecamatan sudah diberi tahu)"),
            QStringLiteral("delivered_at IS NOT NULL AND handed_over_at IS NOT NULL AND handover_sent_at IS NOT NULL"),
            QStringLiteral("handed_over_at"), RetentionRule::Period::PurgeDays},
        {QStringLiteral("selesai di kecamatan: diserahkan di tempat lain, ditolak, dibatalkan"),
            QStringLiteral("delivered_at IS NOT NULL AND handed_over_at IS NULL AND stage IN ('HANDED_OVER', 'REJECTED', 'CANCELLED')"),
            QStringLiteral("stage_at"), RetentionRule::Period::PurgeDays},
        {QStringLiteral("surat siap tetapi tidak pernah diambil"),
            QStringLiteral("delivered_at IS NOT NULL AND handed_over_at IS NULL AND stage = 'READY'"), QStringLiteral("stage_at"),
            RetentionRule::Period::Unfinished},
        {QStringLiteral("dikembalikan untuk diperbaiki (NEEDS_FIX) dan tidak diperbaiki"),
            QStringLiteral("delivered_at IS NOT NULL AND stage = 'NEEDS_FIX'"), QStringLiteral("stage_at"),
            RetentionRule::Period::Unfinished},
        {QStringLiteral("ditahan (ditolak kecamatan untuk selamanya) atau ditarik teknisi"),
            QStringLiteral("delivered_at IS NULL AND (parked_reason IS NOT NULL OR abandoned_at IS NOT NULL)"),
            QStringLiteral("created_at"), RetentionRule::Period::Unfinished},
    };
    return rules;
}

Result<int> OutboxRepository::purgePersonalData(int afterDays)
{
    const QString cutoff = iso(m_clock().addDays(-std::max(1, afterDays)));
    const QString unfinishedCutoff = iso(m_clock().addDays(-RetentionRule::kUnfinishedDays));
    QStringList conditions;
    QVariantList values;
    for (const RetentionRule &rule : retentionRules()) {
        conditions.append(QStringLiteral("(%1 AND %2 < ?)").arg(rule.condition, rule.since));
        values.append(rule.period == RetentionRule::Period::PurgeDays ? cutoff : unfinishedCutoff);
    }
    QSqlQuery q(m_store.connection());
    // Only once the request is over for the citizen, or abandoned: what is still on its way is kept. A handover waits
    // until the backend has heard who collected the letter (the collector is sealed in this row).
    q.prepare(QStringLiteral("SELECT id, letter_path FROM requests WHERE purged_at IS NULL AND (%1)")
                  .arg(conditions.join(QStringLiteral(" OR "))));
    for (const QVariant &value : std::as_const(values))
        q.addBindValue(value);
    if (!q.exec())
        return Error {ErrorCode::Database, QStringLiteral("Data pribadi lama tidak dapat dicari: %1").arg(q.lastError().text())};
    QList<std::pair<qint64, QString>> due;
    while (q.next())
        due.append({q.value(0).toLongLong(), q.value(1).toString()});
    int purged = 0;
    QStringList failures;
    for (const auto &[id, letterPath] : due) {
        // The file goes first: after a crash in between, the next run finds the row again and finishes it.
        if (!letterPath.isEmpty() && QFile::exists(letterPath) && !QFile::remove(letterPath)) {
            failures.append(QStringLiteral("berkas %1 tidak dapat dihapus").arg(letterPath));
            continue;
        }
        // The sealed payload and the sealed ticket token go together, or neither does.
        const Status erased = m_store.transaction([&]() -> Status {
            if (const auto request = m_store.write(QStringLiteral("hapus data pribadi"),
                    QStringLiteral("UPDATE requests SET payload = ?, letter_path = NULL, collector_sealed = NULL, stage_note_sealed = NULL,"
                                   " stage_note = '', purged_at = ?,"
                                   " abandoned_at = CASE WHEN delivered_at IS NULL THEN COALESCE(abandoned_at, ?) END WHERE id = ?"),
                    {QByteArray(""), iso(m_clock()), iso(m_clock()), id});
                !request)
                return request.error();
            if (const auto notes = m_store.write(QStringLiteral("hapus catatan petugas"),
                    QStringLiteral("UPDATE request_events SET note_sealed = NULL, note = '' WHERE request_id = ?"), {id});
                !notes)
                return notes.error();
            if (const auto pages = m_store.write(QStringLiteral("hapus halaman dokumen"),
                    QStringLiteral("UPDATE request_documents SET sealed = NULL, purged_at = ? WHERE request_id = ?"), {iso(m_clock()), id});
                !pages)
                return pages.error();
            return done(m_store.write(
                QStringLiteral("hapus token tiket"), QStringLiteral("UPDATE tickets SET token_sealed = NULL WHERE request_id = ?"), {id}));
        });
        if (!erased) {
            failures.append(erased.error().message);
            continue;
        }
        ++purged;
    }
    if (!failures.isEmpty())
        return Error {ErrorCode::Database,
            QStringLiteral("Data pribadi %1 permohonan terhapus, %2 gagal (dicoba lagi nanti): %3")
                .arg(purged)
                .arg(failures.size())
                .arg(failures.join(QStringLiteral("; ")))};
    return purged;
}

Result<int> OutboxRepository::sealClearNotes()
{
    QSqlQuery q(m_store.connection());
    QList<std::pair<QString, QString>> requests; // registration number, note
    if (q.exec(QStringLiteral("SELECT registration_number, stage_note FROM requests WHERE stage_note <> ''")))
        while (q.next())
            requests.append({q.value(0).toString(), q.value(1).toString()});
    QList<std::tuple<qint64, QString, QString>> events; // event id, registration number, note
    if (q.exec(QStringLiteral("SELECT e.id, r.registration_number, e.note FROM request_events e JOIN requests r ON r.id = e.request_id"
                              " WHERE e.note <> ''")))
        while (q.next())
            events.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()});
    if (requests.isEmpty() && events.isEmpty())
        return 0;
    const Status sealed = m_store.transaction([&]() -> Status {
        for (const auto &[registrationNumber, note] : requests)
            if (const auto w = m_store.write(QStringLiteral("catatan petugas"),
                    QStringLiteral("UPDATE requests SET stage_note_sealed = ?, stage_note = '' WHERE registration_number = ?"),
                    {sealNote(registrationNumber, note), registrationNumber});
                !w)
                return w.error();
        for (const auto &[id, registrationNumber, note] : events)
            if (const auto w = m_store.write(QStringLiteral("catatan petugas"),
                    QStringLiteral("UPDATE request_events SET note_sealed = ?, note = '' WHERE id = ?"),
                    {sealNote(registrationNumber, note), id});
                !w)
                return w.error();
        return Done {};
    });
    if (!sealed)
        return sealed.error();
    return int(requests.size() + events.size());
}

QStringList OutboxRepository::lettersToDownload() const
{
    QStringList out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral(
        "SELECT registration_number FROM requests WHERE letter_available = 1 AND letter_path IS NULL AND purged_at IS NULL AND stage = ?"));
    q.addBindValue(serverlink::stageToWire(Stage::Ready));
    q.exec();
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

QList<ParkedRequest> OutboxRepository::parkedRequests() const
{
    QList<ParkedRequest> out;
    QSqlQuery q(m_store.connection());
    q.exec(QStringLiteral("SELECT registration_number, service_code, parked_reason, created_at, attempts FROM requests"
                          " WHERE delivered_at IS NULL AND parked_reason IS NOT NULL AND abandoned_at IS NULL ORDER BY id"));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs), q.value(4).toInt()});
    return out;
}

namespace {
// One technician action on a parked request, in one transaction with its journal line.
Status technicianChange(const KioskStore &store, const QString &sql, const QString &registrationNumber, const QString &technician,
    const QString &action, const QString &now)
{
    QSqlDatabase db = store.connection();
    if (!db.transaction())
        return Error {ErrorCode::Database, QStringLiteral("Penyimpanan anjungan tidak dapat dibuka: %1").arg(db.lastError().text())};
    QSqlQuery q(db);
    q.prepare(sql);
    q.addBindValue(now);
    q.addBindValue(registrationNumber);
    if (!q.exec() || q.numRowsAffected() != 1) {
        db.rollback();
        return Error {ErrorCode::NotFound, QStringLiteral("Permohonan %1 tidak tertahan di anjungan ini.").arg(registrationNumber)};
    }
    QSqlQuery j(db);
    j.prepare(QStringLiteral("INSERT INTO technician_journal (at, technician, action, subject) VALUES (?, ?, ?, ?)"));
    j.addBindValue(now);
    j.addBindValue(technician);
    j.addBindValue(action);
    j.addBindValue(registrationNumber);
    if (!j.exec() || !db.commit()) {
        db.rollback();
        return Error {ErrorCode::Database, QStringLiteral("Catatan teknisi tidak tersimpan: %1").arg(j.lastError().text())};
    }
    return Done {};
}
} // namespace

Status OutboxRepository::retryParked(const QString &registrationNumber, const QString &technician)
{
    return technicianChange(m_store,
        QStringLiteral("UPDATE requests SET parked_reason = NULL, next_attempt_at = ? WHERE registration_number = ?"
                       " AND delivered_at IS NULL AND parked_reason IS NOT NULL AND abandoned_at IS NULL"),
        registrationNumber, technician, QStringLiteral("kirim-ulang"), iso(m_clock()));
}

Status OutboxRepository::abandonParked(const QString &registrationNumber, const QString &technician)
{
    return technicianChange(m_store,
        QStringLiteral("UPDATE requests SET abandoned_at = ? WHERE registration_number = ?"
                       " AND delivered_at IS NULL AND parked_reason IS NOT NULL AND abandoned_at IS NULL"),
        registrationNumber, technician, QStringLiteral("batalkan"), iso(m_clock()));
}

Status OutboxRepository::recordTechnicianAction(const QString &technician, const QString &action, const QString &subject)
{
    return done(m_store.write(QStringLiteral("catatan teknisi"),
        QStringLiteral("INSERT INTO technician_journal (at, technician, action, subject) VALUES (?, ?, ?, ?)"),
        {iso(m_clock()), technician, action, subject.left(300)}));
}

QStringList OutboxRepository::technicianJournal(int limit) const
{
    QStringList out;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT at, technician, action, subject FROM technician_journal ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    q.exec();
    while (q.next())
        out.append(QStringList {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()}.join(
            QStringLiteral("  ")));
    return out;
}

Status OutboxRepository::raiseTechnicianAlert(const QString &text)
{
    const QDateTime now = m_clock();
    return setSyncValue(QStringLiteral("alert:") + iso(now), text.left(500));
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

Status OutboxRepository::setSyncValue(const QString &name, const QString &value)
{
    return done(m_store.write(QStringLiteral("keadaan sinkronisasi"),
        QStringLiteral("INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value"),
        {name, value}));
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
