#pragma once

#include "protocol.h"

#include <QDateTime>
#include <QObject>
#include <optional>

namespace serverlink {
struct LinkResponse;
} // namespace serverlink

namespace kiosk {

class CatalogModel;
class LiveLink;
class OutboxRepository;
class RequestChanges;
class StaffLogin;

/// A request opened at the staff desk by its registration number or its ticket's QR, this kiosk's or another's of
/// the kecamatan (asked of the backend now), and withdrawn there with a reason any time before READY: the
/// cancellation is kept durably and delivered once (POST /requests/{reg}/cancel) with the staff member as actor.
class RequestDesk : public QObject
{
    Q_OBJECT
    /// True while the backend is being asked.
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    /// True while a request is open.
    Q_PROPERTY(bool open READ isOpen NOTIFY changed)
    Q_PROPERTY(QString registrationNumber READ registrationNumber NOTIFY changed)
    Q_PROPERTY(QString serviceName READ serviceName NOTIFY changed)
    Q_PROPERTY(QString maskedName READ maskedName NOTIFY changed)
    Q_PROPERTY(QString stageLabel READ stageLabel NOTIFY changed)
    /// Staff may withdraw it: before READY, not rejected or cancelled, no cancellation of it waiting.
    Q_PROPERTY(bool mayCancel READ mayCancel NOTIFY changed)
    /// Staff may fix it for the citizen ("Perbaiki"): returned (NEEDS_FIX), no revision of it waiting or sent since.
    Q_PROPERTY(bool mayFix READ mayFix NOTIFY changed)
    /// The fix needs the citizen's NIK first: the request was opened by its number (the backend shows staff the
    /// detailed request only with the ticket or the NIK).
    Q_PROPERTY(bool fixNeedsNik READ fixNeedsNik NOTIFY changed)
    /// What happened last (found, offline, cancelled, why not), in the kiosk's language.
    Q_PROPERTY(QString message READ message NOTIFY changed)

public:
    /// `changes` keeps the cancellation until the backend has it (the same queue as a citizen's); null: not offered.
    RequestDesk(const StaffLogin &login, OutboxRepository &outbox, RequestChanges *changes, const CatalogModel &catalog, LiveLink *live,
        QObject *parent = nullptr);

    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] bool isOpen() const { return !m_registration.isEmpty(); }
    [[nodiscard]] QString registrationNumber() const { return m_registration; }
    [[nodiscard]] QString serviceName() const;
    [[nodiscard]] QString maskedName() const { return m_maskedName; }
    [[nodiscard]] QString stageLabel() const;
    [[nodiscard]] bool mayCancel() const;
    [[nodiscard]] bool mayFix() const;
    [[nodiscard]] bool fixNeedsNik() const { return mayFix() && !(m_view && m_view->detailed); }
    [[nodiscard]] QString message() const { return m_message; }
    /// Stages at which staff may still withdraw a request (DESIGN: any time before READY).
    [[nodiscard]] static bool cancellableAt(serverlink::Stage stage);

    /// Opens request `registrationNumber`: the backend's view when it answers, else this kiosk's own record.
    Q_INVOKABLE void openRequest(const QString &registrationNumber);
    /// Opens the request a ticket's QR (`payload`, as scanned) belongs to.
    void openTicket(const QString &payload);
    /// Withdraws the open request with `reason` (required) in the signed-in staff member's name.
    Q_INVOKABLE bool cancelRequest(const QString &reason);
    /// "Perbaiki": opens the fix of the open request in the signed-in staff member's name (proof.actor); with the
    /// request opened by its number, asks the backend for it again with the citizen's `nik` first.
    Q_INVOKABLE void fixRequest(const QString &nik = {});
    Q_INVOKABLE void close();

Q_SIGNALS:
    void changed();
    /// Staff fix the request `view` (detailed, NEEDS_FIX) with `proof` (actor = the staff member).
    void fixWanted(const serverlink::RequestView &view, const serverlink::RequestProof &proof);
    /// A cancellation was kept: the sync service should deliver it now.
    void cancelQueued();

private:
    void ask(
        const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers, const QString &localRegistration, bool forFix = false);
    /// Emits fixWanted() for the open, detailed view.
    void openFix();
    void answer(const serverlink::LinkResponse &response, const QString &localRegistration, bool forFix);
    /// This kiosk's own record of the request; false when it has none.
    bool showLocal(const QString &registrationNumber, const QString &note);
    void setMessage(const QString &message);

    const StaffLogin &m_login;
    OutboxRepository &m_outbox;
    RequestChanges *m_changes;
    const CatalogModel &m_catalog;
    LiveLink *m_live;
    bool m_busy = false;
    int m_asked = 0; // the latest question; older answers are dropped
    QString m_registration;
    QString m_serviceCode;
    QString m_maskedName;
    serverlink::Stage m_stage = serverlink::Stage::Queued;
    std::optional<serverlink::RequestView> m_view; // the backend's answer (absent: this kiosk's own record)
    QDateTime m_viewAt; // when the backend gave it
    QString m_message;
};

} // namespace kiosk
