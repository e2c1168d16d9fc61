#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTextStream>
#include <QVariantHash>

class QQuickItem;
class QQuickWindow;
class QWindow;

namespace kiosk {

/// Types `text` into `window` the way a keyboard-wedge scanner does: one key press/release per
/// character, 3 ms apart by event timestamp, then Enter.
void sendWedgeBurst(QWindow *window, const QString &text);

/// Drives the kiosk through a scripted visit (JSON steps) on the real objects and screens:
/// the headless demo and the end-to-end test use it; technicians can replay a visit with it.
/// Paths start at a named object (the QML singleton's name) and follow properties, objects and
/// gadgets: "VisitFlow.screen", "LetterRequest.ticket.printed", "StaffLogin.desk.printLetter".
/// Steps: {"call": path, "args": [...]} (strings, converted to the parameter types where the method takes e.g. a row number; or one array
/// for a list argument), {"set": path, "value": v}, {"wedge": text} (typed as a keyboard-wedge scanner burst), {"expect": path,
/// "equals"|"notEquals": v, "timeoutMs": n},
/// {"reveal": objectName} (scrolls the item's Flickable to it), {"tap": objectName, "holdMs": n} (a finger on the item's centre,
/// held n ms, 80 by default), {"wait": ms}, {"shot": name} (PNG of the window; "window": objectName for another
/// top-level window, e.g. "callingDisplay"), {"capture": path, "as": VAR}. Enums read as their key ("Welcome"). Strings may use ${VAR} from
/// captures or the environment; captures are also written to <out>/captured.env.
class Autopilot : public QObject
{
    Q_OBJECT
public:
    Autopilot(QHash<QString, QObject *> roots, QQuickWindow *window, QString scriptPath, QString outDir, QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void next();
    void fail(const QString &why);
    void log(const QString &line);
    [[nodiscard]] QString expand(const QString &text) const;
    [[nodiscard]] QVariant read(const QString &path) const;
    /// The object a call or set acts on: every segment of `path` but the last; null when absent.
    [[nodiscard]] QObject *owner(const QString &path) const;
    /// The visible item named `objectName` in the window; null when there is none.
    [[nodiscard]] QQuickItem *findItem(const QString &objectName) const;

    QHash<QString, QObject *> m_roots;
    QPointer<QQuickWindow> m_window;
    QString m_scriptPath;
    QString m_outDir;
    QJsonArray m_steps;
    int m_index = 0;
    QVariantHash m_vars;
    QElapsedTimer m_waiting;
    QFile m_logFile;
};

} // namespace kiosk
