// The waiting room's calling display (CallingDisplay.qml) with a board fed by calls, rendered offscreen
// at 1920×1080 and 1366×768: every loket's number is there and visible, no text leaves the window or
// its cell. Screenshots go to <build>/screenshots/calling-display/. Also the welcome screen's band.
#include "kioskharness.h"

#include <QDir>
#include <QQmlComponent>
#include <QSignalSpy>
#include <QTest>

using kiosk::QueueCall;
using kiosk::QueueKind;

namespace {
void collectTexts(QQuickItem *root, QList<QQuickItem *> &out)
{
    if (!root || !root->isVisible())
        return;
    if (root->inherits("QQuickText"))
        out.append(root);
    for (QQuickItem *child : root->childItems())
        collectTexts(child, out);
}

QQuickItem *findItem(QQuickItem *root, const QString &name)
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->objectName() == name)
        return root;
    for (QQuickItem *child : root->childItems())
        if (QQuickItem *found = findItem(child, name))
            return found;
    return nullptr;
}

QRectF sceneRect(QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

// The nearest enclosing Rectangle (a card or cell), or null for text directly on the window.
QQuickItem *cellOf(QQuickItem *item)
{
    for (QQuickItem *p = item->parentItem(); p; p = p->parentItem())
        if (p->inherits("QQuickRectangle"))
            return p;
    return nullptr;
}
} // namespace

class TestCallingDisplay : public QObject
{
    Q_OBJECT
    std::unique_ptr<KioskHarness> h;
    std::unique_ptr<QQuickWindow> display;
    QString m_outDir;
    // Loket → the label it serves once the calls below were made.
    const QList<QPair<int, QString>> m_serving {
        {1, QStringLiteral("B-003")}, {2, QStringLiteral("A-007")}, {3, QStringLiteral("C-012")}, {4, QStringLiteral("A-008")}};

    // Every visible text inside the window and inside its cell; a text that neither wraps nor shrinks fits its box.
    void checkTexts(QQuickWindow *window, QQuickItem *within, const QString &what)
    {
        QList<QQuickItem *> texts;
        collectTexts(within, texts);
        QVERIFY(!texts.isEmpty());
        const QRectF bounds(0, 0, window->width(), window->height());
        for (QQuickItem *t : texts) {
            const QString text = t->property("text").toString();
            if (text.trimmed().isEmpty())
                continue;
            const QString where = QStringLiteral("%1: '%2'").arg(what, text.left(50));
            const QRectF r = sceneRect(t);
            QVERIFY2(bounds.adjusted(-1, -1, 1, 1).contains(r), qPrintable(where + QStringLiteral(" leaves the window")));
            if (QQuickItem *cell = cellOf(t))
                QVERIFY2(sceneRect(cell).adjusted(-1, -1, 1, 1).contains(r), qPrintable(where + QStringLiteral(" leaves its cell")));
            const bool elides = t->property("elide").toInt() != 0;
            QVERIFY2(elides || t->property("contentWidth").toReal() <= t->width() + 1,
                qPrintable(
                    where + QStringLiteral(" is wider than its box (%1 > %2)").arg(t->property("contentWidth").toReal()).arg(t->width())));
            QVERIFY2(t->property("contentHeight").toReal() <= t->height() + 1,
                qPrintable(where
                    + QStringLiteral(" is taller than its box (%1 > %2)").arg(t->property("contentHeight").toReal()).arg(t->height())));
            QVERIFY2(!t->property("truncated").toBool(), qPrintable(where + QStringLiteral(" is cut off")));
        }
    }

