#include "barcode.h"
#include "escpos.h"

#include <QPainter>
#include <QRandomGenerator>
#include <QTest>

using namespace devices;

namespace {

/// `image` thresholded the way the printer sees it: 0 = dot, 255 = blank, width padded to 8.
QImage expectedDots(const QImage &image)
{
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    QImage out((grey.width() + 7) / 8 * 8, grey.height(), QImage::Format_Grayscale8);
    out.fill(0xff);
    for (int y = 0; y < grey.height(); ++y)
        for (int x = 0; x < grey.width(); ++x)
            out.scanLine(y)[x] = grey.constScanLine(y)[x] < 128 ? 0 : 0xff;
    return out;
}

QImage randomImage(int width, int height, quint32 seed)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    QRandomGenerator rng(seed);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.scanLine(y)[x] = uchar(rng.bounded(256));
    return image;
}

} // namespace

/// ESC/POS raster encoding and its decoder.
class TestEscPos : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jobLayout()
    {
        QImage image(16, 2, QImage::Format_Grayscale8);
        image.fill(0xff);
        image.scanLine(0)[0] = 0;
        image.scanLine(1)[15] = 0;
        const QByteArray job = escpos::ticketJob(image, 3);
        const QByteArray expected = QByteArray::fromHex("1b40"
                                                        "1d763000"
                                                        "0200"
                                                        "0200"
                                                        "8000"
                                                        "0001"
                                                        "1b6403"
                                                        "1d564200");
        QCOMPARE(job.toHex(), expected.toHex());
    }

    void rasterRoundTrip_data()
    {
        QTest::addColumn<QImage>("image");
        QTest::newRow("576x40") << randomImage(576, 40, 1);
        QTest::newRow("odd-width") << randomImage(101, 7, 2);
        QTest::newRow("multi-band") << randomImage(384, 700, 3);
        QTest::newRow("exact-band") << randomImage(64, 256, 4);
        QImage transparent(40, 10, QImage::Format_ARGB32);
        transparent.fill(Qt::transparent);
        QTest::newRow("transparent-is-blank") << transparent;
    }
    void rasterRoundTrip()
    {
        QFETCH(QImage, image);
        const QImage decoded = escpos::rasterToImage(escpos::ticketJob(image));
        QVERIFY(!decoded.isNull());
        QCOMPARE(decoded.format(), QImage::Format_Grayscale8);
        QImage expected = expectedDots(image);
        // Transparent pixels print nothing, whatever colour they hide.
        if (image.hasAlphaChannel())
            expected.fill(0xff);
        QCOMPARE(decoded, expected);
    }

    void qrTicketSurvivesRoundTrip()
    {
        const QString payload = QStringLiteral("SQ1:6BFOXN*TS0BI$ZD.P9UOL97O4-2HH77HRM3DSPTLRR+%3");
        QImage ticket(576, 900, QImage::Format_RGB32);
        ticket.fill(Qt::white);
        {
            QPainter painter(&ticket);
            painter.setPen(Qt::black);
            painter.setFont(QFont(QStringLiteral("Sans"), 28, QFont::Bold));
            painter.drawText(QRect(0, 10, 576, 60), Qt::AlignCenter, QStringLiteral("NOMOR ANTREAN A-017"));
            const QImage qr = barcode::encodeQr(payload, 6);
            painter.drawImage((576 - qr.width()) / 2, 120, qr);
        }
        const QByteArray job = escpos::ticketJob(ticket);
        const QImage printed = escpos::rasterToImage(job);
        QCOMPARE(printed.size(), ticket.size());
        QCOMPARE(barcode::decode(printed), std::optional<QString>(payload));
    }

    void truncatedOrGarbageStream()
    {
        const QImage image = randomImage(200, 300, 9);
        const QByteArray job = escpos::ticketJob(image);
        // Every prefix decodes to at most the full image and never reads past the end (ASan checks).
        for (qsizetype cut = 0; cut < job.size(); cut += 97) {
            const QImage partial = escpos::rasterToImage(job.left(cut));
            if (!partial.isNull()) {
                QCOMPARE(partial.width(), 200);
                QVERIFY(partial.height() <= 300);
                QCOMPARE(partial, expectedDots(image).copy(0, 0, 200, partial.height()));
            }
        }
        QVERIFY(escpos::rasterToImage(QByteArray()).isNull());
        QVERIFY(escpos::rasterToImage(QByteArray::fromHex("1b401b6404")).isNull());
        QVERIFY(escpos::rasterToImage(QByteArray::fromHex("1d763000ffffffff")).isNull());
        QVERIFY(escpos::rasterToImage(QByteArray::fromHex("1d76")).isNull());
        QRandomGenerator rng(11);
        for (int round = 0; round < 200; ++round) {
            QByteArray garbage(int(rng.bounded(2000)), Qt::Uninitialized);
            for (char &c : garbage)
                c = char(rng.bounded(256));
            // Sprinkle raster headers so the band parser is exercised too.
            for (int i = 0; i + 4 < garbage.size(); i += int(rng.bounded(50, 400))) {
                garbage[i] = 0x1d;
                garbage[i + 1] = 'v';
                garbage[i + 2] = '0';
            }
            const QImage out = escpos::rasterToImage(garbage);
            QVERIFY(out.isNull() || (out.width() > 0 && out.height() > 0));
        }
    }
};

QTEST_MAIN(TestEscPos)
#include "tst_devices_escpos.moc"
