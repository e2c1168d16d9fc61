// A day at the village hall (issue #12): 60 citizens arrive by a seeded schedule (requests, pick-ups, help) at two
// loket in simulated time; the middle of the day runs in child processes over the same data folder, one stopped and
// restarted, one killed with SIGKILL while working. Afterwards sync rounds deliver everything to the real backend
// over real TLS, and the test checks: nobody lost or called twice, the priority order and the fairness rule (against
// its own re-implementation, from the journal), every handover at the backend with its actor and collector, and the
// day report's counts equal to the journal and to the backend's queue report.
#include "../tools/threadspy.h"
#include "deskjournal.h"
#include "inprocesskioskapi.h"
#include "outbox.h"
#include "queuebook.h"
#include "queuereport.h"
#include "store.h"
#include "syncservice.h"
#include "workflowfixture.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>

using kiosk::PriorityReason;
using kiosk::QueueEntry;
using kiosk::QueueKind;
using kiosk::QueueState;
using serverlink::DeskEventKind;

namespace {

/// The day's seed (one whose day also runs into the fairness rule); VILLAGE_DAY_SEED replays another day.
quint32 seed()
{
    return qEnvironmentVariableIsSet("VILLAGE_DAY_SEED") ? quint32(qEnvironmentVariableIntValue("VILLAGE_DAY_SEED")) : 2u;
}
constexpr int kArrivals = 60;
const QString kDesa = QStringLiteral("3521112004");
const QString kRegularNik = QStringLiteral("3521115205010021"); // born 2001
const QString kLansiaNik = QStringLiteral("3521110101550001"); // born 1955
const QByteArray kDeviceKey(32, 'v');
const char *const kChildEnv = "VILLAGE_DAY_CHILD"; // "<data folder>|<stop after step, 0: the whole day>|<day>"

/// The staff member at each loket.
QString staffAt(int counter)
{
    return counter == 1 ? QStringLiteral("sri") : QStringLiteral("budi");
}

/// The simulated day: yesterday (every time lies in the past for the backend), from 08:00 local time; fixed once
/// per run (the children get it from the parent), so a run across midnight stays on one day.
QDate g_day = QDate::currentDate().addDays(-1);

QDate theDay()
{
    return g_day;
}

QDateTime dayStart()
{
    return QDateTime(theDay(), QTime(8, 0));
}

struct Arrival {
    qint64 at = 0; // seconds after 08:00
    QueueKind kind = QueueKind::Request;
    PriorityReason reason = PriorityReason::None;
    int letter = -1; // pick-ups: which of the ready letters
};

/// The seeded schedule: ≈ 50 % requests, 30 % pick-ups, 20 % help; 10 % priority.
QList<Arrival> schedule()
{
    QRandomGenerator rng(seed());
    QList<Arrival> out;
    qint64 at = 0;
    int letters = 0;
    for (int i = 0; i < kArrivals; ++i) {
        at += 20 + rng.bounded(130); // a busy morning: the lines grow
        Arrival a;
        a.at = at;
        const int r = rng.bounded(100);
        a.kind = r < 50 ? QueueKind::Request : r < 80 ? QueueKind::Pickup : QueueKind::Help;
        if (rng.bounded(10) == 0)
            a.reason = a.kind == QueueKind::Request ? PriorityReason::Lansia
                : rng.bounded(2) == 0               ? PriorityReason::Disabilitas
                                                    : PriorityReason::IbuHamil;
        if (a.kind == QueueKind::Pickup)
            a.letter = letters++;
        out.append(a);
    }
    return out;
}

int pickupsIn(const QList<Arrival> &plan)
{
    return int(std::count_if(plan.cbegin(), plan.cend(), [](const Arrival &a) { return a.kind == QueueKind::Pickup; }));
}

/// What a number does when called, seeded by its label: 10 % do not come; of those, half come back after the requeue.
struct Behaviour {
    bool noShow = false;
    bool comesBack = false;
    qint64 serviceSeconds = 0;
};

Behaviour behaviourOf(const QString &label)
{
    QRandomGenerator rng(seed() ^ qHash(label));
    Behaviour b;
    b.noShow = rng.bounded(10) == 0;
    b.comesBack = rng.bounded(2) == 0;
    b.serviceSeconds = 120 + rng.bounded(480);
    return b;
}

/// The kiosk side of the day over one data folder: store, outbox, journal and queue book on a simulated clock.
/// Every step is derived from the store (and the schedule), so a step lost to a power cut is simply done again.
class Day
{
public:
    explicit Day(const QString &dataDir)
        : m_dataDir(dataDir)
        , m_plan(schedule())
    { }