    // Waits until the window rendered a frame with what the board holds now.
    void waitForFrame(QQuickWindow *window)
    {
        QSignalSpy swapped(window, &QQuickWindow::frameSwapped);
        window->requestUpdate();
        QVERIFY(swapped.wait(3000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<kiosk::QueueCall>();
        h = std::make_unique<KioskHarness>();
        QVERIFY(h->load());
        QQmlComponent component(h->engine.get(), QUrl(QStringLiteral("qrc:/AnjunganDesa/CallingDisplay.qml")));
        display.reset(qobject_cast<QQuickWindow *>(component.create()));
        QVERIFY2(display, qPrintable(component.errorString()));
        display->resize(1920, 1080);
        display->show();
        QVERIFY(QTest::qWaitForWindowExposed(display.get()));
        m_outDir = QDir(qEnvironmentVariable("KIOSK_BINARY_DIR")).filePath(QStringLiteral("screenshots/calling-display"));
        QDir().mkpath(m_outDir);

        kiosk::CallBoard &board = h->areas->board;
        const QDateTime at = QDateTime::currentDateTime();
        board.showCall({QStringLiteral("A-006"), QueueKind::Request, false, 2, at.addSecs(-300), false});
        board.showCall({QStringLiteral("B-003"), QueueKind::Pickup, false, 1, at.addSecs(-240), false});
        board.showCall({QStringLiteral("C-012"), QueueKind::Help, true, 3, at.addSecs(-180), false});
        board.showCall({QStringLiteral("A-008"), QueueKind::Request, false, 4, at.addSecs(-120), false});
        board.showCall({QStringLiteral("A-007"), QueueKind::Request, false, 2, at, false});
        board.setWaiting(QueueKind::Request, 12);
        board.setWaiting(QueueKind::Pickup, 3);
        board.setWaiting(QueueKind::Help, 1);
    }
    void cleanupTestCase()
    {
        display.reset();
        h.reset();
    }

    void displayShowsEveryLoket_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1920x1080") << QSize(1920, 1080);
        QTest::newRow("1366x768") << QSize(1366, 768);
    }
    void displayShowsEveryLoket()
    {
        QFETCH(QSize, size);
        display->resize(size);
        waitForFrame(display.get());
        const QString file = QDir(m_outDir).filePath(QStringLiteral("%1x%2.png").arg(size.width()).arg(size.height()));
        QVERIFY(display->grabWindow().save(file));
        QCOMPARE(display->size(), size);

        QQuickItem *root = display->contentItem();
        for (const auto &[counter, label] : m_serving) {
            QQuickItem *name = findItem(root, QStringLiteral("counterName%1").arg(counter));
            QQuickItem *number = findItem(root, QStringLiteral("counterNumber%1").arg(counter));
            QVERIFY2(name && number, qPrintable(QStringLiteral("loket %1 is not shown").arg(counter)));
            QCOMPARE(name->property("text").toString(), QStringLiteral("LOKET %1").arg(counter));
            QCOMPARE(number->property("text").toString(), label);
            // Readable from 5 m: the number is at least a thirteenth of the screen's height.
            QVERIFY2(number->property("contentHeight").toReal() >= size.height() / 13.0,
                qPrintable(QStringLiteral("%1 is %2 px high").arg(label).arg(number->property("contentHeight").toReal())));
        }
        QVERIFY(findItem(root, QStringLiteral("counterPriority3")));
        QVERIFY(!findItem(root, QStringLiteral("counterPriority1")));
        // The newest call flashes: amber, the others stay dark.
        QCOMPARE(findItem(root, QStringLiteral("counterCard2"))->property("color").value<QColor>(), QColor(QStringLiteral("#ffd54f")));
        QVERIFY(findItem(root, QStringLiteral("counterCard1"))->property("color").value<QColor>() != QColor(QStringLiteral("#ffd54f")));

        const QStringList recent {
            QStringLiteral("A-007"), QStringLiteral("A-008"), QStringLiteral("C-012"), QStringLiteral("B-003"), QStringLiteral("A-006")};
        for (int i = 0; i < recent.size(); ++i)
            QCOMPARE(findItem(root, QStringLiteral("recentLabel%1").arg(i))->property("text").toString(), recent.at(i));
        QVERIFY(findItem(root, QStringLiteral("waitingTextA"))->property("text").toString().contains(QStringLiteral("12 menunggu")));
        QVERIFY(findItem(root, QStringLiteral("waitingTextB"))->property("text").toString().contains(QStringLiteral("Pengambilan surat")));
        QVERIFY(findItem(root, QStringLiteral("waitingTextC"))->property("text").toString().contains(QStringLiteral("1 menunggu")));
        QCOMPARE(findItem(root, QStringLiteral("displayOffice"))->property("text").toString(), h->areas->board.officeName());
        QVERIFY(!findItem(root, QStringLiteral("displayNoCalls")));
        checkTexts(display.get(), display->contentItem(), QStringLiteral("%1x%2").arg(size.width()).arg(size.height()));
    }

    void newCallReplacesTheLoketNumber()
    {
        display->resize(1920, 1080);
        h->areas->board.showCall({QStringLiteral("B-004"), QueueKind::Pickup, false, 1, QDateTime::currentDateTime(), false});
        waitForFrame(display.get());
        QQuickItem *root = display->contentItem();
        QCOMPARE(findItem(root, QStringLiteral("counterNumber1"))->property("text").toString(), QStringLiteral("B-004"));
        QCOMPARE(findItem(root, QStringLiteral("recentLabel0"))->property("text").toString(), QStringLiteral("B-004"));
        QCOMPARE(findItem(root, QStringLiteral("counterCard1"))->property("color").value<QColor>(), QColor(QStringLiteral("#ffd54f")));
        QVERIFY(findItem(root, QStringLiteral("counterCard2"))->property("color").value<QColor>() != QColor(QStringLiteral("#ffd54f")));
        // Back to what the other functions expect.
        h->areas->board.showCall({QStringLiteral("B-003"), QueueKind::Pickup, false, 1, QDateTime::currentDateTime(), true});
    }

    void welcomeScreenShowsTheBand_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1920x1080") << QSize(1920, 1080);
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1080x1920") << QSize(1080, 1920);
    }
    void welcomeScreenShowsTheBand()
    {
        QFETCH(QSize, size);
        h->areas->flow.goHome();
        h->resize(size);
        for (const auto &[counter, label] : m_serving) {
            QQuickItem *item = h->waitFor(QStringLiteral("bandCall%1").arg(counter));
            QVERIFY2(item, qPrintable(QStringLiteral("loket %1 is not in the band").arg(counter)));
            QCOMPARE(item->property("text").toString(), QStringLiteral("%1 → Loket %2").arg(label).arg(counter));
        }
        waitForFrame(h->window);
        QVERIFY(h->window->grabWindow().save(
            QDir(m_outDir).filePath(QStringLiteral("welcome-%1x%2.png").arg(size.width()).arg(size.height()))));
        checkTexts(h->window, h->find(QStringLiteral("callBand")), QStringLiteral("welcome %1x%2").arg(size.width()).arg(size.height()));
    }

    void displayStaysIndonesianWhenTheKioskSpeaksEnglish()
    {
        h->areas->flow.goHome();
        h->areas->flow.setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(h->waitFor(QStringLiteral("bandCall1"))->property("text").toString(), QStringLiteral("B-003 → Counter 1"));
        waitForFrame(display.get());
        QQuickItem *root = display->contentItem();
        QCOMPARE(findItem(root, QStringLiteral("counterName1"))->property("text").toString(), QStringLiteral("LOKET 1"));
        QVERIFY(findItem(root, QStringLiteral("waitingTextB"))->property("text").toString().contains(QStringLiteral("Pengambilan surat")));
        h->areas->flow.setLanguage(QStringLiteral("id"));
    }

    void emptyBoardSaysSo()
    {
        h->areas->board.clearCalls();
        waitForFrame(display.get());
        QVERIFY(findItem(display->contentItem(), QStringLiteral("displayNoCalls")));
        QVERIFY(!findItem(display->contentItem(), QStringLiteral("counterCard1")));
        QVERIFY(!h->find(QStringLiteral("callBand")));
    }
};

QTEST_MAIN(TestCallingDisplay)
#include "tst_callingdisplay.moc"
