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

// One entry per schema version; each runs in its own transaction. Plain SQL that
// PostgreSQL accepts as well (TEXT, BIGINT, composite keys, no AUTOINCREMENT).
const std::array<QStringList, 9> kMigrations {
    QStringList {
        QStringLiteral("CREATE TABLE requests ("
                       " registration_number TEXT NOT NULL PRIMARY KEY,"
                       " kiosk_id TEXT NOT NULL,"
                       " desa_code TEXT NOT NULL,"
                       " idempotency_key TEXT NOT NULL,"
                       " body_sha256 TEXT NOT NULL,"
                       " service_code TEXT NOT NULL,"
                       " service_level TEXT NOT NULL,"
                       " nik TEXT NOT NULL,"
                       " name TEXT NOT NULL,"
                       " address TEXT NOT NULL,"
                       " purpose TEXT NOT NULL,"
                       " fields_json TEXT NOT NULL,"
                       " submitted_at TEXT NOT NULL,"
                       " received_at TEXT NOT NULL,"
                       " stage TEXT NOT NULL,"
                       " nomor_surat TEXT,"
                       " letter_path TEXT,"
                       " letter_sha256 TEXT,"
                       " UNIQUE (kiosk_id, idempotency_key))"),
        QStringLiteral("CREATE TABLE events ("
                       " sequence BIGINT NOT NULL PRIMARY KEY,"
                       " registration_number TEXT NOT NULL REFERENCES requests (registration_number),"
                       " desa_code TEXT NOT NULL,"
                       " stage TEXT NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " role TEXT NOT NULL,"
                       " note TEXT NOT NULL,"
                       " at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX events_by_desa ON events (desa_code, sequence)"),
        QStringLiteral("CREATE INDEX events_by_request ON events (registration_number, sequence)"),
        QStringLiteral("CREATE TABLE counters ("
                       " office TEXT NOT NULL,"
                       " year INTEGER NOT NULL,"
                       " value INTEGER NOT NULL,"
                       " PRIMARY KEY (office, year))"),
    },
    // 2: SQ1 seals — office signing keys with usage windows, issued seals, signed lists.
    QStringList {
        QStringLiteral("CREATE TABLE signing_keys ("
                       " key_id TEXT NOT NULL PRIMARY KEY,"
                       " office TEXT NOT NULL,"
                       " office_name TEXT NOT NULL,"
                       " signer TEXT NOT NULL,"
                       " spki TEXT NOT NULL,"
                       " key_file TEXT NOT NULL,"
                       " valid_from TEXT NOT NULL,"
                       " valid_until TEXT,"
                       " status TEXT NOT NULL,"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE seals ("
                       " registration_number TEXT NOT NULL PRIMARY KEY REFERENCES requests (registration_number),"
                       " office TEXT NOT NULL,"
                       " serial BIGINT NOT NULL,"
                       " key_id TEXT NOT NULL REFERENCES signing_keys (key_id),"
                       " issued TEXT NOT NULL,"
                       " seal_text TEXT NOT NULL,"
                       " document_hash TEXT NOT NULL,"
                       " canonical_text TEXT NOT NULL,"
                       " revoked_at TEXT,"
                       " revoke_reason TEXT,"
                       " UNIQUE (office, serial))"),
        QStringLiteral("CREATE TABLE signed_lists ("
                       " name TEXT NOT NULL PRIMARY KEY,"
                       " sequence BIGINT NOT NULL,"
                       " issued_at TEXT NOT NULL,"
                       " content_sha256 TEXT NOT NULL,"
                       " envelope TEXT NOT NULL)"),
    },
    // 3: anonymous IKM survey answers relayed by kiosks (PermenPAN-RB 14/2017).
    {
        QStringLiteral("CREATE TABLE survey_responses ("
                       " id TEXT NOT NULL PRIMARY KEY,"
                       " kiosk_id TEXT NOT NULL,"
                       " desa_code TEXT NOT NULL,"
                       " service_code TEXT NOT NULL,"
                       " answers TEXT NOT NULL,"
                       " answered_at TEXT NOT NULL,"
                       " received_at TEXT NOT NULL)"),
    },
    // 4: the latest heartbeat of each kiosk (fleet health).
    {
        QStringLiteral("CREATE TABLE kiosk_heartbeats ("
                       " kiosk_id TEXT NOT NULL PRIMARY KEY,"
                       " desa_code TEXT NOT NULL,"
                       " last_seen TEXT NOT NULL,"
                       " sent_at TEXT,"
                       " printer_state TEXT NOT NULL,"
                       " paper_state TEXT NOT NULL,"
                       " scanner_state TEXT NOT NULL,"
                       " letter_printer_state TEXT NOT NULL,"
                       " outbox_depth INTEGER NOT NULL,"
                       " parked_count INTEGER NOT NULL,"
                       " free_disk_mb BIGINT NOT NULL,"
                       " app_version TEXT NOT NULL)"),
    },
    // 5: kiosk registry (one current client certificate per kiosk) and one-time enrollment codes.
    {
        QStringLiteral("CREATE TABLE kiosks ("
                       " kiosk_id TEXT NOT NULL PRIMARY KEY,"
                       " desa_code TEXT NOT NULL,"
                       " cert_serial TEXT NOT NULL,"
                       " cert_fingerprint TEXT NOT NULL,"
                       " cert_not_after TEXT NOT NULL,"
                       " status TEXT NOT NULL,"
                       " enrolled_at TEXT NOT NULL,"
                       " revoked_at TEXT)"),
        QStringLiteral("CREATE TABLE enrollment_codes ("
                       " code_hash TEXT NOT NULL PRIMARY KEY,"
                       " kiosk_id TEXT NOT NULL,"
                       " desa_code TEXT NOT NULL,"
                       " created_at TEXT NOT NULL,"
                       " expires_at TEXT NOT NULL,"
                       " used_at TEXT)"),
    },
    // 6: officers of the console, their leave with delegates, and login sessions (ids stored hashed).
    {
        QStringLiteral("CREATE TABLE officers ("
                       " id BIGINT NOT NULL PRIMARY KEY,"
                       " username TEXT NOT NULL UNIQUE,"
                       " display_name TEXT NOT NULL,"
                       " role TEXT NOT NULL,"
                       " office TEXT NOT NULL,"
                       " password_hash TEXT NOT NULL,"
                       " failed_logins INTEGER NOT NULL,"
                       " locked_until TEXT,"
                       " active INTEGER NOT NULL,"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE delegations ("
                       " id BIGINT NOT NULL PRIMARY KEY,"
                       " officer_id BIGINT NOT NULL REFERENCES officers (id),"
                       " delegate_id BIGINT NOT NULL REFERENCES officers (id),"
                       " starts TEXT NOT NULL,"
                       " ends TEXT NOT NULL,"
                       " reason TEXT NOT NULL,"
                       " created_by TEXT NOT NULL,"
                       " created_at TEXT NOT NULL,"
                       " cancelled_at TEXT)"),
        QStringLiteral("CREATE TABLE officer_sessions ("
                       " id_hash TEXT NOT NULL PRIMARY KEY,"
                       " officer_id BIGINT NOT NULL REFERENCES officers (id),"
                       " csrf_token TEXT NOT NULL,"
                       " created_at TEXT NOT NULL,"
                       " last_seen TEXT NOT NULL)"),
    },
    // 7: the citizen's phone for SMS, the durable notification outbox (citizen SMS and officer
    // reminders, one row per event_key), and one nomor surat per letter.
    {
        QStringLiteral("ALTER TABLE requests ADD COLUMN phone TEXT"),
        QStringLiteral("CREATE TABLE notifications ("
                       " id BIGINT NOT NULL PRIMARY KEY,"
                       " event_key TEXT NOT NULL UNIQUE,"
                       " registration_number TEXT REFERENCES requests (registration_number),"
                       " kind TEXT NOT NULL,"
                       " recipient_kind TEXT NOT NULL,"
                       " recipient TEXT NOT NULL,"
                       " message TEXT NOT NULL,"
                       " status TEXT NOT NULL,"
                       " attempts INTEGER NOT NULL,"
                       " next_attempt_at TEXT NOT NULL,"
                       " created_at TEXT NOT NULL,"
                       " sent_at TEXT,"
                       " last_error TEXT)"),
        QStringLiteral("CREATE INDEX notifications_due ON notifications (status, next_attempt_at)"),
        QStringLiteral("CREATE UNIQUE INDEX requests_nomor_surat ON requests (nomor_surat)"),
    },
    // 8: desa master data editable in the console (seeded from the built-in office table, see
    // seedAfterMigration), an audit log of master data changes, and the signer each letter names.
    {
        QStringLiteral("CREATE TABLE desa_offices ("
                       " code TEXT NOT NULL PRIMARY KEY,"
                       " name TEXT NOT NULL,"
                       " place TEXT NOT NULL,"
                       " address TEXT NOT NULL,"
                       " kecamatan TEXT NOT NULL,"
                       " kecamatan_code TEXT NOT NULL,"
                       " kecamatan_address TEXT NOT NULL,"
                       " kabupaten TEXT NOT NULL,"
                       " kepala_desa TEXT NOT NULL,"
                       " camat TEXT NOT NULL,"
                       " nomor_format TEXT NOT NULL,"
                       " kode_surat TEXT NOT NULL,"
                       " kecamatan_kode_surat TEXT NOT NULL,"
                       " kecamatan_nomor_format TEXT NOT NULL,"
                       " updated_at TEXT NOT NULL,"
                       " updated_by TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX desa_offices_by_kecamatan ON desa_offices (kecamatan_code, code)"),
        QStringLiteral("CREATE TABLE audit_log ("
                       " id BIGINT NOT NULL PRIMARY KEY,"
                       " at TEXT NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " subject TEXT NOT NULL,"
                       " detail TEXT NOT NULL)"),
        QStringLiteral("ALTER TABLE requests ADD COLUMN signer_name TEXT"),
        QStringLiteral("ALTER TABLE requests ADD COLUMN signer_title TEXT"),
        QStringLiteral("ALTER TABLE requests ADD COLUMN signer_on_behalf_of TEXT"),
    },
    // 9: an officer's mobile number (optional, +62…) so SLA reminders reach them by SMS.
    {
        QStringLiteral("ALTER TABLE officers ADD COLUMN phone TEXT"),
    },
};

static_assert(kMigrations.size() == BackendStore::kSchemaVersion, "one migration per schema version");

/// Rows a migration brings along, written in its transaction right after its SQL.
Status seedAfterMigration(int version, QSqlDatabase &db)
{
    // 8: existing deployments keep the desa they had in the built-in office table.
    if (version == 8)
        return seedDesaOffices(db);
    return Done {};
}

const QString kSealColumns = QStringLiteral("registration_number, office, serial, key_id, issued, seal_text, document_hash,"
                                            " canonical_text, revoked_at, revoke_reason");

const QString kRequestColumns
    = QStringLiteral("registration_number, kiosk_id, desa_code, service_code, service_level, stage, nik, name, address,"
                     " purpose, fields_json, submitted_at, received_at, nomor_surat, letter_path, letter_sha256, phone,"
                     " signer_name, signer_title, signer_on_behalf_of");

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

SealRecord readSeal(const QSqlQuery &q)
{
    return SealRecord {q.value(0).toString(), q.value(1).toString(), quint32(q.value(2).toLongLong()), q.value(3).toString(),
        QDate::fromString(q.value(4).toString(), Qt::ISODate), q.value(5).toString(), q.value(6).toString(), q.value(7).toString(),
        q.value(8).isNull() ? QDateTime() : parseTimestamp(q.value(8)), q.value(9).toString()};
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

Error notFound(const QString &registrationNumber)
{
    return {ErrorCode::NotFound, QStringLiteral("Permohonan %1 tidak ditemukan.").arg(registrationNumber)};
}

} // namespace

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

Status BackendStore::migrate()
{
    auto db = connection();
    if (!db)
        return db.error();
    for (;;) {
        WriteTransaction tx(db.value());
        if (!tx.active())
            return databaseError(QStringLiteral("memulai migrasi"), tx.error());
        QSqlQuery version(db.value());
        if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next())
            return databaseError(QStringLiteral("membaca versi skema"), version.lastError());
        const int current = version.value(0).toInt();
        version.finish();
        if (current > kSchemaVersion)
            return Error {ErrorCode::SchemaTooNew,
                QStringLiteral("Basis data %1 memakai skema versi %2, lebih baru dari yang didukung "
                               "program ini (versi %3). Perbarui kecamatan-backend.")
                    .arg(m_path)
                    .arg(current)
                    .arg(kSchemaVersion)};
        if (current == kSchemaVersion)
            return Done {};
        QSqlQuery step(db.value());
        for (const QString &sql : kMigrations.at(current))
            if (!step.exec(sql))
                return databaseError(QStringLiteral("migrasi ke versi %1").arg(current + 1), step.lastError());
        if (auto seeded = seedAfterMigration(current + 1, db.value()); !seeded)
            return seeded.error();
        if (!step.exec(QStringLiteral("PRAGMA user_version = %1").arg(current + 1)))
            return databaseError(QStringLiteral("mencatat versi skema"), step.lastError());
        if (!tx.commit())
            return databaseError(QStringLiteral("menyimpan migrasi"), tx.error());
    }
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
        r.submittedAt = n.submit.submittedAt.toUTC();
        r.receivedAt = QDateTime::currentDateTimeUtc();

        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO requests (registration_number, kiosk_id, desa_code, idempotency_key,"
                                      " body_sha256, service_code, service_level, nik, name, address, purpose, fields_json,"
                                      " submitted_at, received_at, stage, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant &v : QVariantList {r.registrationNumber, r.kioskId, r.desaCode, n.idempotencyKey, n.bodySha256, r.serviceCode,
                 serverlink::levelToWire(r.level), r.nik, r.name, r.address, r.purpose,
                 QJsonDocument(r.fields).toJson(QJsonDocument::Compact), timestamp(r.submittedAt), timestamp(r.receivedAt),
                 serverlink::stageToWire(r.stage), textOrNull(r.phone)})
            insert.addBindValue(v);
        if (!exec(insert, &err))
            return databaseError(QStringLiteral("menyimpan permohonan"), err);
        const EventRecord received {
            0, r.registrationNumber, r.desaCode, Stage::Received, r.kioskId, QStringLiteral("kiosk"), QString(), r.receivedAt};
        if (!appendEvent(db, received, &err))
            return databaseError(QStringLiteral("mencatat riwayat"), err);
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
        if (!enqueueTransitionNotification(db, r, t, *sequence, &err))
            return databaseError(QStringLiteral("menyimpan notifikasi"), err);
        return r;
    });
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

