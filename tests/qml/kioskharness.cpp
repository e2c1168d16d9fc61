#include "kioskharness.h"

#include "autopilot.h"
#include "crypto.h"
#include "qmlsingletons.h"
#include "teststaff.h"

#include <QDir>
#include <QFile>
#include <QInputMethodEvent>
#include <QQmlContext>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(AnjunganDesaPlugin)

// As on the kiosk: the on-screen keyboard is the input method (set before the application starts).
static void useVirtualKeyboard()
{
    qputenv("QT_IM_MODULE", QByteArrayLiteral("qtvirtualkeyboard"));
}
Q_CONSTRUCTOR_FUNCTION(useVirtualKeyboard)

const QString KioskHarness::kStaffPin = teststaff::kPin;
const QString KioskHarness::kTechnicianCard = teststaff::card('T');
const QString KioskHarness::kStaffCard = teststaff::card('S');

namespace {
QQuickItem *findIn(QQuickItem *root, const QString &name)
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->objectName() == name)
        return root;
    for (QQuickItem *child : root->childItems())
        if (QQuickItem *found = findIn(child, name))
            return found;
    return nullptr;
}

void collectTexts(QQuickItem *root, QList<QQuickItem *> &out)
{
    if (!root || !root->isVisible() || root->opacity() == 0)
        return;
    if (root->inherits("QQuickText") || root->inherits("QQuickTextInput") || root->inherits("QQuickTextEdit"))
        out.append(root);
    for (QQuickItem *child : root->childItems())
        collectTexts(child, out);
}

// Scrolls every enclosing Flickable so that `item` is inside its viewport; false when it cannot.
bool reveal(QQuickItem *item)
{
    bool inView = true;
    for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
        if (!p->inherits("QQuickFlickable"))
            continue;
        QQuickItem *content = p->property("contentItem").value<QQuickItem *>();
        if (!content)
            continue;
        const qreal top = item->mapToItem(content, QPointF(0, 0)).y();
        const qreal bottom = top + item->height();
        const qreal viewTop = p->property("contentY").toReal();
        const qreal maxY = std::max<qreal>(0, p->property("contentHeight").toReal() - p->height());
        qreal y = viewTop;
        if (top < viewTop)
            y = top - 20;
        else if (bottom > viewTop + p->height())
            y = bottom - p->height() + 20;
        p->setProperty("contentY", std::clamp<qreal>(y, 0, maxY));
        const qreal now = p->property("contentY").toReal();
        inView = inView && top + item->height() / 2 >= now && top + item->height() / 2 <= now + p->height();
    }
    return inView;
}
} // namespace

