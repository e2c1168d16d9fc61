// Requirement documents in the request flow: generated camera frames played by a file: page source, one page
// captured and the others skipped, the page committed with the request and sealed in the database.
#include "documentframes.h"
#include "filepagesource.h"
#include "kioskharness.h"
#include "pageanalyser.h"

#include <QDir>
#include <QFile>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

namespace {
const QString kNik = QStringLiteral("3521115205010021");

// True when `needle` occurs in the file at `path` (a missing file holds nothing).
bool fileContains(const QString &path, const QByteArray &needle)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.readAll().contains(needle);
}
} // namespace

class TestDocuments : public QObject
{
    Q_OBJECT
    std::unique_ptr<KioskHarness> h;
    QTemporaryDir frames;
    std::unique_ptr<devices::FilePageSource> source;

    void fillSktmToDocuments()
    {
        QVERIFY(h->openSktmForm(kNik));
        QVERIFY(h->fillSktm());
        QVERIFY(h->tap(QStringLiteral("toReview")));
    }

    // Waits for the current requirement's page and checks what the screen says about it.
    void waitForCapturedPage()
    {
        QVERIFY(h->waitFor(QStringLiteral("acceptDocument"), 15000));
        QVERIFY(h->find(QStringLiteral("capturedPage")));
        QVERIFY(h->find(QStringLiteral("retakeDocument")));
        QVERIFY(h->areas->documents.pageInfo().contains(QStringLiteral("KB")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(documentframes::writeFrames(frames.path(), documentframes::holdStill(3, 5)));
        h = std::make_unique<KioskHarness>();
        source = std::make_unique<devices::FilePageSource>(frames.path());
        h->areas->documents.setSource(source.get());
        QVERIFY(h->load());
    }
    void init()
    {
        h->areas->documents.setSource(source.get());
        h->areas->flow.goHome();
        QVERIFY(h->waitForScreen(QStringLiteral("welcome")));
    }
    void cleanupTestCase()
    {
        h->areas->documents.setSource(nullptr);
        h.reset();
    }

    // Form → documents → review: the first requirement is photographed (the camera picks the still frame by itself),
    // "Ulangi" takes it again, "Lanjut" keeps it; the other three are skipped ("bawa aslinya"). The request is
    // committed with that one page and without the skipped ones.
    void captureOneSkipTheRest()
    {
        fillSktmToDocuments();
        QVERIFY(h->waitForScreen(QStringLiteral("documents")));
        QCOMPARE(h->areas->documents.rows()->rowCount(), 4);
        QVERIFY(h->find(QStringLiteral("documentPreview")));
        waitForCapturedPage();
        QVERIFY(h->tap(QStringLiteral("retakeDocument")));

        QVERIFY(!h->find(QStringLiteral("acceptDocument")));
        waitForCapturedPage();
        QVERIFY(h->tap(QStringLiteral("acceptDocument")));
        for (int skipped = 0; skipped < 3; ++skipped) {
            QTRY_COMPARE(h->areas->documents.current(), 1 + skipped);
            QVERIFY(h->tap(QStringLiteral("skipDocument")));
        }
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        const QList<kiosk::CapturedPage> pages = h->areas->documents.pages();
        QCOMPARE(pages.size(), 1);
        QCOMPARE(h->areas->documents.skipped(), (QList<int> {1, 2, 3}));
        const QByteArray jpeg = pages.first().bytes;
        QVERIFY(jpeg.startsWith("\xFF\xD8"));
        QVERIFY(jpeg.size() <= devices::pagecapture::kPageBudgetBytes);
        QVERIFY(h->tap(QStringLiteral("submit")));
        QVERIFY(h->waitForScreen(QStringLiteral("done")));
        // Submitted: the pages left memory with the request.
        QVERIFY(h->areas->documents.pages().isEmpty());

        // The outbox has the one page, under the catalog's requirement text, byte for byte; the body names it and not
        // the skipped requirements (those are "bawa aslinya").
        const QString registration = h->areas->request.ticket().registrationNumber;
        const kiosk::DocumentStore store(h->store, h->key);
        const QList<kiosk::StoredPage> stored = store.pages(registration);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().ref.requirement, 0);
        QCOMPARE(stored.first().ref.requirementText, QStringLiteral("Fotokopi KTP"));
        QCOMPARE(stored.first().ref.size, jpeg.size());
        const auto clear = store.read(stored.first().ref.pageId);
        QVERIFY2(clear, qPrintable(clear ? QString() : clear.error().message));
        QCOMPARE(clear.value(), jpeg);
        const QByteArray body = h->outbox->dueForDelivery().last().body;
        QVERIFY(body.contains(stored.first().ref.pageId.toUtf8()));
        QVERIFY(!body.contains("Fotokopi Kartu Keluarga"));

        // Sealed at rest: neither the JPEG's header nor a window from its middle is in the database or its WAL.
        const QString db = h->dir.filePath(QStringLiteral("kiosk.sqlite"));
        QVERIFY(QFile::exists(db));
        for (const QByteArray &needle : {jpeg.left(20), jpeg.mid(jpeg.size() / 2, 48)}) {
            QVERIFY(!fileContains(db, needle));
            QVERIFY(!fileContains(db + QStringLiteral("-wal"), needle));
        }
    }

    // Going back from the review to the form keeps the pages; the idle wipe forgets them.
    void pagesSurviveEditingButNotTheWipe()
    {
        fillSktmToDocuments();
        QVERIFY(h->waitForScreen(QStringLiteral("documents")));
        waitForCapturedPage();
        QVERIFY(h->tap(QStringLiteral("acceptDocument")));
        for (int skipped = 0; skipped < 3; ++skipped) {
            QTRY_COMPARE(h->areas->documents.current(), 1 + skipped);
            QVERIFY(h->tap(QStringLiteral("skipDocument")));
        }
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        QVERIFY(h->tap(QStringLiteral("editForm")));
        QVERIFY(h->waitForScreen(QStringLiteral("form")));
        QVERIFY(h->tap(QStringLiteral("toReview")));
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        QCOMPARE(h->areas->documents.pages().size(), 1);
        h->idle->setTimeouts(50, 100);
        QVERIFY(h->waitForScreen(QStringLiteral("welcome"), 5000));
        h->idle->setTimeouts(60000, 75000);
        QVERIFY(h->areas->documents.pages().isEmpty());
        QCOMPARE(h->areas->documents.rows()->rowCount(), 0);
        QVERIFY(h->areas->documents.preview().isNull());
    }

    // The screen at the kiosk's sizes and languages, looking and with a page: every text inside the window and at
    // least 20 px, every button a fingertip wide (the rules of tst_screens); screenshots beside tst_screens' own.
    void screenFitsEverySize_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("language");
        for (const QSize size : {QSize(1920, 1080), QSize(1280, 800), QSize(1080, 1920)})
            for (const QString &language : {QStringLiteral("id"), QStringLiteral("en")})
                QTest::newRow(qPrintable(QStringLiteral("%1x%2-%3").arg(size.width()).arg(size.height()).arg(language)))
                    << size << language;
    }
    void screenFitsEverySize()
    {
        QFETCH(QSize, size);
        QFETCH(QString, language);
        h->resize(size);
        h->areas->flow.setLanguage(language);
        fillSktmToDocuments();
        QVERIFY(h->waitForScreen(QStringLiteral("documents")));
        const QString dir = QDir(qEnvironmentVariable("KIOSK_BINARY_DIR"))
                                .filePath(QStringLiteral("screenshots/%1x%2").arg(size.width()).arg(size.height()));
        QDir().mkpath(dir);
        for (const QString &stage : {QStringLiteral("looking"), QStringLiteral("captured")}) {
            if (stage == QLatin1String("captured"))
                waitForCapturedPage();
            QTest::qWait(60);
            QVERIFY(h->window->grabWindow().save(QDir(dir).filePath(QStringLiteral("%1-documents-%2.png").arg(language, stage))));
            for (QQuickItem *t : h->visibleTexts()) {
                const QString text = t->property("text").toString();
                if (text.trimmed().isEmpty() || t->width() <= 0)
                    continue;
                const QRectF r = t->mapRectToScene(QRectF(0, 0, t->width(), t->height()));
                QVERIFY2(r.left() >= -1 && r.right() <= size.width() + 1,
                    qPrintable(QStringLiteral("'%1' leaves the window").arg(text.left(60))));
                if (t->inherits("QQuickText"))
                    QVERIFY2(t->property("font").value<QFont>().pixelSize() >= 20,
                        qPrintable(QStringLiteral("'%1' is too small").arg(text.left(60))));
            }
            for (const QString &button :
                {QStringLiteral("skipDocument"), QStringLiteral("retakeDocument"), QStringLiteral("acceptDocument")}) {
                if (QQuickItem *b = h->find(button))
                    QVERIFY2(b->height() >= 72 && b->width() >= 72, qPrintable(button));
            }
        }
        h->areas->flow.goHome();
        h->resize({1280, 800});
    }

