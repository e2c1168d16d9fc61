#include "autopilot.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QMetaMethod>
#include <QMetaProperty>
#include <QMouseEvent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTimer>
#include <algorithm>

namespace kiosk {

void sendWedgeBurst(QWindow *window, const QString &text)
{
    // A scanner types far faster than a person: 3 ms between keys, ending in Enter.
    ulong timestamp = ulong(QDateTime::currentMSecsSinceEpoch() & 0x7fffffff);
    auto send = [&](int key, const QString &chr) {
        for (QEvent::Type type : {QEvent::KeyPress, QEvent::KeyRelease}) {
            QKeyEvent ev(type, key, Qt::NoModifier, chr);
            ev.setTimestamp(timestamp);
            QCoreApplication::sendEvent(window, &ev);
        }
        timestamp += 3;
    };
    for (QChar c : text)
        send(c.isDigit() ? Qt::Key_0 + c.digitValue() : c.toUpper().unicode(), QString(c));
    send(Qt::Key_Return, QStringLiteral("\r"));
}

namespace {
constexpr int kPollMs = 20;
constexpr int kDefaultTimeoutMs = 20000;
} // namespace

Autopilot::Autopilot(QHash<QString, QObject *> roots, QQuickWindow *window, QString scriptPath, QString outDir, QObject *parent)
    : QObject(parent)
    , m_roots(std::move(roots))
    , m_window(window)
    , m_scriptPath(std::move(scriptPath))
    , m_outDir(std::move(outDir))
{ }

void Autopilot::start()
{
    QDir().mkpath(m_outDir);
    m_logFile.setFileName(QDir(m_outDir).filePath(QFileInfo(m_scriptPath).completeBaseName() + QStringLiteral(".log")));
    m_logFile.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
    QFile script(m_scriptPath);
    QJsonParseError error;
    const QJsonDocument doc = script.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(script.readAll(), &error) : QJsonDocument();
    if (!doc.isObject()) {
        fail(QStringLiteral("script %1 unreadable or not a JSON object (%2)").arg(m_scriptPath, error.errorString()));
        return;
    }
    m_steps = doc.object().value(QStringLiteral("steps")).toArray();
    log(QStringLiteral("script %1: %2 steps").arg(m_scriptPath).arg(m_steps.size()));
    QTimer::singleShot(0, this, &Autopilot::next);
}

void Autopilot::log(const QString &line)
{
    const QString stamped = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz ")) + line;
    QTextStream(stderr) << "autopilot: " << line << '\n';
    if (m_logFile.isOpen()) {
        m_logFile.write(stamped.toUtf8() + '\n');
        m_logFile.flush();
    }
}

void Autopilot::fail(const QString &why)
{
    log(QStringLiteral("FAILED at step %1: %2").arg(m_index + 1).arg(why));
    Q_EMIT finished(1);
}

QString Autopilot::expand(const QString &text) const
{
    static const QRegularExpression var(QStringLiteral(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)\})"));
    QString out = text;
    auto it = var.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(1);
        const QString value = m_vars.contains(name) ? m_vars.value(name).toString() : qEnvironmentVariable(name.toLatin1().constData());
        out.replace(m.captured(0), value);
    }
    return out;
}

namespace {
// One step along a path: a property of an object or a gadget, or a key of a map.
QVariant member(const QVariant &from, const QString &name)
{
    if (QObject *object = from.value<QObject *>())
        return object->property(name.toLatin1().constData());
    const QMetaType type = from.metaType();
    if (type.flags() & QMetaType::IsGadget) {
        const QMetaObject *meta = type.metaObject();
        const int index = meta->indexOfProperty(name.toLatin1().constData());
        return index < 0 ? QVariant() : meta->property(index).readOnGadget(from.constData());
    }
    return from.toMap().value(name);
}
// Calls `name` with `args` converted to its parameter types: strings as they are, "5" for an int row.
bool invokeConverted(QObject *target, const QByteArray &name, const QStringList &args)
{
    const QMetaObject *meta = target->metaObject();
    for (int i = 0; i < meta->methodCount(); ++i) {
        const QMetaMethod method = meta->method(i);
        if (method.name() != name || method.parameterCount() != args.size() || args.size() > 4)
            continue;
        QVariantList values;
        for (int p = 0; p < args.size(); ++p) {
            QVariant v(args.at(p));
            if (!v.convert(method.parameterMetaType(p)))
                break;
            values.append(v);
        }
        if (values.size() != args.size())
            continue;
        auto arg = [&values](int p) {
            return p < values.size() ? QGenericArgument(values.at(p).typeName(), values.at(p).constData()) : QGenericArgument();
        };
        return method.invoke(target, Qt::DirectConnection, arg(0), arg(1), arg(2), arg(3));
    }
    return false;
}
} // namespace

