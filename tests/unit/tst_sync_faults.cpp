// The kiosk's link under a misbehaving backend: 5xx storms, Retry-After (seconds and HTTP-date),
// 408/429 retried, other 4xx parked with the reason, malformed/oversized/truncated answers, a
// request interrupted by abort(), connection reuse, transfers in parallel (and abort() of a batch)
// and the configured proxy. The backend is a scripted HTTPS peer over real TLS; the SyncService
// runs on its own thread as in the app.
#include "../tools/faultproxy.h"
#include "../tools/scriptedpeer.h"
#include "../tools/testbackend.h"
#include "../tools/threadspy.h"
#include "config.h"
#include "documentstore.h"
#include "linkclient.h"
#include "outbox.h"
#include "requestchanges.h"
#include "store.h"
#include "syncservice.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <cstdlib>

using namespace kiosk;

namespace {

const QString kNik = QStringLiteral("3521115205010021");
const QString kName = QStringLiteral("Siti Aminah");

// Every message logged while the test runs, to count warnings and look for personal data.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.append(QStringLiteral("%1|%2|%3").arg(int(type)).arg(QString::fromLatin1(context.category ? context.category : ""), message));
    }
    if (g_previous)
        g_previous(type, context, message);
}

int syncWarnings()
{
    QMutexLocker lock(&g_logMutex);
    int n = 0;
    for (const QString &line : std::as_const(g_log))
        n += line.startsWith(QStringLiteral("%1|anjungan.sync|").arg(int(QtWarningMsg))) ? 1 : 0;
    return n;
}

QString allLogs()
{
    QMutexLocker lock(&g_logMutex);
    return g_log.join(QLatin1Char('\n'));
}

