// The calling board's models: one row per loket with its latest number, the last calls newest first,
// and the waiting counts per queue, as the calling display and the welcome band read them.
#include "callboard.h"

#include <QSignalSpy>
#include <QTest>

using kiosk::CallBoard;
using kiosk::CallsModel;
using kiosk::QueueCall;
using kiosk::QueueKind;
using kiosk::WaitingModel;

namespace {
QueueCall call(const QString &label, int counter, bool recall = false)
{
    return {label, QueueKind::Request, false, counter, QDateTime(QDate(2026, 12, 7), QTime(9, 30)), recall};
}

QVariant at(QAbstractItemModel *m, int row, int role)
{
    return m->data(m->index(row, 0), role);
}
} // namespace

class TestCallBoard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<kiosk::QueueCall>(); }

    void eachLoketShowsItsLatestNumber()
    {
        CallBoard board(QStringLiteral("Kantor Desa Pitu"));
        QSignalSpy hasCalls(&board, &CallBoard::hasCallsChanged);
        QSignalSpy shown(&board, &CallBoard::callShown);
        QVERIFY(!board.hasCalls());
        board.showCall(call(QStringLiteral("A-001"), 2));
        board.showCall(call(QStringLiteral("B-001"), 1));
        board.showCall(call(QStringLiteral("A-002"), 2));
        board.showCall(call(QStringLiteral("A-002"), 2, true));
        QVERIFY(board.hasCalls());
        QCOMPARE(hasCalls.size(), 1);
        QCOMPARE(shown.size(), 4);
        CallsModel *m = board.counters();
        QCOMPARE(m->rowCount(), 2);
        // In loket order; loket 2's number is the recalled A-002, the one that flashes.
        QCOMPARE(at(m, 0, CallsModel::CounterRole).toInt(), 1);
        QCOMPARE(at(m, 0, CallsModel::LabelRole).toString(), QStringLiteral("B-001"));
        QCOMPARE(at(m, 0, CallsModel::FreshRole).toBool(), false);
        QCOMPARE(at(m, 1, CallsModel::CounterRole).toInt(), 2);
        QCOMPARE(at(m, 1, CallsModel::LabelRole).toString(), QStringLiteral("A-002"));
        QCOMPARE(at(m, 1, CallsModel::RecallRole).toBool(), true);
        QCOMPARE(at(m, 1, CallsModel::FreshRole).toBool(), true);
        QCOMPARE(at(m, 1, CallsModel::TimeRole).toString(), QStringLiteral("09:30"));
        QCOMPARE(m->roleNames().value(CallsModel::LabelRole), QByteArray("label"));
    }

    void lastCallsAreNewestFirstAndFew()
    {
        CallBoard board;
        for (int i = 1; i <= 9; ++i)
            board.showCall(call(QStringLiteral("A-%1").arg(i, 3, 10, QLatin1Char('0')), 1 + i % 2));
        CallsModel *m = board.recent();
        QCOMPARE(m->rowCount(), CallBoard::kRecentCalls);
        for (int row = 0; row < m->rowCount(); ++row) {
            QCOMPARE(at(m, row, CallsModel::LabelRole).toString(), QStringLiteral("A-%1").arg(9 - row, 3, 10, QLatin1Char('0')));
            QCOMPARE(at(m, row, CallsModel::FreshRole).toBool(), row == 0);
        }
    }

    void waitingCountsPerQueue()
    {
        CallBoard board;
        QSignalSpy total(&board, &CallBoard::totalWaitingChanged);
        board.setWaiting(QueueKind::Request, 4);
        board.setWaiting(QueueKind::Help, 1);
        board.setWaiting(QueueKind::Help, 1);
        QCOMPARE(total.size(), 2);
        QCOMPARE(board.totalWaiting(), 5);
        WaitingModel *m = board.waiting();
        QCOMPARE(m->rowCount(), 3);
        const QList<std::tuple<QString, QString, int>> expected {
            {"A", "Permohonan baru", 4}, {"B", "Pengambilan surat", 0}, {"C", "Konsultasi/bantuan", 1}};
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(at(m, row, WaitingModel::LetterRole).toString(), std::get<0>(expected.at(row)));
            QCOMPARE(at(m, row, WaitingModel::NameRole).toString(), std::get<1>(expected.at(row)));
            QCOMPARE(at(m, row, WaitingModel::CountRole).toInt(), std::get<2>(expected.at(row)));
        }
    }

    void newDayClearsTheBoard()
    {
        CallBoard board;
        board.showCall(call(QStringLiteral("C-001"), 3));
        QSignalSpy hasCalls(&board, &CallBoard::hasCallsChanged);
        board.clearCalls();
        QCOMPARE(hasCalls.size(), 1);
        QVERIFY(!board.hasCalls());
        QCOMPARE(board.recent()->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCallBoard)
#include "tst_callboard.moc"