    // A kiosk without a document source goes from the form straight to the review.
    void noSourceSkipsTheScreen()
    {
        h->areas->documents.setSource(nullptr);
        fillSktmToDocuments();
        QVERIFY(h->waitForScreen(QStringLiteral("review")));
        QVERIFY(h->areas->documents.pages().isEmpty());
    }

    // A fix asks again for only some requirements: the others are NotAsked, only the asked one gets a page.
    void onlySomeRequirementsAskedAgain()
    {
        QSignalSpy finished(&h->areas->documents, &kiosk::DocumentCapture::finished);
        h->areas->documents.begin(
            {QStringLiteral("Fotokopi KTP"), QStringLiteral("Fotokopi Kartu Keluarga"), QStringLiteral("Surat pengantar RT/RW")}, {1});
        QCOMPARE(h->areas->documents.current(), 1);
        QCOMPARE(h->areas->documents.progressText(), QStringLiteral("Dokumen 1 dari 1"));
        QTRY_COMPARE_WITH_TIMEOUT(h->areas->documents.step(), kiosk::DocumentCapture::Captured, 15000);
        h->areas->documents.accept();
        QCOMPARE(finished.count(), 1);
        const QList<kiosk::CapturedPage> pages = h->areas->documents.pages();
        QCOMPARE(pages.size(), 1);
        QCOMPARE(pages.first().requirement, 1);
        QVERIFY(h->areas->documents.skipped().isEmpty());
        h->areas->documents.clear();
    }
};

QTEST_MAIN(TestDocuments)
#include "tst_documents.moc"
