// The kiosk registry and kiosk CA without HTTP: codes, CSR checks, certificates, races, revocation.
#include "backendstore.h"
#include "enrollment.h"
#include "kioskca.h"
#include "kioskregistry.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace backend;

class TestKioskRegistry : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<BackendStore> m_store;
    std::optional<KioskCa> m_ca;

    QString path(const QString &rel) const { return m_dir.filePath(rel); }

    QByteArray csr() const
    {
        const auto made = serverlink::KioskEnrollment::generateKeyAndCsr(QStringLiteral("ignored"));
        return made ? made->csrPem : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto created = KioskCa::create(path(QStringLiteral("ca.crt")), path(QStringLiteral("ca.key")), QStringLiteral("Kiosk CA"));
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        QCOMPARE(QFile::permissions(path(QStringLiteral("ca.key"))),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        QVERIFY(!KioskCa::create(path(QStringLiteral("ca.crt")), path(QStringLiteral("ca.key")), QStringLiteral("again")));
        auto ca = KioskCa::load(path(QStringLiteral("ca.crt")), path(QStringLiteral("ca.key")));
        QVERIFY2(ca, ca ? "" : qPrintable(ca.error().message));
        m_ca = ca.value();
    }

    void init()
    {
        QFile::remove(path(QStringLiteral("backend.sqlite")));
        auto store = BackendStore::open(path(QStringLiteral("backend.sqlite")));
        QVERIFY(store);
        m_store = std::move(store.value());
    }

    void cleanup() { m_store.reset(); }

    void caRefusesAForeignKey()
    {
        // A CA certificate with a key that is not its own is refused at load.
        QVERIFY(KioskCa::create(path(QStringLiteral("other.crt")), path(QStringLiteral("other.key")), QStringLiteral("Other")));
        QVERIFY(!KioskCa::load(path(QStringLiteral("ca.crt")), path(QStringLiteral("other.key"))));
        QVERIFY(!KioskCa::load(path(QStringLiteral("missing.crt")), path(QStringLiteral("ca.key"))));
    }

    void codesAreRandomAndOnlyTheirHashIsStored()
    {
        KioskRegistry registry(*m_store, m_ca);
        QSet<QString> codes;
        for (int i = 0; i < 50; ++i) {
            const auto code = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-1"), std::chrono::hours(1));
            QVERIFY(code);
            QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"))
                        .match(code.value().code)
                        .hasMatch());
            codes.insert(code.value().code);
        }
        QCOMPARE(codes.size(), 50);
        QFile db(path(QStringLiteral("backend.sqlite")));
        QVERIFY(db.open(QIODevice::ReadOnly));
        QByteArray bytes = db.readAll();
        QFile wal(path(QStringLiteral("backend.sqlite-wal")));
        if (wal.open(QIODevice::ReadOnly))
            bytes += wal.readAll();
        for (const QString &code : std::as_const(codes)) {
            QVERIFY(!bytes.contains(code.toLatin1()));
            QVERIFY(!bytes.contains(KioskRegistry::normaliseCode(code).toLatin1()));
        }
        QVERIFY(!registry.createCode(QStringLiteral("3521112004"), QStringLiteral("bad id with spaces"), std::chrono::hours(1)));
    }

    void typedCodesAreNormalised()
    {
        QCOMPARE(KioskRegistry::normaliseCode(QStringLiteral(" 7kz8-1w61 wbav-pdmc ")), QStringLiteral("7KZ81W61WBAVPDMC"));
        QCOMPARE(KioskRegistry::normaliseCode(QStringLiteral("O0-Il")), QStringLiteral("0011"));
        KioskRegistry registry(*m_store, m_ca);
        const auto code = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-N"), std::chrono::hours(1));
        QVERIFY(code);
        QVERIFY(registry.enroll(code.value().code.toLower().replace(QLatin1Char('-'), QLatin1Char(' ')), csr()));
    }

    void certificateCarriesTheCodesIdentity()
    {
        KioskRegistry registry(*m_store, m_ca);
        QSet<QString> serials;
        for (int i = 0; i < 20; ++i) {
            const auto code = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-S"), std::chrono::hours(1));
            QVERIFY(code);
            const auto issued = registry.enroll(code.value().code, csr());
            QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message));
            QCOMPARE(issued.value().kioskId, QStringLiteral("KIOSK-S"));
            QCOMPARE(issued.value().desaCode, QStringLiteral("3521112004"));
            QVERIFY(m_ca->issued(issued.value().pem));
            const qint64 days = issued.value().notBefore.daysTo(issued.value().notAfter);
            QVERIFY2(days >= 729 && days <= 731, qPrintable(QString::number(days)));
            QVERIFY(issued.value().serialHex.size() >= 30);
            serials.insert(issued.value().serialHex);
            // Each re-enrollment makes the newest certificate the only one accepted.
            const auto current = m_store->kiosk(QStringLiteral("KIOSK-S"));
            QVERIFY(current && current.value());
            QCOMPARE(current.value()->certFingerprint, issued.value().fingerprint);
        }
        QCOMPARE(serials.size(), 20);
        QCOMPARE(m_store->kiosks().value().size(), 1);
    }

    void oneCodeRacedByManyKiosksWinsOnce()
    {
        KioskRegistry registry(*m_store, m_ca);
        const auto code = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-RACE"), std::chrono::hours(1));
        QVERIFY(code);
        const QByteArray request = csr();
        constexpr int kThreads = 8;
        std::atomic<int> enrolled {0};
        std::atomic<int> used {0};
        std::atomic<int> other {0};
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads.emplace_back([&] {
                const auto r = registry.enroll(code.value().code, request);
                if (r)
                    ++enrolled;
                else if (r.error().errorCode == QLatin1String("enrollment_code_used"))
                    ++used;
                else
                    ++other;
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(enrolled.load(), 1);
        QCOMPARE(used.load(), kThreads - 1);
        QCOMPARE(other.load(), 0);
    }

    void authenticationFollowsTheRegistry()
    {
        KioskRegistry registry(*m_store, m_ca);
        const auto code = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-AUTH"), std::chrono::hours(1));
        const auto issued = registry.enroll(code.value().code, csr());
        QVERIFY(issued);
        const QString fp = issued.value().fingerprint;
        QVERIFY(registry.authenticate(QStringLiteral("KIOSK-AUTH"), QStringLiteral("3521112004"), fp));
        QCOMPARE(registry.authenticate(QStringLiteral("KIOSK-AUTH"), QStringLiteral("3521112099"), fp).error().errorCode,
            QStringLiteral("desa_mismatch"));
        QCOMPARE(registry.authenticate(QStringLiteral("KIOSK-AUTH"), QStringLiteral("3521112004"), QString(64, QLatin1Char('0')))
                     .error()
                     .errorCode,
            QStringLiteral("certificate_replaced"));
        QCOMPARE(registry.authenticate(QStringLiteral("KIOSK-NONE"), QStringLiteral("3521112004"), fp).error().errorCode,
            QStringLiteral("kiosk_unknown"));
        QVERIFY(m_store->revokeKiosk(QStringLiteral("KIOSK-AUTH"), QDateTime::currentDateTimeUtc()).value());
        QCOMPARE(registry.authenticate(QStringLiteral("KIOSK-AUTH"), QStringLiteral("3521112004"), fp).error().errorCode,
            QStringLiteral("kiosk_revoked"));
        QVERIFY(!m_store->revokeKiosk(QStringLiteral("KIOSK-NONE"), QDateTime::currentDateTimeUtc()).value());
        // A new code re-admits a revoked kiosk with a new certificate.
        const auto again = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-AUTH"), std::chrono::hours(1));
        const auto reissued = registry.enroll(again.value().code, csr());
        QVERIFY(reissued);
        QVERIFY(registry.authenticate(QStringLiteral("KIOSK-AUTH"), QStringLiteral("3521112004"), reissued.value().fingerprint));
        QVERIFY(!registry.authenticate(QStringLiteral("KIOSK-AUTH"), QStringLiteral("3521112004"), fp));
    }

    void codeCheckedBeforeSigning()
    {
        // A used or expired code is refused as such before the CA looks at the CSR: nothing is signed for it.
        KioskRegistry registry(*m_store, m_ca);
        const auto used = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-USED"), std::chrono::hours(1));
        QVERIFY(registry.enroll(used.value().code, csr()));
        const auto again = registry.enroll(used.value().code, QByteArray("not a CSR"));
        QVERIFY(!again);
        QCOMPARE(again.error().errorCode, QStringLiteral("enrollment_code_used"));
        const auto expired = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-OLD"), std::chrono::seconds(1),
            QDateTime::currentDateTimeUtc().addSecs(-60));
        QVERIFY(expired);
        const auto late = registry.enroll(expired.value().code, QByteArray("not a CSR"));
        QVERIFY(!late);
        QCOMPARE(late.error().errorCode, QStringLiteral("enrollment_code_expired"));
        QVERIFY(!m_store->kiosk(QStringLiteral("KIOSK-OLD")).value());
    }

    void withoutCaEnrollmentIsDisabled()
    {
        KioskRegistry registry(*m_store);
        const auto code = registry.createCode(QStringLiteral("3521112004"), QStringLiteral("KIOSK-0"), std::chrono::hours(1));
        QVERIFY(code);
        const auto r = registry.enroll(code.value().code, csr());
        QVERIFY(!r);
        QCOMPARE(r.error().httpStatus, 503);
    }

    void registeringACertificateFromElsewhere()
    {
        // A certificate this CA did not issue is refused when the CA is known.
        QVERIFY(KioskCa::create(path(QStringLiteral("foreign.crt")), path(QStringLiteral("foreign.key")), QStringLiteral("Foreign")));
        auto foreign = KioskCa::load(path(QStringLiteral("foreign.crt")), path(QStringLiteral("foreign.key")));
        QVERIFY(foreign);
        const auto signedElsewhere = foreign.value().sign(csr(), QStringLiteral("KIOSK-F"), QStringLiteral("3521112004"));
        QVERIFY(signedElsewhere);
        KioskRegistry registry(*m_store, m_ca);
        QVERIFY(!registry.registerCertificate(signedElsewhere.value().pem));
        QVERIFY(!registry.registerCertificate("not a certificate"));
        const auto registered = KioskRegistry(*m_store, foreign.value()).registerCertificate(signedElsewhere.value().pem);
        QVERIFY(registered);
        QCOMPARE(registered.value().kioskId, QStringLiteral("KIOSK-F"));
        QCOMPARE(registered.value().certFingerprint, signedElsewhere.value().fingerprint);
    }
};

QTEST_GUILESS_MAIN(TestKioskRegistry)
#include "tst_kiosk_registry.moc"
