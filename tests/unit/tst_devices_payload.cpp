#include "payloadclassifier.h"

#include <QTest>

using namespace devices;

Q_DECLARE_METATYPE(devices::PayloadKind)
Q_DECLARE_METATYPE(devices::PayloadRejection)

/// PayloadClassifier on raw bytes and on text: kinds, extracted NIK/token, and refusals.
class TestPayload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifiesBytes_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<PayloadKind>("kind");
        QTest::addColumn<PayloadRejection>("rejection");
        QTest::addColumn<QString>("extracted");

        const auto ok = PayloadRejection::None;
        QTest::newRow("bare nik") << QByteArray("3201014501900001") << PayloadKind::Nik << ok << QStringLiteral("3201014501900001");
        QTest::newRow("nik with scanner CRLF") << QByteArray("3201014501900001\r\n") << PayloadKind::Nik << ok
                                               << QStringLiteral("3201014501900001");
        QTest::newRow("bare 16 digits, bad date still nik")
            << QByteArray("3201019999900001") << PayloadKind::Nik << ok << QStringLiteral("3201019999900001");
        QTest::newRow("ktp qr with labelled nik")
            << QByteArray("PROVINSI JAWA BARAT\nNIK: 3201014501900001\nNama: SITI AMINAH\nRT/RW 002/005 TELP 081234567890123")
            << PayloadKind::Nik << ok << QStringLiteral("3201014501900001");
        QTest::newRow("nik inside separators") << QByteArray("KTP|3273015708850003|BANDUNG") << PayloadKind::Nik << ok
                                               << QStringLiteral("3273015708850003");
        QTest::newRow("two nik-like runs, one labelled")
            << QByteArray("KK 3201010101900002; NIK 3201014501900001") << PayloadKind::Nik << ok << QStringLiteral("3201014501900001");
        QTest::newRow("two unlabelled runs") << QByteArray("3201010101900002 3201014501900001") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("17 digits is not a nik") << QByteArray("32010145019000011") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("15 digits is not a nik") << QByteArray("320101450190000") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("embedded digits with month 13") << QByteArray("ID 3201014513900001") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("fullwidth digits") << QString::fromUtf16(u"３２０１０１４５０１９０００００１").toUtf8() << PayloadKind::Unknown
                                          << ok << QString();
        QTest::newRow("ticket") << QByteArray("ADT1:q83vEjRWeJCrze8SNFZ4kA") << PayloadKind::TicketQr << ok
                                << QStringLiteral("q83vEjRWeJCrze8SNFZ4kA");
        QTest::newRow("ticket with - and _") << QByteArray("ADT1:AB-_abcdefghijklmnopqr") << PayloadKind::TicketQr << ok
                                             << QStringLiteral("AB-_abcdefghijklmnopqr");
        QTest::newRow("ticket too short") << QByteArray("ADT1:short") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("ticket 23 chars") << QByteArray("ADT1:q83vEjRWeJCrze8SNFZ4kAA") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("ticket with +") << QByteArray("ADT1:q83vEjRWeJCrze8SNFZ4k+") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("lowercase prefix") << QByteArray("adt1:q83vEjRWeJCrze8SNFZ4kA") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("seal") << QByteArray("SQ1:6BFOXN*TS0BI$ZD.P9UOL97O4-2HH77HRM3DSPTLRR+%3") << PayloadKind::LetterSeal << ok
                              << QString();
        QTest::newRow("seal lowercase is not base45") << QByteArray("SQ1:abcdef") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("seal impossible length") << QByteArray("SQ1:ABCD") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("seal empty body") << QByteArray("SQ1:") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("sq2 seal") << QByteArray("https://layanan.kec-pitu.go.id/v#SQ2083450012365535255") << PayloadKind::LetterSeal << ok
                                  << QString();
        QTest::newRow("sq2 seal with port") << QByteArray("https://10.0.0.2:8444/v#SQ200000") << PayloadKind::LetterSeal << ok << QString();
        QTest::newRow("sq2 impossible length") << QByteArray("https://a/v#SQ20000") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("sq2 over http") << QByteArray("http://a/v#SQ200000") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("sq2 lowercase marker") << QByteArray("https://a/v#sq200000") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("sq2 letter in digits") << QByteArray("https://a/v#SQ20000A") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("status url is not a seal")
            << QByteArray("https://layanan.kec-pitu.go.id/status?reg=PITU-7Q2K-9XMF") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("staff card") << QByteArray("ADSTAFF1:U1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1NTU1M") << PayloadKind::StaffCard
                                    << ok << QString();
        // The staff directory says whether the card is genuine; the classifier only routes it.
        QTest::newRow("staff card, bad body") << QByteArray("ADSTAFF1:x") << PayloadKind::StaffCard << ok << QString();
        QTest::newRow("complaint slip") << QByteArray("ADPGD1:PGD-7K2M9-QX4TB.q83vEjRWeJCrze8SNFZ4kA") << PayloadKind::ComplaintSlip << ok
                                        << QString();
        QTest::newRow("complaint slip, short token")
            << QByteArray("ADPGD1:PGD-7K2M9-QX4TB.q83v") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("complaint slip, no number")
            << QByteArray("ADPGD1:q83vEjRWeJCrze8SNFZ4kA") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("url") << QByteArray("https://example.org/x") << PayloadKind::Unknown << ok << QString();
        QTest::newRow("indonesian text") << QString::fromUtf16(u"Kelurahan Sukamaju — café").toUtf8() << PayloadKind::Unknown << ok
                                         << QString();

        QTest::newRow("empty") << QByteArray() << PayloadKind::Unknown << PayloadRejection::Empty << QString();
        QTest::newRow("only whitespace") << QByteArray(" \r\n\t") << PayloadKind::Unknown << PayloadRejection::Empty << QString();
        QTest::newRow("4 KB + 1") << QByteArray(4097, '1') << PayloadKind::Unknown << PayloadRejection::TooLong << QString();
        QTest::newRow("exactly 4 KB") << QByteArray(4096, 'A') << PayloadKind::Unknown << ok << QString();
        QTest::newRow("NUL") << QByteArray("32010145\0"
                                           "01900001",
            17) << PayloadKind::Unknown
                             << PayloadRejection::ControlCharacters << QString();
        QTest::newRow("escape sequence") << QByteArray("\x1b[2J3201014501900001") << PayloadKind::Unknown
                                         << PayloadRejection::ControlCharacters << QString();
        QTest::newRow("GS separator") << QByteArray("01\x1d"
                                                    "10")
                                      << PayloadKind::Unknown << PayloadRejection::ControlCharacters << QString();
        QTest::newRow("C1 control") << QByteArray("A\xc2\x85"
                                                  "B")
                                    << PayloadKind::Unknown << PayloadRejection::ControlCharacters << QString();
        QTest::newRow("bidi override") << QByteArray("ADT1:\xe2\x80\xae"
                                                     "abc")
                                       << PayloadKind::Unknown << PayloadRejection::ControlCharacters << QString();
        QTest::newRow("latin-1 byte") << QByteArray("Caf\xe9") << PayloadKind::Unknown << PayloadRejection::InvalidText << QString();
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << PayloadKind::Unknown << PayloadRejection::InvalidText << QString();
        QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80") << PayloadKind::Unknown << PayloadRejection::InvalidText
                                           << QString();
        QTest::newRow("truncated sequence") << QByteArray("NIK \xe2\x82") << PayloadKind::Unknown << PayloadRejection::InvalidText
                                            << QString();
        QTest::newRow("replacement char sent literally")
            << QByteArray("A\xef\xbf\xbd") << PayloadKind::Unknown << PayloadRejection::InvalidText << QString();
    }

    void classifiesBytes()
    {
        QFETCH(QByteArray, raw);
        QFETCH(PayloadKind, kind);
        QFETCH(PayloadRejection, rejection);
        QFETCH(QString, extracted);

        const PayloadClassification result = PayloadClassifier::classify(raw);
        QCOMPARE(result.rejection, rejection);
        QCOMPARE(result.kind, kind);
        QCOMPARE(result.accepted(), rejection == PayloadRejection::None);
        if (kind == PayloadKind::Nik)
            QCOMPARE(result.nik, extracted);
        if (kind == PayloadKind::TicketQr)
            QCOMPARE(result.ticketToken, extracted);
        // Whatever is refused or unrecognised carries a sentence for the citizen, and nothing of the payload.
        const bool usable = result.accepted() && kind != PayloadKind::Unknown;
        QCOMPARE(result.message.isEmpty(), usable);
        if (!result.accepted())
            QVERIFY(result.text.isEmpty());

        // Text input reaches the same verdict as its UTF-8 bytes (when the bytes are valid UTF-8).
        if (rejection != PayloadRejection::InvalidText) {
            const PayloadClassification fromText = PayloadClassifier::classify(QString::fromUtf8(raw));
            QCOMPARE(fromText.rejection, rejection);
            QCOMPARE(fromText.kind, kind);
        }
    }

    void textOnlyFailures()
    {
        QString loneSurrogate = QStringLiteral("NIK ");
        loneSurrogate.append(QChar(0xD800));
        QCOMPARE(PayloadClassifier::classify(loneSurrogate).rejection, PayloadRejection::InvalidText);
        // 1366 × "é" is 2732 bytes: under the limit although more than 4096/3 UTF-16 units.
        QVERIFY(PayloadClassifier::classify(QString(1366, QChar(0xe9))).accepted());
        // 1500 × "€" is 4500 bytes: over the limit.
        QCOMPARE(PayloadClassifier::classify(QString(1500, QChar(0x20ac))).rejection, PayloadRejection::TooLong);
        QCOMPARE(PayloadClassifier::classify(QString()).rejection, PayloadRejection::Empty);
        // Emoji (a valid surrogate pair) is text, not garbage.
        QCOMPARE(PayloadClassifier::classify(QString::fromUtf8("Terima kasih \xf0\x9f\x99\x8f")).kind, PayloadKind::Unknown);
    }

    void messagesAreIndonesian()
    {
        for (const auto rejection :
            {PayloadRejection::Empty, PayloadRejection::TooLong, PayloadRejection::ControlCharacters, PayloadRejection::InvalidText}) {
            const QString message = PayloadClassifier::rejectionMessage(rejection);
            QVERIFY(message.contains(QLatin1String("Silakan")));
        }
        QVERIFY(PayloadClassifier::rejectionMessage(PayloadRejection::None).isEmpty());
        QVERIFY(PayloadClassifier::unknownMessage().startsWith(QLatin1String("Maaf")));
    }
};

QTEST_GUILESS_MAIN(TestPayload)
#include "tst_devices_payload.moc"