    QString open()
    {
        if (const auto opened = m_store.open(m_dataDir + QStringLiteral("/kiosk.sqlite")); !opened)
            return opened.error().message;
        const auto clock = [this] { return m_now; };
        m_outbox = std::make_unique<kiosk::OutboxRepository>(m_store, kDeviceKey, clock);
        m_journal = std::make_unique<kiosk::DeskJournal>(m_store, [this] { return m_now.toUTC(); });
        kiosk::QueueBook::Settings settings;
        settings.lokets = {{1, {QueueKind::Request, QueueKind::Help}}, {2, {QueueKind::Pickup, QueueKind::Help}}};
        m_book = std::make_unique<kiosk::QueueBook>(m_store, *m_journal, settings, clock);
        // The clock resumes from what the store and the progress file say happened last.
        m_now = dayStart();
        for (const auto &e : m_journal->eventsOn(theDay()))
            m_now = std::max(m_now, e.at.toLocalTime());
        const auto progress = readProgress();
        m_step = progress.value(QStringLiteral("step")).toInt();
        if (progress.contains(QStringLiteral("now")))
            m_now = std::max(m_now, QDateTime::fromString(progress.value(QStringLiteral("now")).toString(), Qt::ISODate));
        return {};
    }

    QJsonObject readProgress() const
    {
        QFile f(m_dataDir + QStringLiteral("/progress.json"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    /// One step of the day; an error text, or empty. `*more` false once the day is over.
    QString step(bool *more)
    {
        *more = true;
        const auto entries = m_book->entriesOn(theDay());
        const auto events = m_journal->eventsOn(theDay());
        enum class What { Requeue, Resolve, Arrive, Call };
        struct Next {
            QDateTime at;
            What what = What::Call;
            int counter = 0;
        };
        std::optional<Next> next;
        const auto consider = [&next](const QDateTime &at, What what, int counter = 0) {
            if (!next || at < next->at)
                next = Next {at, what, counter};
        };
        for (const QueueEntry &e : entries)
            if (e.state == QueueState::Skipped)
                consider(std::max(m_now, e.requeueAt), What::Requeue);
        for (int counter : {1, 2})
            if (const auto cur = m_book->current(counter))
                consider(std::max(m_now, resolutionDue(*cur, events)), What::Resolve, counter);
        if (entries.size() < m_plan.size())
            consider(std::max(m_now, dayStart().addSecs(m_plan.at(entries.size()).at)), What::Arrive);
        for (int counter : {1, 2}) {
            const bool waiting = std::any_of(entries.cbegin(), entries.cend(), [counter](const QueueEntry &e) {
                return e.state == QueueState::Waiting && (e.kind == QueueKind::Help || (e.kind == QueueKind::Pickup) == (counter == 2));
            });
            // Staff press "Panggil" a few seconds after the loket became free or a number was drawn.
            if (!m_book->current(counter) && waiting)
                consider(m_now.addSecs(5), What::Call, counter);
        }
        if (!next) {
            *more = false;
            return {};
        }
        if (m_step > 2000)
            return QStringLiteral("the day does not end");
        m_now = next->at;
        QString error;
        switch (next->what) {
        case What::Requeue:
            if (const auto back = m_book->requeueDue(); !back)
                error = back.error().message;
            break;
        case What::Arrive:
            error = arrive(m_plan.at(entries.size()));
            break;
        case What::Resolve:
            error = resolve(next->counter, events);
            break;
        case What::Call:
            if (const auto called = m_book->callNext(next->counter, staffAt(next->counter)); !called)
                error = called.error().message;
            break;
        }
        if (!error.isEmpty())
            return error;
        ++m_step;
        return writeProgress();
    }

    /// The calls in progress, per loket, as the progress file keeps them.
    QJsonObject calls() const
    {
        QJsonObject out;
        for (int counter : {1, 2})
            if (const auto cur = m_book->current(counter))
                out.insert(QString::number(counter), cur->label);
        return out;
    }

    int stepNumber() const { return m_step; }
    kiosk::QueueBook &book() { return *m_book; }
    kiosk::DeskJournal &journal() { return *m_journal; }
    kiosk::OutboxRepository &outbox() { return *m_outbox; }
    kiosk::KioskStore &store() { return m_store; }
    const QList<Arrival> &plan() const { return m_plan; }

    /// The letters the pick-ups come for (ready before the day, handed over or not), in a fixed order.
    QStringList letters() const
    {
        QStringList regs;
        QSqlQuery q(m_store.connection());
        q.exec(QStringLiteral("SELECT registration_number FROM requests WHERE letter_available = 1 ORDER BY registration_number"));
        while (q.next())
            regs << q.value(0).toString();
        return regs;
    }

private:
    /// When the number at a loket is dealt with: a no-show is recalled after a minute and skipped after two.
    QDateTime resolutionDue(const QueueEntry &cur, const QList<serverlink::DeskEvent> &events) const
    {
        const Behaviour b = behaviourOf(cur.label);
        const bool absent = cur.skips == 0 ? b.noShow : !b.comesBack;
        if (!absent)
            return cur.calledAt.addSecs(b.serviceSeconds);
        return cur.calledAt.addSecs(recalledSinceCall(cur, events) ? 120 : 60);
    }

    static bool recalledSinceCall(const QueueEntry &cur, const QList<serverlink::DeskEvent> &events)
    {
        return std::any_of(events.cbegin(), events.cend(), [&cur](const serverlink::DeskEvent &e) {
            return e.kind == DeskEventKind::QueueRecalled && e.queueLabel == cur.label && e.at >= cur.calledAt.toUTC();
        });
    }

    QString arrive(const Arrival &a)
    {
        if (a.kind == QueueKind::Request) {
            kiosk::NewRequest r;
            r.serviceCode = QStringLiteral("SKTM");
            r.nik = a.reason == PriorityReason::Lansia ? kLansiaNik : kRegularNik;
            r.name = QStringLiteral("Warga Hari Ini");
            r.address = QStringLiteral("Dusun Krajan");
            r.purpose = QStringLiteral("Uji hari desa");
            const auto queued = m_outbox->enqueue(r);
            return queued ? QString() : queued.error().message;
        }
        const QString reg = a.kind == QueueKind::Pickup ? letters().value(a.letter) : QString();
        if (a.kind == QueueKind::Pickup && reg.isEmpty())
            return QStringLiteral("no ready letter %1").arg(a.letter);
        const auto taken = m_book->take(a.kind, a.reason, reg);
        return taken ? QString() : taken.error().message;
    }

    QString resolve(int counter, const QList<serverlink::DeskEvent> &events)
    {
        const auto cur = m_book->current(counter);
        const Behaviour b = behaviourOf(cur->label);
        const QString actor = staffAt(counter);
        if (cur->skips == 0 ? b.noShow : !b.comesBack) {
            if (!recalledSinceCall(*cur, events)) {
                const auto again = m_book->recall(counter, actor);
                return again ? QString() : again.error().message;
            }
            const auto skipped = m_book->skip(counter, actor);
            return skipped ? QString() : skipped.error().message;
        }
        if (cur->kind == QueueKind::Pickup) {
            // The handover and its journal entry are one transaction (kiosk::recordHandover, as the desk does it).
            const QString reg = cur->registrationNumber;
            if (!m_outbox->handover(reg)) {
                const auto applicant = m_outbox->applicant(reg);
                if (!applicant)
                    return QStringLiteral("no applicant for %1").arg(reg);
                if (const kiosk::Status handedOver = kiosk::recordHandover(*m_outbox, *m_journal, reg,
                        {actor, m_now.toUTC(), serverlink::CollectorKind::Holder, applicant->name, applicant->nik, {}}, cur->label,
                        counter);
                    !handedOver)
                    return handedOver.error().message;
            }
        }
        const auto served = m_book->serve(counter, actor);
        return served ? QString() : served.error().message;
    }

    QString writeProgress()
    {
        QSaveFile f(m_dataDir + QStringLiteral("/progress.json"));
        if (!f.open(QIODevice::WriteOnly))
            return QStringLiteral("progress file");
        QJsonObject o {
            {QStringLiteral("step"), m_step}, {QStringLiteral("now"), m_now.toString(Qt::ISODate)}, {QStringLiteral("calls"), calls()}};
        f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
        return f.commit() ? QString() : QStringLiteral("progress file not written");
    }

    QString m_dataDir;
    QList<Arrival> m_plan;
    kiosk::KioskStore m_store;
    std::unique_ptr<kiosk::OutboxRepository> m_outbox;
    std::unique_ptr<kiosk::DeskJournal> m_journal;
    std::unique_ptr<kiosk::QueueBook> m_book;
    QDateTime m_now;
    int m_step = 0;
};

/// The child process: resumes the day from the store and the progress file, asserts that the calls in progress
/// survived, then works until step `stopAfter` (0: the end of the day), printing "STEP n" after each step.
int runChild(const QString &spec)
{
    const QStringList parts = spec.split(QLatin1Char('|'));
    g_day = QDate::fromString(parts.value(2), Qt::ISODate);
    Day day(parts.value(0));
    if (const QString error = day.open(); !error.isEmpty()) {
        std::fprintf(stderr, "child: %s\n", qPrintable(error));
        return 2;
    }
    const QJsonObject before = day.readProgress().value(QStringLiteral("calls")).toObject();
    const auto entries = day.book().entriesOn(theDay());
    for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
        // A call in progress is still at its loket, unless the step after the progress file (cut short) moved it on.
        const auto cur = day.book().current(it.key().toInt());
        const auto entry
            = std::find_if(entries.cbegin(), entries.cend(), [&it](const QueueEntry &e) { return e.label == it.value().toString(); });
        const bool kept = cur && cur->label == it.value().toString();
        const bool movedOn = entry != entries.cend() && entry->state != QueueState::Waiting && entry->state != QueueState::Called;
        if (!kept && !movedOn) {
            std::fprintf(stderr, "child: the call of %s at loket %s is lost\n", qPrintable(it.value().toString()), qPrintable(it.key()));
            return 3;
        }
    }
    std::printf("RESUMED %d %d\n", day.stepNumber(), int(before.size()));
    std::fflush(stdout);
    const int stopAfter = parts.value(1).toInt();
    bool more = true;
    while (more && (stopAfter == 0 || day.stepNumber() < stopAfter)) {
        if (const QString error = day.step(&more); !error.isEmpty()) {
            std::fprintf(stderr, "child: step %d: %s\n", day.stepNumber(), qPrintable(error));
            return 4;
        }
        std::printf("STEP %d\n", day.stepNumber());
        std::fflush(stdout);
    }
    return 0;
}

/// Which waiting number a loket calls, by the test's own reading of docs/decisions/0013-queue.md: below two
/// priority calls in a row the oldest priority number, else the oldest regular one; the other class when one is empty.
struct Waiting {
    QString label;
    QueueKind kind;
    bool priority;
    qint64 place; // order of drawing; a requeued no-show keeps it
};

std::optional<Waiting> expectedCall(const QList<Waiting> &waiting, int counter, int run)
{
    std::optional<Waiting> bestPriority, bestRegular;
    for (const Waiting &w : waiting) {
        const bool serves = w.kind == QueueKind::Help || (w.kind == QueueKind::Pickup) == (counter == 2);
        if (!serves)
            continue;
        auto &best = w.priority ? bestPriority : bestRegular;
        if (!best || w.place < best->place)
            best = w;
    }
    if (run < 2)
        return bestPriority ? bestPriority : bestRegular;
    return bestRegular ? bestRegular : bestPriority;
}

/// The median: the mean of the two middle values for an even count, rounded down; none when empty.
std::optional<qint64> medianOf(QList<qint64> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
}

} // namespace

class TestVillageDay : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    testsupport::InProcessKioskApi m_api;