KioskHarness::KioskHarness(int idleWarnMs, int idleWipeMs, int staffIdleMs, const QString &dataDir, kiosk::QueueBook::Settings queue,
    kiosk::LiveLink *live, std::optional<kiosk::TechnicianSettings> technician, const kiosk::SealVerifier *sealVerifier)
{
    const QDir data(dataDir.isEmpty() ? dir.path() : dataDir);
    if (const kiosk::Status opened = store.open(data.filePath(QStringLiteral("kiosk.sqlite"))); !opened)
        qFatal("store: %s", qPrintable(opened.error().message));
    const auto deviceKey = kiosk::loadOrCreateDeviceKey(data.filePath(QStringLiteral("device.key")));
    if (!deviceKey)
        qFatal("device key: %s", qPrintable(deviceKey.error().message));
    key = *deviceKey;
    outbox = std::make_unique<kiosk::OutboxRepository>(store, key);
    changes = std::make_unique<kiosk::RequestChanges>(store, key);
    QFile catalogFile(QStringLiteral(KIOSK_CATALOG_JSON));
    if (!catalogFile.open(QIODevice::ReadOnly) || !catalog.loadJson(catalogFile.readAll()))
        qFatal("cannot load the default catalog %s", KIOSK_CATALOG_JSON);
    staff = std::make_unique<kiosk::StaffDirectory>(store, key);
    if (!staff->credentials())
        if (const kiosk::Status saved = staff->save(QStringLiteral("\"test\""), teststaff::withTechnician().toJson()); !saved)
            qFatal("staff: %s", qPrintable(saved.error().message));
    idle = std::make_unique<kiosk::IdleMonitor>(idleWarnMs, idleWipeMs);
    idle->setStaffTimeout(staffIdleMs);
    idle->watchApplication();
    print = std::make_unique<devices::PrintJobTracker>(20, 2000);
    auto ticket = std::make_unique<CapturingPrinter>();
    auto letter = std::make_unique<CapturingPrinter>();
    ticketPrinter = ticket.get();
    letterPrinter = letter.get();
    print->addPrinter(QStringLiteral("ticket"), std::move(ticket));
    print->addPrinter(QStringLiteral("letter"), std::move(letter));
    print->start();
    complaints = std::make_unique<kiosk::ComplaintBox>(store, key);
    technicianStick = data.filePath(QStringLiteral("flashdisk-teknisi"));
    data.mkpath(technicianStick);
    stickSpool = data.filePath(QStringLiteral("stick-spool"));
    const QString configPath = data.filePath(QStringLiteral("anjungan.conf"));
    if (QFile config(configPath); config.open(QIODevice::WriteOnly))
        config.write("[kiosk]\nid = TEST-1\n[server]\nurl = https://backend.invalid/api/v1\nclientKey = /etc/anjungan/kiosk.key\n"
                     "proxy = http://teknisi:rahasia@10.0.0.1:3128\n");
    areas = std::make_unique<kiosk::KioskAreas>(
        kiosk::KioskServices {*outbox, catalog, *staff, *idle, *print, QStringLiteral("Kantor Desa Pitu"), sealVerifier, std::move(queue),
            live, QStringLiteral("Senin–Jumat 08.00–15.00"), serverlink::WorkingCalendar::builtIn(), changes.get(), complaints.get(),
            technician.value_or(kiosk::TechnicianSettings {QStringLiteral("TEST-1"), data.path(), configPath, QStringLiteral("uji"), {},
                QStringLiteral("https://backend.invalid/api/v1"), data.filePath(QStringLiteral("kiosk.crt")), technicianStick, {}, {}, {},
                stickSpool})});
    wedge = std::make_unique<devices::WedgeScanner>();
    wedge->start();
    QObject::connect(wedge.get(), &devices::Scanner::scanned, areas.get(),
        [this](const QString &payload) { areas->handleScanFrom(wedge->uri(), payload); });
}

QString escPosText(const QByteArray &job)
{
    QByteArray text;
    for (qsizetype i = 0; i < job.size(); ++i) {
        const char c = job.at(i);
        if (c == 0x1b) // ESC @ (2 bytes), ESC a/E/t/d n (3 bytes)
            i += job.mid(i + 1, 1) == "@" ? 1 : 2;
        else if (c == 0x1d) // GS ! n (3 bytes), GS V m n (4 bytes)
            i += job.mid(i + 1, 1) == "V" ? 3 : 2;
        else
            text.append(c);
    }
    return QString::fromLatin1(text);
}

kiosk::QueuedRequest KioskHarness::readyLetter(const QString &nik)
{
    const auto queued = outbox->enqueue(
        {QStringLiteral("SKTM"), nik, QStringLiteral("Siti Aminah"), QStringLiteral("Dusun Krajan"), QStringLiteral("Sekolah"), {}, {}});
    if (!queued.ok())
        return {};
    const QByteArray letter = "%PDF-1.4 surat " + queued->registrationNumber.toLatin1();
    const QString path = dir.filePath(queued->registrationNumber + QStringLiteral(".pdf"));
    QFile pdf(path);
    if (!outbox->markDelivered(queued->id)
        || !outbox->applyChange({0, queued->registrationNumber, serverlink::Stage::Ready, {}, QDateTime::currentDateTimeUtc(), true})
        || !pdf.open(QIODevice::WriteOnly) || pdf.write(letter) != letter.size())
        return {};
    pdf.close();
    if (!outbox->setLetter(queued->registrationNumber, path, QString::fromLatin1(serverlink::crypto::sha256(letter).toHex())))
        return {};
    return queued.value();
}

bool KioskHarness::signInStaff()
{
    scan(kStaffCard);
    if (!waitForScreen(QStringLiteral("staffLogin")))
        return false;
    for (const QChar digit : kStaffPin)
        if (!tap(QStringLiteral("numpad-") + digit))
            return false;
    return tap(QStringLiteral("numpad-OK")) && waitForScreen(QStringLiteral("staff"));
}

