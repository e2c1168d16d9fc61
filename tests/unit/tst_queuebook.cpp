// The village hall's queue: numbers per day and purpose, restarts, no-shows, transfers, the priority
// rule against an independent table and random days, the wait estimate and the day report.
#include "deskjournal.h"
#include "outbox.h"
#include "queuebook.h"
#include "store.h"
#include "ticketrenderer.h"

#include <QImage>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace kiosk;
using serverlink::DeskEventKind;

namespace {
const QString kActor = QStringLiteral("sari");

QList<Loket> lokets(const QString &text)
{
    return *queuerules::parseCounters(text);
}

/// A store, journal and queue book on one file, with a clock the test moves.
struct Hall {
    KioskStore store;
    std::unique_ptr<DeskJournal> journal;
    std::unique_ptr<QueueBook> book;
    QList<QueueCall> calls;

    Hall(const QString &path, QDateTime *now, const QString &counters = QStringLiteral("1:A,B,C"))
    {
        if (const Status opened = store.open(path); !opened)
            qFatal("store: %s", qPrintable(opened.error().message));
        journal = std::make_unique<DeskJournal>(store, [now] { return now->toUTC(); });
        book = std::make_unique<QueueBook>(store, *journal, QueueBook::Settings {lokets(counters), 5}, [now] { return *now; });
        QObject::connect(book.get(), &QueueBook::called, book.get(), [this](const QueueCall &call) { calls.append(call); });
    }
    QString take(QueueKind kind, PriorityReason reason = PriorityReason::None)
    {
        const auto e = book->take(kind, reason);
        if (!e)
            qFatal("take: %s", qPrintable(e.error().message));
        return e->label;
    }
    QString next(int counter)
    {
        const auto e = book->callNext(counter, kActor);
        if (!e)
            qFatal("callNext: %s", qPrintable(e.error().message));
        return e.value() ? e.value()->label : QString();
    }
    int journaled(DeskEventKind kind) const
    {
        int n = 0;
        for (const auto &e : journal->undelivered(1000))
            n += e.kind == kind ? 1 : 0;
        return n;
    }
};

/// Which class the independent oracle says a loket calls: T transferred, P priority, R regular.
QString oracleClass(int run, bool transferred, bool priority, bool regular)
{
    if (transferred)
        return QStringLiteral("T");
    if (run >= 2 && regular)
        return QStringLiteral("R");
    if (priority)
        return QStringLiteral("P");
    if (regular)
        return QStringLiteral("R");
    return QStringLiteral("-");
}
} // namespace