    QString kioskDir() const { return m_dir.filePath(QStringLiteral("kiosk")); }

    /// Sync rounds on their own thread over a store of its own, until the journal, requests and handovers are delivered.
    QString syncUntilDelivered(int rounds)
    {
        kiosk::KioskStore store;
        if (const auto opened = store.open(kioskDir() + QStringLiteral("/kiosk.sqlite")); !opened)
            return opened.error().message;
        kiosk::SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = 0;
        settings.dataDir = kioskDir();
        auto *sync = new kiosk::SyncService(store, kDeviceKey, m_api.url(), m_api.tls(), kioskDir() + QStringLiteral("/letters"), settings);
        QThread thread;
        thread.start();
        sync->moveToThread(&thread);
        connect(&thread, &QThread::finished, sync, &QObject::deleteLater);
        QString problem;
        const kiosk::OutboxRepository outbox(store, kDeviceKey);
        const kiosk::DeskJournal journal(store);
        for (int i = 0; i < rounds; ++i) {
            ThreadSpy synced(sync, &kiosk::SyncService::synced);
            QMetaObject::invokeMethod(sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
            problem = synced.wait(60000) ? synced.last().at(1).toString() : QStringLiteral("no round");
            if (problem.isEmpty() && outbox.depth() == 0 && journal.undelivered().isEmpty() && outbox.handoversToSend().isEmpty()
                && outbox.lettersToDownload().isEmpty())
                break;
        }
        sync->abortNetwork();
        thread.quit();
        thread.wait();
        return problem;
    }

    /// Runs the child over the kiosk folder until step `stopAfter` (0: the end of the day); with `killAt`, SIGKILL as
    /// soon as it reports that step. Its stdout, or the failure.
    std::pair<bool, QByteArray> child(int stopAfter, int killAt = 0)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QLatin1String(kChildEnv),
            kioskDir() + QLatin1Char('|') + QString::number(stopAfter) + QLatin1Char('|') + theDay().toString(Qt::ISODate));
        p.setProcessEnvironment(env);
        testsupport::dieWithTest(p);
        p.start(QCoreApplication::applicationFilePath(), {});
        QByteArray out;
        if (killAt > 0) {
            while (p.state() != QProcess::NotRunning && !out.contains(QByteArray("STEP ") + QByteArray::number(killAt) + '\n')) {
                p.waitForReadyRead(30000);
                out += p.readAllStandardOutput();
            }
            // The power cut: whatever the child is doing now stops mid-step.
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished(30000);
            out += p.readAllStandardOutput();
            return {p.exitStatus() == QProcess::CrashExit, out + p.readAllStandardError()};
        }
        const bool finished = p.waitForFinished(120000);
        out += p.readAllStandardOutput();
        return {finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, out + p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            qWarning("openssl is not installed: the test PKI cannot be made");
            std::exit(77);
        }
        QVERIFY(m_dir.isValid());
        const QString problem = m_api.start(m_dir.path());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(QDir().mkpath(kioskDir()));
    }

