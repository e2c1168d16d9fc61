// The front office's journal reaches the backend: a sync round delivers DeskJournal::undelivered() over real
// mutual TLS to the real API server, exactly once however often it is sent; a refusal keeps the events, raises
// one technician alert and waits its backoff instead of looping. The ticket's queue number travels with the request.
#include "../tools/testbackend.h"
#include "../tools/threadspy.h"
#include "apiserver.h"
#include "backend.h"
#include "deskjournal.h"
#include "kioskregistry.h"
#include "outbox.h"
#include "store.h"
#include "syncservice.h"
#include "workflowfixture.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <atomic>
#include <cstdlib>

using serverlink::DeskEventKind;

class TestDeskDelivery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pki;
    std::unique_ptr<backend::Backend> m_backend;
    std::unique_ptr<backend::ApiServer> m_server;
    quint16 m_port = 0;
    std::shared_ptr<std::atomic_int> m_deskPosts = std::make_shared<std::atomic_int>(0);

    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<kiosk::KioskStore> m_store;
    std::unique_ptr<kiosk::OutboxRepository> m_outbox;
    std::unique_ptr<kiosk::DeskJournal> m_journal;
    std::unique_ptr<QThread> m_thread;
    kiosk::SyncService *m_sync = nullptr;
    const QByteArray m_key = QByteArray(32, 'd');

    serverlink::TlsPolicy tls() const
    {
        return {m_pki + QStringLiteral("/ca.crt"), m_pki + QStringLiteral("/kiosk.crt"), m_pki + QStringLiteral("/kiosk.key")};
    }

    /// A sync service on the sync thread (started once: the kiosk store keeps one connection per thread).
    void startSync()
    {
        kiosk::SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = 0;
        settings.dataDir = m_data->path();
        m_sync = new kiosk::SyncService(*m_store, m_key, QStringLiteral("https://localhost:%1/api/v1").arg(m_port), tls(),
            m_data->filePath(QStringLiteral("letters")), settings);
        if (!m_thread) {
            m_thread = std::make_unique<QThread>();
            m_thread->start();
        }
        m_sync->moveToThread(m_thread.get());
        connect(m_thread.get(), &QThread::finished, m_sync, &QObject::deleteLater);
    }

    void stopSync()
    {
        if (m_sync)
            m_sync->abortNetwork();
        if (m_thread) {
            m_thread->quit();
            m_thread->wait();
        }
        m_thread.reset();
        m_sync = nullptr;
    }

    /// One sync round on the service's own thread; its problem text.
    QString syncRound()
    {
        ThreadSpy synced(m_sync, &kiosk::SyncService::synced);
        QMetaObject::invokeMethod(m_sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
        if (!synced.wait(30000))
            return QStringLiteral("no round");
        return synced.last().at(1).toString();
    }

    int backendEvents() const
    {
        const auto all = m_backend->store->deskEvents(
            QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC), QDateTime(QDate(2100, 1, 1), QTime(0, 0), Qt::UTC));
        return all ? int(all.value().size()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            qWarning("openssl is not installed: the test PKI cannot be made");
            std::exit(77);
        }
        QVERIFY(m_dir.isValid());
        m_pki = m_dir.filePath(QStringLiteral("pki"));
        QVERIFY(testsupport::makePki(m_pki));
    }

    void init()
    {
        m_backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("data")));
        QVERIFY(m_backend);
        QFile certificate(m_pki + QStringLiteral("/kiosk.crt"));
        QVERIFY(certificate.open(QIODevice::ReadOnly));
        QVERIFY(backend::KioskRegistry(*m_backend->store).registerCertificate(certificate.readAll()));
        m_server
            = std::make_unique<backend::ApiServer>(*m_backend->store, m_backend->catalog, *m_backend->workflow, m_backend->seals.get());
        *m_deskPosts = 0;
        m_server->setExchangeObserver([posts = m_deskPosts](const backend::ApiExchange &e) {
            if (e.path == QLatin1String("/api/v1/desk-events"))
                ++*posts;
        });
        const auto bound = m_server->start(QStringLiteral("127.0.0.1"), 0,
            backend::TlsFiles {
                m_pki + QStringLiteral("/server.crt"), m_pki + QStringLiteral("/server.key"), m_pki + QStringLiteral("/kiosk-ca.crt")});
        QVERIFY2(bound, bound ? "" : qPrintable(bound.error().message));
        m_port = bound.value();
        m_data = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<kiosk::KioskStore>();
        QVERIFY(m_store->open(m_data->filePath(QStringLiteral("kiosk.sqlite"))));
        m_outbox = std::make_unique<kiosk::OutboxRepository>(*m_store, m_key);
        m_journal = std::make_unique<kiosk::DeskJournal>(*m_store);
    }

    void cleanup()
    {
        stopSync();
        m_server.reset();
        m_backend.reset();
        m_journal.reset();
        m_outbox.reset();
        m_store.reset();
    }

    void roundDeliversTheJournalOnce()
    {
        kiosk::NewRequest r;
        r.serviceCode = QStringLiteral("SKTM");
        r.nik = QStringLiteral("3521115205010021");
        r.name = QStringLiteral("Siti Aminah");
        r.address = QStringLiteral("Dusun Krajan");
        r.purpose = QStringLiteral("Uji");
        const auto queued = m_outbox->enqueue(r);
        QVERIFY(queued);
        QVERIFY(m_journal->record(DeskEventKind::QueueTaken, {}, queued->registrationNumber, QStringLiteral("A-001")));
        QVERIFY(m_journal->record(DeskEventKind::QueueCalled, QStringLiteral("budi"), {}, QStringLiteral("A-001"), 1));
        QVERIFY(m_journal->record(DeskEventKind::LetterHandedOver, QStringLiteral("sri"), QStringLiteral("REG-LAIN-1"), {}, 2));

        startSync();
        QCOMPARE(syncRound(), QString());
        QCOMPARE(backendEvents(), 3);
        QVERIFY(m_journal->undelivered().isEmpty());
        QCOMPARE(m_sync->deskEventsDelivered(), 3);
        // The queue number reached the backend with the request.
        const auto stored = m_backend->store->request(queued->registrationNumber);
        QVERIFY(stored);
        QCOMPARE(stored.value().queueLabel, QStringLiteral("A-%1").arg(queued->queueNumber, 3, 10, QLatin1Char('0')));

        const auto handovers = m_backend->store->deskEvents(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC),
            QDateTime(QDate(2100, 1, 1), QTime(0, 0), Qt::UTC), QStringLiteral("3521112004"));
        QVERIFY(handovers);
        const auto handover = std::find_if(handovers.value().cbegin(), handovers.value().cend(),
            [](const backend::DeskEventRecord &e) { return e.event.kind == DeskEventKind::LetterHandedOver; });
        QVERIFY(handover != handovers.value().cend());
        QCOMPARE(handover->event.actor, QStringLiteral("sri"));
        QCOMPARE(handover->event.counter, 2);
        QCOMPARE(handover->kioskId, QStringLiteral("KIOSK-0001"));

        // Nothing new: the next round sends nothing.
        const int posts = *m_deskPosts;
        QCOMPARE(syncRound(), QString());
        QCOMPARE(*m_deskPosts, posts);

        // The backend's answer was lost (a crash before markDelivered): the kiosk sends them again, the backend keeps each once.
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE desk_events SET delivered_at = NULL")));
        QCOMPARE(m_journal->undelivered().size(), 3);
        QCOMPARE(syncRound(), QString());
        QCOMPARE(*m_deskPosts, posts + 1);
        QCOMPARE(backendEvents(), 3);
        QVERIFY(m_journal->undelivered().isEmpty());
    }

    void longDayFitsTheBodyLimit()
    {
        // A day of events with the longest details the wire allows (non-ASCII: three bytes each): 100 of them would
        // pass the 64 KiB body limit, so the kiosk sends fewer per request, and all arrive in one round.
        const QString detail(200, QChar(0x20AC));
        for (int i = 0; i < 150; ++i)
            QVERIFY(m_journal->record(DeskEventKind::QueueCalled, QStringLiteral("budi"), {}, QStringLiteral("A-%1").arg(i), 1, detail));
        QVERIFY(serverlink::DeskEventBatch {m_journal->undelivered(100)}.toJson().size() > serverlink::kMaxBodyBytes);
        startSync();
        QCOMPARE(syncRound(), QString());
        QCOMPARE(backendEvents(), 150);
        QVERIFY(m_journal->undelivered().isEmpty());
    }

    void refusalKeepsTheEventsAndDoesNotLoop()
    {
        // An event the backend refuses (an actor longer than the wire allows): the whole batch is refused with 400.
        QVERIFY(m_journal->record(DeskEventKind::LetterPrinted, QString(80, QLatin1Char('x')), QStringLiteral("REG-1")));
        QVERIFY(m_journal->record(DeskEventKind::LetterPrinted, QStringLiteral("sri"), QStringLiteral("REG-2")));
        startSync();
        QVERIFY(!syncRound().isEmpty());
        QCOMPARE(*m_deskPosts, 1);
        QCOMPARE(backendEvents(), 0);
        QCOMPARE(m_journal->undelivered().size(), 2);
        const auto alerts = [this] {
            QStringList out;
            for (const QString &a : m_outbox->technicianAlerts())
                if (a.contains(QStringLiteral("catatan meja layanan")))
                    out.append(a);
            return out;
        };
        QCOMPARE(alerts().size(), 1);
        QVERIFY2(alerts().constFirst().contains(QStringLiteral("HTTP 400")), qPrintable(alerts().constFirst()));

        // Rounds right after wait for the backoff: no request, no new alert.
        for (int i = 0; i < 3; ++i)
            syncRound();
        QCOMPARE(*m_deskPosts, 1);
        QCOMPARE(alerts().size(), 1);

        // After a restart (a new service on the same sync thread and store) the kiosk tries again at once; the same
        // refusal raises no second alert.
        m_sync->abortNetwork();
        QMetaObject::invokeMethod(
            m_sync, [sync = m_sync] { delete sync; }, Qt::BlockingQueuedConnection);
        startSync();
        QVERIFY(!syncRound().isEmpty());
        QCOMPARE(*m_deskPosts, 2);
        QCOMPARE(alerts().size(), 1);
        QCOMPARE(m_journal->undelivered().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDeskDelivery)
#include "tst_deskdelivery.moc"
