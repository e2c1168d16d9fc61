#include "store.h"

#include "crypto.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcStore, "anjungan.store")

namespace kiosk {

namespace {
// One entry per schema version; entry N migrates from version N to N+1.
const char *const kMigrations[] = {
    R"(
    CREATE TABLE requests (
        id INTEGER PRIMARY KEY,
        registration_number TEXT NOT NULL UNIQUE,
        status_token_hash BLOB NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        service_code TEXT NOT NULL,
        payload BLOB NOT NULL,
        created_at TEXT NOT NULL,
        stage TEXT NOT NULL,
        stage_note TEXT NOT NULL DEFAULT '',
        stage_at TEXT NOT NULL,
        delivered_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        parked_reason TEXT,
        letter_available INTEGER NOT NULL DEFAULT 0,
        letter_path TEXT,
        letter_sha256 TEXT
    );
    CREATE TABLE tickets (
        request_id INTEGER PRIMARY KEY REFERENCES requests(id),
        queue_day TEXT NOT NULL,
        queue_number INTEGER NOT NULL,
        printed_at TEXT,
        print_job INTEGER,
        print_error TEXT,
        UNIQUE (queue_day, queue_number)
    );
    CREATE TABLE queue_counters (day TEXT PRIMARY KEY, last_number INTEGER NOT NULL);
    CREATE TABLE catalog (id INTEGER PRIMARY KEY CHECK (id = 1), etag TEXT, body BLOB NOT NULL, fetched_at TEXT NOT NULL);
    CREATE TABLE sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    )",
    // 2: the stage history shown as a timeline, and survey answers waiting to be relayed.
    R"(
    CREATE TABLE request_events (
        id INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id),
        stage TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        UNIQUE (request_id, stage, at)
    );
    CREATE TABLE surveys (
        id TEXT PRIMARY KEY,
        body BLOB NOT NULL,
        created_at TEXT NOT NULL,
        delivered_at TEXT
    );
    )",
    // 3: the SQ1 trust list and revocation list, as received (root-signed envelopes).
    R"(
    CREATE TABLE trust_cache (
        name TEXT PRIMARY KEY,
        etag TEXT NOT NULL DEFAULT '',
        envelope BLOB NOT NULL,
        sequence INTEGER NOT NULL,
        issued_at TEXT NOT NULL,
        fetched_at TEXT NOT NULL
    );
    )",
    // 4: handing the letter over at the front office, and the purge of personal data some days after.
    R"(
    ALTER TABLE requests ADD COLUMN handed_over_at TEXT;
    ALTER TABLE requests ADD COLUMN handover_sent_at TEXT;
    ALTER TABLE requests ADD COLUMN purged_at TEXT;
    )",
    // 5: the ticket's status token, sealed with the device key until the ticket has printed, so a ticket
    // lost to a crash or power cut between the commit and the printer can be printed again.
    R"(
    ALTER TABLE tickets ADD COLUMN token_sealed BLOB;
    )",
    // 6: the front office's journal (who printed, handed over, reprinted, cancelled, called), delivered to the backend.
    R"(
    CREATE TABLE desk_events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL DEFAULT '',
        registration_number TEXT NOT NULL DEFAULT '',
        queue_label TEXT NOT NULL DEFAULT '',
        counter INTEGER NOT NULL DEFAULT 0,
        detail TEXT NOT NULL DEFAULT '',
        delivered_at TEXT
    );
    CREATE INDEX desk_events_at ON desk_events (at);
    )",
    // 7: the staff credentials list sealed with the device key, and the PIN lockout per staff member (keyed hash).
    R"(
    CREATE TABLE staff_credentials (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sealed BLOB NOT NULL,
        saved_at TEXT NOT NULL
    );
    CREATE TABLE staff_lockouts (
        subject TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until TEXT NOT NULL DEFAULT ''
    );
    )",
    // 8: who handed each letter over and to whom (the collector sealed like other PII), and pick-up numbers
    // drawn at the kiosk: one per letter per day.
    R"(
    ALTER TABLE requests ADD COLUMN handed_over_by TEXT;
    ALTER TABLE requests ADD COLUMN collector_kind TEXT;
    ALTER TABLE requests ADD COLUMN collector_sealed BLOB;
    ALTER TABLE requests ADD COLUMN collector_relationship TEXT;
    CREATE TABLE pickup_numbers (
        day TEXT NOT NULL,
        registration_number TEXT NOT NULL,
        label TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        PRIMARY KEY (day, registration_number),
        UNIQUE (day, label)
    );
    )",
    // 9: the village hall's queue: numbers per local day and purpose (A request, B pick-up, C help), each
    // number's way through the lokets, and each loket's priority run and no-shows. Today's ticket numbers
    // carry on from queue_counters, which the queue numbering replaces.
    R"(
    CREATE TABLE queue_numbers (
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (day, kind)
    );
    INSERT INTO queue_numbers (day, kind, last_number) SELECT day, 'A', last_number FROM queue_counters;
    CREATE TABLE queue_entries (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        number INTEGER NOT NULL,
        label TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        registration_number TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,
        counter INTEGER NOT NULL DEFAULT 0,
        transfer_to INTEGER NOT NULL DEFAULT 0,
        taken_at TEXT NOT NULL,
        called_at TEXT,
        served_at TEXT,
        requeue_at TEXT,
        skips INTEGER NOT NULL DEFAULT 0,
        UNIQUE (day, kind, number)
    );
    CREATE INDEX queue_entries_day_state ON queue_entries (day, state);
    CREATE TABLE queue_lokets (
        day TEXT NOT NULL,
        counter INTEGER NOT NULL,
        priority_run INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, counter)
    );
    )",
    // Requirement pages captured at the kiosk (sealed with the device key), uploaded after their request.
    R"(
    CREATE TABLE request_documents (
        id INTEGER PRIMARY KEY,
        request_id INTEGER REFERENCES requests (id),
        registration_number TEXT NOT NULL,
        page_id TEXT NOT NULL UNIQUE,
        requirement INTEGER NOT NULL,
        requirement_text TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        sealed BLOB,
        created_at TEXT NOT NULL,
        announced_at TEXT,
        uploaded_bytes INTEGER NOT NULL DEFAULT 0,
        delivered_at TEXT,
        purged_at TEXT
    );
    CREATE INDEX request_documents_request ON request_documents (request_id);
    CREATE INDEX request_documents_number ON request_documents (registration_number);
    ALTER TABLE requests ADD COLUMN entered_by TEXT NOT NULL DEFAULT '';
    )",
    // Revisions and cancellations of a request (this kiosk's or another's), sealed with the device key until
    // the backend accepted them, delivered once by their idempotency key.
    R"(
    CREATE TABLE request_changes (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('revision', 'cancel')),
        registration_number TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        sealed BLOB,
        page_ids TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        parked_reason TEXT,
        delivered_at TEXT
    );
    CREATE INDEX request_changes_number ON request_changes (registration_number);
    )",
    // 12: complaints (pengaduan) filed at this kiosk: the body (NIK, phone, text) sealed with the device key until the
    // backend has it, then dropped; parked with the reason when the backend refuses it for good.
    R"(
    CREATE TABLE complaints (
        number TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        category TEXT NOT NULL,
        body_sealed BLOB,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        parked_reason TEXT
    );
    )",
    // 13: technician mode: a parked request a technician withdrew (never sent, kept), and what technicians did here.
    R"(
    ALTER TABLE requests ADD COLUMN abandoned_at TEXT;
    CREATE TABLE technician_journal (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        technician TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL
    );
    )",
    // 14: the kiosk's fleet alerts as the backend last listed them, and the alerts technicians handled here (fleet
    // alerts "armada:<id>" delivered once to the backend; the kiosk's own "lokal:<key>").
    R"(
    CREATE TABLE fleet_alerts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        raised_at TEXT NOT NULL
    );
    CREATE TABLE alert_acknowledgements (
        alert_key TEXT PRIMARY KEY,
        technician TEXT NOT NULL,
        acknowledged_at TEXT NOT NULL,
        delivered_at TEXT,
        delivery_note TEXT
    );
    )",
    // 15: officers' notes sealed with the device key like the request they belong to (the clear columns stay empty).
    R"(
    ALTER TABLE requests ADD COLUMN stage_note_sealed BLOB;
    ALTER TABLE request_events ADD COLUMN note_sealed BLOB;
    )",
};
static_assert(std::size(kMigrations) == KioskStore::kSchemaVersion);

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}
} // namespace

