#include "backend.h"
#include "workflowfixture.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <tuple>

using namespace backend;
using serverlink::ServiceLevel;
using serverlink::Stage;

namespace {

const QString kDesa = QStringLiteral("3521112004");

NewRequest makeRequest(const QString &reg, const QString &key, const QString &service = QStringLiteral("SKTM"),
    ServiceLevel level = ServiceLevel::Desa, const QString &desa = kDesa)
{
    NewRequest n;
    n.kioskId = QStringLiteral("KIOSK-0001");
    n.desaCode = desa;
    n.idempotencyKey = key;
    n.level = level;
    n.submit.registrationNumber = reg;
    n.submit.serviceCode = service;
    n.submit.nik = QStringLiteral("3521114506800002");
    n.submit.name = QStringLiteral("Siti Aminah");
    n.submit.address = QStringLiteral("Dusun Krajan RT 01 RW 02, Pitu");
    n.submit.purpose = QStringLiteral("Pendaftaran BPJS PBI");
    n.submit.fields = QJsonObject {{QStringLiteral("pekerjaan"), QStringLiteral("Petani")}};
    n.submit.submittedAt = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
    n.bodySha256 = QString::fromLatin1(QCryptographicHash::hash(n.submit.toJson(), QCryptographicHash::Sha256).toHex());
    return n;
}

int requestCount(const QString &path)
{
    const QString name = QStringLiteral("count-check");
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM requests")) && q.next())
                count = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

QList<Stage> stagesOf(BackendStore &store, const QString &reg)
{
    QList<Stage> stages;
    const auto events = store.events(reg);
    if (events)
        for (const auto &e : events.value())
            stages.append(e.stage);
    return stages;
}

} // namespace

/// Storage, lifecycle and letters of the kecamatan backend on a real SQLite file.
class TestBackendStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Backend> m_backend;

