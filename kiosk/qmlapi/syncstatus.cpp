#include "syncstatus.h"

#include "outbox.h"

namespace kiosk {

SyncStatus::SyncStatus(OutboxRepository &outbox, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
{
    recount();
}

void SyncStatus::recount()
{
    m_outboxDepth = m_outbox.depth();
    m_surveysWaiting = int(m_outbox.dueSurveys().size());
    m_handoversWaiting = int(m_outbox.handoversToSend().size());
    m_pagesWaiting = m_outbox.stats().pagesPending;
    Q_EMIT changed();
}

void SyncStatus::deliverSoon()
{
    recount();
    Q_EMIT deliveryWanted();
}

void SyncStatus::handleSynced(int outboxDepth, const QString &problem)
{
    m_problem = problem;
    ++m_rounds;
    recount();
    m_outboxDepth = outboxDepth;
    Q_EMIT changed();
    Q_EMIT synced();
}

} // namespace kiosk