KioskStore::~KioskStore()
{
    if (m_prefix.isEmpty())
        return;
    for (const QString &name : QSqlDatabase::connectionNames())
        if (name.startsWith(m_prefix))
            QSqlDatabase::removeDatabase(name);
}

QSqlDatabase KioskStore::connection() const
{
    // One connection per thread, named with an id of this thread's own: the system reuses a finished thread's id,
    // and that thread's connection cannot be used from another (Qt answers "Driver not loaded").
    thread_local QHash<QString, QString> names; // store prefix → this thread's connection
    QString &name = names[m_prefix];
    if (!name.isEmpty() && QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    name = m_prefix + QUuid::createUuid().toString(QUuid::Id128);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (db.open()) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        // FULL: a committed request survives a power cut, not only a crash.
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        // Purged or re-sealed personal data is overwritten in the file, not left in free pages.
        q.exec(QStringLiteral("PRAGMA secure_delete=ON"));
    }
    return db;
}

Status KioskStore::open(const QString &path)
{
    m_path = path;
    m_prefix = QStringLiteral("kiosk-%1-").arg(QUuid::createUuid().toString(QUuid::Id128));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return Error {ErrorCode::Database, QStringLiteral("Basis data %1 tidak dapat dibuka: %2").arg(path, db.lastError().text())};
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA user_version"));
    const int version = q.next() ? q.value(0).toInt() : 0;
    if (version > kSchemaVersion)
        return Error {ErrorCode::SchemaTooNew,
            QStringLiteral("Basis data %1 dibuat oleh versi aplikasi yang lebih baru (skema %2, aplikasi ini %3). "
                           "Pasang versi aplikasi yang sesuai; data tidak diubah.")
                .arg(path)
                .arg(version)
                .arg(kSchemaVersion)};
    for (int v = version; v < kSchemaVersion; ++v) {
        QString err;
        bool ok = db.transaction();
        for (const QString &statement : QString::fromLatin1(kMigrations[v]).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (!statement.trimmed().isEmpty() && !exec(db, statement, &err)) {
                ok = false;
                break;
            }
        }
        ok = ok && exec(db, QStringLiteral("PRAGMA user_version = %1").arg(v + 1), &err) && db.commit();
        if (!ok) {
            db.rollback();
            return Error {ErrorCode::Database, QStringLiteral("Migrasi basis data ke skema %1 gagal: %2").arg(v + 1).arg(err)};
        }
    }
    return Done {};
}