    QString dbPath() const { return m_dir.filePath(QStringLiteral("data/backend.sqlite")); }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("data")));
        QVERIFY(m_backend);
    }
    void cleanup() { m_backend.reset(); }

    void idempotentInsert()
    {
        const auto first = m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001")));
        QVERIFY(first);
        QCOMPARE(first.value().outcome, InsertOutcome::Created);
        const auto again = m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001")));
        QVERIFY(again);
        QCOMPARE(again.value().outcome, InsertOutcome::Replayed);
        QCOMPARE(again.value().record.registrationNumber, QStringLiteral("REG-1"));
        QCOMPARE(again.value().record.stage, Stage::Received);
        QCOMPARE(requestCount(dbPath()), 1);
        QCOMPARE(stagesOf(*m_backend->store, QStringLiteral("REG-1")), QList<Stage> {Stage::Received});
    }

    void documentRefsStoredWithTheRequest()
    {
        NewRequest n = makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001"));
        const auto ref = [](int requirement, char fill) {
            serverlink::DocumentRef r;
            r.requirement = requirement;
            r.requirementText = QStringLiteral("Fotokopi KTP");
            r.pageId = QString(32, QLatin1Char(fill));
            r.sha256 = QString(64, QLatin1Char('e'));
            r.size = 1000;
            return r;
        };
        n.submit.documents = {ref(0, 'a'), ref(2, 'b')};
        QVERIFY(m_backend->store->insertRequest(n));
        auto pages = m_backend->store->documents(QStringLiteral("REG-1"));
        QVERIFY(pages);
        QCOMPARE(pages.value().size(), 2);
        QCOMPARE(pages.value().at(0).ref, n.submit.documents.at(0));
        QCOMPARE(pages.value().at(1).ref, n.submit.documents.at(1));
        QCOMPARE(pages.value().at(1).version, 1);
        QCOMPARE(pages.value().at(1).receivedBytes, 0);

        // A revision keeps page 'a' and adds 'c'; a page of another request is refused.
        QVERIFY(m_backend->store->addDocumentRefs(QStringLiteral("REG-1"), 2, {ref(0, 'a'), ref(2, 'c')}));
        pages = m_backend->store->documents(QStringLiteral("REG-1"));
        QVERIFY(pages);
        QCOMPARE(pages.value().size(), 3);
        QCOMPARE(pages.value().at(2).ref.pageId, QString(32, QLatin1Char('c')));
        QCOMPARE(pages.value().at(2).version, 2);
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-2"), QStringLiteral("key-000000000002"))));
        const auto stolen = m_backend->store->addDocumentRefs(QStringLiteral("REG-2"), 2, {ref(0, 'a')});
        QVERIFY(!stolen);
        QCOMPARE(stolen.error().code, ErrorCode::InvalidData);
        QVERIFY(!m_backend->store->addDocumentRefs(QStringLiteral("REG-9"), 2, {ref(0, 'd')}));

        // Offsets move by compare-and-set only.
        const QString a(32, QLatin1Char('a'));
        QCOMPARE(m_backend->store->advanceDocument(a, 0, 400).value(), true);
        QCOMPARE(m_backend->store->advanceDocument(a, 0, 400).value(), false);
        QCOMPARE(m_backend->store->document(a).value().receivedBytes, 400);
        QVERIFY(m_backend->store->restartDocument(a, QStringLiteral("SHA-256 tidak cocok")));
        QCOMPARE(m_backend->store->document(a).value().receivedBytes, 0);
        QCOMPARE(m_backend->store->document(a).value().restarts, 1);
        QCOMPARE(m_backend->store->pendingDocumentCount().value(), 3);
        QVERIFY(m_backend->store->completeDocument(a, QDateTime::currentDateTimeUtc()));
        QCOMPARE(m_backend->store->document(a).value().receivedBytes, 1000);
        QVERIFY(m_backend->store->document(a).value().completedAt.isValid());
        QCOMPARE(m_backend->store->pendingDocumentCount().value(), 2);
        QCOMPARE(m_backend->store->document(QString(32, QLatin1Char('f'))).error().code, ErrorCode::NotFound);
    }

    void sameKeyDifferentBody()
    {
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001"))));
        NewRequest changed = makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001"));
        changed.bodySha256 = QString(64, QLatin1Char('0'));
        const auto conflict = m_backend->store->insertRequest(changed);
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().code, ErrorCode::IdempotencyConflict);
        QCOMPARE(requestCount(dbPath()), 1);
    }

    void registrationNumberClash()
    {
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001"))));
        const auto clash = m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000002")));
        QVERIFY(!clash);
        QCOMPARE(clash.error().code, ErrorCode::RegistrationTaken);
        QCOMPARE(requestCount(dbPath()), 1);
    }

    void eventsAndDesaIsolation()
    {
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-A1"), QStringLiteral("key-00000000000a1"))));
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-B1"), QStringLiteral("key-00000000000b1"),
            QStringLiteral("SKTM"), ServiceLevel::Desa, QStringLiteral("3521112005"))));
        QVERIFY(testsupport::approveOnce(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-A1")));

        const auto mine = m_backend->store->changes(kDesa, 0, 100);
        QVERIFY(mine);
        QCOMPARE(mine.value().size(), 2);
        QCOMPARE(mine.value().at(0).stage, Stage::Received);
        QCOMPARE(mine.value().at(1).stage, Stage::DesaReview);
        QVERIFY(mine.value().at(0).sequence < mine.value().at(1).sequence);
        for (const auto &c : mine.value())
            QCOMPARE(c.registrationNumber, QStringLiteral("REG-A1"));

        const auto after = m_backend->store->changes(kDesa, mine.value().at(0).sequence, 100);
        QVERIFY(after);
        QCOMPARE(after.value().size(), 1);
        QCOMPARE(after.value().at(0).stage, Stage::DesaReview);

        const auto other = m_backend->store->changes(QStringLiteral("3521112005"), 0, 100);
        QVERIFY(other);
        QCOMPARE(other.value().size(), 1);
        QCOMPARE(other.value().at(0).registrationNumber, QStringLiteral("REG-B1"));

        const auto events = m_backend->store->events(QStringLiteral("REG-A1"));
        QVERIFY(events);
        QCOMPARE(events.value().last().actor, QStringLiteral("Budi"));
        QCOMPARE(events.value().last().role, roleToWire(Role::DesaFrontOffice));
    }

    void newerSchemaRefused()
    {
        m_backend.reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = %1").arg(BackendStore::kSchemaVersion + 1)));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        const auto reopened = BackendStore::open(dbPath());
        QVERIFY(!reopened);
        QCOMPARE(reopened.error().code, ErrorCode::SchemaTooNew);
        QVERIFY(reopened.error().message.contains(QStringLiteral("lebih baru")));
    }

    void reopenKeepsData()
    {
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001"))));
        m_backend.reset();
        auto reopened = BackendStore::open(dbPath());
        QVERIFY(reopened);
        const auto again = reopened.value()->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001")));
        QVERIFY(again);
        QCOMPARE(again.value().outcome, InsertOutcome::Replayed);
    }

    void migrationSeedsDesaOffices()
    {
        const QList<DesaOffice> builtIn = OfficeDirectory::builtIn().value().all();
        QVERIFY(!builtIn.isEmpty());
        const auto sameAsBuiltIn = [&builtIn](const QList<DesaOffice> &stored) {
            if (stored.size() != builtIn.size())
                return false;
            for (qsizetype i = 0; i < stored.size(); ++i) {
                const DesaOffice &a = stored.at(i);
                const DesaOffice &b = builtIn.at(i);
                if (std::tie(a.code, a.name, a.place, a.address, a.kecamatan, a.kecamatanCode, a.kecamatanAddress, a.kabupaten,
                        a.kepalaDesa, a.camat, a.nomorFormat, a.kodeSurat, a.kecamatanKodeSurat, a.kecamatanNomorFormat)
                    != std::tie(b.code, b.name, b.place, b.address, b.kecamatan, b.kecamatanCode, b.kecamatanAddress, b.kabupaten,
                        b.kepalaDesa, b.camat, b.nomorFormat, b.kodeSurat, b.kecamatanKodeSurat, b.kecamatanNomorFormat))
                    return false;
            }
            return true;
        };
        // A new database gets the built-in table.
        QVERIFY(sameAsBuiltIn(m_backend->store->desaOffices().value()));

        // A deployment at schema 7 (data, no desa table yet) keeps its data and gets the built-in desa on upgrade;
        // its officers get no phone number (schema 9).
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001"))));
        OfficerRecord kades;
        kades.username = QStringLiteral("kades");
        kades.displayName = QStringLiteral("Kades");
        kades.role = Role::KepalaDesa;
        kades.office = kDesa;
        kades.passwordHash = QStringLiteral("unused");
        kades.phone = QStringLiteral("+6281311112222");
        QVERIFY(m_backend->store->insertOfficer(kades));
        m_backend.reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            // Undo exactly what migrations 25 (login throttle), 24 (append-only audit log with its source), 23 (SMS status questions),
            // 22 (seal key revocation), 21 (printer reasons), 20 (certificate renewals), 19 (staff role: its table goes whole), 18
            // (fleet alerts), 17 (image version), 16 (complaints), 15 (survey profile), 14 (request versions and fix items), 13
            // (request_documents), 12 (handovers), 11, 10, 9 and 8 add.
            for (const char *sql : {"DROP TABLE login_throttle", "DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete",
                     "DROP INDEX audit_log_by_time", "ALTER TABLE audit_log DROP COLUMN source", "DROP TABLE sms_inbound",
                     "ALTER TABLE signing_keys DROP COLUMN revoke_reason", "ALTER TABLE signing_keys DROP COLUMN revoked_at",
                     "ALTER TABLE kiosk_heartbeats DROP COLUMN printers", "ALTER TABLE kiosk_heartbeats DROP COLUMN certificate_state",
                     "DROP TABLE kiosk_renewals", "DROP INDEX kiosk_alerts_open", "DROP TABLE kiosk_alerts",
                     "ALTER TABLE kiosk_heartbeats DROP COLUMN outbox_stalled_since",
                     "ALTER TABLE kiosk_heartbeats DROP COLUMN clock_skew_seconds",
                     "ALTER TABLE kiosk_heartbeats DROP COLUMN cert_not_after", "ALTER TABLE kiosk_heartbeats DROP COLUMN scanners",
                     "ALTER TABLE kiosk_heartbeats DROP COLUMN image_version", "DROP TABLE complaints",
                     "ALTER TABLE survey_responses DROP COLUMN profile", "ALTER TABLE survey_responses DROP COLUMN suggestion",
                     "DROP TABLE request_fixes", "DROP TABLE request_versions", "DROP INDEX requests_by_status_token",
                     "ALTER TABLE requests DROP COLUMN status_token_hash", "ALTER TABLE requests DROP COLUMN entered_by",
                     "ALTER TABLE requests DROP COLUMN version", "DROP TABLE request_documents", "DROP TABLE handovers",
                     "DROP TABLE staff_accounts", "DROP TABLE desk_events", "ALTER TABLE requests DROP COLUMN queue_label",
                     "ALTER TABLE officers DROP COLUMN phone", "DROP TABLE desa_offices", "DROP TABLE audit_log",
                     "ALTER TABLE requests DROP COLUMN signer_name", "ALTER TABLE requests DROP COLUMN signer_title",
                     "ALTER TABLE requests DROP COLUMN signer_on_behalf_of", "PRAGMA user_version = 7"}) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
        auto upgraded = BackendStore::open(dbPath());
        QVERIFY2(upgraded, upgraded ? "" : qPrintable(upgraded.error().message));
        QVERIFY(sameAsBuiltIn(upgraded.value()->desaOffices().value()));
        QCOMPARE(upgraded.value()->request(QStringLiteral("REG-1")).value().stage, Stage::Received);
        QVERIFY(upgraded.value()->request(QStringLiteral("REG-1")).value().signer.isEmpty());
        QVERIFY(upgraded.value()->auditLog(10).value().isEmpty());
        QVERIFY(upgraded.value()->officerByUsername(QStringLiteral("kades")).value().phone.isEmpty());
        QVERIFY(upgraded.value()->request(QStringLiteral("REG-1")).value().queueLabel.isEmpty());
        QVERIFY(upgraded.value()
                    ->deskEvents(QDateTime::fromSecsSinceEpoch(0, Qt::UTC), QDateTime::currentDateTimeUtc().addDays(1))
                    .value()
                    .isEmpty());
    }

    void desaOfficesEditedWithAudit()
    {
        auto directory = OfficeDirectory::fromStore(*m_backend->store);
        QVERIFY2(directory, directory ? "" : qPrintable(directory.error().message));
        DesaOffice pitu = directory.value().desa(kDesa).value();
        pitu.kepalaDesa = QStringLiteral("Hj. Siti Rahmawati");
        pitu.nomorFormat = QStringLiteral("{klasifikasi}/DS/{nomor:4}/{kodeSurat}/{tahun}");
        const auto changed = directory.value().save(pitu, QStringLiteral("admin"));
        QVERIFY2(changed, changed ? "" : qPrintable(changed.error().message));
        QCOMPARE(changed.value(), (QStringList {QStringLiteral("kepalaDesa"), QStringLiteral("nomorFormat")}));
        // Readers see it at once.
        QCOMPARE(directory.value().desa(kDesa)->kepalaDesa, QStringLiteral("Hj. Siti Rahmawati"));
        QCOMPARE(m_backend->store->desaOffices().value().first().kepalaDesa, QStringLiteral("Hj. Siti Rahmawati"));

        // Who, when, what: one audit row; saving the same again changes and records nothing.
        const auto audit = m_backend->store->auditLog(10).value();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().actor, QStringLiteral("admin"));
        QCOMPARE(audit.first().action, QStringLiteral("desa.ubah"));
        QCOMPARE(audit.first().subject, kDesa);
        QVERIFY(audit.first().detail.contains(QStringLiteral("kepalaDesa: \"Sugeng Riyadi\" → \"Hj. Siti Rahmawati\"")));
        QVERIFY(qAbs(audit.first().at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(directory.value().save(pitu, QStringLiteral("admin")).value(), QStringList {});
        QCOMPARE(m_backend->store->auditLog(10).value().size(), 1);

        // Invalid rows are refused before the store: nothing changes.
        DesaOffice broken = pitu;
        broken.nomorFormat = QStringLiteral("470/{kode}/{tahun}");
        QCOMPARE(directory.value().save(broken, QStringLiteral("admin")).error().code, ErrorCode::InvalidData);
        DesaOffice elsewhere = pitu;
        elsewhere.code = QStringLiteral("3522010001");
        QCOMPARE(directory.value().save(elsewhere, QStringLiteral("admin")).error().code, ErrorCode::InvalidData);
        QCOMPARE(directory.value().desa(kDesa)->nomorFormat, pitu.nomorFormat);
        QCOMPARE(m_backend->store->auditLog(10).value().size(), 1);
        // A table that did not come from the store cannot be saved.
        QVERIFY(!OfficeDirectory::builtIn().value().save(pitu, QStringLiteral("admin")));

        // A restart reads the edited table.
        m_backend.reset();
        auto reopened = BackendStore::open(dbPath());
        QVERIFY(reopened);
        QCOMPARE(OfficeDirectory::fromStore(*reopened.value()).value().desa(kDesa)->kepalaDesa, QStringLiteral("Hj. Siti Rahmawati"));
    }

    void desaLevelApprove()
    {
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001"))));
        const auto done = testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-1"));
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done.value().stage, Stage::Ready);
        QCOMPARE(stagesOf(*m_backend->store, QStringLiteral("REG-1")),
            (QList<Stage> {Stage::Received, Stage::DesaReview, Stage::DesaSigned, Stage::Ready}));
        QCOMPARE(done.value().nomorSurat, QStringLiteral("400/001/404.604.04/%1").arg(QDate::currentDate().year()));
        QVERIFY(QFile::exists(done.value().letterPath));
        QCOMPARE(done.value().letterSha256.size(), 64);
        const auto events = m_backend->store->events(QStringLiteral("REG-1")).value();
        QCOMPARE(events.at(2).actor, QStringLiteral("Sugeng Riyadi"));
        QCOMPARE(events.at(2).role, QStringLiteral("kepala_desa"));

        const auto twice
            = testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-1"));
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::TransitionNotAllowed);
        const auto unknown
            = testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-404"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }

    void kecamatanLevelApprove()
    {
        QVERIFY(m_backend->store->insertRequest(makeRequest(
            QStringLiteral("REG-K"), QStringLiteral("key-00000000000k1"), QStringLiteral("PENGANTAR_SKCK"), ServiceLevel::Kecamatan)));
        const auto done = testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-K"));
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(stagesOf(*m_backend->store, QStringLiteral("REG-K")),
            (QList<Stage> {
                Stage::Received, Stage::DesaReview, Stage::DesaSigned, Stage::KecamatanReview, Stage::KecamatanSigned, Stage::Ready}));
        QCOMPARE(done.value().nomorSurat, QStringLiteral("300/001/404.604/%1").arg(QDate::currentDate().year()));
    }

    void forbiddenTransitions_data()
    {
        QTest::addColumn<ServiceLevel>("level");
        QTest::addColumn<Stage>("from");
        QTest::addColumn<Stage>("to");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("skip review") << ServiceLevel::Desa << Stage::Received << Stage::DesaSigned << false;
        QTest::newRow("desa-level to kecamatan") << ServiceLevel::Desa << Stage::DesaSigned << Stage::KecamatanReview << false;
        QTest::newRow("kecamatan-level skips camat") << ServiceLevel::Kecamatan << Stage::DesaSigned << Stage::Ready << false;
        QTest::newRow("hand over before ready") << ServiceLevel::Desa << Stage::DesaSigned << Stage::HandedOver << false;
        QTest::newRow("back from handed over") << ServiceLevel::Desa << Stage::HandedOver << Stage::Ready << false;
        QTest::newRow("out of rejected") << ServiceLevel::Desa << Stage::Rejected << Stage::DesaReview << false;
        QTest::newRow("desa path") << ServiceLevel::Desa << Stage::DesaSigned << Stage::Ready << true;
        QTest::newRow("kecamatan path") << ServiceLevel::Kecamatan << Stage::DesaSigned << Stage::KecamatanReview << true;
        QTest::newRow("handover") << ServiceLevel::Kecamatan << Stage::Ready << Stage::HandedOver << true;
        QTest::newRow("resume after fix") << ServiceLevel::Desa << Stage::NeedsFix << Stage::DesaReview << true;
    }
    void forbiddenTransitions()
    {
        QFETCH(ServiceLevel, level);
        QFETCH(Stage, from);
        QFETCH(Stage, to);
        QFETCH(bool, allowed);
        const auto check = lifecycle::checkTransition(level, from, to, QStringLiteral("catatan"));
        QCOMPARE(check.ok(), allowed);
        if (!allowed)
            QCOMPARE(check.error().code, ErrorCode::TransitionNotAllowed);
    }

    void rejectNeedsReason()
    {
        QVERIFY(m_backend->store->insertRequest(makeRequest(QStringLiteral("REG-1"), QStringLiteral("key-000000000001"))));
        const auto noReason = testsupport::rejectAsOfficer(
            *m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-1"), QStringLiteral("  "));
        QVERIFY(!noReason);
        QCOMPARE(noReason.error().code, ErrorCode::ReasonRequired);
        const auto request = m_backend->store->request(QStringLiteral("REG-1"));
        QVERIFY(request);
        const auto frontOffice = testsupport::officerFor(
            *m_backend->store, m_backend->offices, request.value(), OfficerAction::Return, QStringLiteral("Budi"));
        QVERIFY(frontOffice);
        const auto fix
            = m_backend->workflow->act(QStringLiteral("REG-1"), frontOffice.value(), OfficerAction::Return, QStringLiteral("  "));
        QVERIFY(!fix);
        QCOMPARE(fix.error().code, ErrorCode::ReasonRequired);

        const auto rejected = testsupport::rejectAsOfficer(
            *m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-1"), QStringLiteral("Bukan warga desa ini"));
        QVERIFY(rejected);
        QCOMPARE(rejected.value().stage, Stage::Rejected);
        QCOMPARE(m_backend->store->events(QStringLiteral("REG-1")).value().last().note, QStringLiteral("Bukan warga desa ini"));
        QVERIFY(!testsupport::approveToReady(*m_backend->workflow, *m_backend->store, m_backend->offices, QStringLiteral("REG-1")));
    }

    void nomorSequentialPerOfficeAndYear()
    {
        const auto sign = [this](const QString &reg, const QString &office, int year) -> QString {
            const QString key = QStringLiteral("key-%1").arg(reg).leftJustified(16, QLatin1Char('0'));
            if (!m_backend->store->insertRequest(makeRequest(reg, key)))
                return {};
            const auto r = m_backend->store->applyTransition(
                reg, Transition {Stage::Received, Stage::DesaReview, QStringLiteral("t"), QStringLiteral("t"), {}, {}, {}});
            const auto s = m_backend->store->applyTransition(reg,
                Transition {Stage::DesaReview, Stage::DesaSigned, QStringLiteral("t"), QStringLiteral("t"), {},
                    NomorAllocation {office, year, QStringLiteral("470/{nomor}/{kode}/{tahun}")}, {}});
            return r && s ? s.value().nomorSurat : QString();
        };
        QCOMPARE(sign(QStringLiteral("R1"), QStringLiteral("3521112004"), 2026), QStringLiteral("470/0001/3521112004/2026"));
        QCOMPARE(sign(QStringLiteral("R2"), QStringLiteral("3521112004"), 2026), QStringLiteral("470/0002/3521112004/2026"));
        QCOMPARE(sign(QStringLiteral("R3"), QStringLiteral("3521112005"), 2026), QStringLiteral("470/0001/3521112005/2026"));
        QCOMPARE(sign(QStringLiteral("R4"), QStringLiteral("3521112004"), 2027), QStringLiteral("470/0001/3521112004/2027"));
        QCOMPARE(sign(QStringLiteral("R5"), QStringLiteral("3521112004"), 2026), QStringLiteral("470/0003/3521112004/2026"));
    }

    void letterPdf()
    {
        LetterContent c;
        c.kopLines = {QStringLiteral("PEMERINTAH KABUPATEN NGAWI"), QStringLiteral("KECAMATAN PITU"), QStringLiteral("DESA PITU")};
        c.officeAddress = QStringLiteral("Jalan Raya Pitu No. 1");
        c.title = QStringLiteral("SURAT KETERANGAN DOMISILI");
        c.nomorSurat = QStringLiteral("470/0007/3521112004/2026");
        c.opening = QStringLiteral("Yang bertanda tangan di bawah ini menerangkan bahwa:");
        c.rows = {{QStringLiteral("Nama"), QStringLiteral("Siti Aminah")}};
        c.statement = QStringLiteral("adalah benar berdomisili di Desa Pitu.");
        c.place = QStringLiteral("Pitu");
        c.date = QDate(2026, 11, 23);
        c.signerTitle = QStringLiteral("Kepala Desa Pitu");
        c.signerName = QStringLiteral("Sugeng Riyadi");
        const QString path = m_dir.filePath(QStringLiteral("letter.pdf"));
        const auto written = LetterRenderer(Paper::F4).renderToFile(c, path);
        QVERIFY(written);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QCOMPARE(written.value().sha256, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));

        if (QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("poppler-utils (pdfinfo, pdftotext) not installed");
        QProcess info;
        info.start(QStringLiteral("pdfinfo"), {path});
        QVERIFY(info.waitForFinished(5000));
        const QString infoText = QString::fromUtf8(info.readAllStandardOutput());
        // 215 × 330 mm = 609.4 × 935.4 pt
        QVERIFY2(
            infoText.contains(QRegularExpression(QStringLiteral("Page size:\\s+609(\\.\\d+)? x 935(\\.\\d+)? pts"))), qPrintable(infoText));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(5000));
        const QString body = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(body.contains(QStringLiteral("Nomor: 470/0007/3521112004/2026")), qPrintable(body));
        QVERIFY(body.contains(QStringLiteral("Siti Aminah")));
        QVERIFY(body.contains(QStringLiteral("Pitu, 23 November 2026")));
        QVERIFY(body.contains(QStringLiteral("Ditandatangani secara elektronik")));
    }
};

QTEST_MAIN(TestBackendStore)
#include "tst_backend_store.moc"
