// Front-office staff accounts at the backend: add, PIN (typed twice), cards (a new one kills the old), the
// fallback without the card, deactivation, who may manage whom, and what a kiosk's credentials list holds.
#include "backend.h"
#include "crypto.h"
#include "staffaccounts.h"
#include "staffcard.h"
#include "workflowfixture.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace backend;
namespace staffcard = serverlink::staffcard;

namespace {
const QString kDesa = QStringLiteral("3521112004");
const QString kPin = QStringLiteral("482916");

/// The entry of `username` in the list a kiosk of `desa` gets; nullopt when absent.
std::optional<serverlink::StaffCredential> listed(BackendStore &store, const QString &desa, const QString &username)
{
    const auto list = staffCredentials(store, desa);
    for (const auto &c : list.value().staff)
        if (c.username == username)
            return c;
    return std::nullopt;
}

bool cardOpens(const serverlink::StaffCredential &c, const QString &payload, const QString &pin)
{
    const auto secret = staffcard::secretOf(payload);
    return secret && staffcard::cardLookup(*secret) == c.cardLookup
        && serverlink::crypto::sameBytes(staffcard::cardVerifier(pin, c.cardSalt, *secret, c.iterations), c.cardVerifier);
}
} // namespace

class TestStaffCards : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Backend> m_backend;

    StaffAccounts accounts() { return StaffAccounts(*m_backend->store, m_backend->offices, staffcard::kMinIterations); }

