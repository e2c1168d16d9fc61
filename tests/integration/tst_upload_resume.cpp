// Requirement pages through a link that is cut at random points: a real SyncService uploads a 5 MB request's
// pages to the real kecamatan-backend process over mutual TLS through a fault proxy that resets connections in
// the middle of chunks. Each page must arrive once and byte-identical, and no upload may start over: the kiosk's
// confirmed offsets never go back and the backend never discarded a page.
#include "documentstore.h"
#include "faultproxy.h"
#include "outbox.h"
#include "store.h"
#include "syncservice.h"
#include "testbackend.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>
#include <cstdlib>

namespace {
using testsupport::binary;

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

constexpr int kPages = 5;
constexpr qsizetype kPageBytes = 1000 * 1000; // 5 pages: a 5 MB request
} // namespace

class TestUploadResume : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_backend;
    quint16 m_backendPort = 0;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }

    QJsonArray backendRequests()
    {
        QProcess list;
        list.start(binary(QStringLiteral("backend/kecamatan-backend")),
            {QStringLiteral("list"), QStringLiteral("--data"), path(QStringLiteral("backend")), QStringLiteral("--json")});
        list.waitForFinished(60000);
        return QJsonDocument::fromJson(list.readAllStandardOutput()).array();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
            qWarning("openssl is not installed: the test PKI cannot be made");
            std::exit(77);
        }
        QVERIFY(m_dir.isValid());
        QVERIFY(testsupport::makePki(path(QStringLiteral("pki"))));
        QVERIFY(testsupport::registerTestKiosk(path(QStringLiteral("backend")), path(QStringLiteral("pki"))));
        m_backendPort = quint16(testsupport::startBackend(m_backend, path(QStringLiteral("backend")), path(QStringLiteral("pki"))));
        QVERIFY(m_backendPort > 0);
    }

    void cleanupTestCase()
    {
        m_backend.terminate();
        m_backend.waitForFinished(10000);
    }

    void fiveMegabytesCutAtRandomPointsArriveOnce()
    {
        FaultProxy proxy(QHostAddress::LocalHost, m_backendPort);
        QVERIFY(proxy.listen());
        proxy.setLatencyMs(5);
        // Per piece the kiosk sends: a 64 KiB chunk crosses in several pieces, so about a third of the chunks are cut.
        proxy.setResetProbability(0.06);

        kiosk::KioskStore store;
        QVERIFY(store.open(path(QStringLiteral("kiosk/kiosk.sqlite"))));
        const QByteArray key(32, 'u');
        kiosk::OutboxRepository outbox(store, key);
        kiosk::DocumentStore documents(store, key);

        kiosk::NewRequest request;
        request.serviceCode = QStringLiteral("SKTM");
        request.nik = QStringLiteral("3521115205010021");
        request.name = QStringLiteral("Siti Aminah");
        request.address = QStringLiteral("Dusun Krajan");
        request.purpose = QStringLiteral("Uji unggah dokumen");
        QRandomGenerator random(20261207);
        for (int i = 0; i < kPages; ++i) {
            QByteArray bytes(kPageBytes, Qt::Uninitialized);
            random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
            request.documents.append({i, QStringLiteral("Persyaratan %1").arg(i + 1), bytes});
        }
        const auto queued = outbox.enqueue(request);
        QVERIFY(queued);
        QCOMPARE(queued->documents.size(), kPages);

        kiosk::SyncSettings settings;
        settings.intervalMs = 500;
        settings.heartbeatIntervalMs = 2000;
        settings.dataDir = path(QStringLiteral("kiosk"));
        settings.appVersion = QStringLiteral("test");
        settings.link.connectTimeoutMs = 2000;
        settings.link.requestTimeoutMs = 10000;
        QThread thread;
        auto *sync = new kiosk::SyncService(store, key, QStringLiteral("https://localhost:%1/api/v1").arg(proxy.port()),
            {path(QStringLiteral("pki/ca.crt")), path(QStringLiteral("pki/kiosk.crt")), path(QStringLiteral("pki/kiosk.key"))},
            path(QStringLiteral("kiosk/letters")), settings);
        sync->moveToThread(&thread);
        connect(&thread, &QThread::started, sync, &kiosk::SyncService::start);
        connect(&thread, &QThread::finished, sync, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);

        // The kiosk's confirmed offsets, sampled: an upload that started over would show one going back.
        QHash<QString, qint64> confirmed;
        int wentBack = 0;
        int midPage = 0;
        QElapsedTimer elapsed;
        elapsed.start();
        while ((documents.pendingCount() > 0 || outbox.depth() > 0) && elapsed.elapsed() < 300000) {
            spin(100);
            for (const kiosk::StoredPage &page : documents.pages(queued->registrationNumber)) {
                const qint64 now = page.delivered ? page.ref.size : page.uploadedBytes;
                if (now < confirmed.value(page.ref.pageId))
                    ++wentBack;
                if (now > 0 && now < page.ref.size && now != confirmed.value(page.ref.pageId))
                    ++midPage;
                confirmed.insert(page.ref.pageId, now);
            }
        }
        const qint64 tookMs = elapsed.elapsed();
        const int pending = documents.pendingCount();
        const int delivered = sync->pagesDelivered();
        sync->abortNetwork();
        thread.quit();
        thread.wait();

        // The backend: the request once, every page whole and byte-identical, none discarded, no part file left.
        const QJsonArray atBackend = backendRequests();
        int copies = 0;
        for (const QJsonValue &v : atBackend)
            copies += v.toObject().value(QStringLiteral("registrationNumber")).toString() == queued->registrationNumber ? 1 : 0;
        int restarts = -1;
        int complete = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backend-check"));
            db.setDatabaseName(path(QStringLiteral("backend/backend.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT SUM(restarts), COUNT(completed_at) FROM request_documents")) && q.next());
            restarts = q.value(0).toInt();
            complete = q.value(1).toInt();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("backend-check"));
        QStringList partFiles;
        for (QDirIterator it(path(QStringLiteral("backend/documents")), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
            const QString file = it.next();
            if (file.endsWith(QLatin1String(".part")))
                partFiles.append(file);
        }
        qInfo().noquote() << QStringLiteral("upload: %1 pages of %2 bytes in %3 ms through %4 connections, %5 cut; %6 offsets "
                                            "recorded mid-page, %7 went back; backend: %8 complete, %9 restarts")
                                 .arg(kPages)
                                 .arg(kPageBytes)
                                 .arg(tookMs)
                                 .arg(proxy.connections())
                                 .arg(proxy.resets())
                                 .arg(midPage)
                                 .arg(wentBack)
                                 .arg(complete)
                                 .arg(restarts);

        QCOMPARE(pending, 0);
        QCOMPARE(delivered, kPages);
        QVERIFY(proxy.resets() > 0);
        QCOMPARE(wentBack, 0);
        QCOMPARE(restarts, 0);
        QCOMPARE(complete, kPages);
        QCOMPARE(copies, 1);
        QVERIFY2(partFiles.isEmpty(), qPrintable(partFiles.join(QLatin1Char(' '))));
        for (qsizetype i = 0; i < request.documents.size(); ++i) {
            QFile page(path(QStringLiteral("backend/documents/%1/%2").arg(queued->registrationNumber, queued->documents.at(i).pageId)));
            QVERIFY(page.open(QIODevice::ReadOnly));
            QVERIFY2(page.readAll() == request.documents.at(i).bytes, qPrintable(page.fileName()));
        }
    }
};

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "600000");
    QCoreApplication app(argc, argv);
    TestUploadResume test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_upload_resume.moc"
