// The rules behind the public status and bulk verification (#18 items 4–5), each checked against a table of its
// own: registration numbers as people type them, SMS texts, Gammu inbox encodings, the token bucket, and the
// verdict of every committed seal vector through the bulk endpoint's code.
#include "bulkverification.h"
#include "masking.h"
#include "notifications.h"
#include "publicstatus.h"
#include "ratelimiter.h"
#include "sealvectorfiles.h"
#include "smsinbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringEncoder>
#include <QtTest>

using namespace backend;

class TestPublicRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registrationNumbers_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("expected"); // empty: not a registration number
        QTest::newRow("canonical") << "7K3QM-X9P2D"
                                   << "7K3QM-X9P2D";
        QTest::newRow("lower case") << "7k3qm-x9p2d"
                                    << "7K3QM-X9P2D";
        QTest::newRow("no dash") << "7K3QMX9P2D"
                                 << "7K3QM-X9P2D";
        QTest::newRow("spaces") << " 7k3qm x9p2d "
                                << "7K3QM-X9P2D";
        QTest::newRow("O for zero, I and L for one") << "7K3QO-ILP2D"
                                                     << "7K3Q0-11P2D";
        QTest::newRow("U is not Crockford") << "7K3QM-U9P2D"
                                            << "";
        QTest::newRow("too short") << "7K3QM-X9P2"
                                   << "";
        QTest::newRow("too long") << "7K3QM-X9P2DD"
                                  << "";
        QTest::newRow("markup") << "<b>7K3QM</b>"
                                << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("non-ASCII digit") << QStringLiteral("7K3QM-X9P2\u0664") << "";
    }
    void registrationNumbers()
    {
        QFETCH(QString, typed);
        QFETCH(QString, expected);
        QCOMPARE(PublicStatus::registrationNumber(typed).value_or(QString()), expected);
    }

    void smsTexts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare") << "7K3QM-X9P2D"
                              << "7K3QM-X9P2D";
        QTest::newRow("STATUS prefix") << "STATUS 7K3QM-X9P2D"
                                       << "7K3QM-X9P2D";
        QTest::newRow("status, lower case, spaces") << "status 7k3qm x9p2d\n"
                                                    << "7K3QM-X9P2D";
        QTest::newRow("Status without space") << "Status7K3QMX9P2D"
                                              << "7K3QM-X9P2D";
        QTest::newRow("CEK prefix") << "cek 7K3QM-X9P2D"
                                    << "7K3QM-X9P2D";
        QTest::newRow("greeting") << "Halo, surat saya sudah jadi?"
                                  << "";
        QTest::newRow("number inside a sentence") << "tolong cek 7K3QM-X9P2D ya"
                                                  << "";
        QTest::newRow("NIK") << "3521114506800002"
                             << "";
    }
    void smsTexts()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(PublicStatus::registrationNumberInSms(text).value_or(QString()), expected);
    }

    void smsAnswerFitsOneMessage()
    {
        const QString longName = serverlink::masking::name(QString(QStringLiteral("Ñoman Siti Aminah ")).repeated(6));
        for (const serverlink::Stage stage :
            {serverlink::Stage::Received, serverlink::Stage::KecamatanReview, serverlink::Stage::NeedsFix}) {
            const QString text = smstext::statusAnswer(QStringLiteral("7K3QM-X9P2D"), serverlink::stageLabelId(stage), longName);
            QVERIFY2(text.size() <= 160, qPrintable(text));
            QVERIFY(text.startsWith(QStringLiteral("Permohonan 7K3QM-X9P2D")));
            for (const QChar c : text)
                QVERIFY2(c.unicode() >= 0x20 && c.unicode() < 0x7f, qPrintable(text));
        }
        QVERIFY(smstext::statusAnswer(QStringLiteral("ZZZZZ-ZZZZZ"), {}, {}).contains(QStringLiteral("tidak ditemukan")));
    }

    void inboxEncodings()
    {
        const QString text = QStringLiteral("STATUS 7K3QM-X9P2D");
        QStringEncoder be(QStringConverter::Utf16BE);
        QStringEncoder le(QStringConverter::Utf16LE);
        const QByteArray utf16be = be(text);
        const QByteArray utf16le = le(text);
        QCOMPARE(SmsInbox::messageText(QByteArray("\xFE\xFF") + utf16be), text);
        QCOMPARE(SmsInbox::messageText(QByteArray("\xFF\xFE") + utf16le), text);
        QCOMPARE(SmsInbox::messageText(utf16be), text);
        QCOMPARE(SmsInbox::messageText(utf16le), text);
        QCOMPARE(SmsInbox::messageText(text.toUtf8()), text);
        QCOMPARE(SmsInbox::messageText(QStringLiteral("Cek surat: sudah?").toUtf8()), QStringLiteral("Cek surat: sudah?"));
    }

    void sources_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QString>("source");
        QTest::newRow("IPv4") << "192.0.2.7"
                              << "192.0.2.7";
        QTest::newRow("IPv4 mapped") << "::ffff:192.0.2.7"
                                     << "192.0.2.7";
        QTest::newRow("IPv6 full") << "2001:db8:1:2:3:4:5:6"
                                   << "2001:db8:1:2::/64";
        QTest::newRow("IPv6 same /64") << "2001:0db8:0001:0002:ffff::1"
                                       << "2001:db8:1:2::/64";
        QTest::newRow("IPv6 short") << "2001:db8::1"
                                    << "2001:db8:0:0::/64";
        QTest::newRow("loopback") << "::1"
                                  << "0:0:0:0::/64";
    }
    void sources()
    {
        QFETCH(QString, peer);
        QFETCH(QString, source);
        QCOMPARE(RateLimiter::sourceOf(peer), source);
    }

    void tokenBucket()
    {
        // 6 per minute = one every 10 s, burst 3: three pass, the fourth waits 10 s; 10 s later one more passes.
        RateLimiter limiter(6, 3);
        const QDateTime t0(QDate(2026, 12, 7), QTime(8, 0), Qt::UTC);
        const QString a = QStringLiteral("192.0.2.1");
        for (int i = 0; i < 3; ++i)
            QVERIFY(!limiter.take(a, 1, t0));
        QCOMPARE(limiter.take(a, 1, t0).value_or(0), 10);
        QVERIFY(!limiter.take(QStringLiteral("192.0.2.2"), 1, t0)); // another source has its own bucket
        QCOMPARE(limiter.take(a, 1, t0.addSecs(5)).value_or(0), 5);
        QVERIFY(!limiter.take(a, 1, t0.addSecs(10)));
        // A cost above the burst waits for a full bucket and never passes at once.
        QCOMPARE(limiter.take(QStringLiteral("192.0.2.3"), 5, t0).value_or(0), 1);
        QVERIFY(limiter.take(QStringLiteral("192.0.2.3"), 5, t0.addSecs(3600)).has_value());
    }

    void sourceTableStaysBounded()
    {
        RateLimiter limiter(60, 1);
        const QDateTime t0(QDate(2026, 12, 7), QTime(8, 0), Qt::UTC);
        for (int i = 0; i < RateLimiter::kMaxSources + 10; ++i)
            QVERIFY(!limiter.take(QStringLiteral("10.%1.%2.%3").arg(i >> 16).arg((i >> 8) & 255).arg(i & 255), 1, t0));
        // The newest sources are still known (their empty bucket refuses), the table did not grow without end.
        QVERIFY(
            limiter
                .take(
                    QStringLiteral("10.0.%1.%2").arg(((RateLimiter::kMaxSources + 9) >> 8) & 255).arg((RateLimiter::kMaxSources + 9) & 255),
                    1, t0)
                .has_value());
    }

    void batches()
    {
        QStringList hundred;
        for (int i = 0; i < bulkverification::kMaxSeals; ++i)
            hundred.append(QStringLiteral("SQ1:X"));
        const auto body = [](const QStringList &seals) { return QJsonDocument(QJsonArray::fromStringList(seals)).toJson(); };
        QCOMPARE(bulkverification::parseBatch(body(hundred)).value().size(), bulkverification::kMaxSeals);
        QCOMPARE(
            bulkverification::parseBatch(body(hundred + QStringList {QStringLiteral("SQ1:X")})).error().refusal, BatchRefusal::TooMany);
        for (const QByteArray &bad : {QByteArray("["), QByteArray("{}"), QByteArray("[1]"), QByteArray("[]"), QByteArray("\"SQ1:\""),
                 QByteArray("[\"SQ1:\", null]"), QByteArray()})
            QVERIFY2(bulkverification::parseBatch(bad).error().refusal == BatchRefusal::Malformed, bad.constData());
    }

    /// Every committed vector (SQ1, and SQ2 once its vectors are committed) in one batch: the verdict the vector
    /// expects, the letter's fields only for a matching signature, never the NIK tag.
    void everyVectorThroughTheBatch()
    {
        const auto verifier = sealvectors::committedListVerifier();
        QVERIFY(verifier);
        const QJsonObject vectors = sealvectors::committedVectors();
        QStringList seals;
        QStringList expected;
        QStringList names;
        for (const char *group : {"valid", "invalid"})
            for (const QJsonValue &v : vectors.value(QLatin1String(group)).toArray()) {
                const QJsonObject o = v.toObject();
                seals.append(o.value(QStringLiteral("seal")).toString());
                expected.append(o.value(QStringLiteral("verdict")).toString(QStringLiteral("ASLI")));
                names.append(o.value(QStringLiteral("name")).toString());
            }
        QVERIFY(seals.size() > 20);
        QJsonArray results;
        for (qsizetype from = 0; from < seals.size(); from += bulkverification::kMaxSeals) {
            const QByteArray json
                = bulkverification::verify(*verifier, seals.mid(from, bulkverification::kMaxSeals), sealvectors::committedVerifyAt());
            QVERIFY(!json.contains("nikTag"));
            const QJsonObject answer = QJsonDocument::fromJson(json).object();
            QVERIFY(!answer.value(QStringLiteral("statusPer")).toString().isEmpty());
            for (const QJsonValue &r : answer.value(QStringLiteral("results")).toArray())
                results.append(r);
        }
        QCOMPARE(results.size(), seals.size());
        for (qsizetype i = 0; i < seals.size(); ++i) {
            const QJsonObject r = results.at(i).toObject();
            const QString verdict = r.value(QStringLiteral("verdict")).toString();
            QVERIFY2(verdict == expected.at(i), qPrintable(names.at(i) + QStringLiteral(": ") + verdict));
            const bool signedByKey = verdict == QLatin1String("ASLI") || verdict == QLatin1String("DICABUT");
            QCOMPARE(r.value(QStringLiteral("letter")).isObject(), signedByKey);
            if (verdict == QLatin1String("ASLI")) {
                const QJsonObject letter = r.value(QStringLiteral("letter")).toObject();
                QVERIFY(!letter.value(QStringLiteral("nomorSurat")).toString().isEmpty());
                QVERIFY(!letter.value(QStringLiteral("holderName")).toString().isEmpty());
                QVERIFY(!r.value(QStringLiteral("signer")).toObject().value(QStringLiteral("officeName")).toString().isEmpty());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPublicRules)
#include "tst_public_rules.moc"