Status BackendStore::insertSigningKey(const SigningKeyRecord &k)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("INSERT INTO signing_keys (key_id, office, office_name, signer, spki, key_file, valid_from, valid_until,"
                             " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &v : QVariantList {k.keyId, k.office, k.officeName, k.signer, QString::fromLatin1(k.spki.toBase64()), k.keyFile,
             k.validFrom.toString(Qt::ISODate),
             k.validUntil.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(k.validUntil.toString(Qt::ISODate)), k.status,
             timestamp(k.createdAt)})
        q.addBindValue(v);
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan kunci penandatangan"), q.lastError());
    return Done {};
}

Result<QList<SigningKeyRecord>> BackendStore::signingKeys()
{
    return readAll<SigningKeyRecord>(connection(),
        QStringLiteral("SELECT key_id, office, office_name, signer, spki, key_file, valid_from, valid_until, status, created_at"
                       " FROM signing_keys ORDER BY created_at, key_id"),
        QStringLiteral("membaca kunci penandatangan"), [](const QSqlQuery &q) {
            return SigningKeyRecord {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                QByteArray::fromBase64(q.value(4).toByteArray()), q.value(5).toString(),
                QDate::fromString(q.value(6).toString(), Qt::ISODate), QDate::fromString(q.value(7).toString(), Qt::ISODate),
                q.value(8).toString(), parseTimestamp(q.value(9))};
        });
}

