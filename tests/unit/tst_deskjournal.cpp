// The front office's journal: events survive a restart, go to the backend once, carry the actor,
// and the wire shape refuses what it cannot trust.
#include "deskjournal.h"
#include "store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;
using serverlink::DeskEvent;
using serverlink::DeskEventBatch;
using serverlink::DeskEventKind;

class TestDeskJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString dbPath() const { return m_dir.filePath(QStringLiteral("kiosk.sqlite")); }

private Q_SLOTS:
    void recordsSurviveARestartAndAreDeliveredOnce()
    {
        QStringList ids;
        {
            KioskStore store;
            QVERIFY(store.open(dbPath()));
            DeskJournal journal(store);
            const auto printed = journal.record(DeskEventKind::LetterPrinted, QStringLiteral("sari"), QStringLiteral("REG-1"));
            QVERIFY2(printed, printed ? "" : qPrintable(printed.error().message));
            QCOMPARE(printed->actor, QStringLiteral("sari"));
            QVERIFY(printed->id.size() >= 16);
            QVERIFY(journal.record(DeskEventKind::QueueCalled, QStringLiteral("sari"), {}, QStringLiteral("A-007"), 2));
            ids.append(printed->id);
        }
        KioskStore store;
        QVERIFY(store.open(dbPath()));
        DeskJournal journal(store);
        const auto due = journal.undelivered();
        QCOMPARE(due.size(), 2);
        QCOMPARE(due.at(0).kind, DeskEventKind::LetterPrinted);
        QCOMPARE(due.at(1).queueLabel, QStringLiteral("A-007"));
        QCOMPARE(due.at(1).counter, 2);
        QVERIFY(journal.markDelivered(ids));
        QCOMPARE(journal.undelivered().size(), 1);
        QCOMPARE(journal.eventsOn(QDate::currentDate()).size(), 2);
        QCOMPARE(journal.eventsOn(QDate::currentDate().addDays(-1)).size(), 0);
    }

    void eventTheBackendWouldRefuseIsNotJournaled()
    {
        KioskStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("refuse.sqlite"))));
        DeskJournal journal(store);
        const auto tooLong
            = journal.record(DeskEventKind::QueueCalled, QStringLiteral("sari"), {}, QStringLiteral("A-0000000000000007"), 1);
        QVERIFY(!tooLong);
        QCOMPARE(tooLong.error().code, ErrorCode::InvalidData);
        QVERIFY(!journal.record(DeskEventKind::QueueCalled, QString(65, QLatin1Char('x'))));
        QVERIFY(!journal.record(DeskEventKind::QueueCalled, QStringLiteral("sari"), {}, {}, 100));
        QVERIFY(journal.undelivered().isEmpty());
    }

    void batchRoundTrips()
    {
        DeskEvent e;
        e.id = QStringLiteral("0b9d5c1e-2f0a-4c3e-9d7b-5a1f2e3d4c5b");
        e.kind = DeskEventKind::QueueTransferred;
        e.at = QDateTime(QDate(2026, 12, 7), QTime(9, 30), Qt::UTC);
        e.actor = QStringLiteral("budi");
        e.queueLabel = QStringLiteral("C-003");
        e.counter = 3;
        e.detail = QStringLiteral("dialihkan dari loket 1");
        const auto parsed = DeskEventBatch::fromJson(DeskEventBatch {{e}}.toJson());
        QVERIFY(parsed);
        QCOMPARE(parsed->events.size(), 1);
        QCOMPARE(parsed->events.at(0).toJsonObject(), e.toJsonObject());
        for (int k = 0; k <= int(DeskEventKind::RequestEntered); ++k)
            QCOMPARE(DeskEvent::kindFromWire(DeskEvent::kindToWire(DeskEventKind(k))), DeskEventKind(k));
    }

    void badBatchesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{events:");
        QTest::newRow("no events") << QByteArray(R"({"x":[]})");
        QTest::newRow("empty") << QByteArray(R"({"events":[]})");
        QTest::newRow("unknown kind") << QByteArray(
            R"({"events":[{"id":"0123456789abcdef","kind":"letter.burned","at":"2026-12-07T01:00:00Z","actor":"x"}]})");
        QTest::newRow("short id") << QByteArray(R"({"events":[{"id":"1","kind":"letter.printed","at":"2026-12-07T01:00:00Z"}]})");
        QTest::newRow("bad time") << QByteArray(R"({"events":[{"id":"0123456789abcdef","kind":"letter.printed","at":"kemarin"}]})");
        QTest::newRow("bad counter") << QByteArray(
            R"({"events":[{"id":"0123456789abcdef","kind":"queue.called","at":"2026-12-07T01:00:00Z","counter":-4}]})");
        QTest::newRow("event not object") << QByteArray(R"({"events":[7]})");
        QByteArray many = R"({"events":[)";
        for (int i = 0; i <= DeskEventBatch::kMaxEvents; ++i)
            many += QStringLiteral(R"(%1{"id":"0123456789abcdef%2","kind":"letter.printed","at":"2026-12-07T01:00:00Z"})")
                        .arg(i ? QStringLiteral(",") : QString())
                        .arg(i)
                        .toUtf8();
        QTest::newRow("too many") << many + "]}";
    }
    void badBatchesAreRefused()
    {
        QFETCH(QByteArray, json);
        QString why;
        QVERIFY(!DeskEventBatch::fromJson(json, &why));
        QVERIFY(!why.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDeskJournal)
#include "tst_deskjournal.moc"