class TestQueueBook : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_file = 0;
    QString m_path;
    QDateTime m_now;

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("kiosk-%1.sqlite").arg(++m_file));
        m_now = QDateTime(QDate(2026, 12, 7), QTime(9, 0));
    }

    void numbersPerDayAndKind()
    {
        Hall hall(m_path, &m_now);
        QCOMPARE(hall.take(QueueKind::Request), QStringLiteral("A-001"));
        QCOMPARE(hall.take(QueueKind::Request), QStringLiteral("A-002"));
        QCOMPARE(hall.take(QueueKind::Help), QStringLiteral("C-001"));
        QCOMPARE(hall.take(QueueKind::Pickup), QStringLiteral("B-001"));
        QCOMPARE(hall.book->waiting(QueueKind::Request), 2);
        QCOMPARE(hall.journaled(DeskEventKind::QueueTaken), 4);
    }

    void midnightStartsNewNumbersAndClosesYesterday()
    {
        Hall hall(m_path, &m_now);
        m_now = QDateTime(QDate(2026, 12, 7), QTime(23, 50));
        hall.take(QueueKind::Request);
        hall.take(QueueKind::Request);
        QCOMPARE(hall.next(1), QStringLiteral("A-001"));
        m_now = QDateTime(QDate(2026, 12, 8), QTime(7, 30));
        QCOMPARE(hall.take(QueueKind::Request), QStringLiteral("A-001"));
        for (const QueueEntry &e : hall.book->entriesOn(QDate(2026, 12, 7)))
            QCOMPARE(e.state, QueueState::Gone);
        QVERIFY(!hall.book->current(1));
        QCOMPARE(hall.book->waiting(QueueKind::Request), 1);
        QCOMPARE(hall.next(1), QStringLiteral("A-001"));
    }

    void restartKeepsWaitingAndTheCallInProgress()
    {
        {
            Hall hall(m_path, &m_now);
            hall.take(QueueKind::Request);
            hall.take(QueueKind::Request);
            hall.take(QueueKind::Help);
            QCOMPARE(hall.next(1), QStringLiteral("A-001"));
        }
        // The same files, as after a power cut.
        Hall hall(m_path, &m_now);
        QVERIFY(hall.book->current(1));
        QCOMPARE(hall.book->current(1)->label, QStringLiteral("A-001"));
        QCOMPARE(hall.book->waiting(QueueKind::Request), 1);
        QCOMPARE(hall.book->waiting(QueueKind::Help), 1);
        QCOMPARE(hall.take(QueueKind::Request), QStringLiteral("A-003"));
        const auto recalled = hall.book->recall(1, kActor);
        QVERIFY(recalled);
        QCOMPARE(hall.calls.size(), 1);
        QVERIFY(hall.calls.at(0).recall);
        QCOMPARE(hall.calls.at(0).label, QStringLiteral("A-001"));
        QCOMPARE(hall.calls.at(0).counter, 1);
    }

    void noShowIsRequeuedOnceThenGone()
    {
        Hall hall(m_path, &m_now);
        hall.take(QueueKind::Request);
        m_now = m_now.addSecs(60);
        hall.take(QueueKind::Request);
        QCOMPARE(hall.next(1), QStringLiteral("A-001"));
        QVERIFY(hall.book->skip(1, kActor));
        QCOMPARE(hall.book->waiting(QueueKind::Request), 1);
        QCOMPARE(hall.next(1), QStringLiteral("A-002"));
        QVERIFY(hall.book->serve(1, kActor));
        m_now = m_now.addSecs(4 * 60);
        QCOMPARE(hall.next(1), QString()); // not yet 5 minutes
        m_now = m_now.addSecs(60);
        // Back at its original place, ahead of a number taken after it.
        hall.take(QueueKind::Request);
        QCOMPARE(hall.next(1), QStringLiteral("A-001"));
        QCOMPARE(hall.journaled(DeskEventKind::QueueRequeued), 1);
        const auto second = hall.book->skip(1, kActor);
        QVERIFY(second);
        QCOMPARE(second->state, QueueState::Gone);
        m_now = m_now.addSecs(30 * 60);
        QCOMPARE(hall.next(1), QStringLiteral("A-003"));
        QCOMPARE(hall.next(1), QString());
        QCOMPARE(hall.journaled(DeskEventKind::QueueSkipped), 2);
        QCOMPARE(hall.journaled(DeskEventKind::QueueRequeued), 1);
    }

    void transferWaitsAtTheHeadOfTheOtherLoket()
    {
        Hall hall(m_path, &m_now, QStringLiteral("1:A,C;2:B,C"));
        hall.take(QueueKind::Pickup);
        m_now = m_now.addSecs(60);
        hall.take(QueueKind::Request);
        QCOMPARE(hall.next(1), QStringLiteral("A-001"));
        QCOMPARE(hall.next(2), QStringLiteral("B-001"));
        hall.take(QueueKind::Pickup);
        QVERIFY(hall.book->transfer(1, 2, kActor));
        QVERIFY(!hall.book->current(1));
        QVERIFY(!hall.book->transfer(1, 3, kActor)); // no loket 3, nothing at loket 1
        QCOMPARE(hall.next(1), QString()); // A-001 waits for loket 2 only
        QCOMPARE(hall.next(2), QStringLiteral("A-001"));
        QCOMPARE(hall.next(2), QStringLiteral("B-002"));
        QCOMPARE(hall.journaled(DeskEventKind::QueueTransferred), 1);
        QCOMPARE(hall.journaled(DeskEventKind::QueueServed), 2); // B-001 and A-001, each when the next was called
    }

    void upgradeMidDayContinuesTheTicketNumbers()
    {
        // A store as the version before the queue left it: today's tickets numbered by queue_counters up to 5.
        {
            KioskStore store;
            QVERIFY(store.open(m_path));
            QSqlQuery q(store.connection());
            // Undo the queue's migration (9) and every later one: a migration added after it adds its undo here.
            for (const char *sql : {"DROP TABLE queue_numbers", "DROP TABLE queue_entries", "DROP TABLE queue_lokets",
                     "DROP TABLE request_documents", "ALTER TABLE requests DROP COLUMN entered_by", "DROP TABLE request_changes",
                     "DROP TABLE complaints", "DROP TABLE technician_journal", "ALTER TABLE requests DROP COLUMN abandoned_at",
                     "DROP TABLE fleet_alerts", "DROP TABLE alert_acknowledgements", "ALTER TABLE requests DROP COLUMN stage_note_sealed",
                     "ALTER TABLE request_events DROP COLUMN note_sealed"})
                QVERIFY2(q.exec(QLatin1String(sql)), sql);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 8")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO queue_counters (day, last_number) VALUES ('%1', 5)").arg(m_now.date().toString(Qt::ISODate))));
        }
        Hall hall(m_path, &m_now);
        QCOMPARE(hall.take(QueueKind::Request), QStringLiteral("A-006"));
        QCOMPARE(hall.take(QueueKind::Help), QStringLiteral("C-001"));
    }

    void callRuleMatchesTheOracle_data()
    {
        QTest::addColumn<int>("run");
        QTest::addColumn<bool>("transferred");
        QTest::addColumn<bool>("priority");
        QTest::addColumn<bool>("regular");
        for (int run = 0; run <= 3; ++run)
            for (int mask = 0; mask < 8; ++mask)
                QTest::addRow("run %d T%d P%d R%d", run, mask & 1, (mask >> 1) & 1, (mask >> 2) & 1)
                    << run << bool(mask & 1) << bool(mask & 2) << bool(mask & 4);
    }
    void callRuleMatchesTheOracle()
    {
        QFETCH(int, run);
        QFETCH(bool, transferred);
        QFETCH(bool, priority);
        QFETCH(bool, regular);
        // Two of each class present, the younger one listed first.
        const QDateTime t0(QDate(2026, 12, 7), QTime(8, 0));
        QList<QueueCandidate> waiting;
        qint64 id = 10;
        const auto add = [&](bool isPriority, bool isTransferred, const char *) {
            waiting.append({id, isPriority, isTransferred, t0.addSecs(-id * 60)});
            ++id;
        };
        if (transferred) {
            add(false, true, "T");
            add(true, true, "T");
        }
        if (priority) {
            add(true, false, "P");
            add(true, false, "P");
        }
        if (regular) {
            add(false, false, "R");
            add(false, false, "R");
        }
        const auto picked = queuerules::pickNext(waiting, run);
        const QString expected = oracleClass(run, transferred, priority, regular);
        if (expected == QStringLiteral("-")) {
            QVERIFY(!picked);
            return;
        }
        QVERIFY(picked);
        const QueueCandidate &c = waiting.at(*picked);
        QCOMPARE(c.transferred ? QStringLiteral("T") : c.priority ? QStringLiteral("P") : QStringLiteral("R"), expected);
        // The oldest of its class.
        for (const QueueCandidate &other : waiting)
            if (other.transferred == c.transferred && (c.transferred || other.priority == c.priority))
                QVERIFY(other.takenAt >= c.takenAt);
    }

    void randomDaysKeepPriorityAndFairness()
    {
        for (quint32 seed = 1; seed <= 20; ++seed) {
            init();
            QRandomGenerator rng(seed);
            Hall hall(m_path, &m_now, QStringLiteral("1:A,C;2:B,C"));
            QHash<int, int> run; // independent count of priority calls in a row per loket
            QSet<QString> called;
            for (int step = 0; step < 80; ++step) {
                m_now = m_now.addSecs(30 + rng.bounded(90));
                if (rng.bounded(2) == 0) {
                    const auto kind = QueueKind(rng.bounded(3));
                    hall.take(kind, rng.bounded(10) < 3 ? PriorityReason::Disabilitas : PriorityReason::None);
                    continue;
                }
                const int counter = 1 + int(rng.bounded(2));
                const QList<QueueKind> kinds
                    = counter == 1 ? QList {QueueKind::Request, QueueKind::Help} : QList {QueueKind::Pickup, QueueKind::Help};
                QList<QueueEntry> waiting;
                for (const QueueEntry &e : hall.book->entriesOn(m_now.date()))
                    if (e.state == QueueState::Waiting && kinds.contains(e.kind))
                        waiting.append(e);
                const auto next = hall.book->callNext(counter, kActor);
                QVERIFY(next);
                if (!next.value()) {
                    QVERIFY2(waiting.isEmpty(), qPrintable(QStringLiteral("seed %1: nobody called while numbers wait").arg(seed)));
                    continue;
                }
                const QueueEntry &e = *next.value();
                QVERIFY2(!called.contains(e.label), qPrintable(QStringLiteral("seed %1: %2 called twice").arg(seed).arg(e.label)));
                called.insert(e.label);
                const bool regularWaits = std::any_of(waiting.cbegin(), waiting.cend(), [](const QueueEntry &w) { return !w.priority(); });
                const bool priorityWaits = std::any_of(waiting.cbegin(), waiting.cend(), [](const QueueEntry &w) { return w.priority(); });
                const bool mustBeRegular = run.value(counter) >= 2 && regularWaits;
                const bool mustBePriority = !mustBeRegular && priorityWaits;
                QVERIFY2(!mustBeRegular || !e.priority(), qPrintable(QStringLiteral("seed %1: starvation at %2").arg(seed).arg(e.label)));
                QVERIFY2(
                    !mustBePriority || e.priority(), qPrintable(QStringLiteral("seed %1: priority skipped at %2").arg(seed).arg(e.label)));
                for (const QueueEntry &w : waiting)
                    if (w.priority() == e.priority())
                        QVERIFY2(w.takenAt >= e.takenAt,
                            qPrintable(QStringLiteral("seed %1: %2 before older %3").arg(seed).arg(e.label, w.label)));
                run[counter] = e.priority() ? run.value(counter) + 1 : 0;
            }
        }
    }

    void estimatorRanges_data()
    {
        QTest::addColumn<QList<qint64>>("services");
        QTest::addColumn<int>("ahead");
        QTest::addColumn<int>("lokets");
        QTest::addColumn<QString>("text");
        QTest::newRow("too few services") << QList<qint64> {300, 300} << 4 << 1 << QStringLiteral("perkiraan belum tersedia");
        QTest::newRow("nobody ahead") << QList<qint64> {300, 300, 300} << 0 << 1 << QStringLiteral("± 0–5 menit");
        QTest::newRow("steady 5 minutes, 2 ahead") << QList<qint64> {300, 300, 300} << 2 << 1 << QStringLiteral("± 10–15 menit");
        QTest::newRow("spread, two lokets") << QList<qint64> {120, 240, 600, 600} << 3 << 2 << QStringLiteral("± 0–15 menit");
        QTest::newRow("6 ahead, 4–10 minutes") << QList<qint64> {240, 360, 480, 600} << 6 << 1 << QStringLiteral("± 20–50 menit");
        QTest::newRow("no loket serves it") << QList<qint64> {300, 300, 300} << 2 << 0 << QStringLiteral("perkiraan belum tersedia");
    }
    void estimatorRanges()
    {
        QFETCH(QList<qint64>, services);
        QFETCH(int, ahead);
        QFETCH(int, lokets);
        QFETCH(QString, text);
        QCOMPARE(queuerules::estimateWait(services, ahead, lokets).text(), text);
    }

    void estimateComesFromTodaysServices()
    {
        Hall hall(m_path, &m_now);
        for (int i = 0; i < 6; ++i)
            hall.take(QueueKind::Help);
        QVERIFY(!hall.book->estimate(QueueKind::Help, 2).available);
        for (int i = 0; i < 3; ++i) {
            hall.next(1);
            m_now = m_now.addSecs(600);
            QVERIFY(hall.book->serve(1, kActor));
        }
        const WaitEstimate estimate = hall.book->estimate(QueueKind::Help, 2);
        QVERIFY(estimate.available);
        QCOMPARE(estimate.text(), QStringLiteral("± 20–25 menit"));
        QVERIFY(!hall.book->estimate(QueueKind::Request, 2).available); // no A served today
    }

    void dayReportCountsPerLoket()
    {
        Hall hall(m_path, &m_now, QStringLiteral("1:A;2:C"));
        hall.take(QueueKind::Request); // 09:00
        hall.take(QueueKind::Request);
        hall.take(QueueKind::Help);
        m_now = m_now.addSecs(120);
        hall.next(1); // A-001 waited 2 min
        m_now = m_now.addSecs(240);
        hall.next(1); // A-001 served after 4 min; A-002 waited 6 min
        m_now = m_now.addSecs(480);
        QVERIFY(hall.book->serve(1, kActor)); // A-002 served after 8 min
        hall.next(2);
        QVERIFY(hall.book->skip(2, kActor));
        const QList<LoketReport> report = hall.book->dayReport(m_now.date());
        QCOMPARE(report.size(), 2);
        QCOMPARE(report.at(0).counter, 1);
        QCOMPARE(report.at(0).served, 2);
        QCOMPARE(report.at(0).skipped, 0);
        QCOMPARE(report.at(0).medianWaitSeconds.value_or(-1), (120 + 360) / 2);
        QCOMPARE(report.at(0).medianServiceSeconds.value_or(-1), (240 + 480) / 2);
        QCOMPARE(report.at(1).served, 0);
        QCOMPARE(report.at(1).skipped, 1);
        QVERIFY(!report.at(1).medianWaitSeconds);
        QCOMPARE(hall.journaled(DeskEventKind::QueueServed), 2);
    }

    void ticketNumbersComeFromTheQueueBook()
    {
        Hall hall(m_path, &m_now);
        OutboxRepository outbox(hall.store, QByteArray(32, 'k'), [this] { return m_now; });
        NewRequest request {QStringLiteral("SKTM"), QStringLiteral("3521110101500001"), QStringLiteral("Siti"), QStringLiteral("Pitu"),
            QStringLiteral("Sekolah"), {}, {}};
        const auto first = outbox.enqueue(request);
        QVERIFY2(first, first ? "" : qPrintable(first.error().message));
        QCOMPARE(first->queueLabel, QStringLiteral("A-001"));
        QCOMPARE(first->priority, PriorityReason::Lansia); // born 1950: 76 years old
        request.nik = QStringLiteral("3521114508900002");
        request.priority = PriorityReason::IbuHamil;
        const auto second = outbox.enqueue(request);
        QVERIFY(second);
        QCOMPARE(second->queueNumber, 2);
        QCOMPARE(second->priority, PriorityReason::IbuHamil);
        QCOMPARE(hall.take(QueueKind::Request), QStringLiteral("A-003"));
        const QList<QueueEntry> entries = hall.book->entriesOn(m_now.date());
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.at(0).registrationNumber, first->registrationNumber);
        QCOMPARE(hall.next(1), QStringLiteral("A-001"));
    }

    void ticketKeepsItsLength_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("maxHeight");
        // The ticket's length in dots before it carried the priority and wait lines (main at d2708b6, DejaVu Sans).
        QTest::newRow("58 mm") << 384 << 753;
        QTest::newRow("80 mm") << 576 << 665;
    }
    void ticketKeepsItsLength()
    {
        QFETCH(int, width);
        QFETCH(int, maxHeight);
        const TicketContent ticket {QStringLiteral("Kantor Desa Pitu"), QStringLiteral("Surat Keterangan Tidak Mampu"),
            QStringLiteral("MQHT7-F7YC9"), 7, m_now, QStringLiteral("ADT1:") + QString(22, QLatin1Char('x')), QStringLiteral("ibu hamil"),
            QStringLiteral("± 10–20 menit")};
        const QImage image = TicketRenderer(width).render(ticket);
        QCOMPARE(image.width(), width);
        QVERIFY2(image.height() <= maxHeight, qPrintable(QStringLiteral("%1 dots").arg(image.height())));
        const QueueSlipContent slip {QStringLiteral("Kantor Desa Pitu"), QStringLiteral("Konsultasi / bantuan"), QStringLiteral("C-003"),
            m_now, QStringLiteral("disabilitas"), QStringLiteral("perkiraan belum tersedia")};
        QVERIFY(TicketRenderer(width).renderSlip(slip).height() < image.height());
    }

    void countersParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("parsed"); // "1:AC 2:BC", or empty when refused
        QTest::newRow("two lokets") << QStringLiteral("1:A,C;2:B,C") << QStringLiteral("1:AC 2:BC");
        QTest::newRow("spaces, lower case, sorted") << QStringLiteral(" 2 : b ; 1 : a , c ") << QStringLiteral("1:AC 2:B");
        QTest::newRow("four") << QStringLiteral("1:A;2:A;3:B;4:C") << QStringLiteral("1:A 2:A 3:B 4:C");
        QTest::newRow("loket 5") << QStringLiteral("5:A") << QString();
        QTest::newRow("twice") << QStringLiteral("1:A;1:B") << QString();
        QTest::newRow("unknown queue") << QStringLiteral("1:D") << QString();
        QTest::newRow("no queue") << QStringLiteral("1:") << QString();
        QTest::newRow("empty") << QString() << QString();
    }
    void countersParse()
    {
        QFETCH(QString, text);
        QFETCH(QString, parsed);
        QString error;
        const auto lokets = queuerules::parseCounters(text, &error);
        if (parsed.isEmpty()) {
            QVERIFY(!lokets);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(lokets, qPrintable(error));
        QStringList out;
        for (const Loket &l : *lokets) {
            QString letters;
            for (QueueKind k : l.kinds)
                letters += queuerules::letter(k);
            out << QStringLiteral("%1:%2").arg(l.counter).arg(letters);
        }
        QCOMPARE(out.join(QLatin1Char(' ')), parsed);
    }
};

QTEST_MAIN(TestQueueBook)
#include "tst_queuebook.moc"