std::optional<std::pair<QString, QByteArray>> KioskStore::cachedCatalog() const
{
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("SELECT etag, body FROM catalog WHERE id = 1")) || !q.next())
        return std::nullopt;
    return std::make_pair(q.value(0).toString(), q.value(1).toByteArray());
}

Status KioskStore::saveCatalog(const QString &etag, const QByteArray &body) const
{
    const auto saved = write(QStringLiteral("katalog layanan"),
        QStringLiteral("INSERT INTO catalog (id, etag, body, fetched_at) VALUES (1, ?, ?, ?)"
                       " ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, body = excluded.body, fetched_at = excluded.fetched_at"),
        {etag, body, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)});
    if (!saved)
        return saved.error();
    return Done {};
}

Result<int> KioskStore::write(const QString &what, const QString &sql, const QVariantList &values) const
{
    QSqlQuery q(connection());
    q.prepare(sql);
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec())
        return Error {ErrorCode::Database, QStringLiteral("Penyimpanan anjungan gagal (%1): %2").arg(what, q.lastError().text())};
    return q.numRowsAffected();
}

Status KioskStore::transaction(const std::function<Status()> &work) const
{
    QSqlDatabase db = connection();
    if (!db.transaction())
        return Error {ErrorCode::Database, QStringLiteral("Penyimpanan anjungan tidak tersedia: %1").arg(db.lastError().text())};
    Status done = work();
    if (done && !db.commit())
        done = Error {ErrorCode::Database, QStringLiteral("Penyimpanan anjungan gagal (commit): %1").arg(db.lastError().text())};
    if (!done)
        db.rollback();
    return done;
}