QVariant Autopilot::read(const QString &path) const
{
    const QStringList parts = path.split(QLatin1Char('.'));
    QVariant v = QVariant::fromValue(m_roots.value(parts.first()));
    for (qsizetype i = 1; i < parts.size(); ++i)
        v = member(v, parts.at(i));
    return v;
}

QObject *Autopilot::owner(const QString &path) const
{
    return read(path.section(QLatin1Char('.'), 0, -2)).value<QObject *>();
}

void Autopilot::next()
{
    if (m_index >= m_steps.size()) {
        log(QStringLiteral("done: %1 steps passed").arg(m_steps.size()));
        Q_EMIT finished(0);
        return;
    }
    const QJsonObject step = m_steps.at(m_index).toObject();

    if (step.contains(QStringLiteral("expect"))) {
        const QString path = step.value(QStringLiteral("expect")).toString();
        const bool negate = step.contains(QStringLiteral("notEquals"));
        const QString want = expand(step.value(negate ? QStringLiteral("notEquals") : QStringLiteral("equals")).toVariant().toString());
        const QString have = read(path).toString();
        if (!m_waiting.isValid())
            m_waiting.start();
        if ((have == want) == negate) {
            if (m_waiting.elapsed() > step.value(QStringLiteral("timeoutMs")).toInt(kDefaultTimeoutMs)) {
                fail(QStringLiteral("expected %1 %2 '%3', is '%4'")
                         .arg(path, negate ? QStringLiteral("!=") : QStringLiteral("=="), want, have));
                return;
            }
            QTimer::singleShot(kPollMs, this, &Autopilot::next);
            return;
        }
        log(QStringLiteral("ok %1 %2 '%3' after %4 ms")
                .arg(path, negate ? QStringLiteral("!=") : QStringLiteral("=="), want)
                .arg(m_waiting.elapsed()));
        m_waiting.invalidate();
    } else if (step.contains(QStringLiteral("call"))) {
        const QString path = step.value(QStringLiteral("call")).toString();
        QObject *target = owner(path);
        const QByteArray method = path.section(QLatin1Char('.'), -1).toLatin1();
        QStringList args;
        const QJsonArray rawArgs = step.value(QStringLiteral("args")).toArray();
        for (const QJsonValue &a : rawArgs)
            args.append(expand(a.toVariant().toString()));
        if (!target) {
            fail(QStringLiteral("no object %1").arg(path.section(QLatin1Char('.'), 0, -2)));
            return;
        }
        bool ok = false;
        if (rawArgs.size() == 1 && rawArgs.first().isArray())
            ok = QMetaObject::invokeMethod(target, method.constData(), Q_ARG(QVariantList, rawArgs.first().toArray().toVariantList()));
        else if (args.isEmpty())
            ok = QMetaObject::invokeMethod(target, method.constData());
        else
            ok = invokeConverted(target, method, args);
        if (!ok) {
            fail(QStringLiteral("cannot call %1 with %2 arguments").arg(path).arg(args.size()));
            return;
        }
        log(QStringLiteral("call %1(%2)")
                .arg(path,
                    args.size() == 1 && path.contains(QLatin1String("Login")) ? QStringLiteral("***") : args.join(QStringLiteral(", "))));
    } else if (step.contains(QStringLiteral("set"))) {
        const QString path = step.value(QStringLiteral("set")).toString();
        QObject *target = owner(path);
        const QByteArray prop = path.section(QLatin1Char('.'), -1).toLatin1();
        if (!target || !target->setProperty(prop.constData(), expand(step.value(QStringLiteral("value")).toString()))) {
            fail(QStringLiteral("cannot set %1").arg(path));
            return;
        }
        log(QStringLiteral("set %1").arg(path));
    } else if (step.contains(QStringLiteral("wedge"))) {
        if (!m_window) {
            fail(QStringLiteral("no window to type into"));
            return;
        }
        sendWedgeBurst(m_window.data(), expand(step.value(QStringLiteral("wedge")).toString()));
        log(QStringLiteral("wedge scan (%1 characters)").arg(expand(step.value(QStringLiteral("wedge")).toString()).size()));
    } else if (step.contains(QStringLiteral("wait"))) {
        // A moment for what updates on its own (a camera preview) to catch up before a screenshot.
        const int ms = step.value(QStringLiteral("wait")).toInt();
        log(QStringLiteral("wait %1 ms").arg(ms));
        ++m_index;
        QTimer::singleShot(ms, this, &Autopilot::next);
        return;
    } else if (step.contains(QStringLiteral("tap"))) {
        const QString name = step.value(QStringLiteral("tap")).toString();
        QQuickItem *item = findItem(name);
        if (!item) {
            fail(QStringLiteral("no item %1 to tap").arg(name));
            return;
        }
        // A finger on the item's centre, held for holdMs (a long press on the office name opens the staff sign-in).
        const QPointF scene = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        const auto touch = [window = m_window, scene](QEvent::Type type) {
            if (!window)
                return;
            QMouseEvent ev(type, scene, scene, window->mapToGlobal(scene), Qt::LeftButton,
                type == QEvent::MouseButtonPress ? Qt::LeftButton : Qt::NoButton, Qt::NoModifier);
            QCoreApplication::sendEvent(window, &ev);
        };
        touch(QEvent::MouseButtonPress);
        const int holdMs = step.value(QStringLiteral("holdMs")).toInt(80);
        // Where, in window pixels: a test replays the same taps on a VM's touchscreen (tests/image/online-test).
        log(QStringLiteral("tap %1 (%2 ms) at %3,%4").arg(name).arg(holdMs).arg(qRound(scene.x())).arg(qRound(scene.y())));
        ++m_index;
        QTimer::singleShot(holdMs, this, [this, touch] {
            touch(QEvent::MouseButtonRelease);
            QTimer::singleShot(50, this, &Autopilot::next);
        });
        return;
    } else if (step.contains(QStringLiteral("reveal"))) {
        const QString name = step.value(QStringLiteral("reveal")).toString();
        QQuickItem *item = findItem(name);
        if (!item) {
            fail(QStringLiteral("no item %1 to reveal").arg(name));
            return;
        }
        // Scrolls the nearest Flickable so the item stands near its top, as a citizen would scroll to it.
        for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
            if (!p->inherits("QQuickFlickable"))
                continue;
            const auto *content = p->property("contentItem").value<QQuickItem *>();
            const qreal y = item->mapToItem(content, QPointF(0, 0)).y();
            const qreal bottom = std::max(0.0, p->property("contentHeight").toReal() - p->height());
            p->setProperty("contentY", std::clamp(y - 40, 0.0, bottom));
            break;
        }
        log(QStringLiteral("reveal %1").arg(name));
    } else if (step.contains(QStringLiteral("shot"))) {
        // "window": another top-level window by objectName (the calling display), else the kiosk's own.
        QQuickWindow *window = m_window;
        if (const QString name = step.value(QStringLiteral("window")).toString(); !name.isEmpty()) {
            window = nullptr;
            for (QWindow *w : QGuiApplication::topLevelWindows())
                if (w->objectName() == name)
                    window = qobject_cast<QQuickWindow *>(w);
        }
        if (!window) {
            fail(QStringLiteral("no window to photograph"));
            return;
        }
        const QString file = QDir(m_outDir).filePath(expand(step.value(QStringLiteral("shot")).toString()) + QStringLiteral(".png"));
        if (!window->grabWindow().save(file)) {
            fail(QStringLiteral("cannot save %1").arg(file));
            return;
        }
        log(QStringLiteral("screenshot %1").arg(file));
    } else if (step.contains(QStringLiteral("capture"))) {
        const QString name = step.value(QStringLiteral("as")).toString();
        const QString value = read(step.value(QStringLiteral("capture")).toString()).toString();
        m_vars.insert(name, value);
        QFile env(QDir(m_outDir).filePath(QStringLiteral("captured.env")));
        if (env.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            env.write(QStringLiteral("%1=%2\n").arg(name, value).toUtf8());
        log(QStringLiteral("captured %1").arg(name));
    } else {
        fail(QStringLiteral("unknown step %1").arg(QString::fromUtf8(QJsonDocument(step).toJson(QJsonDocument::Compact))));
        return;
    }
    ++m_index;
    // Let bindings and the scene graph settle before the next step.
    QTimer::singleShot(step.contains(QStringLiteral("call")) || step.contains(QStringLiteral("wedge")) ? 50 : 0, this, &Autopilot::next);
}

QQuickItem *Autopilot::findItem(const QString &objectName) const
{
    // The visual tree, not the object tree: a Repeater's delegates are children of its parent item only there.
    QList<QQuickItem *> stack {m_window ? m_window->contentItem() : nullptr};
    while (!stack.isEmpty()) {
        QQuickItem *i = stack.takeFirst();
        if (!i)
            continue;
        if (i->objectName() == objectName && i->isVisible())
            return i;
        stack.append(i->childItems());
    }
    return nullptr;
}

} // namespace kiosk
