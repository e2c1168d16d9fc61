#pragma once

#include <QObject>
#include <QStringList>
#include <QVariantList>

namespace kiosk {

class LetterRequest;
class OutboxRepository;
class VisitFlow;

/// The satisfaction survey after a visit: the nine IKM questions (PermenPAN-RB 14/2017),
/// stored anonymously for the backend.
class Survey : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QStringList questions READ questions NOTIFY questionsChanged)
    Q_PROPERTY(int given READ given NOTIFY givenChanged)

public:
    Survey(VisitFlow &flow, const LetterRequest &request, OutboxRepository &outbox, QObject *parent = nullptr);

    [[nodiscard]] QStringList questions() const;
    /// Surveys answered on this kiosk since it started.
    [[nodiscard]] int given() const { return m_given; }

    Q_INVOKABLE void open();
    /// Nine answers 1–4 (0 = not answered; a survey not fully answered is not stored); then home.
    Q_INVOKABLE void submit(const QVariantList &answers);

Q_SIGNALS:
    void questionsChanged();
    void givenChanged();
    /// A response was stored: the sync service should deliver it now.
    void responseQueued();

private:
    VisitFlow &m_flow;
    const LetterRequest &m_request;
    OutboxRepository &m_outbox;
    int m_given = 0;
};

} // namespace kiosk