Status BackendStore::updateSigningKey(const QString &keyId, const QDate &validUntil, const QString &status)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE signing_keys SET valid_until = ?, status = ? WHERE key_id = ?"));
    q.addBindValue(validUntil.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(validUntil.toString(Qt::ISODate)));
    q.addBindValue(status);
    q.addBindValue(keyId);
    if (!q.exec())
        return databaseError(QStringLiteral("memperbarui kunci penandatangan"), q.lastError());
    if (q.numRowsAffected() != 1)
        return Error {ErrorCode::NotFound, QStringLiteral("Kunci penandatangan %1 tidak ditemukan.").arg(keyId)};
    return Done {};
}

Result<bool> BackendStore::serialTaken(const QString &office, quint32 serial)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("SELECT 1 FROM seals WHERE office = ? AND serial = ?"));
    q.addBindValue(office);
    q.addBindValue(qint64(serial));
    if (!q.exec())
        return databaseError(QStringLiteral("memeriksa nomor seri segel"), q.lastError());
    return q.next();
}

Result<SealRecord> BackendStore::seal(const QString &registrationNumber)
{
    return readExisting<SealRecord>(connection(), QStringLiteral("SELECT %1 FROM seals WHERE registration_number = ?").arg(kSealColumns),
        {registrationNumber}, QStringLiteral("membaca segel"),
        QStringLiteral("Permohonan %1 belum memiliki surat bersegel.").arg(registrationNumber), readSeal);
}

