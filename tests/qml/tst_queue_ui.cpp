// The queue through the real QML: a help number taken with taps on the welcome screen, and calling
// from the desk with two lokets and three queues, with priority, no-shows and a transfer.
#include "deskjournal.h"
#include "kioskharness.h"
#include "queuebook.h"

#include <QTest>

using namespace kiosk;
using serverlink::DeskEventKind;

namespace {
QueueBook::Settings twoLokets()
{
    return {*queuerules::parseCounters(QStringLiteral("1:A,C;2:B,C")), 5};
}

QString text(QQuickItem *item)
{
    return item ? item->property("text").toString() : QString();
}
} // namespace

class TestQueueUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<KioskHarness> h;

    /// Reaches the staff desk as every UI test does: the staff card scanned, the PIN on the pad.
    bool openDesk()
    {
        h->areas->flow.goHome();
        return h->signInStaff();
    }

    QString current() const { return text(h->find(QStringLiteral("queueCurrent"))); }

private Q_SLOTS:
    void init()
    {
        h = std::make_unique<KioskHarness>(60000, 75000, 180000, QString(), twoLokets());
        QVERIFY(h->load());
    }
    void cleanup() { h.reset(); }

    void helpNumberIsTakenWithATap()
    {
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
        const int jobsBefore = h->ticketPrinter->documents().size();
        QVERIFY(h->tap(QStringLiteral("takeHelpNumber")));
        QVERIFY(h->tap(QStringLiteral("takeHelpRegular")));
        QTRY_COMPARE(text(h->find(QStringLiteral("helpNumber"))), QStringLiteral("C-001"));
        QVERIFY(text(h->find(QStringLiteral("helpWait"))).contains(QStringLiteral("perkiraan belum tersedia")));
        QTRY_COMPARE(h->ticketPrinter->documents().size(), jobsBefore + 1);
        QVERIFY(h->tap(QStringLiteral("closeHelpNumber")));
        // The next citizen is ibu hamil: one more tap.
        QVERIFY(h->tap(QStringLiteral("takeHelpNumber")));
        QVERIFY(h->tap(QStringLiteral("takeHelpIbuHamil")));
        QTRY_COMPARE(text(h->find(QStringLiteral("helpNumber"))), QStringLiteral("C-002"));
        const QList<QueueEntry> entries = h->areas->queue.entriesOn(QDate::currentDate());
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(1).reason, PriorityReason::IbuHamil);
        // Going home forgets the number shown.
        h->areas->flow.goHome();
        QTRY_VERIFY(h->areas->queueTicket.label().isEmpty());
        QTRY_VERIFY(!h->find(QStringLiteral("helpNumber")));
        QVERIFY(h->tap(QStringLiteral("openStatus"))); // the welcome buttons take taps again
    }

    void callingWithTwoLoketsThreeQueues()
    {
        QueueBook &book = h->areas->queue;
        // A regular A, a priority A (disabilitas), two B and a help number, in that order.
        QVERIFY(book.take(QueueKind::Request));
        QVERIFY(book.take(QueueKind::Request, PriorityReason::Disabilitas));
        QVERIFY(book.take(QueueKind::Pickup));
        QVERIFY(book.take(QueueKind::Pickup));
        QVERIFY(book.take(QueueKind::Help));
        QList<QueueCall> calls;
        connect(&book, &QueueBook::called, this, [&calls](const QueueCall &call) { calls.append(call); });

        // The waiting room's board follows the queue's counts.
        QCOMPARE(h->areas->board.totalWaiting(), 5);
        QVERIFY(openDesk());
        QVERIFY(h->waitFor(QStringLiteral("queueDesk")));
        QVERIFY(text(h->find(QStringLiteral("queueWaiting"))).contains(QStringLiteral("A (permohonan) 2")));
        QVERIFY(h->tap(QStringLiteral("loket-1")));
        // Priority first.
        QVERIFY(h->tap(QStringLiteral("queueCallNext")));
        QTRY_VERIFY(current().startsWith(QStringLiteral("A-002")));
        QVERIFY(current().contains(QStringLiteral("disabilitas")));
        QVERIFY(h->areas->board.hasCalls()); // and shows each call
        QCOMPARE(h->areas->board.totalWaiting(), 4);
        QVERIFY(h->tap(QStringLiteral("queueRecall")));
        QCOMPARE(calls.size(), 2);
        QVERIFY(calls.at(1).recall);
        QCOMPARE(calls.at(1).counter, 1);
        // A no-show: skipped, and the oldest regular comes next (A-001 before C-001).
        QVERIFY(h->tap(QStringLiteral("queueSkip")));
        QTRY_VERIFY(text(h->find(QStringLiteral("queueMessage"))).contains(QStringLiteral("dilewati")));
        QVERIFY(h->tap(QStringLiteral("queueCallNext")));
        QTRY_COMPARE(current(), QStringLiteral("A-001"));
        // Sent to loket 2, where it waits at the head.
        QVERIFY(h->tap(QStringLiteral("queueTransfer-2")));
        QTRY_COMPARE(current(), QStringLiteral("Belum ada nomor dipanggil"));
        QVERIFY(h->tap(QStringLiteral("loket-2")));
        QVERIFY(h->tap(QStringLiteral("queueCallNext")));
        QTRY_COMPARE(current(), QStringLiteral("A-001"));
        QCOMPARE(calls.constLast().counter, 2);
        QVERIFY(h->tap(QStringLiteral("queueServe")));
        QVERIFY(h->tap(QStringLiteral("queueCallNext")));
        QTRY_COMPARE(current(), QStringLiteral("B-001"));
        QVERIFY(h->tap(QStringLiteral("queueCallNext")));
        QTRY_COMPARE(current(), QStringLiteral("B-002"));
        QVERIFY(h->tap(QStringLiteral("queueCallNext")));
        QTRY_COMPARE(current(), QStringLiteral("C-001"));
        QVERIFY(h->tap(QStringLiteral("queueServe")));
        QVERIFY(h->tap(QStringLiteral("queueCallNext")));
        QTRY_VERIFY(text(h->find(QStringLiteral("queueMessage"))).contains(QStringLiteral("Tidak ada nomor")));
        // The day report and the journal, with the signed-in staff member as the actor.
        QVERIFY(h->tap(QStringLiteral("queueReportToggle")));
        QTRY_VERIFY(text(h->find(QStringLiteral("queueReport-2"))).contains(QStringLiteral("4 dilayani")));
        QVERIFY(text(h->find(QStringLiteral("queueReport-1"))).contains(QStringLiteral("1 dilewati")));
        int calledEvents = 0;
        for (const auto &e : h->areas->journal.eventsOn(QDate::currentDate())) {
            if (e.kind == DeskEventKind::QueueTaken)
                continue;
            QCOMPARE(e.actor, h->areas->staffLogin.desk()->staff().username);
            calledEvents += e.kind == DeskEventKind::QueueCalled ? 1 : 0;
        }
        QCOMPARE(calledEvents, 6);
        // Loket 2's keypad calls for the staff member who picked loket 2 on the desk.
        QVERIFY(book.take(QueueKind::Help));
        h->areas->queueDesk.keypad(2, devices::Keypad::Action::CallNext);
        QTRY_COMPARE(current(), QStringLiteral("C-002"));
        const auto last = h->areas->journal.eventsOn(QDate::currentDate()).constLast();
        QCOMPARE(last.kind, DeskEventKind::QueueCalled);
        QCOMPARE(last.actor, h->areas->staffLogin.desk()->staff().username);
        QCOMPARE(last.counter, 2);
        h->areas->flow.goHome();
    }
};

QTEST_MAIN(TestQueueUi)
#include "tst_queue_ui.moc"
