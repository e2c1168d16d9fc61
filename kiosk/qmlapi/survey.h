#pragma once

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>

namespace kiosk {

class OutboxRepository;
class VisitFlow;

/// The satisfaction survey (IKM, PermenPAN-RB 14/2017): the nine questions, the respondent profile and an
/// optional suggestion, stored anonymously for the backend. Offered at pick-up, right after staff recorded the
/// handover of a letter (linked to that letter's service only), and from the welcome screen.
class Survey : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QStringList questions READ questions NOTIFY questionsChanged)
    /// [{key, label, choices: [{wire, label}]}]: umur, jenis kelamin, pendidikan, pekerjaan.
    Q_PROPERTY(QVariantList profileQuestions READ profileQuestions NOTIFY questionsChanged)
    Q_PROPERTY(int maxSuggestionLength READ maxSuggestionLength CONSTANT)
    /// True when the survey was offered after a letter was handed over (the screen thanks for the visit).
    Q_PROPERTY(bool atPickup READ atPickup NOTIFY offerChanged)
    Q_PROPERTY(int given READ given NOTIFY givenChanged)

public:
    Survey(VisitFlow &flow, OutboxRepository &outbox, QObject *parent = nullptr);

    [[nodiscard]] QStringList questions() const;
    [[nodiscard]] QVariantList profileQuestions() const;
    [[nodiscard]] static int maxSuggestionLength();
    [[nodiscard]] bool atPickup() const { return m_atPickup; }
    /// Surveys answered on this kiosk since it started.
    [[nodiscard]] int given() const { return m_given; }

    /// From the welcome screen: a survey not linked to any service.
    Q_INVOKABLE void open();
    /// After a handover at the desk (staff have signed out): the citizen rates the service of the letter collected.
    void offerAfterPickup(const QString &serviceCode);
    /// Nine answers 1–4 (0 = not answered; a survey not fully answered is not stored), the profile (question key →
    /// wire word; unanswered questions absent) and the suggestion (cut to maxSuggestionLength); then home.
    Q_INVOKABLE void submit(const QVariantList &answers, const QVariantMap &profile = {}, const QString &suggestion = {});

Q_SIGNALS:
    void questionsChanged();
    void offerChanged();
    void givenChanged();
    /// A response was stored: the sync service should deliver it now.
    void responseQueued();

private:
    void reset();

    VisitFlow &m_flow;
    OutboxRepository &m_outbox;
    QString m_serviceCode;
    bool m_atPickup = false;
    int m_given = 0;
};

} // namespace kiosk
