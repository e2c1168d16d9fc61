// Camera scanner path: a generated corpus of QR / PDF417 / Code 128 frames (1280×720, rotated, blurred, low contrast,
// noisy, in perspective) decoded by devices::barcode::decode and by MultiPassDecoder with an expected verdict per image;
// the real photographs of ../shared/corpus/real-photos per symbology (floors) and without a code (no false positive);
// FrameDecoder's extra passes off the plain pass's thread and its drop-while-busy behaviour; a missing camera.
#include "barcode.h"
#include "camerascanner.h"
#include "framedecoder.h"
#include "multipassdecoder.h"
#include "scanner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
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

namespace {

// The shared real photographs, read in place (never copied into the repository): `<set>/<name>.png` + `<name>.txt`.
const QString kRealPhotos = QStringLiteral(KIOSK_TEST_SOURCE_DIR "/../shared/corpus/real-photos");

struct Photo {
    QString path;
    QString expected; // empty in no-barcode/
};

QList<Photo> photosOf(const QString &set)
{
    QList<Photo> photos;
    const QDir dir(kRealPhotos + QLatin1Char('/') + set);
    for (const QString &name : dir.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name)) {
        QFile text(dir.filePath(name.chopped(4) + QStringLiteral(".txt")));
        photos.append({dir.filePath(name), text.open(QIODevice::ReadOnly) ? QString::fromUtf8(text.readAll()) : QString()});
    }
    return photos;
}

} // namespace

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

    void corpusMultiPass_data()
    {
        QTest::addColumn<int>("symbology");
        QTest::addColumn<uint>("transform");
        QTest::addColumn<bool>("expectDecoded");
        for (const CorpusRow &row : kCorpus)
            QTest::newRow(row.name) << int(row.symbology) << row.transform << row.expectMultiPass;
    }

    void corpusMultiPass()
    {
        QFETCH(int, symbology);
        QFETCH(uint, transform);
        QFETCH(bool, expectDecoded);
        MultiPassDecoder decoder;
        const MultiPassDecoder::Attempt attempt = decoder.decode(makeFrame(Symbology(symbology), transform));
        QCOMPARE(attempt.text.has_value(), expectDecoded);
        if (attempt.text)
            QCOMPARE(*attempt.text, kPayload);
        QCOMPARE(attempt.passesRun,
            expectDecoded ? MultiPassDecoder::passNames().indexOf(attempt.pass) + 1 : MultiPassDecoder::passNames().size());
    }

    void lightOnDarkCodeIsReadInverted()
    {
        // A QR on a phone in dark mode: light modules on a dark ground.
        QImage frame = makeFrame(Symbology::Qr, None);
        frame.invertPixels();
        QCOMPARE(barcode::decode(frame), std::nullopt);
        const MultiPassDecoder::Attempt attempt = MultiPassDecoder().decode(frame);
        QCOMPARE(attempt.text, std::optional<QString>(kPayload));
        QCOMPARE(attempt.pass, QStringLiteral("inverted"));
    }

    // Floors are what the multi-pass decoder reads today (ZXing 1.4); one plain pass reads 38 QR and 12 Code 128, so
    // the QR and Code 128 rows fail without the extra passes. zbarimg's figures are in bench_devices_camera.
    void realPhotos_data()
    {
        QTest::addColumn<QStringList>("sets");
        QTest::addColumn<int>("photos");
        QTest::addColumn<int>("floor");
        QTest::newRow("qr") << QStringList {QStringLiteral("qrcode-1"), QStringLiteral("qrcode-3"), QStringLiteral("qrcode-5")} << 42 << 40;
        QTest::newRow("pdf417") << QStringList {QStringLiteral("pdf417-3")} << 16 << 16;
        QTest::newRow("code128") << QStringList {QStringLiteral("code128-2")} << 14 << 13;
        QTest::newRow("datamatrix") << QStringList {QStringLiteral("datamatrix-2")} << 13 << 13;
    }

    void realPhotos()
    {
        QFETCH(QStringList, sets);
        QFETCH(int, photos);
        QFETCH(int, floor);
        if (!QDir(kRealPhotos).exists())
            QSKIP(qPrintable(QStringLiteral("the shared real photographs are not beside this checkout: %1").arg(kRealPhotos)));
        int seen = 0, read = 0, plainRead = 0;
        for (const QString &set : sets) {
            for (const Photo &photo : photosOf(set)) {
                ++seen;
                const QImage image(photo.path);
                QVERIFY2(!image.isNull(), qPrintable(photo.path));
                MultiPassDecoder decoder;
                const MultiPassDecoder::Attempt attempt = decoder.decode(image);
                if (attempt.text) // a wrong text is worse than none
                    QVERIFY2(*attempt.text == photo.expected, qPrintable(photo.path + QStringLiteral(" read as ") + *attempt.text));
                read += attempt.text ? 1 : 0;
                plainRead += barcode::decode(image) == std::optional<QString>(photo.expected) ? 1 : 0;
            }
        }
        QCOMPARE(seen, photos);
        qInfo("%s: multi-pass %d of %d, plain ZXing %d", QTest::currentDataTag(), read, seen, plainRead);
        QVERIFY2(read >= floor, qPrintable(QStringLiteral("read %1 of %2, floor %3").arg(read).arg(seen).arg(floor)));
    }

    void realPhotosWithoutCode()
    {
        if (!QDir(kRealPhotos).exists())
            QSKIP(qPrintable(QStringLiteral("the shared real photographs are not beside this checkout: %1").arg(kRealPhotos)));
        const QList<Photo> photos = photosOf(QStringLiteral("no-barcode"));
        QCOMPARE(photos.size(), 6);
        for (const Photo &photo : photos) {
            const QImage image(photo.path);
            QVERIFY2(!image.isNull(), qPrintable(photo.path));
            MultiPassDecoder decoder;
            const MultiPassDecoder::Attempt attempt = decoder.decode(image);
            QVERIFY2(!attempt.text, qPrintable(photo.path + QStringLiteral(" read as ") + attempt.text.value_or(QString())));
            QCOMPARE(attempt.passesRun, MultiPassDecoder::passNames().size());
        }
    }

    void frameDecoderExtraPassesReadWhatThePlainPassMisses()
    {
        FrameDecoder decoder;
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        QSignalSpy done(&decoder, &FrameDecoder::frameDone);
        QVERIFY(decoder.offer(makeFrame(Symbology::Code128, Rotate15)));
        QVERIFY(done.wait(10000)); // the plain pass is done and the worker takes the next frame ...
        QCOMPARE(decoded.count(), 0);
        // ... while the idle-priority passes read this one, given CPU time nothing else wants.
        if (!decoded.wait(60000) && decoder.extraPassFrameCount() == 0)
            QSKIP("the idle-priority thread got no CPU time in 60 s: every core is busy");
        QCOMPARE(decoded.count(), 1);
        QCOMPARE(decoded.at(0).at(0).toString(), kPayload);
        QCOMPARE(decoder.decodedFrameCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(decoder.extraPassFrameCount(), 1, 5000);
    }

    void frameDecoderWithOwnFunctionHasNoExtraPasses()
    {
        FrameDecoder decoder(FrameDecoder::DecodeFunction(&barcode::decode));
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        QSignalSpy done(&decoder, &FrameDecoder::frameDone);
        QVERIFY(decoder.offer(makeFrame(Symbology::Code128, Rotate15)));
        QVERIFY(done.wait(10000));
        QVERIFY(!decoded.wait(500));
        QCOMPARE(decoder.extraPassFrameCount(), 0);
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