    void cleanupTestCase() { m_api.stop(); }

    void dayAtTheVillageHall()
    {
        const QList<Arrival> plan = schedule();
        qInfo("seed %u: %d arrivals, %d pick-ups", seed(), int(plan.size()), pickupsIn(plan));

        // Before the day: yesterday's requests, delivered, approved to READY at the backend, letters downloaded.
        {
            QDateTime yesterday(theDay().addDays(-1), QTime(10, 0));
            kiosk::KioskStore store;
            QVERIFY(store.open(kioskDir() + QStringLiteral("/kiosk.sqlite")));
            kiosk::OutboxRepository outbox(store, kDeviceKey, [&yesterday] { return yesterday; });
            for (int i = 0; i < pickupsIn(plan); ++i) {
                kiosk::NewRequest r;
                r.serviceCode = QStringLiteral("SKTM");
                r.nik = kRegularNik;
                r.name = QStringLiteral("Pemohon Kemarin %1").arg(i + 1);
                r.address = QStringLiteral("Dusun Krajan");
                r.purpose = QStringLiteral("Uji hari desa");
                QVERIFY(outbox.enqueue(r));
                yesterday = yesterday.addSecs(300);
            }
        }
        QCOMPARE(syncUntilDelivered(3), QString());
        {
            kiosk::KioskStore store;
            QVERIFY(store.open(kioskDir() + QStringLiteral("/kiosk.sqlite")));
            QSqlQuery q(store.connection());
            QVERIFY(q.exec(QStringLiteral("SELECT registration_number FROM requests")));
            while (q.next()) {
                const auto ready = testsupport::approveToReady(
                    *m_api.backend->workflow, *m_api.backend->store, m_api.backend->offices, q.value(0).toString());
                QVERIFY2(ready, ready ? "" : qPrintable(ready.error().message));
            }
        }
        QCOMPARE(syncUntilDelivered(3), QString());

        // The morning, in this process.
        int morningSteps = 0;
        {
            Day day(kioskDir());
            QCOMPARE(day.open(), QString());
            QCOMPARE(day.letters().size(), pickupsIn(plan));
            bool more = true;
            while (more && day.stepNumber() < 40)
                QCOMPARE(day.step(&more), QString());
            morningSteps = day.stepNumber();
        }

        // The middle of the day in child processes: stopped and restarted; then a power cut at a seeded step.
        QRandomGenerator rng(seed() + 1);
        const int restartAt = morningSteps + 30 + rng.bounded(20);
        const auto [stopped, stoppedOut] = child(restartAt);
        QVERIFY2(stopped, stoppedOut.right(2000).constData());
        const int cutAt = restartAt + 30 + rng.bounded(30);
        const auto [killed, killedOut] = child(0, cutAt);
        QVERIFY2(killed, killedOut.right(2000).constData());
        const auto [finished, finishedOut] = child(0);
        QVERIFY2(finished, finishedOut.right(2000).constData());
        // The restarted child resumed exactly where the stopped one ended, with its calls in progress (it checked them
        // against the store); the one after the power cut resumed at the cut or after it.
        const QList<QByteArray> resumedAfterRestart = killedOut.left(killedOut.indexOf('\n')).split(' ');
        QCOMPARE(resumedAfterRestart.value(0), QByteArray("RESUMED"));
        QCOMPARE(resumedAfterRestart.value(1).toInt(), restartAt);
        QVERIFY(resumedAfterRestart.value(2).toInt() > 0);
        const QList<QByteArray> resumedAfterCut = finishedOut.left(finishedOut.indexOf('\n')).split(' ');
        QVERIFY(resumedAfterCut.value(1).toInt() >= cutAt);
        QVERIFY(resumedAfterCut.value(2).toInt() > 0);
        qInfo("restart after step %d, power cut after step %d; the last child: %s", restartAt, cutAt,
            finishedOut.left(finishedOut.indexOf('\n')).constData());

        // After the day: everything reaches the backend.
        QCOMPARE(syncUntilDelivered(10), QString());

        Day day(kioskDir());
        QCOMPARE(day.open(), QString());
        const auto entries = day.book().entriesOn(theDay());
        const auto events = day.journal().eventsOn(theDay());
        QVERIFY(day.journal().undelivered().isEmpty());

        // Nobody lost: every number drawn is served, or gone after two skips.
        QCOMPARE(entries.size(), kArrivals);
        std::map<QString, int> taken, called, requeued, skipped, served;
        for (const auto &e : events) {
            std::map<QString, int> *count = e.kind == DeskEventKind::QueueTaken ? &taken
                : e.kind == DeskEventKind::QueueCalled                          ? &called
                : e.kind == DeskEventKind::QueueRequeued                        ? &requeued
                : e.kind == DeskEventKind::QueueSkipped                         ? &skipped
                : e.kind == DeskEventKind::QueueServed                          ? &served
                                                                                : nullptr;
            if (count)
                ++(*count)[e.queueLabel];
        }
        int servedCount = 0, goneCount = 0, priorityCount = 0;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            // In order of arrival, each with its queue and its priority (lansia read from the NIK).
            QCOMPARE(entries.at(i).kind, plan.at(i).kind);
            QCOMPARE(entries.at(i).reason, plan.at(i).reason);
        }
        for (const QueueEntry &e : entries) {
            QVERIFY2(e.state == QueueState::Served || (e.state == QueueState::Gone && e.skips == 2), qPrintable(e.label));
            QCOMPARE(taken[e.label], 1);
            // Nobody called twice, except after a requeue (a recall is not a new call).
            QCOMPARE(called[e.label], 1 + requeued[e.label]);
            QCOMPARE(skipped[e.label], e.skips);
            QCOMPARE(served[e.label], e.state == QueueState::Served ? 1 : 0);
            servedCount += e.state == QueueState::Served;
            goneCount += e.state == QueueState::Gone;
            priorityCount += e.priority();
        }

