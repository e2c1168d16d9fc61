#include "barcode.h"

#include <QRandomGenerator>
#include <QTest>

using namespace devices;

/// Round trips through ZXing's writer and reader.
class TestBarcode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("moduleSize");
        QString token;
        // Base45 alphabet, as the SQ1 seal uses.
        const QString alphabet = QStringLiteral("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:");
        QRandomGenerator rng(45);
        for (int i = 0; i < 128; ++i)
            token += alphabet.at(int(rng.bounded(alphabet.size())));
        QTest::newRow("token128") << token << 4;
        QTest::newRow("token128-module2") << token << 2;
        QTest::newRow("short") << QStringLiteral("TEST") << 3;
        QTest::newRow("indonesian-utf8") << QStringLiteral("Surat Keterangan Domisili – Desa Sukamaju") << 4;
    }
    void roundTrip()
    {
        QFETCH(QString, text);
        QFETCH(int, moduleSize);
        const QImage image = barcode::encodeQr(text, moduleSize);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), image.height());
        QCOMPARE(image.width() % moduleSize, 0);
        // Quiet zone: the first 4 modules of every side are white.
        for (int i = 0; i < 4 * moduleSize; ++i)
            QCOMPARE(qGray(image.pixel(i, image.height() / 2)), 255);
        QCOMPARE(barcode::decode(image), std::optional<QString>(text));
        // The reader takes any QImage format, not only 8-bit grey.
        QCOMPARE(barcode::decode(image.convertToFormat(QImage::Format_RGB32)), std::optional<QString>(text));
        QCOMPARE(barcode::decode(image.convertToFormat(QImage::Format_ARGB32_Premultiplied)), std::optional<QString>(text));
    }

    void blankOrGarbageIsNotACode_data()
    {
        QTest::addColumn<QImage>("image");
        QImage white(300, 300, QImage::Format_Grayscale8);
        white.fill(0xff);
        QImage noise(300, 300, QImage::Format_Grayscale8);
        QRandomGenerator rng(7);
        for (int y = 0; y < noise.height(); ++y)
            for (int x = 0; x < noise.width(); ++x)
                noise.scanLine(y)[x] = uchar(rng.bounded(256));
        QTest::newRow("null") << QImage();
        QTest::newRow("white") << white;
        QTest::newRow("noise") << noise;
        QTest::newRow("1x1") << QImage(1, 1, QImage::Format_RGB32);
    }
    void blankOrGarbageIsNotACode()
    {
        QFETCH(QImage, image);
        QCOMPARE(barcode::decode(image), std::nullopt);
    }

    void tooLongTextGivesNullImage()
    {
        QVERIFY(barcode::encodeQr(QString(8000, QLatin1Char('A'))).isNull());
        QVERIFY(barcode::encodeQr(QStringLiteral("x"), 0).isNull());
    }
};

QTEST_GUILESS_MAIN(TestBarcode)
#include "tst_devices_barcode.moc"
