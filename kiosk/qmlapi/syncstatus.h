#pragma once

#include <QObject>
#include <QString>

namespace kiosk {

class OutboxRepository;

/// The link to the kecamatan as the kiosk sees it: what waits to be sent and the last problem.
/// Counts are read from the store when something happened (a sync, a new request), never in a getter.
class SyncStatus : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int outboxDepth READ outboxDepth NOTIFY changed)
    /// Survey responses stored here that the backend does not have yet.
    Q_PROPERTY(int surveysWaiting READ surveysWaiting NOTIFY changed)
    /// Handovers recorded here that the backend has not been told about yet.
    Q_PROPERTY(int handoversWaiting READ handoversWaiting NOTIFY changed)
    /// Requirement pages stored here that the backend does not have whole yet.
    Q_PROPERTY(int pagesWaiting READ pagesWaiting NOTIFY changed)
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
    Q_PROPERTY(int rounds READ rounds NOTIFY changed)

public:
    explicit SyncStatus(OutboxRepository &outbox, QObject *parent = nullptr);

    [[nodiscard]] int outboxDepth() const { return m_outboxDepth; }
    [[nodiscard]] int surveysWaiting() const { return m_surveysWaiting; }
    [[nodiscard]] int handoversWaiting() const { return m_handoversWaiting; }
    [[nodiscard]] int pagesWaiting() const { return m_pagesWaiting; }
    [[nodiscard]] QString problem() const { return m_problem; }
    [[nodiscard]] int rounds() const { return m_rounds; }

public Q_SLOTS:
    /// From the sync service after each round.
    void handleSynced(int outboxDepth, const QString &problem);
    /// Something was stored for the backend (a request, a survey, a handover): count again and
    /// ask the sync service to deliver it now.
    void deliverSoon();

Q_SIGNALS:
    void changed();
    /// The sync service should start a round now.
    void deliveryWanted();
    /// After each sync round (the status screen and the staff desk refresh then).
    void synced();

private:
    void recount();

    OutboxRepository &m_outbox;
    int m_outboxDepth = 0;
    int m_surveysWaiting = 0;
    int m_handoversWaiting = 0;
    int m_pagesWaiting = 0;
    QString m_problem;
    int m_rounds = 0;
};

} // namespace kiosk
