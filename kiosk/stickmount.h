#pragma once

#include "kioskresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

namespace kiosk {

/// Asks the root helper anjungan-stick (image/stick/) to mount the technician's USB stick at the export folder, or to
/// sync and unmount it: the kiosk runs unprivileged, so it writes "mount ID" or "unmount ID" to `SPOOL/request` and
/// waits for "ID ok" or "ID error CODE" in `SPOOL/result`. Without the spool folder (a developer's machine, a
/// folder standing in for the stick) there is no helper and every request succeeds at once.
class StickMount : public QObject
{
    Q_OBJECT
public:
    /// How long the helper may take (mounting a slow stick, syncing a large bundle).
    static constexpr int kTimeoutMs = 30000;
    static constexpr int kPollMs = 100;

    explicit StickMount(QString spoolDir, QObject *parent = nullptr);

    /// True when the helper's spool folder exists (the appliance image makes it).
    [[nodiscard]] bool hasHelper() const;
    [[nodiscard]] bool busy() const { return !m_id.isEmpty(); }
    /// Mounts the stick; finished() follows (at once without a helper).
    void mount() { ask(QStringLiteral("mount")); }
    /// Syncs and unmounts the stick; finished() follows.
    void unmount() { ask(QStringLiteral("unmount")); }

    /// The helper's error code ("no-stick", "two-sticks", "read-only", ...) as a sentence for the technician.
    [[nodiscard]] static QString describe(const QString &code);

Q_SIGNALS:
    /// The answer to mount() or unmount() (`action`): Done, or why not (Bahasa Indonesia).
    void finished(const QString &action, const kiosk::Status &result);

private:
    void ask(const QString &action);
    void poll();
    void finish(const Status &result);

    QString m_spool;
    QString m_action;
    QString m_id; // the request waiting for its answer; empty when none
    QTimer m_poll;
    QElapsedTimer m_since;
};

} // namespace kiosk
