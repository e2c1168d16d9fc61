#include "autopilot.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QMetaProperty>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTimer>

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

Autopilot::Autopilot(QObject *target, QQuickWindow *window, QString scriptPath, QString outDir, QObject *parent)
    : QObject(parent)
    , m_target(target)
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

QVariant Autopilot::read(const QString &path) const
{
    const QString prop = path.section(QLatin1Char('.'), 0, 0);
    const QString key = path.section(QLatin1Char('.'), 1);
    QVariant v = m_target->property(prop.toLatin1().constData());
    if (!key.isEmpty())
        v = v.toMap().value(key);
    return v;
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
        const QByteArray method = step.value(QStringLiteral("call")).toString().toLatin1();
        QStringList args;
        const QJsonArray rawArgs = step.value(QStringLiteral("args")).toArray();
        for (const QJsonValue &a : rawArgs)
            args.append(expand(a.toVariant().toString()));
        bool ok = false;
        if (rawArgs.size() == 1 && rawArgs.first().isArray())
            ok = QMetaObject::invokeMethod(m_target, method.constData(), Q_ARG(QVariantList, rawArgs.first().toArray().toVariantList()));
        else if (args.isEmpty())
            ok = QMetaObject::invokeMethod(m_target, method.constData());
        else if (args.size() == 1)
            ok = QMetaObject::invokeMethod(m_target, method.constData(), Q_ARG(QString, args.at(0)));
        else if (args.size() == 2)
            ok = QMetaObject::invokeMethod(m_target, method.constData(), Q_ARG(QString, args.at(0)), Q_ARG(QString, args.at(1)));
        if (!ok) {
            fail(QStringLiteral("cannot call %1 with %2 arguments").arg(QString::fromLatin1(method)).arg(args.size()));
            return;
        }
        log(QStringLiteral("call %1(%2)")
                .arg(QString::fromLatin1(method),
                    args.size() == 1 && method.contains("Login") ? QStringLiteral("***") : args.join(QStringLiteral(", "))));
    } else if (step.contains(QStringLiteral("set"))) {
        const QByteArray prop = step.value(QStringLiteral("set")).toString().toLatin1();
        if (!m_target->setProperty(prop.constData(), expand(step.value(QStringLiteral("value")).toString()))) {
            fail(QStringLiteral("cannot set %1").arg(QString::fromLatin1(prop)));
            return;
        }
        log(QStringLiteral("set %1").arg(QString::fromLatin1(prop)));
    } else if (step.contains(QStringLiteral("wedge"))) {
        if (!m_window) {
            fail(QStringLiteral("no window to type into"));
            return;
        }
        sendWedgeBurst(m_window.data(), expand(step.value(QStringLiteral("wedge")).toString()));
        log(QStringLiteral("wedge scan (%1 characters)").arg(expand(step.value(QStringLiteral("wedge")).toString()).size()));
    } else if (step.contains(QStringLiteral("shot"))) {
        if (!m_window) {
            fail(QStringLiteral("no window to photograph"));
            return;
        }
        const QString file = QDir(m_outDir).filePath(expand(step.value(QStringLiteral("shot")).toString()) + QStringLiteral(".png"));
        if (!m_window->grabWindow().save(file)) {
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

} // namespace kiosk