namespace {
constexpr int kDeviceKeyBytes = 32;

Error keyError(const QString &what, const QString &path)
{
    return Error {ErrorCode::Io, QStringLiteral("Kunci perangkat %1 %2. Hubungi teknisi.").arg(path, what)};
}

// Reads an existing key; one readable by others than the kiosk's user is tightened to 0600 first, with a log line.
Result<QByteArray> readDeviceKey(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat st {
    };
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            ::close(fd);
        return keyError(QStringLiteral("tidak dapat dibaca"), path);
    }
    if ((st.st_mode & 077) != 0) {
        const bool tightened = ::fchmod(fd, 0600) == 0;
        qCWarning(lcStore).noquote() << QStringLiteral("device key %1 had mode %2: %3")
                                            .arg(path, QString::number(st.st_mode & 0777, 8),
                                                tightened ? QStringLiteral("tightened to 0600") : QStringLiteral("could not be tightened"));
        if (!tightened) {
            ::close(fd);
            return keyError(QStringLiteral("dapat dibaca pengguna lain dan tidak dapat dibatasi"), path);
        }
    }
    QByteArray key(kDeviceKeyBytes + 1, Qt::Uninitialized);
    const ssize_t got = ::read(fd, key.data(), size_t(key.size()));
    ::close(fd);
    if (got != kDeviceKeyBytes)
        return keyError(QStringLiteral("rusak"), path);
    key.truncate(kDeviceKeyBytes);
    return key;
}

// Publishes `key` at `path` whole or not at all: written and synced under a temporary name, then hard-linked into
// place, which fails when another process published a key first (that key is then the one used).
Result<QByteArray> publishDeviceKey(const QString &path, const QByteArray &key)
{
    const QString dir = QFileInfo(path).absolutePath();
    QDir().mkpath(dir);
    const QString temp = QStringLiteral("%1.%2.baru").arg(path, QUuid::createUuid().toString(QUuid::Id128));
    const QByteArray tempName = QFile::encodeName(temp);
    const int fd = ::open(tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    const bool written = fd >= 0 && ::write(fd, key.constData(), size_t(key.size())) == key.size() && ::fsync(fd) == 0;
    if (fd >= 0)
        ::close(fd);
    const bool linked = written && ::link(tempName.constData(), QFile::encodeName(path).constData()) == 0;
    const int linkError = errno;
    ::unlink(tempName.constData());
    if (!linked && written && linkError == EEXIST)
        return readDeviceKey(path);
    if (!linked)
        return keyError(QStringLiteral("tidak dapat dibuat"), path);
    if (const int dirFd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return key;
}
} // namespace

Result<QByteArray> loadOrCreateDeviceKey(const QString &path, const QString &formerPath)
{
    if (QFileInfo::exists(path))
        return readDeviceKey(path);
    // A key kept beside the database by an earlier version moves to its own folder (the data stays readable).
    if (!formerPath.isEmpty() && QFileInfo(formerPath).absoluteFilePath() != QFileInfo(path).absoluteFilePath()
        && QFileInfo::exists(formerPath)) {
        const auto former = readDeviceKey(formerPath);
        if (!former)
            return former;
        const auto moved = publishDeviceKey(path, *former);
        if (moved && *moved == *former) {
            QFile::remove(formerPath);
            qCInfo(lcStore).noquote() << "device key moved from" << formerPath << "to" << path;
        }
        return moved;
    }
    return publishDeviceKey(path, serverlink::crypto::randomBytes(kDeviceKeyBytes));
}

} // namespace kiosk