Result<SealRecord> BackendStore::revokeSeal(const QString &registrationNumber, const QString &reason)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("UPDATE seals SET revoked_at = ?, revoke_reason = ? WHERE registration_number = ? AND revoked_at IS NULL"));
    q.addBindValue(timestamp(QDateTime::currentDateTimeUtc()));
    q.addBindValue(reason);
    q.addBindValue(registrationNumber);
    if (!q.exec())
        return databaseError(QStringLiteral("mencabut surat"), q.lastError());
    q.finish();
    return seal(registrationNumber);
}

Result<QList<SealRecord>> BackendStore::revokedSeals()
{
    return readAll<SealRecord>(connection(),
        QStringLiteral("SELECT %1 FROM seals WHERE revoked_at IS NOT NULL ORDER BY office, serial").arg(kSealColumns),
        QStringLiteral("membaca surat yang dicabut"), readSeal);
}

Result<std::optional<SignedListRecord>> BackendStore::signedList(const QString &name)
{
    return readOne<SignedListRecord>(connection(),
        QStringLiteral("SELECT name, sequence, issued_at, content_sha256, envelope FROM signed_lists WHERE name = ?"), {name},
        QStringLiteral("membaca daftar bertanda tangan"), [](const QSqlQuery &q) {
            return SignedListRecord {q.value(0).toString(), quint64(q.value(1).toLongLong()), parseTimestamp(q.value(2)),
                q.value(3).toString(), q.value(4).toByteArray()};
        });
}

