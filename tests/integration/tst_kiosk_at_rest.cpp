// The kiosk's personal data at rest (#17 M8): two requests live their whole life through the kiosk's store and sync
// service against the backend's kiosk API over real mutual TLS (submitted, an officer's note on the way, one signed,
// its letter downloaded and handed over, one rejected with a reason). Afterwards no file of the kiosk's data folder
// (database, WAL, letters) holds the NIK, the name or an officer's note in clear, and the device key is not in it.
#include "inprocesskioskapi.h"
#include "outbox.h"
#include "store.h"
#include "syncservice.h"
#include "workflowfixture.h"

#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

namespace {
const QString kNik = QStringLiteral("3521114506800002");
const QString kName = QStringLiteral("Sekar Ayu Wulandari");
const QString kNote = QStringLiteral("Fotokopi KK kurang jelas, mohon dibawa aslinya");
const QString kReason = QStringLiteral("Domisili pemohon di luar wilayah desa");
} // namespace

class TestKioskAtRest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    testsupport::InProcessKioskApi m_api;

    QString kioskDir() const { return m_dir.filePath(QStringLiteral("kiosk")); }

    /// Sync rounds until nothing waits to go either way; the last round's problem, if any.
    QString syncUntilQuiet(const kiosk::KioskStore &store, const QByteArray &key, const kiosk::OutboxRepository &outbox)
    {
        QString problem;
        for (int i = 0; i < 4; ++i) {
            problem = m_api.syncRound(store, key, kioskDir());
            if (problem.isEmpty() && outbox.depth() == 0 && outbox.handoversToSend().isEmpty() && outbox.lettersToDownload().isEmpty())
                break;
        }
        return problem;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed: the test PKI cannot be made");
        QVERIFY(m_dir.isValid());
        const QString problem = m_api.start(m_dir.path());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase() { m_api.stop(); }
    void dataFolderHoldsNoPersonalDataInClear()
    {
        // The key in a folder of its own, as KioskConfig places it (beside the configuration, not the data).
        const auto key = kiosk::loadOrCreateDeviceKey(m_dir.filePath(QStringLiteral("config/device.key")));
        QVERIFY(key);
        kiosk::KioskStore store;
        QVERIFY(store.open(kioskDir() + QStringLiteral("/kiosk.sqlite")));
        kiosk::OutboxRepository outbox(store, *key);
        QStringList regs;
        for (int i = 0; i < 2; ++i) {
            kiosk::NewRequest r;
            r.serviceCode = QStringLiteral("SKTM");
            r.nik = kNik;
            r.name = kName;
            r.address = QStringLiteral("Dusun Krajan RT 01/RW 02");
            r.purpose = QStringLiteral("Keringanan biaya sekolah");
            const auto queued = outbox.enqueue(r);
            QVERIFY(queued);
            regs << queued->registrationNumber;
        }
        QCOMPARE(syncUntilQuiet(store, *key, outbox), QString());

        // The first: checked with a note, then signed to READY; the second: rejected with a reason.
        const auto current = m_api.backend->store->request(regs.at(0));
        QVERIFY(current);
        const auto officer = testsupport::officerFor(
            *m_api.backend->store, m_api.backend->offices, current.value(), backend::OfficerAction::Approve, QStringLiteral("Budi"));
        QVERIFY(officer);
        QList<int> everyRequirement;
        for (int i = 0; i < 32; ++i)
            everyRequirement.append(i);
        QVERIFY(m_api.backend->workflow->act(regs.at(0), officer.value(), backend::OfficerAction::Approve, kNote, everyRequirement));
        // The kiosk hears of the checked request with its note before it moves on.
        QCOMPARE(syncUntilQuiet(store, *key, outbox), QString());
        QVERIFY(outbox.findByRegistrationNumber(regs.at(0))->note.contains(kNote));
        QVERIFY(testsupport::approveToReady(*m_api.backend->workflow, *m_api.backend->store, m_api.backend->offices, regs.at(0)));
        QVERIFY(testsupport::rejectAsOfficer(*m_api.backend->workflow, *m_api.backend->store, m_api.backend->offices, regs.at(1), kReason));
        QCOMPARE(syncUntilQuiet(store, *key, outbox), QString());

        // The kiosk has all of it, readable with its key.
        const auto ready = outbox.findByRegistrationNumber(regs.at(0));
        QVERIFY(ready && ready->stage == serverlink::Stage::Ready);
        const auto letter = outbox.letter(*ready);
        QVERIFY(letter && letter->startsWith("%PDF"));
        bool noteKept = false;
        for (const kiosk::StageEvent &e : outbox.timeline(ready->id))
            noteKept = noteKept || e.note.contains(kNote);
        QVERIFY(noteKept);
        QVERIFY(outbox.findByRegistrationNumber(regs.at(1))->note.contains(kReason));
        serverlink::HandoverBody handover;
        handover.actor = QStringLiteral("siti");
        handover.kind = serverlink::CollectorKind::Holder;
        handover.name = kName;
        handover.nik = kNik;
        QVERIFY(outbox.markHandedOver(regs.at(0), handover));
        QCOMPARE(syncUntilQuiet(store, *key, outbox), QString());
        QVERIFY(outbox.handoversToSend().isEmpty());

        // Every file of the data folder, as a copied disk would show it (the database, its WAL, the letters).
        int files = 0;
        for (QDirIterator it(kioskDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            ++files;
            for (const QString &secret : {kNik, kName, kNote, kReason})
                QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(QStringLiteral("%1 in %2").arg(secret, file.fileName())));
            QVERIFY2(!bytes.startsWith("%PDF"), qPrintable(QStringLiteral("a letter in clear: %1").arg(file.fileName())));
            QVERIFY(!file.fileName().endsWith(QStringLiteral("device.key")));
        }
        QVERIFY(files >= 3); // at least the database, its WAL and the letter
    }
};

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv); // the backend renders letters with fonts
    TestKioskAtRest test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_kiosk_at_rest.moc"