        // The priority order and the fairness rule, replayed from the journal's order of events.
        QList<Waiting> waiting;
        std::map<QString, Waiting> drawn;
        int run[3] = {0, 0, 0};
        int place = 0, fairnessCalls = 0, overtakes = 0;
        for (const auto &e : events) {
            if (e.kind == DeskEventKind::QueueTaken) {
                const Waiting w {e.queueLabel, *kiosk::queuerules::kindFromLetter(e.queueLabel.left(1)), !e.detail.isEmpty(), place++};
                drawn[e.queueLabel] = w;
                waiting.append(w);
            } else if (e.kind == DeskEventKind::QueueRequeued) {
                waiting.append(drawn.at(e.queueLabel));
            } else if (e.kind == DeskEventKind::QueueCalled) {
                const auto expected = expectedCall(waiting, e.counter, run[e.counter]);
                QVERIFY2(expected, qPrintable(e.queueLabel));
                QCOMPARE(e.queueLabel, expected->label);
                QCOMPARE(e.actor, staffAt(e.counter));
                const bool priorityWaitedToo = std::any_of(waiting.cbegin(), waiting.cend(), [&](const Waiting &w) {
                    return w.priority && (w.kind == QueueKind::Help || (w.kind == QueueKind::Pickup) == (e.counter == 2));
                });
                const bool olderRegularWaited = std::any_of(waiting.cbegin(), waiting.cend(), [&](const Waiting &w) {
                    return !w.priority && w.place < expected->place
                        && (w.kind == QueueKind::Help || (w.kind == QueueKind::Pickup) == (e.counter == 2));
                });
                fairnessCalls += !expected->priority && priorityWaitedToo;
                overtakes += expected->priority && olderRegularWaited;
                run[e.counter] = expected->priority ? run[e.counter] + 1 : 0;
                waiting.erase(std::find_if(waiting.begin(), waiting.end(), [&](const Waiting &w) { return w.label == e.queueLabel; }));
            }
        }
        QVERIFY(waiting.isEmpty());
        // The day is busy enough that priority numbers went before older regular ones.
        QVERIFY(overtakes > 0);
        QVERIFY2(fairnessCalls > 0 || qEnvironmentVariableIsSet("VILLAGE_DAY_SEED"), "the default day runs into the fairness rule");