Status BackendStore::saveSignedList(const SignedListRecord &list)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("INSERT INTO signed_lists (name, sequence, issued_at, content_sha256, envelope) VALUES (?, ?, ?, ?, ?)"
                             " ON CONFLICT (name) DO UPDATE SET sequence = excluded.sequence, issued_at = excluded.issued_at,"
                             " content_sha256 = excluded.content_sha256, envelope = excluded.envelope"));
    for (const QVariant &v :
        QVariantList {list.name, qint64(list.sequence), timestamp(list.issuedAt), list.contentSha256, QString::fromUtf8(list.envelope)})
        q.addBindValue(v);
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan daftar bertanda tangan"), q.lastError());
    return Done {};
}

Result<bool> BackendStore::insertSurvey(const QString &kioskId, const QString &desaCode, const serverlink::SurveyResponse &survey)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QStringList answers;
    for (int a : survey.answers)
        answers.append(QString::number(a));
    // The response id is its idempotency key: a resent survey is stored once.
    QSqlQuery q(conn.value());
    q.prepare(QStringLiteral("INSERT INTO survey_responses (id, kiosk_id, desa_code, service_code, answers, answered_at, received_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"));
    q.addBindValue(survey.id);
    q.addBindValue(kioskId);
    q.addBindValue(desaCode);
    q.addBindValue(survey.serviceCode.isNull() ? QString(QLatin1String("")) : survey.serviceCode);
    q.addBindValue(answers.join(QLatin1Char(',')));
    q.addBindValue(timestamp(survey.at));
    q.addBindValue(timestamp(QDateTime::currentDateTimeUtc()));
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan survei"), q.lastError());
    return q.numRowsAffected() > 0;
}

Result<int> BackendStore::surveyCount()
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM survey_responses")) || !q.next())
        return databaseError(QStringLiteral("menghitung survei"), q.lastError());
    return q.value(0).toInt();
}

} // namespace backend
