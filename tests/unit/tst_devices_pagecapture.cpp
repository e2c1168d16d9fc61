// Document capture: which generated frame is taken, the page outline and deskew, the size budget, the worker
// thread, the file: page source, and a real SANE scan through SANE's own test backend.
#include "documentframes.h"
#include "filepagesource.h"
#include "pageanalyser.h"
#include "pagecapture.h"
#include "pagesource.h"
#include "sanepagesource.h"

#include <QFile>
#include <QLibraryInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace devices;
using documentframes::Shot;

Q_DECLARE_METATYPE(documentframes::Shot)
Q_DECLARE_METATYPE(QList<documentframes::Shot>)

namespace {

// Where a grid line crosses a band of the page: the darkest column (row) of the band's mean profile, near `expected`.
// Averaging along the band lets the long line stand out from the short word marks.
int darkestColumn(const QImage &grey, int y, int expectedX, int window)
{
    const int band = std::max(2, grey.height() / 40);
    int best = expectedX;
    double darkest = 256;
    for (int x = std::max(0, expectedX - window); x < std::min(grey.width(), expectedX + window); ++x) {
        double sum = 0;
        for (int yy = std::max(0, y - band); yy < std::min(grey.height(), y + band); ++yy)
            sum += grey.constScanLine(yy)[x];
        const double mean = sum / (std::min(grey.height(), y + band) - std::max(0, y - band));
        if (mean < darkest) {
            darkest = mean;
            best = x;
        }
    }
    return best;
}

int darkestRow(const QImage &grey, int x, int expectedY, int window)
{
    const int band = std::max(2, grey.width() / 40);
    int best = expectedY;
    double darkest = 256;
    for (int y = std::max(0, expectedY - window); y < std::min(grey.height(), expectedY + window); ++y) {
        double sum = 0;
        for (int xx = std::max(0, x - band); xx < std::min(grey.width(), x + band); ++xx)
            sum += grey.constScanLine(y)[xx];
        const double mean = sum / (std::min(grey.width(), x + band) - std::max(0, x - band));
        if (mean < darkest) {
            darkest = mean;
            best = y;
        }
    }
    return best;
}

} // namespace

class TestPageCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The oracle: for each scene, the index of the frame a person would want kept (-1: none), worked out from the
    // scene (first frame at rest + the frames a hand needs to settle), not from the analyser's code.
    void takesTheRightFrame_data()
    {
        QTest::addColumn<QList<Shot>>("shots");
        QTest::addColumn<int>("taken");
        const int settle = pagecapture::kSteadyFrames;
        QTest::newRow("still from the start") << documentframes::holdStill(0, 8) << settle;
        QTest::newRow("moving, then still") << documentframes::holdStill(5, 8) << 5 + settle;
        QTest::newRow("still but blurred, then sharp") << documentframes::holdStill(0, 12, 6) << 6;
        QTest::newRow("moving, blurred, then sharp") << documentframes::holdStill(4, 12, 5) << 4 + 5;
        QTest::newRow("always moving") << documentframes::holdStill(10, 0) << -1;
        QTest::newRow("never in focus") << documentframes::holdStill(2, 10, 10) << -1;
        QList<Shot> jolt = documentframes::holdStill(0, 2);
        jolt.append({QPointF(60, -20), 14, 0.06});
        jolt.append(documentframes::holdStill(0, 6));
        QTest::newRow("jolted while settling") << jolt << 3 + settle;
    }

    void takesTheRightFrame()
    {
        QFETCH(QList<Shot>, shots);
        QFETCH(int, taken);
        PageAnalyser analyser;
        int takenAt = -1;
        QStringList trace;
        for (qsizetype i = 0; i < shots.size(); ++i) {
            const FrameVerdict verdict = analyser.feed(documentframes::frame(shots.at(i)));
            trace.append(QStringLiteral("%1: motion %2 sharpness %3 hint %4")
                             .arg(i)
                             .arg(verdict.motion, 0, 'f', 2)
                             .arg(verdict.sharpness, 0, 'f', 0)
                             .arg(int(verdict.hint)));
            if (verdict.take) {
                QVERIFY2(takenAt < 0, "a second frame was taken");
                takenAt = int(i);
            }
        }
        QVERIFY2(takenAt == taken, qPrintable(trace.join(QLatin1Char('\n'))));
    }

    void hintsFollowTheScene()
    {
        PageAnalyser analyser;
        const QList<Shot> shots = documentframes::holdStill(3, 6, 3);
        QList<CaptureHint> hints;
        for (const Shot &shot : shots)
            hints.append(analyser.feed(documentframes::frame(shot)).hint);
        QCOMPARE(hints.at(1), CaptureHint::Moving);
        QCOMPARE(hints.at(4), CaptureHint::Blurry);
        QCOMPARE(hints.last(), CaptureHint::Steady);
    }

    // A skewed sheet on the table comes out upright: its corners are found where the scene put them, the grid drawn on
    // it runs straight along the stored page, the page has A4's proportions and fits the budget.
    void storedPageIsDeskewed_data()
    {
        QTest::addColumn<Shot>("shot");
        QTest::newRow("straight") << Shot {QPointF(0, 0), 0, 0};
        QTest::newRow("rotated 8°") << Shot {QPointF(40, 10), 8, 0};
        QTest::newRow("rotated -15°, off centre") << Shot {QPointF(-120, 0), -15, 0};
        QTest::newRow("rotated 25°") << Shot {QPointF(0, 0), 25, 0};
        QTest::newRow("keystone 10 %, rotated 5°") << Shot {QPointF(0, 0), 5, 0.10};
    }

    void storedPageIsDeskewed()
    {
        QFETCH(Shot, shot);
        const QImage frame = documentframes::frame(shot);
        const auto found = pageprocessing::findOutline(frame);
        QVERIFY(found);
        const auto truth = documentframes::corners(shot);
        const double tolerance = 0.008 * std::hypot(frame.width(), frame.height());
        for (int i = 0; i < 4; ++i)
            QVERIFY2(QLineF(found->at(size_t(i)), truth.at(size_t(i))).length() < tolerance,
                qPrintable(QStringLiteral("corner %1 at (%2, %3), expected (%4, %5)")
                               .arg(i)
                               .arg(found->at(size_t(i)).x())
                               .arg(found->at(size_t(i)).y())
                               .arg(truth.at(size_t(i)).x())
                               .arg(truth.at(size_t(i)).y())));

        const ProcessedPage page = pageprocessing::process(frame);
        QVERIFY(page.outlineFound);
        QVERIFY2(page.jpeg.size() <= pagecapture::kPageBudgetBytes, qPrintable(QString::number(page.jpeg.size())));
        const QImage stored = QImage::fromData(page.jpeg, "JPEG").convertToFormat(QImage::Format_Grayscale8);
        QCOMPARE(stored.size(), page.size);
        // Keystone shortens the sheet's apparent height; the check allows what a perspective view loses.
        QVERIFY2(std::abs(double(stored.height()) / stored.width() - 1.41421356) < 0.08 + shot.keystone,
            qPrintable(QStringLiteral("%1×%2").arg(stored.width()).arg(stored.height())));
        // Each grid line: the same column (row) at both ends of the page, where the sheet drew it.
        const int slack = std::max(4, stored.width() / 50);
        for (double f : documentframes::kGrid) {
            const int expectedX = int(f * stored.width());
            const int top = darkestColumn(stored, stored.height() / 10, expectedX, stored.width() / 12);
            const int bottom = darkestColumn(stored, stored.height() * 9 / 10, expectedX, stored.width() / 12);
            QVERIFY2(std::abs(top - bottom) <= slack && std::abs(top - expectedX) <= 2 * slack,
                qPrintable(QStringLiteral("vertical line %1: x %2 at the top, %3 at the bottom, drawn at %4")
                               .arg(f)
                               .arg(top)
                               .arg(bottom)
                               .arg(expectedX)));
            const int expectedY = int(f * stored.height());
            const int left = darkestRow(stored, stored.width() / 10, expectedY, stored.height() / 12);
            const int right = darkestRow(stored, stored.width() * 9 / 10, expectedY, stored.height() / 12);
            QVERIFY2(std::abs(left - right) <= slack && std::abs(left - expectedY) <= 2 * slack,
                qPrintable(
                    QStringLiteral("horizontal line %1: y %2 left, %3 right, drawn at %4").arg(f).arg(left).arg(right).arg(expectedY)));
        }
    }

    void wholeFrameWhenNoSheetIsSeen()
    {
        const QImage frame = documentframes::frame({QPointF(0, 0), 0, 0, 1, false});
        QVERIFY(!pageprocessing::findOutline(frame));
        const ProcessedPage page = pageprocessing::process(frame);
        QVERIFY(!page.outlineFound);
        QCOMPARE(page.size, frame.size());
        QVERIFY(page.jpeg.size() <= pagecapture::kPageBudgetBytes);
        // An empty table is not a page either.
        QVERIFY(!pageprocessing::findOutline(documentframes::table(documentframes::kFrameSize)));
    }

    // Pictures that compress badly still fit: quality steps down, then the page shrinks; colour stays where it matters.
    void budgetHoldsForHardPictures_data()
    {
        QTest::addColumn<QImage>("picture");
        QTest::addColumn<bool>("grey");
        QImage noise(2400, 1700, QImage::Format_RGB32);
        std::mt19937 random(3);
        for (int y = 0; y < noise.height(); ++y)
            for (int x = 0; x < noise.width(); ++x)
                noise.setPixel(x, y, qRgb(int(random() & 255), int(random() & 255), int(random() & 255)));
        QTest::newRow("colour noise") << noise << false;
        QTest::newRow("grey noise") << noise.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_RGB32) << true;
        QTest::newRow("sheet") << documentframes::sheet(1600) << true;
    }

    void budgetHoldsForHardPictures()
    {
        QFETCH(QImage, picture);
        QFETCH(bool, grey);
        const ProcessedPage page = pageprocessing::encode(picture);
        QVERIFY(!page.jpeg.isEmpty());
        QVERIFY2(page.jpeg.size() <= pagecapture::kPageBudgetBytes, qPrintable(QString::number(page.jpeg.size())));
        QCOMPARE(page.grey, grey);
        QVERIFY(page.quality >= pagecapture::kMinQuality && page.quality <= pagecapture::kStartQuality);
        QVERIFY(std::max(page.size.width(), page.size.height()) <= std::max(picture.width(), picture.height()));
    }

    // The worker thread takes a page from a file: source's frames without blocking the caller.
    void fileSourceThroughTheWorker()
    {
        QTemporaryDir dir;
        QVERIFY(documentframes::writeFrames(dir.path(), documentframes::holdStill(3, 4)));
        QString error;
        std::unique_ptr<PageSource> source = createPageSource(QStringLiteral("file:") + dir.path(), &error);
        QVERIFY2(source, qPrintable(error));
        QCOMPARE(source->kind(), PageSource::Kind::Frames);
        PageCapture capture;
        connect(source.get(), &PageSource::frameArrived, &capture, &PageCapture::offerFrame);
        QSignalSpy pages(&capture, &PageCapture::pageReady);
        QSignalSpy hints(&capture, &PageCapture::hintChanged);
        QVERIFY(source->start());
        QVERIFY(pages.wait(10000));
        source->stop();
        const auto page = pages.first().first().value<ProcessedPage>();
        QVERIFY(page.outlineFound);
        QVERIFY(page.jpeg.size() <= pagecapture::kPageBudgetBytes);
        QVERIFY(hints.count() >= pagecapture::kSteadyFrames);
        // After a reset, the next document starts from nothing: no page until it has been still again.
        capture.reset();
        QVERIFY(source->start());
        QVERIFY(pages.wait(10000));
        QCOMPARE(pages.count(), 2);
    }

    void unknownOrEmptySources()
    {
        QString error;
        QVERIFY(!createPageSource(QStringLiteral("webcam:0"), &error));
        QVERIFY(error.contains(QStringLiteral("[documents] source")));
        QVERIFY(!createPageSource(QStringLiteral("camera:kiri"), &error));
        QVERIFY(createPageSource(QStringLiteral("camera:0"), &error));
        QTemporaryDir empty;
        FilePageSource source(empty.path());
        QSignalSpy failed(&source, &PageSource::failed);
        QVERIFY(!source.start());
        QCOMPARE(failed.count(), 1);
        QVERIFY(source.lastError().contains(empty.path()));
    }

    // SANE's own `test` backend is the real peer: one requestPage() is one scan, delivered as a page.
    void saneTestBackendScansAPage()
    {
        QTemporaryDir config;
        // The test backend ships disabled in /etc/sane.d/dll.conf; a private configuration enables only it.
        QFile dll(config.filePath(QStringLiteral("dll.conf")));
        QVERIFY(dll.open(QIODevice::WriteOnly));
        dll.write("test\n");
        dll.close();
        qputenv("SANE_CONFIG_DIR", config.path().toLocal8Bit());
        QString error;
        const auto probe = SanePageSource::scan(QStringLiteral("test:0"), &error);
        if (!probe)
            QSKIP(qPrintable(QStringLiteral("SANE test backend unavailable (install libsane1): %1").arg(error)));
        QVERIFY(probe->width() > 100 && probe->height() > 100);

        std::unique_ptr<PageSource> source = createPageSource(QStringLiteral("sane:test:0"), &error);
        QVERIFY2(source, qPrintable(error));
        QCOMPARE(source->kind(), PageSource::Kind::Pages);
        PageCapture capture;
        connect(source.get(), &PageSource::pageArrived, &capture, &PageCapture::offerPage);
        QSignalSpy pages(&capture, &PageCapture::pageReady);
        QVERIFY(source->start());
        source->requestPage();
        QVERIFY(pages.wait(30000));
        const auto page = pages.first().first().value<ProcessedPage>();
        QVERIFY(!page.jpeg.isEmpty());
        QVERIFY(page.jpeg.size() <= pagecapture::kPageBudgetBytes);

        std::unique_ptr<PageSource> missing = createPageSource(QStringLiteral("sane:tidakada:9"), &error);
        QSignalSpy failed(missing.get(), &PageSource::failed);
        QVERIFY(missing->start());
        missing->requestPage();
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("teknisi")));
    }
};

QTEST_GUILESS_MAIN(TestPageCapture)
#include "tst_devices_pagecapture.moc"
