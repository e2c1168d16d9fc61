// Camera scanner path: a generated corpus of QR / PDF417 / Code 128 frames (1280×720, rotated, blurred, low contrast,
// noisy, in perspective) decoded by devices::barcode::decode with an expected verdict per image; FrameDecoder's
// drop-while-busy behaviour; a missing camera.
#include "barcode.h"
#include "camerascanner.h"
#include "framedecoder.h"
#include "scanner.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QTransform>

#include <algorithm>
#include <random>

using namespace devices;

#include "cameracorpus.h"

class TestDevicesCamera : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<int>("symbology");
        QTest::addColumn<uint>("transform");
        QTest::addColumn<bool>("expectDecoded");
        for (const CorpusRow &row : kCorpus)
            QTest::newRow(row.name) << int(row.symbology) << row.transform << row.expectDecoded;
    }

    void corpus()
    {
        QFETCH(int, symbology);
        QFETCH(uint, transform);
        QFETCH(bool, expectDecoded);
        const QImage frame = makeFrame(Symbology(symbology), transform);
        QCOMPARE(frame.size(), QSize(1280, 720));
        if (qEnvironmentVariableIsSet("KIOSK_CAMERA_CORPUS_DIR"))
            frame.save(qEnvironmentVariable("KIOSK_CAMERA_CORPUS_DIR") + QLatin1Char('/')
                + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char('/'), QLatin1Char('_')) + QStringLiteral(".png"));
        const std::optional<QString> text = barcode::decode(frame);
        QCOMPARE(text.has_value(), expectDecoded);
        if (text)
            QCOMPARE(*text, kPayload);
    }

    void frameDecoderDropsWhileBusy()
    {
        QSemaphore entered, release;
        FrameDecoder decoder([&](const QImage &) -> std::optional<QString> {
            entered.release();
            release.acquire();
            return QStringLiteral("ok");
        });
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        QSignalSpy done(&decoder, &FrameDecoder::frameDone);
        const QImage frame(64, 64, QImage::Format_Grayscale8);

        QVERIFY(decoder.offer(frame));
        QVERIFY(entered.tryAcquire(1, 5000)); // the worker is inside the (blocked) decode now
        QVERIFY(decoder.isBusy());
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 100; ++i)
            QVERIFY(!decoder.offer(frame)); // returns at once although the worker is blocked
        QVERIFY2(timer.elapsed() < 1000, "offer() blocked while the worker was busy");
        QCOMPARE(decoder.droppedCount(), 100);
        QCOMPARE(decoder.offeredCount(), 101);

        release.release();
        QVERIFY(done.wait(5000));
        QCOMPARE(decoded.count(), 1);
        QCOMPARE(decoded.at(0).at(0).toString(), QStringLiteral("ok"));
        QVERIFY(!decoder.isBusy());
        release.release(); // let the next decode through at once
        QVERIFY(decoder.offer(frame));
        QVERIFY(done.wait(5000));
        QCOMPARE(decoder.decodedFrameCount(), 2);
        QCOMPARE(decoder.droppedCount(), 100);
        QVERIFY(!decoder.offer(QImage())); // a null frame is dropped, not decoded
        QCOMPARE(decoder.droppedCount(), 101);
    }

    void frameDecoderDecodesWithZxing_data()
    {
        QTest::addColumn<int>("symbology");
        QTest::addColumn<uint>("transform");
        QTest::addColumn<bool>("expectDecoded");
        QTest::newRow("qr/rot15") << int(Symbology::Qr) << uint(Rotate15) << true;
        QTest::newRow("pdf417/rot5") << int(Symbology::Pdf417) << uint(Rotate5) << true;
        QTest::newRow("code128/clean") << int(Symbology::Code128) << uint(None) << true;
        QTest::newRow("code128/blur-heavy") << int(Symbology::Code128) << uint(BlurHeavy) << false;
    }

    void frameDecoderDecodesWithZxing()
    {
        QFETCH(int, symbology);
        QFETCH(uint, transform);
        QFETCH(bool, expectDecoded);
        FrameDecoder decoder;
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        QSignalSpy done(&decoder, &FrameDecoder::frameDone);
        QVERIFY(decoder.offer(makeFrame(Symbology(symbology), transform)));
        QVERIFY(done.wait(10000));
        QCOMPARE(decoded.count(), expectDecoded ? 1 : 0);
        if (expectDecoded)
            QCOMPARE(decoded.at(0).at(0).toString(), kPayload);
    }

    void missingCamera_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("camera:99") << QStringLiteral("camera:99");
        QTest::newRow("camera:7") << QStringLiteral("camera:7");
    }

    void missingCamera()
    {
        QFETCH(QString, uri);
        QString error;
        const std::unique_ptr<Scanner> scanner = createScanner(uri, &error);
        QVERIFY2(scanner, qPrintable(error));
        QVERIFY(qobject_cast<CameraScanner *>(scanner.get()));
        QCOMPARE(scanner->uri(), uri);
        QSignalSpy changed(scanner.get(), &Scanner::stateChanged);
        QVERIFY(!scanner->start());
        QVERIFY(scanner->lastError().startsWith(QStringLiteral("Kamera %1 tidak ditemukan").arg(uri.mid(7))));
        QVERIFY(scanner->lastError().contains(QStringLiteral("teknisi")));
        QCOMPARE(scanner->state(), Scanner::State::Error);
        QVERIFY(scanner->describeState().startsWith(QStringLiteral("rusak")));
        QCOMPARE(changed.count(), 1);
    }

    void invalidCameraUri_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::newRow("empty") << QStringLiteral("camera:");
        QTest::newRow("word") << QStringLiteral("camera:depan");
        QTest::newRow("negative") << QStringLiteral("camera:-1");
    }

    void invalidCameraUri()
    {
        QFETCH(QString, uri);
        QString error;
        QVERIFY(!createScanner(uri, &error));
        QVERIFY(error.contains(uri));
        QVERIFY(error.contains(QStringLiteral("camera:N")));
    }
};

QTEST_MAIN(TestDevicesCamera)
#include "tst_devices_camera.moc"
