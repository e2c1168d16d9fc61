// Enrollment and kiosk authentication costs on the backend: how many CSRs the kiosk CA signs per
// second (code lookup, CSR checks, signing, registry write) and how many registry checks per
// second every kiosk request adds. Prints figures; asserts nothing about speed.
#include "backendstore.h"
#include "enrollment.h"
#include "kioskca.h"
#include "kioskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>

using namespace backend;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid()
        || !KioskCa::create(dir.filePath(QStringLiteral("ca.crt")), dir.filePath(QStringLiteral("ca.key")), QStringLiteral("CA")))
        return 1;
    auto ca = KioskCa::load(dir.filePath(QStringLiteral("ca.crt")), dir.filePath(QStringLiteral("ca.key")));
    auto store = BackendStore::open(dir.filePath(QStringLiteral("backend.sqlite")));
    if (!ca || !store)
        return 1;
    KioskRegistry registry(*store.value(), ca.value());

    constexpr int kKiosks = 200;
    QList<QString> codes;
    QList<QByteArray> csrs;
    for (int i = 0; i < kKiosks; ++i) {
        const auto code = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-%1").arg(i), std::chrono::hours(1));
        const auto csr = serverlink::KioskEnrollment::generateKeyAndCsr(QStringLiteral("KIOSK-%1").arg(i));
        if (!code || !csr)
            return 1;
        codes.append(code.value().code);
        csrs.append(csr->csrPem);
    }
    QElapsedTimer timer;
    timer.start();
    QList<QString> fingerprints;
    for (int i = 0; i < kKiosks; ++i) {
        const auto issued = registry.enroll(codes.at(i), csrs.at(i));
        if (!issued)
            return 1;
        fingerprints.append(issued.value().fingerprint);
    }
    const double enrollMs = double(timer.nsecsElapsed()) / 1e6;

    constexpr int kChecks = 20000;
    timer.restart();
    for (int i = 0; i < kChecks; ++i) {
        const int k = i % kKiosks;
        if (!registry.authenticate(QStringLiteral("KIOSK-%1").arg(k), QStringLiteral("3521112004"), fingerprints.at(k)))
            return 1;
    }
    const double checkMs = double(timer.nsecsElapsed()) / 1e6;

    timer.restart();
    for (int i = 0; i < kKiosks; ++i)
        (void)serverlink::KioskEnrollment::generateKeyAndCsr(QStringLiteral("KIOSK-%1").arg(i));
    const double keygenMs = double(timer.nsecsElapsed()) / 1e6;

    std::printf("bench_enroll: %d enrollments (code check, CSR check, sign, registry write) in %.1f ms: %.2f ms each, %.0f/s\n", kKiosks,
        enrollMs, enrollMs / kKiosks, kKiosks * 1000.0 / enrollMs);
    std::printf("bench_enroll: %d kiosk registry checks (one per API request) in %.1f ms: %.1f µs each, %.0f/s\n", kChecks, checkMs,
        checkMs * 1000.0 / kChecks, kChecks * 1000.0 / checkMs);
    std::printf("bench_enroll: kiosk side, %d P-256 key pairs + CSRs in %.1f ms: %.2f ms each\n", kKiosks, keygenMs, keygenMs / kKiosks);
    return 0;
}