private Q_SLOTS:
    void init()
    {
        m_backend = testsupport::freshBackend(m_dir.filePath(QStringLiteral("data")));
        QVERIFY(m_backend);
    }
    void cleanup() { m_backend.reset(); }

    void addPinAndCard()
    {
        auto a = accounts();
        QVERIFY(a.add(kDesa, QStringLiteral("Siti"), QStringLiteral("  Siti   Aminah ")));
        const auto stored = m_backend->store->staffAccount(QStringLiteral("siti"));
        QVERIFY(stored);
        QCOMPARE(stored.value().name, QStringLiteral("Siti Aminah"));
        // No card before the first PIN: the kiosk list leaves them out.
        QVERIFY(!listed(*m_backend->store, kDesa, QStringLiteral("siti")));
        const auto card = a.setPin(QStringLiteral("siti"), kPin, kPin);
        QVERIFY(card);
        QVERIFY(card.value().startsWith(QLatin1String("ADSTAFF1:")));
        const auto entry = listed(*m_backend->store, kDesa, QStringLiteral("siti"));
        QVERIFY(entry);
        QVERIFY(cardOpens(*entry, card.value(), kPin));
        QVERIFY(!cardOpens(*entry, card.value(), QStringLiteral("482917")));
        QCOMPARE(entry->iterations, staffcard::kMinIterations);
        // Fallback denied by default: no PIN verifier leaves the backend.
        QVERIFY(!entry->allowsPinOnly());
        // The card secret is not stored anywhere in the database.
        QFile db(m_dir.filePath(QStringLiteral("data/backend.sqlite")));
        QVERIFY(db.open(QIODevice::ReadOnly));
        const QByteArray bytes = db.readAll() + QFile(db.fileName() + QStringLiteral("-wal")).readAll();
        const QByteArray secret = *staffcard::secretOf(card.value());
        QVERIFY(!bytes.contains(secret));
        QVERIFY(!bytes.contains(secret.toBase64()));
        QVERIFY(!bytes.contains(card.value().toLatin1()));
    }
    void newCardKillsTheOldOne()
    {
        auto a = accounts();
        QVERIFY(a.add(kDesa, QStringLiteral("siti"), QStringLiteral("Siti Aminah")));
        const QString first = a.setPin(QStringLiteral("siti"), kPin, kPin).value();
        // A new card needs the PIN that is in force.
        const auto refused = a.issueCard(QStringLiteral("siti"), QStringLiteral("000000"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY(cardOpens(*listed(*m_backend->store, kDesa, QStringLiteral("siti")), first, kPin));
        const QString second = a.issueCard(QStringLiteral("siti"), kPin).value();
        const auto entry = listed(*m_backend->store, kDesa, QStringLiteral("siti"));
        QVERIFY(cardOpens(*entry, second, kPin));
        QVERIFY(!cardOpens(*entry, first, kPin));
    }
    void fallbackAndDeactivation()
    {
        auto a = accounts();
        QVERIFY(a.add(kDesa, QStringLiteral("siti"), QStringLiteral("Siti Aminah")));
        QVERIFY(a.setPin(QStringLiteral("siti"), kPin, kPin));
        QVERIFY(a.allowWithoutCard(QStringLiteral("siti"), true));
        auto entry = listed(*m_backend->store, kDesa, QStringLiteral("siti"));
        QVERIFY(entry->allowsPinOnly());
        QVERIFY(serverlink::crypto::sameBytes(staffcard::pinVerifier(kPin, entry->pinSalt, entry->iterations), entry->pinVerifier));
        QVERIFY(a.allowWithoutCard(QStringLiteral("siti"), false));
        QVERIFY(!listed(*m_backend->store, kDesa, QStringLiteral("siti"))->allowsPinOnly());
        QVERIFY(a.deactivate(QStringLiteral("siti")));
        QVERIFY(!listed(*m_backend->store, kDesa, QStringLiteral("siti")));
        QVERIFY(!a.setPin(QStringLiteral("siti"), kPin, kPin));
        // Still listed in the console (and the CLI), marked inactive.
        QCOMPARE(a.list(kDesa).value().size(), 1);
        QVERIFY(!a.list(kDesa).value().first().active);
    }
    void badInputRefused()
    {
        auto a = accounts();
        QCOMPARE(a.add(kDesa, QStringLiteral("a b"), QStringLiteral("X")).error().code, ErrorCode::InvalidData);
        QCOMPARE(a.add(kDesa, QStringLiteral("ab"), QStringLiteral("X")).error().code, ErrorCode::InvalidData);
        QCOMPARE(a.add(kDesa, QStringLiteral("siti"), QString(101, QLatin1Char('x'))).error().code, ErrorCode::InvalidData);
        QCOMPARE(a.add(kDesa, QStringLiteral("siti"), QStringLiteral(" ")).error().code, ErrorCode::InvalidData);
        QCOMPARE(
            a.add(QStringLiteral("9999999999"), QStringLiteral("siti"), QStringLiteral("Siti")).error().code, ErrorCode::UnknownOffice);
        QVERIFY(a.add(kDesa, QStringLiteral("siti"), QStringLiteral("Siti Aminah")));
        QCOMPARE(a.add(kDesa, QStringLiteral("siti"), QStringLiteral("Siti Lain")).error().code, ErrorCode::RegistrationTaken);
        // PIN rules: 4–6 digits, typed the same twice.
        for (const QString &bad : {QStringLiteral("123"), QStringLiteral("1234567"), QStringLiteral("12a4"), QString()})
            QCOMPARE(a.setPin(QStringLiteral("siti"), bad, bad).error().code, ErrorCode::InvalidData);
        const auto mismatch = a.setPin(QStringLiteral("siti"), kPin, QStringLiteral("482961"));
        QVERIFY(mismatch.error().message.contains(QStringLiteral("tidak sama")));
        QCOMPARE(a.setPin(QStringLiteral("nobody"), kPin, kPin).error().code, ErrorCode::NotFound);
        // Iterations never go below the minimum, whatever the setting says.
        QCOMPARE(StaffAccounts(*m_backend->store, m_backend->offices, 10).iterations(), staffcard::kMinIterations);
        QCOMPARE(StaffAccounts(*m_backend->store, m_backend->offices).iterations(), 600000);
    }
    void whoManagesWhom()
    {
        const QString kecamatan = m_backend->offices.desa(kDesa)->kecamatanCode;
        // Rows: capacities → may manage the staff of kDesa, of another desa of the same kecamatan, of another kecamatan's desa.
        struct Row {
            Capacity capacity;
            bool own;
            bool otherKecamatan;
        };
        const QList<Row> table {
            {{Role::SuperAdmin, QStringLiteral("*"), {}}, true, true},
            {{Role::AdminKecamatan, kecamatan, {}}, true, false},
            {{Role::SekretarisDesa, kDesa, {}}, true, false},
            {{Role::SekretarisDesa, QStringLiteral("3521112005"), {}}, false, false},
            {{Role::SekretarisDesa, kDesa, QStringLiteral("Sekdes cuti")}, false, false},
            {{Role::KepalaDesa, kDesa, {}}, false, false},
            {{Role::DesaFrontOffice, kDesa, {}}, false, false},
            {{Role::Camat, kecamatan, {}}, false, false},
        };
        DesaOffice jati = m_backend->offices.desa(kDesa).value();
        jati.code = QStringLiteral("3522010001");
        jati.kecamatanCode = QStringLiteral("352201");
        QVERIFY(m_backend->offices.save(jati, QStringLiteral("uji")));
        for (const Row &row : table) {
            QCOMPARE(managesStaffOf({row.capacity}, m_backend->offices, kDesa), row.own);
            QCOMPARE(managesStaffOf({row.capacity}, m_backend->offices, jati.code), row.otherKecamatan);
        }
    }
    void kioskListIsTheDesasOwn()
    {
        auto a = accounts();
        DesaOffice other = m_backend->offices.desa(kDesa).value();
        other.code = QStringLiteral("3521112005");
        other.name = QStringLiteral("Desa Lain");
        QVERIFY(m_backend->offices.save(other, QStringLiteral("uji")));
        QVERIFY(a.add(kDesa, QStringLiteral("siti"), QStringLiteral("Siti Aminah")));
        QVERIFY(a.add(other.code, QStringLiteral("budi"), QStringLiteral("Budi Santoso")));
        QVERIFY(a.setPin(QStringLiteral("siti"), kPin, kPin));
        QVERIFY(a.setPin(QStringLiteral("budi"), kPin, kPin));
        const auto own = staffCredentials(*m_backend->store, kDesa).value();
        QCOMPARE(own.staff.size(), 1);
        QCOMPARE(own.staff.first().username, QStringLiteral("siti"));
        // The list the kiosk gets parses with the kiosk's own parser.
        QCOMPARE(serverlink::StaffCredentials::fromJson(own.toJson()).value(), own);
    }
    void technicianRoleReachesTheKiosk()
    {
        auto a = accounts();
        QCOMPARE(a.add(kDesa, QStringLiteral("tono"), QStringLiteral("Tono"), QStringLiteral("dewa")).error().code, ErrorCode::InvalidData);
        QVERIFY(a.add(kDesa, QStringLiteral("siti"), QStringLiteral("Siti Aminah")));
        QCOMPARE(a.add(kDesa, QStringLiteral("tono"), QStringLiteral("Tono Teknisi"), QStringLiteral("Teknisi")).value().role,
            QStringLiteral("teknisi"));
        QVERIFY(a.setPin(QStringLiteral("siti"), kPin, kPin));
        QVERIFY(a.setPin(QStringLiteral("tono"), kPin, kPin));
        const auto list = serverlink::StaffCredentials::fromJson(staffCredentials(*m_backend->store, kDesa).value().toJson()).value();
        QCOMPARE(list.staff.size(), 2);
        for (const auto &c : list.staff)
            QCOMPARE(c.isTechnician(), c.username == QLatin1String("tono"));
        // Removed from the backend's list: gone from the kiosk's at its next sync.
        QVERIFY(a.deactivate(QStringLiteral("tono")));
        QCOMPARE(staffCredentials(*m_backend->store, kDesa).value().staff.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStaffCards)
#include "tst_staffcards.moc"