KioskHarness::~KioskHarness()
{
    engine.reset();
    kiosk::qml::Areas::areas = nullptr;
    kiosk::qml::Areas::idle = nullptr;
}

bool KioskHarness::load(QSize size)
{
    kiosk::qml::Areas::areas = areas.get();
    kiosk::qml::Areas::idle = idle.get();
    engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral("qrc:/"));
    translations = std::make_unique<kiosk::Translations>(*engine);
    areas->flow.setLanguageApplier([this](const QString &language) { translations->apply(language); });
    engine->load(QUrl(QStringLiteral("qrc:/AnjunganDesa/Main.qml")));
    if (engine->rootObjects().isEmpty())
        return false;
    window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
    resize(size);
    return window && QTest::qWaitForWindowExposed(window);
}

void KioskHarness::resize(QSize size)
{
    window->resize(size);
    QCoreApplication::processEvents();
}

QQuickItem *KioskHarness::find(const QString &objectName, QQuickItem *within) const
{
    return findIn(within ? within : window->contentItem(), objectName);
}

QQuickItem *KioskHarness::waitFor(const QString &objectName, int timeoutMs, QQuickItem *within)
{
    QDeadlineTimer deadline(timeoutMs);
    QQuickItem *item = nullptr;
    while (!(item = find(objectName, within)) && !deadline.hasExpired())
        QTest::qWait(10);
    return item;
}

bool KioskHarness::tapItem(QQuickItem *item)
{
    if (!item || !item->isEnabled())
        return false;
    // A layout that settles a frame later (a card just added) can move the item after the scroll:
    // scroll again until it stays put.
    bool inView = false;
    for (int attempt = 0; attempt < 10; ++attempt) {
        inView = reveal(item);
        const QPointF before = item->mapToScene(QPointF(0, 0));
        QTest::qWait(20); // let the scene graph catch up with the scroll
        if (inView && item->mapToScene(QPointF(0, 0)) == before)
            break;
    }
    if (!inView) {
        qWarning() << "cannot scroll" << item->objectName() << "into view";
        return false;
    }
    const QPoint centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
    // A finger lifts between taps: separate presses by more than the double-click interval of
    // the synthetic event clock, so two quick taps are never read as one double click.
    QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, centre, 1000);
    ++taps;
    QCoreApplication::processEvents();
    return true;
}

bool KioskHarness::tap(const QString &objectName, QQuickItem *within)
{
    return tapItem(waitFor(objectName, 3000, within));
}

bool KioskHarness::type(const QString &fieldObjectName, const QString &text, QQuickItem *within)
{
    QQuickItem *field = waitFor(fieldObjectName, 3000, within);
    if (!field)
        return false;
    // The editable box inside the field (TextField or TextArea), whichever is visible.
    QQuickItem *box = nullptr;
    QList<QQuickItem *> stack {field};
    while (!stack.isEmpty() && !box) {
        QQuickItem *i = stack.takeFirst();
        if (i->isVisible() && (i->inherits("QQuickTextInput") || i->inherits("QQuickTextEdit")))
            box = i;
        stack.append(i->childItems());
    }
    if (!box)
        return false;
    reveal(box);
    box->forceActiveFocus();
    QCoreApplication::processEvents();
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(box, &commit);
    QCoreApplication::processEvents();
    return true;
}

void KioskHarness::scan(const QString &payload)
{
    kiosk::sendWedgeBurst(window, payload);
    QCoreApplication::processEvents();
}

QString KioskHarness::screen() const
{
    return kiosk::VisitFlow::screenName(areas->flow.screen());
}

QString KioskHarness::fieldError(const QString &key) const
{
    const kiosk::FormModel *form = areas->request.form();
    for (int row = 0; row < form->rowCount(); ++row)
        if (form->data(form->index(row), kiosk::FormModel::KeyRole).toString() == key)
            return form->data(form->index(row), kiosk::FormModel::ErrorRole).toString();
    return {};
}

bool KioskHarness::waitForScreen(const QString &name, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (screen() != name && !deadline.hasExpired())
        QTest::qWait(10);
    QTest::qWait(30); // let the Loader build the new screen
    return screen() == name;
}

QList<QQuickItem *> KioskHarness::visibleTexts(QQuickItem *within) const
{
    QList<QQuickItem *> out;
    collectTexts(within ? within : window->contentItem(), out);
    return out;
}
