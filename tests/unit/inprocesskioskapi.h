#pragma once

// The backend's kiosk API inside the test process over real mutual TLS, for kiosk-side tests that need its real
// routes (sync, live questions) without a backend process: the test PKI, a fresh backend, its kiosk registered.
#include "apiserver.h"
#include "kioskregistry.h"
#include "syncservice.h"
#include "testbackend.h"
#include "threadspy.h"
#include "workflowfixture.h"

#include <QFile>
#include <QThread>
#include <memory>

namespace testsupport {

/// A running kiosk API on a free loopback port, with the backend behind it (for steps an officer takes).
struct InProcessKioskApi {
    QString pki;
    std::unique_ptr<backend::Backend> backend;
    std::unique_ptr<backend::ApiServer> server;
    quint16 port = 0;

    /// Makes the PKI in `dir`/pki and a fresh backend in `dir`/backend, registers the PKI's kiosk certificate and
    /// starts the API; why it is not running (empty: running).
    [[nodiscard]] QString start(const QString &dir)
    {
        pki = QDir(dir).filePath(QStringLiteral("pki"));
        if (!makePki(pki))
            return QStringLiteral("scripts/make-test-pki failed");
        backend = freshBackend(QDir(dir).filePath(QStringLiteral("backend")));
        if (!backend)
            return QStringLiteral("the backend cannot be opened");
        QFile certificate(pki + QStringLiteral("/kiosk.crt"));
        if (!certificate.open(QIODevice::ReadOnly) || !backend::KioskRegistry(*backend->store).registerCertificate(certificate.readAll()))
            return QStringLiteral("the test kiosk cannot be registered");
        server = std::make_unique<backend::ApiServer>(*backend->store, backend->catalog, *backend->workflow, backend->seals.get());
        const auto bound = server->start(QStringLiteral("127.0.0.1"), 0,
            backend::TlsFiles {
                pki + QStringLiteral("/server.crt"), pki + QStringLiteral("/server.key"), pki + QStringLiteral("/kiosk-ca.crt")});
        if (!bound)
            return bound.error().message;
        port = bound.value();
        return {};
    }
    void stop()
    {
        server.reset();
        backend.reset();
    }
    /// What the kiosk presents and pins.
    [[nodiscard]] serverlink::TlsPolicy tls() const
    {
        return {pki + QStringLiteral("/ca.crt"), pki + QStringLiteral("/kiosk.crt"), pki + QStringLiteral("/kiosk.key")};
    }
    [[nodiscard]] QString url() const { return QStringLiteral("https://localhost:%1/api/v1").arg(port); }

    /// One round of a kiosk's sync service on its own thread, as the app runs it, over `store` (letters in
    /// `dataDir`/letters); the problem the round reported (empty when none).
    [[nodiscard]] QString syncRound(const kiosk::KioskStore &store, const QByteArray &key, const QString &dataDir) const
    {
        kiosk::SyncSettings settings;
        settings.intervalMs = 3600000;
        settings.heartbeatIntervalMs = 0;
        settings.dataDir = dataDir;
        auto *sync = new kiosk::SyncService(store, key, url(), tls(), dataDir + QStringLiteral("/letters"), settings);
        QThread thread;
        thread.start();
        sync->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, sync, &QObject::deleteLater);
        ThreadSpy synced(sync, &kiosk::SyncService::synced);
        QMetaObject::invokeMethod(sync, &kiosk::SyncService::syncNow, Qt::QueuedConnection);
        const QString problem = synced.wait(60000) ? synced.last().at(1).toString() : QStringLiteral("no round");
        sync->abortNetwork();
        thread.quit();
        thread.wait();
        return problem;
    }
};

} // namespace testsupport
