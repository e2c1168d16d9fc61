#include "backendstore.h"

#include "backendstore_p.h"
#include "offices.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <array>

namespace backend {

using serverlink::Stage;
using namespace detail;

namespace {

constexpr int kBusyTimeoutMs = 5000;

const QString kRequestColumns
    = QStringLiteral("registration_number, kiosk_id, desa_code, service_code, service_level, stage, nik, name, address,"
                     " purpose, fields_json, submitted_at, received_at, nomor_surat, letter_path, letter_sha256, phone,"
                     " signer_name, signer_title, signer_on_behalf_of, queue_label, status_token_hash, entered_by, version");

RequestRecord readRequest(const QSqlQuery &q)
{
    RequestRecord r;
    r.registrationNumber = q.value(0).toString();
    r.kioskId = q.value(1).toString();
    r.desaCode = q.value(2).toString();
    r.serviceCode = q.value(3).toString();
    r.level = serverlink::levelFromWire(q.value(4).toString()).value_or(serverlink::ServiceLevel::Desa);
    r.stage = serverlink::stageFromWire(q.value(5).toString()).value_or(Stage::Received);
    r.nik = q.value(6).toString();
    r.name = q.value(7).toString();
    r.address = q.value(8).toString();
    r.purpose = q.value(9).toString();
    r.fields = QJsonDocument::fromJson(q.value(10).toByteArray()).object();
    r.submittedAt = parseTimestamp(q.value(11));
    r.receivedAt = parseTimestamp(q.value(12));
    r.nomorSurat = q.value(13).toString();
    r.letterPath = q.value(14).toString();
    r.letterSha256 = q.value(15).toString();
    r.phone = q.value(16).toString();
    r.signer = LetterSigner {q.value(17).toString(), q.value(18).toString(), q.value(19).toString()};
    r.queueLabel = q.value(20).toString();
    r.statusTokenHash = q.value(21).toString();
    r.enteredBy = q.value(22).toString();
    r.version = q.value(23).toInt();
    return r;
}

std::optional<qint64> appendEvent(QSqlDatabase &db, const EventRecord &e, QSqlError *error)
{
    // Sequence numbers are allocated under the write lock, so they are gap-free and follow commit order.
    QSqlQuery next(db);
    next.prepare(QStringLiteral("SELECT COALESCE(MAX(sequence), 0) + 1 FROM events"));
    if (!exec(next, error) || !next.next())
        return std::nullopt;
    const qint64 sequence = next.value(0).toLongLong();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO events (sequence, registration_number, desa_code, stage, actor, role, note, at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(sequence);
    q.addBindValue(e.registrationNumber);
    q.addBindValue(e.desaCode);
    q.addBindValue(serverlink::stageToWire(e.stage));
    q.addBindValue(e.actor);
    q.addBindValue(e.role);
    // An empty note is stored as '' (the column is NOT NULL); a null QString would bind as NULL.
    q.addBindValue(e.note.isNull() ? QStringLiteral("") : e.note);
    q.addBindValue(timestamp(e.at));
    if (!exec(q, error))
        return std::nullopt;
    return sequence;
}

std::optional<int> nextCounter(QSqlDatabase &db, const QString &office, int year, QSqlError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM counters WHERE office = ? AND year = ?"));
    q.addBindValue(office);
    q.addBindValue(year);
    if (!exec(q, error))
        return std::nullopt;
    const int value = q.next() ? q.value(0).toInt() + 1 : 1;
    QSqlQuery w(db);
    w.prepare(value == 1 ? QStringLiteral("INSERT INTO counters (value, office, year) VALUES (?, ?, ?)")
                         : QStringLiteral("UPDATE counters SET value = ? WHERE office = ? AND year = ?"));
    w.addBindValue(value);
    w.addBindValue(office);
    w.addBindValue(year);
    if (!exec(w, error))
        return std::nullopt;
    return value;
}

QString formatNomor(const NomorAllocation &a, int value)
{
    return formatNomorSurat(a.format, NomorParts {value, a.klasifikasi, a.office, a.kodeSurat, a.year});
}

std::optional<RequestRecord> selectRequest(QSqlDatabase &db, const QString &where, const QVariantList &binds, QSqlError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM requests WHERE %2").arg(kRequestColumns, where));
    for (const auto &b : binds)
        q.addBindValue(b);
    if (!exec(q, error) || !q.next())
        return std::nullopt;
    return readRequest(q);
}

bool insertSeal(QSqlDatabase &db, const SealRecord &s, QSqlError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO seals (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)").arg(kSealColumns));
    for (const QVariant &v : QVariantList {s.registrationNumber, s.office, qint64(s.serial), s.keyId, s.issued.toString(Qt::ISODate),
             s.sealText, s.documentHash, s.canonicalText})
        q.addBindValue(v);
    return exec(q, error);
}

bool insertHandover(QSqlDatabase &db, const HandoverRecord &h, QSqlError *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO handovers (registration_number, kiosk_id, actor, at, collector_kind, collector_name,"
                             " collector_nik, relationship) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    // Empty, not NULL: an old kiosk's handover has no actor or collector.
    for (const QString &v : {h.registrationNumber, h.kioskId, h.actor, h.at.toUTC().toString(Qt::ISODateWithMs), h.collectorKind,
             h.collectorName, h.collectorNik, h.relationship})
        q.addBindValue(v.isNull() ? QStringLiteral("") : v);
    return exec(q, error);
}

} // namespace

namespace detail {

std::optional<qint64> appendRequestEvent(QSqlDatabase &db, const EventRecord &event, QSqlError *error)
{
    return appendEvent(db, event, error);
}

std::optional<RequestRecord> selectRequestWhere(QSqlDatabase &db, const QString &where, const QVariantList &binds, QSqlError *error)
{
    return selectRequest(db, where, binds, error);
}

Error notFound(const QString &registrationNumber)
{
    return {ErrorCode::NotFound, QStringLiteral("Permohonan %1 tidak ditemukan.").arg(registrationNumber)};
}

} // namespace detail

BackendStore::BackendStore(QString path)
    : m_path(std::move(path))
    , m_connectionPrefix(QStringLiteral("backendstore-%1").arg(quintptr(this), 0, 16))
{ }

BackendStore::~BackendStore()
{
    for (const QString &name : std::as_const(m_connectionNames))
        QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<BackendStore>> BackendStore::open(const QString &path)
{
    std::unique_ptr<BackendStore> store(new BackendStore(path));
    auto db = store->connection();
    if (!db)
        return db.error();
    QSqlQuery wal(db.value());
    if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return databaseError(QStringLiteral("mengaktifkan WAL"), wal.lastError());
    wal.finish();
    if (auto migrated = store->migrate(); !migrated)
        return migrated.error();
    return store;
}

Result<QSqlDatabase> BackendStore::connection()
{
    // QSqlDatabase connections belong to the thread that opened them: one per thread.
    const QString name = QStringLiteral("%1-%2").arg(m_connectionPrefix).arg(quintptr(QThread::currentThreadId()), 0, 16);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    QSqlDatabase db
        = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false) : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    {
        std::lock_guard lock(m_mutex);
        if (!m_connectionNames.contains(name))
            m_connectionNames.append(name);
    }
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.open())
        return databaseError(QStringLiteral("membuka %1").arg(m_path), db.lastError());
    QSqlQuery pragma(db);
    if (!pragma.exec(QStringLiteral("PRAGMA busy_timeout=%1").arg(kBusyTimeoutMs))
        || !pragma.exec(QStringLiteral("PRAGMA foreign_keys=ON")))
        return databaseError(QStringLiteral("menyiapkan koneksi"), pragma.lastError());
    return db;
}

Result<InsertResult> BackendStore::insertRequest(const NewRequest &n)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<InsertResult> {
        QSqlError err;

        // Every query is finished before COMMIT: SQLite refuses to commit with statements still reading.
        QSqlQuery byKey(db);
        byKey.prepare(QStringLiteral("SELECT registration_number, body_sha256 FROM requests"
                                     " WHERE kiosk_id = ? AND idempotency_key = ?"));
        byKey.addBindValue(n.kioskId);
        byKey.addBindValue(n.idempotencyKey);
        if (!exec(byKey, &err))
            return databaseError(QStringLiteral("mencari kunci idempotensi"), err);
        if (byKey.next()) {
            const QString existingNumber = byKey.value(0).toString();
            const QString existingSha256 = byKey.value(1).toString();
            byKey.finish();
            if (existingSha256 != n.bodySha256)
                return Error {ErrorCode::IdempotencyConflict, QStringLiteral("Kunci idempotensi ini sudah dipakai untuk permohonan lain.")};
            const auto existing = selectRequest(db, QStringLiteral("registration_number = ?"), {existingNumber}, &err);
            if (!existing)
                return databaseError(QStringLiteral("membaca permohonan"), err);
            return InsertResult {InsertOutcome::Replayed, *existing};
        }
        byKey.finish();

        const auto clash = selectRequest(db, QStringLiteral("registration_number = ?"), {n.submit.registrationNumber}, &err);
        if (err.isValid())
            return databaseError(QStringLiteral("mencari nomor registrasi"), err);
        if (clash)
            return Error {ErrorCode::RegistrationTaken,
                QStringLiteral("Nomor registrasi %1 sudah dipakai permohonan lain.").arg(n.submit.registrationNumber)};

        RequestRecord r;
        r.registrationNumber = n.submit.registrationNumber;
        r.kioskId = n.kioskId;
        r.desaCode = n.desaCode;
        r.serviceCode = n.submit.serviceCode;
        r.level = n.level;
        r.stage = Stage::Received;
        r.nik = n.submit.nik;
        r.name = n.submit.name;
        r.address = n.submit.address;
        r.purpose = n.submit.purpose;
        r.fields = n.submit.fields;
        r.phone = n.submit.phone;
        r.queueLabel = n.submit.queueLabel;
        r.statusTokenHash = n.submit.statusTokenHash;
        r.enteredBy = n.submit.enteredBy;
        r.submittedAt = n.submit.submittedAt.toUTC();
        r.receivedAt = QDateTime::currentDateTimeUtc();

        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO requests (registration_number, kiosk_id, desa_code, idempotency_key,"
                                      " body_sha256, service_code, service_level, nik, name, address, purpose, fields_json,"
                                      " submitted_at, received_at, stage, phone, queue_label, status_token_hash, entered_by)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant &v : QVariantList {r.registrationNumber, r.kioskId, r.desaCode, n.idempotencyKey, n.bodySha256, r.serviceCode,
                 serverlink::levelToWire(r.level), r.nik, r.name, r.address, r.purpose,
                 QJsonDocument(r.fields).toJson(QJsonDocument::Compact), timestamp(r.submittedAt), timestamp(r.receivedAt),
                 serverlink::stageToWire(r.stage), textOrNull(r.phone), textOrNull(r.queueLabel), textOrNull(r.statusTokenHash),
                 textOrNull(r.enteredBy)})
            insert.addBindValue(v);
        if (!exec(insert, &err))
            return databaseError(QStringLiteral("menyimpan permohonan"), err);
        const EventRecord received {
            0, r.registrationNumber, r.desaCode, Stage::Received, r.kioskId, QStringLiteral("kiosk"), QString(), r.receivedAt};
        if (!appendEvent(db, received, &err))
            return databaseError(QStringLiteral("mencatat riwayat"), err);
        const RequestVersionRecord first {r.registrationNumber, 1, r.kioskId,
            r.enteredBy.isEmpty() ? QStringLiteral("pemohon") : r.enteredBy, r.name, r.address, r.purpose, r.phone, r.fields,
            n.submit.documents, r.submittedAt, r.receivedAt};
        if (!insertRequestVersion(db, first, n.idempotencyKey, n.bodySha256, &err))
            return databaseError(QStringLiteral("menyimpan versi permohonan"), err);
        if (const Status pages = insertDocumentRefs(db, r.registrationNumber, 1, n.submit.documents); !pages)
            return pages.error();
        return InsertResult {InsertOutcome::Created, r};
    });
}

