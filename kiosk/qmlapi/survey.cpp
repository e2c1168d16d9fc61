#include "survey.h"

#include "letterrequest.h"
#include "outbox.h"
#include "visitflow.h"

#include <QDebug>
#include <QUuid>

namespace kiosk {

Survey::Survey(VisitFlow &flow, const LetterRequest &request, OutboxRepository &outbox, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_request(request)
    , m_outbox(outbox)
{
    connect(&m_flow, &VisitFlow::languageChanged, this, &Survey::questionsChanged);
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

void Survey::open()
{
    m_flow.show(VisitFlow::Survey);
}

void Survey::submit(const QVariantList &answers)
{
    serverlink::SurveyResponse response;
    response.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    response.serviceCode = m_request.lastServiceCode();
    response.at = QDateTime::currentDateTimeUtc();
    bool any = false;
    for (int i = 0; i < serverlink::SurveyResponse::kElements; ++i) {
        const int v = answers.value(i).toInt();
        any = any || (v >= 1 && v <= 4);
        response.answers.append(v >= 1 && v <= 4 ? v : 0);
    }
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
