#include "survey.h"

#include "outbox.h"
#include "visitflow.h"

#include <QCoreApplication>
#include <QDebug>
#include <QUuid>

namespace kiosk {

Survey::Survey(VisitFlow &flow, OutboxRepository &outbox, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_outbox(outbox)
{
    connect(&m_flow, &VisitFlow::languageChanged, this, &Survey::questionsChanged);
    connect(&m_flow, &VisitFlow::wiped, this, &Survey::reset);
}

QStringList Survey::questions() const
{
    // The nine elements of the IKM (PermenPAN-RB 14/2017), asked in plain words.
    return {tr("Persyaratan: apakah persyaratan surat mudah dipahami dan dipenuhi?"),
        tr("Prosedur: apakah cara mengajukan surat di anjungan ini mudah?"), tr("Waktu: apakah waktu penyelesaian yang dijanjikan wajar?"),
        tr("Biaya: apakah layanan ini gratis sesuai ketentuan?"), tr("Hasil: apakah surat yang Anda terima sesuai yang Anda minta?"),
        tr("Kemampuan petugas: apakah petugas paham dan cakap membantu?"), tr("Sikap petugas: apakah petugas sopan dan ramah?"),
        tr("Pengaduan: apakah tersedia cara menyampaikan keluhan dan saran?"),
        tr("Sarana: apakah anjungan dan ruang pelayanan nyaman dan bersih?")};
}

QVariantList Survey::profileQuestions() const
{
    QVariantList out;
    for (const serverlink::SurveyProfileQuestion &q : serverlink::surveyProfileQuestions()) {
        QVariantList choices;
        for (const serverlink::WireChoice &c : q.choices)
            choices.append(QVariantMap {{QStringLiteral("wire"), QString::fromLatin1(c.wire)},
                {QStringLiteral("label"), QCoreApplication::translate("Survey", c.label)}});
        out.append(QVariantMap {{QStringLiteral("key"), QString::fromLatin1(q.key)},
            {QStringLiteral("label"), QCoreApplication::translate("Survey", q.label)}, {QStringLiteral("choices"), choices}});
    }
    return out;
}

int Survey::maxSuggestionLength()
{
    return serverlink::SurveyResponse::kMaxSuggestionLength;
}

void Survey::reset()
{
    m_serviceCode.clear();
    if (m_atPickup) {
        m_atPickup = false;
        Q_EMIT offerChanged();
    }
}

void Survey::open()
{
    reset();
    m_flow.show(VisitFlow::Survey);
}

void Survey::offerAfterPickup(const QString &serviceCode)
{
    m_serviceCode = serviceCode;
    m_atPickup = true;
    Q_EMIT offerChanged();
    m_flow.show(VisitFlow::Survey);
}

void Survey::submit(const QVariantList &answers, const QVariantMap &profile, const QString &suggestion)
{
    serverlink::SurveyResponse response;
    response.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    response.serviceCode = m_serviceCode;
    response.at = QDateTime::currentDateTimeUtc();
    bool any = false;
    for (int i = 0; i < serverlink::SurveyResponse::kElements; ++i) {
        const int v = answers.value(i).toInt();
        any = any || (v >= 1 && v <= 4);
        response.answers.append(v >= 1 && v <= 4 ? v : 0);
    }
    // Only answers the survey offers travel; anything else is dropped, never refused at the backend.
    for (auto it = profile.cbegin(); it != profile.cend(); ++it)
        if (!serverlink::surveyProfileLabel(it.key(), it.value().toString()).isEmpty())
            response.profile.insert(it.key(), it.value().toString());
    response.suggestion = suggestion.trimmed().left(serverlink::SurveyResponse::kMaxSuggestionLength);
    // IKM needs all nine answers; an incomplete survey counts as skipped.
    if (any && !response.answers.contains(0)) {
        if (const Status stored = m_outbox.enqueueSurvey(response); !stored) {
            // The citizen is thanked either way; a lost answer is a technician's matter, not theirs.
            qWarning().noquote() << "survey response not stored:" << stored.error().message;
            m_flow.goHome();
            return;
        }
        ++m_given;
        Q_EMIT givenChanged();
        Q_EMIT responseQueued();
    }
    m_flow.goHome();
}

} // namespace kiosk