ScriptedPeer::Reply defaultReply(const ScriptedPeer::Request &r)
{
    if (r.path.startsWith("/api/v1/catalog"))
        return {ScriptedPeer::http(304, {}, {"ETag: \"c1\""})};
    if (r.path.startsWith("/api/v1/staff-credentials"))
        return {ScriptedPeer::http(304, {}, {"ETag: \"s1\""})};
    if (r.path.startsWith("/api/v1/requests")) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        return {ScriptedPeer::http(201,
            QJsonDocument(QJsonObject {{QStringLiteral("registrationNumber"), body.value(QStringLiteral("registrationNumber"))},
                              {QStringLiteral("stage"), QStringLiteral("RECEIVED")}})
                .toJson(QJsonDocument::Compact))};
    }
    if (r.path.startsWith("/api/v1/surveys"))
        return {ScriptedPeer::http(201, "{}")};
    if (r.path.startsWith("/api/v1/changes")) {
        // Nothing new: the cursor the kiosk sent comes back.
        const QByteArray cursor = r.path.mid(r.path.indexOf("cursor=") + 7);
        return {ScriptedPeer::http(200, "{\"cursor\":" + QByteArray::number(cursor.toLongLong()) + ",\"changes\":[]}")};
    }
    if (r.path.startsWith("/api/v1/heartbeat"))
        return {ScriptedPeer::http(200, R"({"receivedAt":"2026-11-23T10:00:00.000Z"})")};
    // Every request's ticket journals the number it drew (queue.taken).
    if (r.path.startsWith("/api/v1/desk-events")) {
        const auto n = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("events")).toArray().size();
        return {ScriptedPeer::http(200, "{\"received\":" + QByteArray::number(n) + ",\"stored\":" + QByteArray::number(n) + "}")};
    }
    return {ScriptedPeer::http(404, R"({"error":"not_found","message":"Alamat tidak dikenal."})")};
}

} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pki;
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<KioskStore> m_store;
    std::unique_ptr<OutboxRepository> m_outbox;
    std::unique_ptr<ScriptedPeer> m_peer;
    std::unique_ptr<QThread> m_thread;
    SyncService *m_sync = nullptr;
    QByteArray m_key = QByteArray(32, 'k');
    QString m_lastProblem;

    void startSync(const serverlink::LinkOptions &link = {}, quint16 port = 0)
    {
        SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = 0;
        settings.link = link;
        settings.dataDir = m_data->path();
        m_thread = std::make_unique<QThread>();
        m_sync = new SyncService(*m_store, m_key, QStringLiteral("https://localhost:%1/api/v1").arg(port ? port : m_peer->serverPort()),
            {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")},
            m_data->filePath(QStringLiteral("letters")), settings);
        m_sync->moveToThread(m_thread.get());
        connect(m_thread.get(), &QThread::finished, m_sync, &QObject::deleteLater);
        m_thread->start();
    }

    /// Holds each request until `together` wait at once, then answers them all (the held ones newest
    /// first) with `answer`; `mostWaiting` records how many waited at once.
    template<typename Answer>
    ScriptedPeer::Reply answerWhenTogether(const ScriptedPeer::Request &r, int together, int *mostWaiting, Answer answer)
    {
        *mostWaiting = std::max(*mostWaiting, int(m_peer->heldCount()) + 1);
        if (m_peer->heldCount() + 1 < together)
            return {{}, false, false, true};
        m_peer->releaseHeld(answer);
        return answer(r);
    }

    /// One sync round on the sync thread while this thread's event loop serves the peer.
    bool round()
    {
        ThreadSpy spy(m_sync, &SyncService::synced);
        QMetaObject::invokeMethod(m_sync, &SyncService::syncNow, Qt::QueuedConnection);
        if (!spy.wait(60000))
            return false;
        m_lastProblem = spy.takeFirst().at(1).toString();
        return true;
    }

    qint64 enqueue()
    {
        NewRequest r;
        r.serviceCode = QStringLiteral("SKTM");
        r.nik = kNik;
        r.name = kName;
        r.address = QStringLiteral("Dusun Krajan RT 01/RW 02");
        r.purpose = QStringLiteral("Uji");
        const auto q = m_outbox->enqueue(r);
        return q ? q->id : -1;
    }

    QVariant column(qint64 id, const QString &name)
    {
        QSqlQuery q(m_store->connection());
        q.prepare(QStringLiteral("SELECT %1 FROM requests WHERE id = ?").arg(name));
        q.addBindValue(id);
        return q.exec() && q.next() ? q.value(0) : QVariant();
    }

    int secondsUntilRetry(qint64 id)
    {
        const QDateTime next = QDateTime::fromString(column(id, QStringLiteral("next_attempt_at")).toString(), Qt::ISODateWithMs);
        return next.isValid() ? int(QDateTime::currentDateTimeUtc().secsTo(next)) : -1;
    }

    void makeDueNow()
    {
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE requests SET next_attempt_at = NULL")));
    }

    void stopSync()
    {
        m_sync->abortNetwork();
        m_thread->quit();
        m_thread->wait();
        m_thread.reset();
        m_sync = nullptr;
    }

    QList<ScriptedPeer::Request> seenAt(const QByteArray &suffix) const
    {
        QList<ScriptedPeer::Request> out;
        for (const ScriptedPeer::Request &r : std::as_const(m_peer->seen))
            if (r.path.endsWith(suffix))
                out.append(r);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            qWarning("openssl is not installed: the test PKI cannot be made");
            std::exit(77);
        }
        g_previous = qInstallMessageHandler(recordMessage);
        QVERIFY(m_dir.isValid());
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
    }

    void init()
    {
        m_data = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<KioskStore>();
        QVERIFY(m_store->open(m_data->filePath(QStringLiteral("kiosk.sqlite"))));
        m_outbox = std::make_unique<OutboxRepository>(*m_store, m_key);
        m_peer = std::make_unique<ScriptedPeer>();
        QVERIFY(m_peer->loadIdentity(m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key")));
        m_peer->script = defaultReply;
        QVERIFY(m_peer->listen(QHostAddress::LocalHost, 0));
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }

    void cleanup()
    {
        if (m_sync)
            m_sync->abortNetwork();
        if (m_thread) {
            m_thread->quit();
            m_thread->wait();
        }
        m_thread.reset();
        m_sync = nullptr;
        m_peer.reset();
        m_outbox.reset();
        m_store.reset();
        // Whatever happened, no citizen data reached the log.
        const QString logs = allLogs();
        QVERIFY(!logs.contains(kNik));
        QVERIFY(!logs.contains(kName));
    }

    void retryAfterParsing_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("expected");
        const QDateTime now(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC);
        QTest::newRow("seconds") << QByteArray("120") << 120;
        QTest::newRow("zero") << QByteArray("0") << 0;
        QTest::newRow("negative") << QByteArray("-5") << 0;
        QTest::newRow("capped at 5 min") << QByteArray("86400") << 300;
        QTest::newRow("http-date") << QByteArray("Mon, 23 Nov 2026 10:01:30 GMT") << 90;
        QTest::newRow("http-date past") << QByteArray("Mon, 23 Nov 2026 09:00:00 GMT") << 0;
        QTest::newRow("garbage") << QByteArray("soon, please") << 0;
        QTest::newRow("empty") << QByteArray() << 0;
    }

    void retryAfterParsing()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        QCOMPARE(SyncService::retryAfterSeconds(value, QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC)), expected);
    }

    void serverErrorStormHonoursRetryAfterPerRequest()
    {
        const qint64 first = enqueue();
        const qint64 second = enqueue();
        // A storm: every submission gets 503; the first asks for 120 s, the second for an HTTP-date 200 s away.
        int submissions = 0;
        m_peer->script = [&](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (!r.path.startsWith("/api/v1/requests"))
                return defaultReply(r);
            ++submissions;
            const QByteArray retryAfter = submissions % 2 == 1 ? QByteArray("Retry-After: 120")
                                                               : "Retry-After: "
                    + QLocale::c()
                          .toString(QDateTime::currentDateTimeUtc().addSecs(200), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                          .toLatin1();
            return {ScriptedPeer::http(503, R"({"error":"overloaded","message":"Server sibuk."})", {retryAfter})};
        };
        startSync();
        QVERIFY(round());
        // One 503 ends the round: the second request is not hammered in the same storm.
        QCOMPARE(submissions, 1);
        QVERIFY(!m_lastProblem.isEmpty());
        QVERIFY2(secondsUntilRetry(first) >= 118 && secondsUntilRetry(first) <= 120, qPrintable(QString::number(secondsUntilRetry(first))));
        QVERIFY(round());
        QCOMPARE(submissions, 2);
        QVERIFY2(
            secondsUntilRetry(second) >= 195 && secondsUntilRetry(second) <= 200, qPrintable(QString::number(secondsUntilRetry(second))));
        // Not yet due: another round sends nothing, even though /catalog answers fine.
        QVERIFY(round());
        QCOMPARE(submissions, 2);
        QVERIFY(column(first, QStringLiteral("parked_reason")).isNull());
        QCOMPARE(m_outbox->depth(), 2);

        // The storm ends; once due, both go out with the keys they had.
        m_peer->script = defaultReply;
        makeDueNow();
        QVERIFY(round());
        QCOMPARE(m_outbox->depth(), 0);
        QSet<QByteArray> keys;
        for (const auto &r : std::as_const(m_peer->seen))
            if (r.path.startsWith("/api/v1/requests"))
                keys.insert(r.headers.value("idempotency-key"));
        QCOMPARE(keys.size(), 2);
        QCOMPARE(column(first, QStringLiteral("attempts")).toInt(), 1);
    }

    void statusesRetriedOrParked_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("parked");
        QTest::newRow("408 retried") << 408 << false;
        QTest::newRow("429 retried") << 429 << false;
        QTest::newRow("500 retried") << 500 << false;
        QTest::newRow("502 retried") << 502 << false;
        QTest::newRow("400 parked") << 400 << true;
        QTest::newRow("403 parked") << 403 << true;
        QTest::newRow("409 parked") << 409 << true;
        QTest::newRow("413 parked") << 413 << true;
        QTest::newRow("422 parked") << 422 << true;
    }

    void statusesRetriedOrParked()
    {
        QFETCH(int, status);
        QFETCH(bool, parked);
        const qint64 id = enqueue();
        m_peer->script = [status](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (!r.path.startsWith("/api/v1/requests"))
                return defaultReply(r);
            return {ScriptedPeer::http(status, R"({"error":"x","message":"Layanan ini tidak dilayani desa Anda."})")};
        };
        startSync();
        QVERIFY(round());
        const OutboxStats stats = m_outbox->stats();
        if (parked) {
            QCOMPARE(stats.parked, 1);
            QCOMPARE(stats.waiting, 0);
            // The reason staff see (kioskctl status) carries the status and the server's own words.
            QVERIFY2(
                stats.parkedReasons.value(0).contains(QStringLiteral("HTTP %1").arg(status)), qPrintable(stats.parkedReasons.value(0)));
            QVERIFY(stats.parkedReasons.value(0).contains(QStringLiteral("tidak dilayani desa Anda")));
            // Parked is never dropped and never retried by itself.
            makeDueNow();
            QVERIFY(round());
            QCOMPARE(m_peer->count("POST", "/api/v1/requests"), 1);
            QCOMPARE(m_outbox->depth(), 1);
        } else {
            QCOMPARE(stats.parked, 0);
            QCOMPARE(stats.waiting, 1);
            QVERIFY(secondsUntilRetry(id) >= 0);
            m_peer->script = defaultReply;
            makeDueNow();
            QVERIFY(round());
            QCOMPARE(m_peer->count("POST", "/api/v1/requests"), 2);
            QCOMPARE(m_outbox->depth(), 0);
        }
    }

    void malformedAnswersNeverCrash_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("closeAfter");
        const auto ok = [](const QByteArray &body) { return ScriptedPeer::http(200, body); };
        QTest::newRow("changes: not JSON") << QByteArray("/api/v1/changes") << ok("{\"cursor\": 5, \"changes\": [") << false;
        QTest::newRow("changes: array") << QByteArray("/api/v1/changes") << ok("[1,2,3]") << false;
        QTest::newRow("changes: cursor is text") << QByteArray("/api/v1/changes") << ok(R"({"cursor":"7","changes":[]})") << false;
        QTest::newRow("changes: cursor negative") << QByteArray("/api/v1/changes") << ok(R"({"cursor":-4,"changes":[]})") << false;
        QTest::newRow("changes: cursor fraction") << QByteArray("/api/v1/changes") << ok(R"({"cursor":2.5,"changes":[]})") << false;
        QTest::newRow("changes: cursor huge") << QByteArray("/api/v1/changes") << ok(R"({"cursor":1e300,"changes":[]})") << false;
        QTest::newRow("changes: changes is object") << QByteArray("/api/v1/changes") << ok(R"({"cursor":3,"changes":{"a":1}})") << false;
        QTest::newRow("changes: wrong item types")
            << QByteArray("/api/v1/changes")
            << ok(R"({"cursor":3,"changes":[1,"x",null,{"sequence":"1","registrationNumber":7,"stage":[],"at":{}}]})") << false;
        QTest::newRow("changes: binary") << QByteArray("/api/v1/changes") << ok(QByteArray("\x00\xff\xfe{\x01", 5)) << false;
        QTest::newRow("changes: empty body") << QByteArray("/api/v1/changes") << ok({}) << false;
        QTest::newRow("changes: truncated")
            << QByteArray("/api/v1/changes")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"cursor\":9,\"chan") << true;
        QTest::newRow("changes: oversized") << QByteArray("/api/v1/changes")
                                            << ok("{\"cursor\":1,\"changes\":[],\"pad\":\"" + QByteArray(200 * 1024, 'a') + "\"}") << false;
        QTest::newRow("changes: garbage status line") << QByteArray("/api/v1/changes") << QByteArray("HELLO THERE\r\n\r\n") << true;
        QTest::newRow("catalog: not JSON") << QByteArray("/api/v1/catalog") << ok("<html>proxy error</html>") << false;
        QTest::newRow("catalog: services wrong type") << QByteArray("/api/v1/catalog") << ok(R"({"services":"all"})") << false;
        QTest::newRow("catalog: items wrong types")
            << QByteArray("/api/v1/catalog") << ok(R"({"services":[1,"x",{"code":5,"name":[]},{"code":"SKTM"}]})") << false;
        QTest::newRow("catalog: no services") << QByteArray("/api/v1/catalog") << ok(R"({"services":[]})") << false;
        QTest::newRow("catalog: oversized") << QByteArray("/api/v1/catalog") << ok(QByteArray(300 * 1024, '[')) << false;
        QTest::newRow("catalog: truncated")
            << QByteArray("/api/v1/catalog")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{\"services\":[") << true;
        QTest::newRow("staff: not JSON") << QByteArray("/api/v1/staff-credentials") << ok("<html>proxy error</html>") << false;
        QTest::newRow("staff: wrong shape") << QByteArray("/api/v1/staff-credentials")
                                            << ok(R"({"staff":[{"username":"siti","iterations":1}]})") << false;
        QTest::newRow("staff: oversized") << QByteArray("/api/v1/staff-credentials") << ok(QByteArray(300 * 1024, '[')) << false;
        QTest::newRow("submit: truncated") << QByteArray("/api/v1/requests")
                                           << QByteArray("HTTP/1.1 201 Created\r\nContent-Length: 400\r\n\r\n{\"registr") << true;
    }

    void malformedAnswersNeverCrash()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, raw);
        QFETCH(bool, closeAfter);
        const qint64 id = enqueue();
        QVERIFY(m_outbox->setSyncValue(QStringLiteral("changes_cursor"), QStringLiteral("3")));
        m_peer->script = [&](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (r.path.startsWith(path))
                return {raw, closeAfter};
            return defaultReply(r);
        };
        serverlink::LinkOptions link;
        link.maxResponseBytes = 64 * 1024;
        startSync(link);
        for (int i = 0; i < 3; ++i) {
            if (path.startsWith("/api/v1/requests"))
                makeDueNow();
            QVERIFY(round());
            QVERIFY2(!m_lastProblem.isEmpty(), "the fault must be reported");
        }
        // Logged once, not once per round.
        QCOMPARE(syncWarnings(), 1);
        // Nothing was taken from the bad answer: no catalog, the cursor stays, the request stays until a clean 2xx.
        QVERIFY(!m_store->cachedCatalog().has_value());
        QCOMPARE(m_outbox->syncValue(QStringLiteral("changes_cursor")), QStringLiteral("3"));
        if (path.startsWith("/api/v1/requests")) {
            QVERIFY(column(id, QStringLiteral("delivered_at")).isNull());
            QVERIFY(column(id, QStringLiteral("parked_reason")).isNull());
            m_peer->script = defaultReply;
            makeDueNow();
            QVERIFY(round());
        }
        // A fault in one answer does not hold back the submission.
        QVERIFY(!column(id, QStringLiteral("delivered_at")).isNull());
        // And the link recovers when the server behaves again.
        m_peer->script = defaultReply;
        QVERIFY(round());
        QVERIFY2(m_lastProblem.isEmpty(), qPrintable(m_lastProblem));
    }

    void outageLoggedOnceAndHealed()
    {
        const qint64 id = enqueue();
        const quint16 port = m_peer->serverPort();
        m_peer->close(); // connection refused from now on
        startSync({}, port);
        for (int i = 0; i < 4; ++i) {
            makeDueNow();
            QVERIFY(round());
            QVERIFY(!m_lastProblem.isEmpty());
        }
        QCOMPARE(syncWarnings(), 1);
        QVERIFY(column(id, QStringLiteral("delivered_at")).isNull());
        // The server is back on the same port; a request waiting minutes for its backoff goes at once.
        {
            QSqlQuery q(m_store->connection());
            q.prepare(QStringLiteral("UPDATE requests SET next_attempt_at = ?"));
            q.addBindValue(QDateTime::currentDateTimeUtc().addSecs(280).toString(Qt::ISODateWithMs));
            QVERIFY(q.exec());
        }
        QVERIFY(m_peer->listen(QHostAddress::LocalHost, port));
        ThreadSpy healed(m_sync, &SyncService::linkHealed);
        QVERIFY(round());
        QCOMPARE(healed.size(), 1);
        QVERIFY(!column(id, QStringLiteral("delivered_at")).isNull());
        QVERIFY(m_lastProblem.isEmpty());
    }

    void abortEndsARequestInFlightAtOnce()
    {
        const qint64 id = enqueue();
        m_peer->script = [](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (r.path.startsWith("/api/v1/requests"))
                return {{}, false, true}; // never answers
            return defaultReply(r);
        };
        startSync();
        bool finished = false;
        QMetaObject::invokeMethod(m_sync, [this, &finished] {
            m_sync->syncNow();
            finished = true;
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_peer->count("POST", "/api/v1/requests"), 1, 20000);
        QElapsedTimer timer;
        timer.start();
        m_sync->abortNetwork();
        // Well before the 30 s request timeout: the worker thread is free for shutdown.
        QTRY_VERIFY_WITH_TIMEOUT(finished, 5000);
        qInfo() << "abort took" << timer.elapsed() << "ms";
        // An aborted request is not a failure: no attempt counted, nothing parked.
        QCOMPARE(m_outbox->stats().waiting, 1);
        QCOMPARE(column(id, QStringLiteral("attempts")).toInt(), 0);
    }

    void connectionIsReused_data()
    {
        QTest::addColumn<int>("maxParallel");
        QTest::newRow("one at a time") << 1;
        QTest::newRow("in parallel") << 6;
    }

    void connectionIsReused()
    {
        QFETCH(int, maxParallel);
        for (int i = 0; i < 5; ++i)
            enqueue();
        serverlink::LinkOptions link;
        link.maxParallel = maxParallel;
        startSync(link);
        QVERIFY(round());
        // HTTP/1.1: one connection per transfer in flight, opened once and kept for the following rounds.
        const int opened = m_peer->connections;
        QVERIFY2(opened >= 1 && opened <= maxParallel, qPrintable(QString::number(opened)));
        for (int i = 0; i < 3; ++i)
            QVERIFY(round());
        QCOMPARE(m_outbox->depth(), 0);
        QVERIFY(m_peer->seen.size() >= 5 + 4 * 2);
        QCOMPARE(m_peer->connections, opened);
        if (maxParallel == 1)
            QCOMPARE(m_peer->connections, 1);
    }

    void postAllKeepsTransfersInFlightTogether()
    {
        // The peer answers nothing until four requests wait at once, then answers them newest first:
        // one at a time, the first would wait for its timeout. Each answer names its own request.
        int mostWaiting = 0;
        m_peer->script = [this, &mostWaiting](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            const auto echo = [](const ScriptedPeer::Request &q) {
                return ScriptedPeer::Reply {ScriptedPeer::http(200, q.path + " " + q.headers.value("idempotency-key"))};
            };
            return answerWhenTogether(r, 4, &mostWaiting, echo);
        };
        serverlink::LinkOptions options;
        options.maxParallel = 4;
        options.requestTimeoutMs = 10000;
        serverlink::LinkClient client(QStringLiteral("https://localhost:%1/api/v1").arg(m_peer->serverPort()),
            {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")}, options);
        QList<serverlink::LinkRequest> requests;
        for (int i = 0; i < 8; ++i)
            requests.append({QStringLiteral("/echo/%1").arg(i), "{}", {{"Idempotency-Key", "key-" + QByteArray::number(i)}}});
        QList<serverlink::LinkResponse> responses;
        std::unique_ptr<QThread> worker(QThread::create([&] { responses = client.postAll(requests); }));
        worker->start();
        // A failed check must not leave the worker blocked on the peer.
        const auto stop = qScopeGuard([&] {
            client.abort();
            worker->wait();
        });
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 30000);
        QCOMPARE(responses.size(), 8);
        for (int i = 0; i < 8; ++i) {
            QVERIFY2(responses.at(i).ok(), qPrintable(responses.at(i).errorText));
            QCOMPARE(responses.at(i).body, "/api/v1/echo/" + QByteArray::number(i) + " key-" + QByteArray::number(i));
        }
        QCOMPARE(mostWaiting, 4);
        QVERIFY2(m_peer->connections <= 4, qPrintable(QString::number(m_peer->connections)));
        QCOMPARE(m_peer->count("POST", "/api/v1/echo/"), 8);
    }

    void abortEndsEveryTransferOfABatch()
    {
        m_peer->script = [](const ScriptedPeer::Request &) -> ScriptedPeer::Reply { return {{}, false, false, true}; };
        serverlink::LinkOptions options;
        options.maxParallel = 3;
        serverlink::LinkClient client(QStringLiteral("https://localhost:%1/api/v1").arg(m_peer->serverPort()),
            {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")}, options);
        QList<serverlink::LinkRequest> requests;
        for (int i = 0; i < 5; ++i)
            requests.append({QStringLiteral("/echo/%1").arg(i), "{}", {}});
        QList<serverlink::LinkResponse> responses;
        std::unique_ptr<QThread> worker(QThread::create([&] { responses = client.postAll(requests); }));
        worker->start();
        // A failed check must not leave the worker blocked on the peer.
        const auto stop = qScopeGuard([&] {
            client.abort();
            worker->wait();
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_peer->heldCount(), 3, 20000);
        QElapsedTimer timer;
        timer.start();
        client.abort();
        // Well before the 30 s request timeout; the two never started end as well.
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 5000);
        qInfo() << "abort took" << timer.elapsed() << "ms";
        QCOMPARE(responses.size(), 5);
        for (const auto &r : std::as_const(responses))
            QCOMPARE(r.error, serverlink::LinkError::Aborted);
        QCOMPARE(m_peer->count("POST", "/api/v1/echo/"), 3);
        // resume() makes the client usable again.
        client.resume();
        m_peer->script = defaultReply;
        std::unique_ptr<QThread> again(QThread::create([&] { responses = {client.get(QStringLiteral("/catalog"))}; }));
        again->start();
        const auto stopAgain = qScopeGuard([&] {
            client.abort();
            again->wait();
        });
        QTRY_VERIFY_WITH_TIMEOUT(again->isFinished(), 20000);
        QCOMPARE(responses.value(0).status, 304);
    }

    void responseLimitHoldsForEachTransfer()
    {
        m_peer->script = [](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            return {ScriptedPeer::http(200, QByteArray(r.path.endsWith("/big") ? 4096 : 16, 'a'))};
        };
        serverlink::LinkOptions options;
        options.maxResponseBytes = 1024;
        serverlink::LinkClient client(QStringLiteral("https://localhost:%1/api/v1").arg(m_peer->serverPort()),
            {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")}, options);
        QList<serverlink::LinkResponse> responses;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            responses = client.postAll(
                {{QStringLiteral("/small"), "{}", {}}, {QStringLiteral("/big"), "{}", {}}, {QStringLiteral("/small"), "{}", {}}});
        }));
        worker->start();
        const auto stop = qScopeGuard([&] {
            client.abort();
            worker->wait();
        });
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 20000);
        QCOMPARE(responses.size(), 3);
        QVERIFY(responses.at(0).ok());
        QCOMPARE(responses.at(1).error, serverlink::LinkError::TooLarge);
        QVERIFY(responses.at(2).ok());
    }

    void unrecordedOutcomesAreSentAgain()
    {
        // The backend accepts the request, but the kiosk's disk refuses to record it: the request stays
        // in the outbox (never lost), the round reports why, and the next round sends it again with the same key.
        const qint64 id = enqueue();
        {
            QSqlQuery q(m_store->connection());
            QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER fail_delivered BEFORE UPDATE OF delivered_at ON requests"
                                          " BEGIN SELECT RAISE(ABORT, 'disk full'); END")));
        }
        startSync();
        QVERIFY(round());
        QVERIFY2(m_lastProblem.contains(QStringLiteral("disk full")), qPrintable(m_lastProblem));
        QVERIFY(allLogs().contains(QStringLiteral("could not record the batch's outcomes")));
        QVERIFY(column(id, QStringLiteral("delivered_at")).isNull());
        QCOMPARE(m_outbox->depth(), 1);

        {
            QSqlQuery q(m_store->connection());
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER fail_delivered")));
        }
        QVERIFY(round());
        QVERIFY2(m_lastProblem.isEmpty(), qPrintable(m_lastProblem));
        QCOMPARE(m_outbox->depth(), 0);
        QList<QByteArray> keys;
        for (const ScriptedPeer::Request &r : std::as_const(m_peer->seen))
            if (r.path.startsWith("/api/v1/requests"))
                keys.append(r.headers.value("idempotency-key"));
        QCOMPARE(keys.size(), 2);
        QCOMPARE(keys.at(0), keys.at(1));
    }

    void changesDeliveredOnceAcrossACutAndARestart()
    {
        // The backend gets the cancellation and the revision but the answers are cut; the kiosk restarts; the same
        // bodies go again with the same keys (the backend answers them from its idempotency record), and never again.
        auto changes = std::make_unique<RequestChanges>(*m_store, m_key);
        serverlink::CancelBody cancel;
        cancel.registrationNumber = QStringLiteral("7KQ2M-X9D4P");
        cancel.proof.statusToken = QStringLiteral("token-of-the-ticket");
        cancel.at = QDateTime::currentDateTimeUtc();
        QVERIFY(changes->enqueueCancel(cancel));
        serverlink::RequestRevision revision;
        revision.registrationNumber = QStringLiteral("8ABCD-EFGH1");
        revision.baseVersion = 1;
        revision.name = kName;
        revision.address = QStringLiteral("Dusun Krajan RT 01/RW 02");
        revision.purpose = QStringLiteral("Uji");
        revision.proof.nik = kNik;
        revision.submittedAt = QDateTime::currentDateTimeUtc();
        const QList<kiosk::CapturedPage> pages {{0, QStringLiteral("Fotokopi KTP"), QByteArray(2000, 'j')}};
        const QList<serverlink::DocumentRef> refs = DocumentStore::describe(pages);
        revision.documents = refs;
        QVERIFY(changes->enqueueRevision(revision, pages, refs));
        QCOMPARE(changes->depth(), 2);
        // Sealed at rest: neither the NIK given as proof nor the ticket's token is in the store's files in clear.
        for (const QString &file : {QStringLiteral("kiosk.sqlite"), QStringLiteral("kiosk.sqlite-wal")}) {
            QFile f(m_data->filePath(file));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            QVERIFY(!bytes.contains(kNik.toLatin1()));
            QVERIFY(!bytes.contains("token-of-the-ticket"));
        }
        QVERIFY(DocumentStore(*m_store, m_key).uploadsDue().isEmpty());

        bool cut = true;
        m_peer->script = [&cut](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (cut && (r.path.endsWith("/cancel") || r.path.endsWith("/revisions")))
                return {{}, true};
            if (r.path.endsWith("/cancel") || r.path.endsWith("/revisions"))
                return {ScriptedPeer::http(200, R"({"registrationNumber":"x","stage":"CANCELLED"})")};
            return defaultReply(r);
        };
        startSync();
        QVERIFY(round());
        QVERIFY(!m_lastProblem.isEmpty());
        QCOMPARE(changes->depth(), 2);
        stopSync();

        // The kiosk restarts: a new store instance on the same files, due again at once, now answered.
        changes.reset();
        m_outbox.reset();
        m_store = std::make_unique<KioskStore>();
        QVERIFY(m_store->open(m_data->filePath(QStringLiteral("kiosk.sqlite"))));
        m_outbox = std::make_unique<OutboxRepository>(*m_store, m_key);
        changes = std::make_unique<RequestChanges>(*m_store, m_key);
        QVERIFY(changes->retryWaitingNow());
        cut = false;
        startSync();
        QVERIFY(round());
        QCOMPARE(changes->depth(), 0);
        const auto posts = [this] {
            return std::count_if(
                m_peer->seen.cbegin(), m_peer->seen.cend(), [](const ScriptedPeer::Request &r) { return r.method == "POST"; });
        };
        const auto sentBefore = posts();
        QVERIFY(round());
        // Nothing is sent again once the backend answered.
        QCOMPARE(posts(), sentBefore);
        const auto cancels = seenAt("/requests/7KQ2M-X9D4P/cancel");
        const auto revisions = seenAt("/requests/8ABCD-EFGH1/revisions");
        // The cancellation went more than once (the cut, curl's own retry of a dead reused connection, then answered),
        // every time with the same key and bytes; the revision, waiting behind the cut, once.
        QVERIFY(cancels.size() >= 2);
        QCOMPARE(revisions.size(), 1);
        for (const ScriptedPeer::Request &sent : cancels) {
            QCOMPARE(sent.headers.value("idempotency-key"), cancels.first().headers.value("idempotency-key"));
            QCOMPARE(sent.body, cancels.first().body);
        }
        const auto parsed = serverlink::RequestRevision::fromJson(revisions.last().body);
        QVERIFY(parsed);
        QCOMPARE(parsed->proof.nik, kNik);
        QCOMPARE(changes->latest(QStringLiteral("7KQ2M-X9D4P"))->delivered, true);
        // The revision's new page may be uploaded now; the proof left the kiosk with the delivery.
        QCOMPARE(DocumentStore(*m_store, m_key).uploadsDue().size(), 1);
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM request_changes WHERE sealed IS NOT NULL")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void refusedChangeIsParkedWithItsReason()
    {
        RequestChanges changes(*m_store, m_key);
        serverlink::CancelBody cancel;
        cancel.registrationNumber = QStringLiteral("7KQ2M-X9D4P");
        cancel.proof.statusToken = QStringLiteral("token-of-the-ticket");
        cancel.at = QDateTime::currentDateTimeUtc();
        QVERIFY(changes.enqueueCancel(cancel));
        m_peer->script = [](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (r.path.endsWith("/cancel"))
                return {ScriptedPeer::http(409, R"({"error":"too_late","message":"Petugas sudah memeriksa permohonan ini."})")};
            return defaultReply(r);
        };
        startSync();
        QVERIFY(round());
        QVERIFY(round());
        QCOMPARE(seenAt("/cancel").size(), 1);
        const auto state = changes.latest(QStringLiteral("7KQ2M-X9D4P"));
        QVERIFY(state);
        QVERIFY(!state->delivered);
        QVERIFY2(state->parkedReason.contains(QStringLiteral("Petugas sudah memeriksa")), qPrintable(state->parkedReason));
        QCOMPARE(changes.depth(), 1);
    }

    /// A request with one page of `size` bytes, enqueued; returns the page.
    StoredPage enqueueWithPage(qsizetype size)
    {
        NewRequest r;
        r.serviceCode = QStringLiteral("SKTM");
        r.nik = kNik;
        r.name = kName;
        r.address = QStringLiteral("Dusun Krajan RT 01/RW 02");
        r.purpose = QStringLiteral("Uji");
        r.documents.append({0, QStringLiteral("Fotokopi KTP"), QByteArray(size, 'p')});
        const auto q = m_outbox->enqueue(r);
        if (!q)
            return {};
        return DocumentStore(*m_store, m_key).pages(q->registrationNumber).value(0);
    }

    static QList<QByteArray> pageCalls(const QList<ScriptedPeer::Request> &seen)
    {
        QList<QByteArray> calls;
        for (const ScriptedPeer::Request &r : seen)
            if (r.path.contains("/documents/"))
                calls.append(r.method + ' ' + r.headers.value("content-range"));
        return calls;
    }

    void lostChunkAnswerResumesAtTheBackendsOffset()
    {
        // The first chunk arrives but its answer is lost: the next round asks the offset (HEAD) and goes on
        // from there, never from the start.
        const StoredPage page = enqueueWithPage(100000);
        QVERIFY(!page.ref.pageId.isEmpty());
        auto puts = std::make_shared<int>(0);
        m_peer->script = [puts](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (!r.path.contains("/documents/"))
                return defaultReply(r);
            if (r.method == "HEAD")
                return {ScriptedPeer::http(200, {}, {"Upload-Offset: 65536"})};
            // No answer at all (a timeout, not a closed connection, which curl would retry by itself).
            if (++*puts == 1)
                return {{}, false, true};
            const qint64 end = r.headers.value("content-range").split('-').value(1).split('/').value(0).toLongLong();
            return {ScriptedPeer::http(200,
                QByteArray(R"({"pageId":"x","offset":)") + QByteArray::number(end + 1) + R"(,"size":100000,"complete":)"
                    + (end + 1 == 100000 ? "true" : "false") + "}",
                {"Upload-Offset: " + QByteArray::number(end + 1)})};
        };
        serverlink::LinkOptions link;
        link.requestTimeoutMs = 2000;
        startSync(link);
        QVERIFY(round());
        QVERIFY2(m_lastProblem.contains(QStringLiteral("Halaman dokumen belum terkirim")), qPrintable(m_lastProblem));
        QCOMPARE(DocumentStore(*m_store, m_key).pages(page.registrationNumber).value(0).uploadedBytes, 0);
        QVERIFY(round());
        QCOMPARE(pageCalls(m_peer->seen), (QList<QByteArray> {"PUT bytes 0-65535/100000", "HEAD ", "PUT bytes 65536-99999/100000"}));
        QVERIFY(DocumentStore(*m_store, m_key).pages(page.registrationNumber).value(0).delivered);
        QCOMPARE(DocumentStore(*m_store, m_key).pendingCount(), 0);
        QCOMPARE(m_outbox->stats().pagesPending, 0);
    }

    void pageRefusedByTheBackendIsSentAgainFromTheStart()
    {
        // The backend throws the page away once (its bytes did not match the ref): the kiosk starts it again
        // from 0, says why, and the second upload completes.
        const StoredPage page = enqueueWithPage(100000);
        QVERIFY(!page.ref.pageId.isEmpty());
        QCOMPARE(m_outbox->stats().pagesPending, 1);
        auto refused = std::make_shared<bool>(false);
        m_peer->script = [refused](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (!r.path.contains("/documents/"))
                return defaultReply(r);
            const qint64 end = r.headers.value("content-range").split('-').value(1).split('/').value(0).toLongLong();
            if (end + 1 == 100000 && !*refused) {
                *refused = true;
                return {ScriptedPeer::http(
                    422, R"({"error":"checksum_mismatch","message":"SHA-256 tidak cocok","offset":0})", {"Upload-Offset: 0"})};
            }
            return {ScriptedPeer::http(200,
                QByteArray(R"({"pageId":"x","offset":)") + QByteArray::number(end + 1) + R"(,"size":100000,"complete":)"
                    + (end + 1 == 100000 ? "true" : "false") + "}",
                {"Upload-Offset: " + QByteArray::number(end + 1)})};
        };
        startSync();
        QVERIFY(round());
        QVERIFY2(m_lastProblem.contains(QStringLiteral("dikirim ulang dari awal: SHA-256 tidak cocok")), qPrintable(m_lastProblem));
        QVERIFY(allLogs().contains(QStringLiteral("refused, sent again from 0")));
        QCOMPARE(pageCalls(m_peer->seen),
            (QList<QByteArray> {
                "PUT bytes 0-65535/100000", "PUT bytes 65536-99999/100000", "PUT bytes 0-65535/100000", "PUT bytes 65536-99999/100000"}));
        QVERIFY(DocumentStore(*m_store, m_key).pages(page.registrationNumber).value(0).delivered);
        QCOMPARE(m_sync->pagesDelivered(), 1);
    }

    void unstoredChangeKeepsTheCursor()
    {
        // A status change the disk refuses to store: the cursor stays, so the same page is asked for again.
        const qint64 id = enqueue();
        const QString reg = column(id, QStringLiteral("registration_number")).toString();
        m_peer->script = [reg](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (!r.path.startsWith("/api/v1/changes"))
                return defaultReply(r);
            if (!r.path.endsWith("cursor=0"))
                return {ScriptedPeer::http(200, R"({"cursor":1,"changes":[]})")};
            return {ScriptedPeer::http(200,
                R"({"cursor":1,"changes":[{"sequence":1,"registrationNumber":")" + reg.toLatin1()
                    + R"(","stage":"DESA_REVIEW","at":"2026-11-23T10:00:00.000Z","letterAvailable":false}]})")};
        };
        {
            QSqlQuery q(m_store->connection());
            QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER fail_event BEFORE INSERT ON request_events WHEN NEW.stage = 'DESA_REVIEW'"
                                          " BEGIN SELECT RAISE(ABORT, 'disk full'); END")));
        }
        startSync();
        QVERIFY(round());
        QVERIFY2(m_lastProblem.contains(QStringLiteral("disk full")), qPrintable(m_lastProblem));
        QVERIFY(m_outbox->syncValue(QStringLiteral("changes_cursor")).isEmpty());
        QCOMPARE(column(id, QStringLiteral("stage")).toString(), QStringLiteral("RECEIVED"));

        {
            QSqlQuery q(m_store->connection());
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER fail_event")));
        }
        QVERIFY(round());
        QCOMPARE(m_outbox->syncValue(QStringLiteral("changes_cursor")), QStringLiteral("1"));
        QCOMPARE(column(id, QStringLiteral("stage")).toString(), QStringLiteral("DESA_REVIEW"));
    }

    void outboxDrainsInParallelAndMapsEachAnswer()
    {
        // Nine requests: the first goes alone, then four at a time. Every other one is refused with its own
        // registration number in the message, answered out of order: each must be parked or delivered as its own.
        QList<qint64> ids;
        QSet<QString> refused;
        for (int i = 0; i < 9; ++i) {
            ids.append(enqueue());
            if (i % 2 == 1)
                refused.insert(column(ids.last(), QStringLiteral("registration_number")).toString());
        }
        int mostWaiting = 0;
        int submissions = 0;
        const auto answer = [&refused](const ScriptedPeer::Request &q) -> ScriptedPeer::Reply {
            const QString reg = QJsonDocument::fromJson(q.body).object().value(QStringLiteral("registrationNumber")).toString();
            if (!refused.contains(reg))
                return defaultReply(q);
            return {ScriptedPeer::http(422, "{\"error\":\"x\",\"message\":\"Ditolak " + reg.toLatin1() + "\"}")};
        };
        m_peer->script = [&](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (!r.path.startsWith("/api/v1/requests"))
                return defaultReply(r);
            if (++submissions == 1)
                return answer(r);
            return answerWhenTogether(r, 4, &mostWaiting, answer);
        };
        serverlink::LinkOptions link;
        link.maxParallel = 4;
        link.requestTimeoutMs = 10000;
        startSync(link);
        QVERIFY(round());
        QCOMPARE(submissions, 9);
        QCOMPARE(mostWaiting, 4);
        for (const qint64 id : std::as_const(ids)) {
            const QString reg = column(id, QStringLiteral("registration_number")).toString();
            const QString reason = column(id, QStringLiteral("parked_reason")).toString();
            if (!refused.contains(reg)) {
                QVERIFY2(!column(id, QStringLiteral("delivered_at")).isNull(), qPrintable(reg));
                QVERIFY(reason.isEmpty());
            } else {
                QVERIFY(column(id, QStringLiteral("delivered_at")).isNull());
                QCOMPARE(reason, QStringLiteral("Ditolak server (HTTP 422): Ditolak %1").arg(reg));
            }
        }
        QCOMPARE(m_outbox->stats().parked, 4);
        QCOMPARE(m_outbox->depth(), 4);
    }

    void abortDuringAParallelBatch()
    {
        QList<qint64> ids;
        for (int i = 0; i < 7; ++i)
            ids.append(enqueue());
        // The first request of the round is answered; the batch after it never is.
        int submissions = 0;
        m_peer->script = [&submissions](const ScriptedPeer::Request &r) -> ScriptedPeer::Reply {
            if (r.path.startsWith("/api/v1/requests") && ++submissions > 1)
                return {{}, false, false, true};
            return defaultReply(r);
        };
        startSync(); // the default: six in flight
        bool finished = false;
        QMetaObject::invokeMethod(m_sync, [this, &finished] {
            m_sync->syncNow();
            finished = true;
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_peer->heldCount(), 6, 20000);
        QElapsedTimer timer;
        timer.start();
        m_sync->abortNetwork();
        QTRY_VERIFY_WITH_TIMEOUT(finished, 5000);
        qInfo() << "abort of" << m_peer->heldCount() << "transfers took" << timer.elapsed() << "ms";
        // Only the answered one is delivered; the six aborted are no attempt, not parked, still waiting.
        QVERIFY(!column(ids.at(0), QStringLiteral("delivered_at")).isNull());
        for (qsizetype i = 1; i < ids.size(); ++i) {
            QVERIFY(column(ids.at(i), QStringLiteral("delivered_at")).isNull());
            QCOMPARE(column(ids.at(i), QStringLiteral("attempts")).toInt(), 0);
            QVERIFY(column(ids.at(i), QStringLiteral("next_attempt_at")).isNull());
        }
        const OutboxStats stats = m_outbox->stats();
        QCOMPARE(stats.waiting, 6);
        QCOMPARE(stats.parked, 0);
    }

    void proxyFromConfiguration()
    {
        // The INI key reaches the settings…
        QFile ini(m_data->filePath(QStringLiteral("anjungan.conf")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[kiosk]\nid=K1\ndataDir=data\n[server]\nurl=https://localhost/api/v1\ncaFile=ca.crt\n"
                  "proxy=http://127.0.0.1:3128\nheartbeatIntervalMs=5000\n");
        ini.close();
        const auto config = KioskConfig::load(ini.fileName());
        QVERIFY(config);
        QCOMPARE(config->proxy, QStringLiteral("http://127.0.0.1:3128"));
        QCOMPARE(config->heartbeatIntervalMs, 5000);
        QCOMPARE(
            KioskConfig::load(ini.fileName().replace(QStringLiteral("anjungan"), QStringLiteral("missing"))).error().code, ErrorCode::Io);

        // …and the link goes through the proxy (HTTP CONNECT), still pinned end to end.
        FaultProxy proxy(QHostAddress::LocalHost, m_peer->serverPort());
        proxy.setConnectMode(true);
        QVERIFY(proxy.listen());
        enqueue();
        serverlink::LinkOptions link;
        link.proxy = QStringLiteral("http://127.0.0.1:%1").arg(proxy.port());
        startSync(link);
        QVERIFY(round());
        QVERIFY2(m_lastProblem.isEmpty(), qPrintable(m_lastProblem));
        QCOMPARE(m_outbox->depth(), 0);
        QCOMPARE(proxy.connectRequests(), 1);
    }

    void emptyProxyMeansDirectEvenWithEnvironmentProxy()
    {
        qputenv("https_proxy", "http://127.0.0.1:9");
        qputenv("HTTPS_PROXY", "http://127.0.0.1:9");
        enqueue();
        startSync();
        QVERIFY(round());
        qunsetenv("https_proxy");
        qunsetenv("HTTPS_PROXY");
        QVERIFY2(m_lastProblem.isEmpty(), qPrintable(m_lastProblem));
        QCOMPARE(m_outbox->depth(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_sync_faults.moc"