        // Every handover reached the backend with the staff member at loket 2 as actor and the holder as collector.
        int handovers = 0;
        for (const QueueEntry &e : entries) {
            if (e.kind != QueueKind::Pickup)
                continue;
            const auto handover = m_api.backend->store->handover(e.registrationNumber);
            QVERIFY(handover);
            const auto request = m_api.backend->store->request(e.registrationNumber);
            QVERIFY(request);
            if (e.state != QueueState::Served) {
                QVERIFY(!handover.value());
                QCOMPARE(request.value().stage, serverlink::Stage::Ready);
                continue;
            }
            ++handovers;
            QVERIFY2(handover.value(), qPrintable(e.registrationNumber));
            QCOMPARE(handover.value()->actor, staffAt(2));
            QCOMPARE(handover.value()->collectorKind, QStringLiteral("holder"));
            QCOMPARE(handover.value()->collectorName, day.outbox().applicant(e.registrationNumber)->name);
            QCOMPARE(request.value().stage, serverlink::Stage::HandedOver);
        }

        // The day report: the kiosk's counts equal the journal's events and the backend's queue report of the desa and day.
        const auto backendEvents
            = m_api.backend->store->deskEvents(dayStart().addSecs(-8 * 3600).toUTC(), dayStart().addSecs(16 * 3600).toUTC(), kDesa);
        QVERIFY(backendEvents);
        int handedOverEvents = 0;
        for (const auto &r : backendEvents.value())
            if (r.event.kind == DeskEventKind::LetterHandedOver) {
                ++handedOverEvents;
                QCOMPARE(r.event.actor, staffAt(2));
            }
        QCOMPARE(handedOverEvents, handovers);
        QCOMPARE(backendEvents.value().size(), events.size());
        const auto figures = backend::queuereport::compute(backendEvents.value());
        // Waits from the journal: the kiosk's (taken → the call it was served after, at the serving loket) and the
        // backend's (taken → the first call, at the first calling loket, served or not).
        std::map<QString, QDateTime> takenAt, firstCall, lastCall;
        std::map<QString, int> firstCounter;
        std::map<int, QList<qint64>> kioskWaits, backendWaits;
        for (const auto &e : events) {
            if (e.kind == DeskEventKind::QueueTaken)
                takenAt[e.queueLabel] = e.at;
            if (e.kind == DeskEventKind::QueueCalled) {
                if (!firstCall.count(e.queueLabel)) {
                    firstCall[e.queueLabel] = e.at;
                    firstCounter[e.queueLabel] = e.counter;
                    backendWaits[e.counter].append(takenAt.at(e.queueLabel).secsTo(e.at));
                }
                lastCall[e.queueLabel] = e.at;
            }
            if (e.kind == DeskEventKind::QueueServed)
                kioskWaits[e.counter].append(takenAt.at(e.queueLabel).secsTo(lastCall.at(e.queueLabel)));
        }
        const auto report = day.book().dayReport(theDay());
        QCOMPARE(report.size(), 2);
        for (const kiosk::LoketReport &loket : report) {
            const int journalServed = int(std::count_if(events.cbegin(), events.cend(),
                [&](const auto &e) { return e.kind == DeskEventKind::QueueServed && e.counter == loket.counter; }));
            const int journalSkipped = int(std::count_if(events.cbegin(), events.cend(),
                [&](const auto &e) { return e.kind == DeskEventKind::QueueSkipped && e.counter == loket.counter; }));
            QCOMPARE(loket.served, journalServed);
            QCOMPARE(loket.skipped, journalSkipped);
            const auto atBackend = std::find_if(
                figures.cbegin(), figures.cend(), [&](const backend::LoketQueueFigures &f) { return f.counter == loket.counter; });
            QVERIFY(atBackend != figures.cend());
            QCOMPARE(atBackend->desaCode, kDesa);
            QCOMPARE(atBackend->served, loket.served);
            QCOMPARE(atBackend->skipped, loket.skipped);
            QCOMPARE(atBackend->medianServiceSeconds, loket.medianServiceSeconds);
            // The two reports measure the wait differently (docs: QueueBook::dayReport, backend::queuereport): each is
            // checked against the journal by its own rule.
            QCOMPARE(loket.medianWaitSeconds, medianOf(kioskWaits[loket.counter]));
            QCOMPARE(atBackend->medianWaitSeconds, medianOf(backendWaits[loket.counter]));
            qInfo("loket %d (%s): served %d, skipped %d, median wait %s, median service %s", loket.counter,
                qPrintable(staffAt(loket.counter)), loket.served, loket.skipped,
                qPrintable(backend::queuereport::formatDuration(loket.medianWaitSeconds)),
                qPrintable(backend::queuereport::formatDuration(loket.medianServiceSeconds)));
        }
        qInfo("the day: %d numbers (%d priority), %d served, %d gone after two skips, %d handovers, %d priority calls before older "
              "numbers, %d calls by the fairness rule,"
              " %d journal events",
            int(entries.size()), priorityCount, servedCount, goneCount, handovers, overtakes, fairnessCalls, int(events.size()));
    }
};

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv); // the backend renders letters with fonts
    if (qEnvironmentVariableIsSet(kChildEnv))
        return runChild(qEnvironmentVariable(kChildEnv));
    TestVillageDay test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_village_day.moc"
