// Protocol bodies and the AEAD used for PII at rest.
#include "crypto.h"
#include "protocol.h"

#include <QTest>

using namespace serverlink;

class TestServerLink : public QObject
{
    Q_OBJECT

    static SubmitRequest sample()
    {
        SubmitRequest r;
        r.registrationNumber = QStringLiteral("7KQ2M-X9D4P");
        r.serviceCode = QStringLiteral("SKTM");
        r.nik = QStringLiteral("3521111208900003");
        r.name = QStringLiteral("Siti Aminah");
        r.address = QStringLiteral("Dusun Krajan");
        r.purpose = QStringLiteral("BPJS");
        r.submittedAt = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
        return r;
    }

private Q_SLOTS:
    void submitRequestIsCanonicalAndRoundTrips()
    {
        const QByteArray a = sample().toJson();
        QCOMPARE(sample().toJson(), a);
        const auto back = SubmitRequest::fromJson(a);
        QVERIFY(back);
        QCOMPARE(back->toJson(), a);
    }
    void malformedBodiesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("truncated") << sample().toJson().left(40);
        QTest::newRow("nik not string") << sample().toJson().replace("\"3521111208900003\"", "3521111208900003");
        QTest::newRow("oversized field") << sample().toJson().replace("Siti Aminah", QByteArray(600, 'x'));
        QTest::newRow("oversized body") << QByteArray(kMaxBodyBytes + 1, ' ');
        QTest::newRow("bad date") << sample().toJson().replace("2026-11-23T09:00:00Z", "kemarin");
    }
    void malformedBodiesAreRefused()
    {
        QFETCH(QByteArray, body);
        QString error;
        QVERIFY(!SubmitRequest::fromJson(body, &error));
        QVERIFY(!error.isEmpty());
    }
    void stagesRoundTrip()
    {
        for (Stage s : {Stage::Queued, Stage::Received, Stage::DesaReview, Stage::DesaSigned, Stage::KecamatanReview,
                 Stage::KecamatanSigned, Stage::Ready, Stage::HandedOver, Stage::NeedsFix, Stage::Rejected, Stage::Cancelled}) {
            QCOMPARE(stageFromWire(stageToWire(s)), s);
            QVERIFY(!stageLabelId(s).isEmpty());
        }
        QVERIFY(!stageFromWire(QStringLiteral("READY ")));
    }
    void aeadRoundTripAndTamper()
    {
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray sealed = crypto::aeadSeal(key, "rahasia", "REG-1");
        QCOMPARE(crypto::aeadOpen(key, sealed, "REG-1").value_or(QByteArray()), QByteArray("rahasia"));
        QVERIFY(!crypto::aeadOpen(key, sealed, "REG-2")); // bound to its registration number
        QVERIFY(!crypto::aeadOpen(crypto::randomBytes(32), sealed, "REG-1"));
        for (int i = 0; i < sealed.size(); ++i) {
            QByteArray flipped = sealed;
            flipped[i] = char(flipped[i] ^ 0x01);
            QVERIFY(!crypto::aeadOpen(key, flipped, "REG-1"));
        }
        QVERIFY(!crypto::aeadOpen(key, sealed.left(20), "REG-1"));
    }
    void aeadRefusesWrongKeyLength_data()
    {
        QTest::addColumn<int>("keyBytes");
        QTest::newRow("empty") << 0;
        QTest::newRow("aes-128 size") << 16;
        QTest::newRow("one short") << 31;
        QTest::newRow("one long") << 33;
    }
    void aeadRefusesWrongKeyLength()
    {
        // An error value, neither an exception nor bytes that look sealed.
        QFETCH(int, keyBytes);
        const QByteArray key = crypto::randomBytes(keyBytes);
        QVERIFY(crypto::aeadSeal(key, "rahasia", "REG-1").isEmpty());
        QVERIFY(!crypto::aeadOpen(key, crypto::aeadSeal(crypto::randomBytes(32), "rahasia", "REG-1"), "REG-1"));
    }
    void submitPhoneNormalised_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("stored"); // empty: refused
        QTest::newRow("08") << QStringLiteral("0812-3456-7890") << QStringLiteral("+6281234567890");
        QTest::newRow("62") << QStringLiteral("6281234567890") << QStringLiteral("+6281234567890");
        QTest::newRow("+62 spaced") << QStringLiteral("+62 812 3456 7890") << QStringLiteral("+6281234567890");
        QTest::newRow("landline") << QStringLiteral("0351-123456") << QString();
        QTest::newRow("foreign") << QStringLiteral("+4915112345678") << QString();
        QTest::newRow("letters") << QStringLiteral("0812-ABCD-7890") << QString();
        QTest::newRow("too short") << QStringLiteral("0812345") << QString();
    }
    void submitPhoneNormalised()
    {
        QFETCH(QString, typed);
        QFETCH(QString, stored);
        SubmitRequest r = sample();
        r.phone = typed;
        QString error;
        const auto parsed = SubmitRequest::fromJson(r.toJson(), &error);
        QCOMPARE(parsed.has_value(), !stored.isEmpty());
        if (parsed)
            QCOMPARE(parsed->phone, stored);
        else
            QVERIFY(error.contains(QStringLiteral("phone")));
    }
};

QTEST_GUILESS_MAIN(TestServerLink)
#include "tst_serverlink.moc"