Result<RequestRecord> BackendStore::request(const QString &registrationNumber)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlError err;
    const auto found = selectRequest(conn.value(), QStringLiteral("registration_number = ?"), {registrationNumber}, &err);
    if (err.isValid())
        return databaseError(QStringLiteral("membaca permohonan"), err);
    if (!found)
        return notFound(registrationNumber);
    return *found;
}

Result<QList<RequestRecord>> BackendStore::requests()
{
    return readAll<RequestRecord>(connection(),
        QStringLiteral("SELECT %1 FROM requests ORDER BY received_at, registration_number").arg(kRequestColumns),
        QStringLiteral("membaca daftar permohonan"), readRequest);
}

Result<RequestRecord> BackendStore::applyTransition(const QString &registrationNumber, const Transition &t)
{
    return inWriteTransaction(connection(), [&](QSqlDatabase &db) -> Result<RequestRecord> {
        QSqlError err;
        auto current = selectRequest(db, QStringLiteral("registration_number = ?"), {registrationNumber}, &err);
        if (err.isValid())
            return databaseError(QStringLiteral("membaca permohonan"), err);
        if (!current)
            return notFound(registrationNumber);
        if (current->stage != t.from)
            return Error {ErrorCode::TransitionNotAllowed,
                QStringLiteral("Permohonan %1 sudah berpindah ke tahap %2.")
                    .arg(registrationNumber, serverlink::stageLabelId(current->stage))};

        RequestRecord r = *current;
        r.stage = t.to;
        if (t.nomor) {
            const auto value = nextCounter(db, t.nomor->office, t.nomor->year, &err);
            if (!value)
                return databaseError(QStringLiteral("mengambil nomor surat"), err);
            r.nomorSurat = formatNomor(*t.nomor, *value);
        }
        if (t.signer)
            r.signer = *t.signer;
        if (t.letter) {
            r.letterPath = t.letter->path;
            r.letterSha256 = t.letter->sha256;
        }
        if (t.seal && !insertSeal(db, *t.seal, &err))
            return databaseError(QStringLiteral("menyimpan segel surat"), err);
        if (t.handover && !insertHandover(db, *t.handover, &err))
            return databaseError(QStringLiteral("mencatat penyerahan surat"), err);
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE requests SET stage = ?, nomor_surat = ?, letter_path = ?, letter_sha256 = ?,"
                                      " signer_name = ?, signer_title = ?, signer_on_behalf_of = ? WHERE registration_number = ?"));
        const auto nullable = [](const QString &s) { return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s); };
        for (const QString &value : {serverlink::stageToWire(r.stage), r.nomorSurat, r.letterPath, r.letterSha256, r.signer.name,
                 r.signer.title, r.signer.onBehalfOf})
            update.addBindValue(nullable(value));
        update.addBindValue(registrationNumber);
        if (!exec(update, &err))
            return databaseError(QStringLiteral("memperbarui tahap"), err);
        const EventRecord event {0, r.registrationNumber, r.desaCode, t.to, t.actor, t.role, t.note, QDateTime::currentDateTimeUtc()};
        const auto sequence = appendEvent(db, event, &err);
        if (!sequence)
            return databaseError(QStringLiteral("mencatat riwayat"), err);
        if (!t.fixes.isEmpty() && !insertFixItems(db, *sequence, r.registrationNumber, t.fixes, &err))
            return databaseError(QStringLiteral("menyimpan butir perbaikan"), err);
        if (t.notification) {
            NotificationRecord n = *t.notification;
            n.eventKey = QStringLiteral("event:%1").arg(*sequence);
            n.registrationNumber = r.registrationNumber;
            if (!insertNotification(db, n, &err))
                return databaseError(QStringLiteral("menyimpan notifikasi"), err);
        }
        return r;
    });
}

