// BackendStore: the schema, one migration per version (PRAGMA user_version).
#include "backendstore.h"

#include "backendstore_p.h"

#include <QSqlError>
#include <QSqlQuery>
#include <array>

namespace backend {

using namespace detail;

namespace {

// One entry per schema version; each runs in its own transaction. Plain SQL that
// PostgreSQL accepts as well (TEXT, BIGINT, composite keys, no AUTOINCREMENT).
const std::array<QStringList, BackendStore::kSchemaVersion> kMigrations {
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
    // 10: the front office's journal as kiosks deliver it (once per kiosk and event id), and the
    // ticket's queue number on each request.
    {
        QStringLiteral("CREATE TABLE desk_events ("
                       " kiosk_id TEXT NOT NULL,"
                       " event_id TEXT NOT NULL,"
                       " desa_code TEXT NOT NULL,"
                       " kind TEXT NOT NULL,"
                       " at TEXT NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " registration_number TEXT NOT NULL,"
                       " queue_label TEXT NOT NULL,"
                       " counter INTEGER NOT NULL,"
                       " detail TEXT NOT NULL,"
                       " received_at TEXT NOT NULL,"
                       " PRIMARY KEY (kiosk_id, event_id))"),
        QStringLiteral("CREATE INDEX desk_events_by_desa ON desk_events (desa_code, at)"),
        QStringLiteral("ALTER TABLE requests ADD COLUMN queue_label TEXT"),
    },
    // 11: front-office staff who sign in at the kiosk with a personal card and PIN (no card secret stored;
    // card and PIN columns are NULL until the first PIN is set).
    {
        QStringLiteral("CREATE TABLE staff_accounts ("
                       " id BIGINT NOT NULL PRIMARY KEY,"
                       " desa_code TEXT NOT NULL,"
                       " username TEXT NOT NULL UNIQUE,"
                       " name TEXT NOT NULL,"
                       " card_lookup TEXT,"
                       " card_salt TEXT,"
                       " card_verifier TEXT,"
                       " pin_salt TEXT,"
                       " pin_verifier TEXT,"
                       " iterations INTEGER NOT NULL,"
                       " allow_without_card INTEGER NOT NULL,"
                       " active INTEGER NOT NULL,"
                       " created_at TEXT NOT NULL,"
                       " updated_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX staff_accounts_by_desa ON staff_accounts (desa_code, username)"),
    },
    // 12: who handed each letter over at the desa front office, to whom (a representative's NIK and
    // relationship) and when.
    {
        QStringLiteral("CREATE TABLE handovers ("
                       " registration_number TEXT PRIMARY KEY REFERENCES requests(registration_number),"
                       " kiosk_id TEXT NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " at TEXT NOT NULL,"
                       " collector_kind TEXT NOT NULL,"
                       " collector_name TEXT NOT NULL,"
                       " collector_nik TEXT NOT NULL,"
                       " relationship TEXT NOT NULL)"),
    },
    // 13: the requirement pages a request (or revision) names, with how much of each upload arrived; the
    // bytes are files under <data>/documents/<reg>/<pageId> (DocumentArchive).
    {
        QStringLiteral("CREATE TABLE request_documents ("
                       " page_id TEXT NOT NULL PRIMARY KEY,"
                       " registration_number TEXT NOT NULL REFERENCES requests(registration_number),"
                       " version INTEGER NOT NULL,"
                       " position INTEGER NOT NULL,"
                       " requirement INTEGER NOT NULL,"
                       " requirement_text TEXT NOT NULL,"
                       " content_type TEXT NOT NULL,"
                       " size BIGINT NOT NULL,"
                       " sha256 TEXT NOT NULL,"
                       " received_bytes BIGINT NOT NULL,"
                       " completed_at TEXT,"
                       " restarts INTEGER NOT NULL,"
                       " last_error TEXT NOT NULL,"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX request_documents_by_request ON request_documents (registration_number, version)"),
    },
    // 14: a request's life after submission: the ticket's status token (its hash) and the staff member who
    // entered it, every version of its form (the submitted one and each revision after NEEDS_FIX, exactly
    // once per kiosk and idempotency key), and the fix items an officer returned it with.
    {
        QStringLiteral("ALTER TABLE requests ADD COLUMN status_token_hash TEXT"),
        QStringLiteral("ALTER TABLE requests ADD COLUMN entered_by TEXT"),
        QStringLiteral("ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 1"),
        QStringLiteral("CREATE INDEX requests_by_status_token ON requests (status_token_hash)"),
        QStringLiteral("CREATE TABLE request_versions ("
                       " registration_number TEXT NOT NULL REFERENCES requests (registration_number),"
                       " version INTEGER NOT NULL,"
                       " kiosk_id TEXT NOT NULL,"
                       " idempotency_key TEXT NOT NULL,"
                       " body_sha256 TEXT NOT NULL,"
                       " actor TEXT NOT NULL,"
                       " body_json TEXT NOT NULL,"
                       " submitted_at TEXT NOT NULL,"
                       " received_at TEXT NOT NULL,"
                       " PRIMARY KEY (registration_number, version),"
                       " UNIQUE (kiosk_id, idempotency_key))"),
        QStringLiteral("CREATE TABLE request_fixes ("
                       " event_sequence BIGINT NOT NULL REFERENCES events (sequence),"
                       " position INTEGER NOT NULL,"
                       " registration_number TEXT NOT NULL REFERENCES requests (registration_number),"
                       " target TEXT NOT NULL,"
                       " reason TEXT NOT NULL,"
                       " PRIMARY KEY (event_sequence, position))"),
    },
    // 15: the IKM respondent profile (JSON object of serverlink::surveyProfileQuestions() answers) and the suggestion.
    {
        QStringLiteral("ALTER TABLE survey_responses ADD COLUMN profile TEXT"),
        QStringLiteral("ALTER TABLE survey_responses ADD COLUMN suggestion TEXT"),
    },
    // 16: complaints (pengaduan) filed at kiosks, with their follow-up status and the kecamatan's answer.
    {
        QStringLiteral("CREATE TABLE complaints ("
                       " number TEXT NOT NULL PRIMARY KEY,"
                       " kiosk_id TEXT NOT NULL,"
                       " desa_code TEXT NOT NULL,"
                       " idempotency_key TEXT NOT NULL,"
                       " body_sha256 TEXT NOT NULL,"
                       " token_sha256 TEXT NOT NULL,"
                       " category TEXT NOT NULL,"
                       " text TEXT NOT NULL,"
                       " nik TEXT,"
                       " phone TEXT,"
                       " filed_at TEXT NOT NULL,"
                       " received_at TEXT NOT NULL,"
                       " status TEXT NOT NULL,"
                       " answer TEXT NOT NULL,"
                       " answered_at TEXT,"
                       " updated_by TEXT,"
                       " updated_at TEXT NOT NULL,"
                       " UNIQUE (kiosk_id, idempotency_key))"),
        QStringLiteral("CREATE INDEX complaints_by_desa ON complaints (desa_code, filed_at)"),
    },
    // 17: the appliance image's version in a kiosk's heartbeat (#14).
    {
        QStringLiteral("ALTER TABLE kiosk_heartbeats ADD COLUMN image_version TEXT NOT NULL DEFAULT ''"),
    },
    // 18: the fleet reports its faults (#15): live device state in the heartbeat and the alerts it raises.
    {
        QStringLiteral("ALTER TABLE kiosk_heartbeats ADD COLUMN scanners TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE kiosk_heartbeats ADD COLUMN cert_not_after TEXT"),
        QStringLiteral("ALTER TABLE kiosk_heartbeats ADD COLUMN clock_skew_seconds BIGINT"),
        QStringLiteral("ALTER TABLE kiosk_heartbeats ADD COLUMN outbox_stalled_since TEXT"),
        QStringLiteral("CREATE TABLE kiosk_alerts ("
                       " id BIGINT NOT NULL PRIMARY KEY,"
                       " kiosk_id TEXT NOT NULL,"
                       " desa_code TEXT NOT NULL,"
                       " kind TEXT NOT NULL,"
                       " detail TEXT NOT NULL,"
                       " raised_at TEXT NOT NULL,"
                       " cleared_at TEXT,"
                       " acknowledged_by TEXT,"
                       " acknowledged_at TEXT)"),
        // At most one uncleared alert per kiosk and kind: "raised once" holds even against a racing writer.
        QStringLiteral("CREATE UNIQUE INDEX kiosk_alerts_open ON kiosk_alerts (kiosk_id, kind) WHERE cleared_at IS NULL"),
    },
    // 19: technicians sign in at the kiosks with the staff's card and PIN, into technician mode only (#15).
    {
        QStringLiteral("ALTER TABLE staff_accounts ADD COLUMN role TEXT NOT NULL DEFAULT 'petugas'"),
    },
    // 20: client certificates a kiosk renewed over its own mutual TLS (#15): the chain of replacements.
    {
        QStringLiteral("CREATE TABLE kiosk_renewals ("
                       " new_serial TEXT NOT NULL PRIMARY KEY,"
                       " kiosk_id TEXT NOT NULL,"
                       " old_serial TEXT NOT NULL,"
                       " old_fingerprint TEXT NOT NULL,"
                       " new_fingerprint TEXT NOT NULL,"
                       " new_not_after TEXT NOT NULL,"
                       " csr_sha256 TEXT NOT NULL,"
                       " certificate_pem TEXT NOT NULL,"
                       " renewed_at TEXT NOT NULL,"
                       " grace_until TEXT NOT NULL,"
                       " first_used_at TEXT)"),
        QStringLiteral("CREATE INDEX kiosk_renewals_by_kiosk ON kiosk_renewals (kiosk_id, renewed_at)"),
        QStringLiteral("CREATE INDEX kiosk_renewals_by_new ON kiosk_renewals (new_fingerprint)"),
        QStringLiteral("ALTER TABLE kiosk_heartbeats ADD COLUMN certificate_state TEXT NOT NULL DEFAULT ''"),
    },
    // 21: each printer's raw CUPS printer-state and printer-state-reasons in the heartbeat (#15): paper low.
    {
        QStringLiteral("ALTER TABLE kiosk_heartbeats ADD COLUMN printers TEXT NOT NULL DEFAULT ''"),
    },
    // 22: a compromised office key is revoked (#17 M4): when and why, kept beside its status.
    {
        QStringLiteral("ALTER TABLE signing_keys ADD COLUMN revoked_at TEXT"),
        QStringLiteral("ALTER TABLE signing_keys ADD COLUMN revoke_reason TEXT NOT NULL DEFAULT ''"),
    },
    // 23: status questions received by SMS (#18): each inbox message once, its sender only as a hash (the rate limit).
    {
        QStringLiteral("CREATE TABLE sms_inbound ("
                       " message_key TEXT NOT NULL PRIMARY KEY,"
                       " sender_key TEXT NOT NULL,"
                       " received_at TEXT NOT NULL,"
                       " outcome TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX sms_inbound_sender ON sms_inbound (sender_key, received_at)"),
    },
    // 24: the audit log also records officer administration, with the address it came from, and is
    // append-only: the database itself refuses to change or delete an entry (docs/decisions/0033).
    {
        QStringLiteral("ALTER TABLE audit_log ADD COLUMN source TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE INDEX audit_log_by_time ON audit_log (at)"),
        QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
                       " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"),
        QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
                       " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"),
    },
    // 25: failed console logins counted per source address, per user name and source, and per user name,
    // so a guess is refused before the password hash is computed (docs/decisions/0033).
    {
        QStringLiteral("CREATE TABLE login_throttle ("
                       " scope TEXT NOT NULL PRIMARY KEY,"
                       " failures INTEGER NOT NULL,"
                       " last_failure TEXT NOT NULL,"
                       " locked_until TEXT)"),
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

} // namespace

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

} // namespace backend