Result<std::optional<HandoverRecord>> BackendStore::handover(const QString &registrationNumber)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("SELECT kiosk_id, actor, at, collector_kind, collector_name, collector_nik, relationship"
                             " FROM handovers WHERE registration_number = ?"));
    q.addBindValue(registrationNumber);
    if (!q.exec())
        return databaseError(QStringLiteral("membaca penyerahan surat"), q.lastError());
    if (!q.next())
        return std::optional<HandoverRecord> {};
    return std::optional<HandoverRecord> {HandoverRecord {registrationNumber, q.value(0).toString(), q.value(1).toString(),
        QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs), q.value(3).toString(), q.value(4).toString(),
        q.value(5).toString(), q.value(6).toString()}};
}

Result<QList<serverlink::StatusChange>> BackendStore::changes(const QString &desaCode, qint64 after, int limit)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("SELECT e.sequence, e.registration_number, e.stage, e.note, e.at, r.letter_sha256"
                             " FROM events e JOIN requests r ON r.registration_number = e.registration_number"
                             " WHERE e.desa_code = ? AND e.sequence > ? ORDER BY e.sequence LIMIT ?"));
    q.addBindValue(desaCode);
    q.addBindValue(after);
    q.addBindValue(limit);
    if (!q.exec())
        return databaseError(QStringLiteral("membaca perubahan"), q.lastError());
    QList<serverlink::StatusChange> list;
    while (q.next()) {
        serverlink::StatusChange c;
        c.sequence = q.value(0).toLongLong();
        c.registrationNumber = q.value(1).toString();
        c.stage = serverlink::stageFromWire(q.value(2).toString()).value_or(Stage::Received);
        c.note = q.value(3).toString();
        c.at = parseTimestamp(q.value(4));
        c.letterAvailable = (c.stage == Stage::Ready || c.stage == Stage::HandedOver) && !q.value(5).isNull();
        list.append(c);
    }
    return list;
}

Result<QList<EventRecord>> BackendStore::events(const QString &registrationNumber)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("SELECT sequence, registration_number, desa_code, stage, actor, role, note, at"
                             " FROM events WHERE registration_number = ? ORDER BY sequence"));
    q.addBindValue(registrationNumber);
    if (!q.exec())
        return databaseError(QStringLiteral("membaca riwayat"), q.lastError());
    QList<EventRecord> list;
    while (q.next())
        list.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            serverlink::stageFromWire(q.value(3).toString()).value_or(Stage::Received), q.value(4).toString(), q.value(5).toString(),
            q.value(6).toString(), parseTimestamp(q.value(7))});
    return list;
}

} // namespace backend
