#pragma once

#include "backendstore.h"
#include "result.h"
#include "servicecatalog.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace backend {

/// What the public side of the backend may be asked, and where SMS questions arrive: the [publik] and [sms_masuk]
/// sections of the backend's INI file (docs/decisions/0030-status-and-bulk-verification.md).
struct PublicSettings {
    int statusPerMinute = 10; // status look-ups (page and JSON together) per source address
    int statusBurst = 20;
    int sealsPerMinute = 1000; // seals in bulk verification requests per source address
    int sealBurst = 1000;
    int smsAnswersPerDay = 5; // status answers by SMS per sender number
    QString smsInbox; // Gammu SMSD files backend's InboxPath; empty: SMS questions are not read
    QString smsProcessed; // answered messages move here; default <inbox>/diproses
    int smsScanIntervalMs = 5000;

    /// Reads `path`; the defaults without it. A number below its minimum is raised to it: no limit can be switched off.
    [[nodiscard]] static Result<PublicSettings> load(const QString &path);
};

/// One step of a request as anyone holding its proof may see it: the stage and when, never the officer's note.
struct PublicStep {
    serverlink::Stage stage = serverlink::Stage::Received;
    QDateTime at;
};

/// What the public status page, its JSON and the SMS answer tell about a registration number (issue #18 item 4).
/// Every answer has the same fields, found or not; a malformed number is answered as an unknown one.
struct PublicStatusView {
    QString registrationNumber; // normalised when well-formed, else as typed (trimmed, at most 32 characters)
    bool found = false;
    QString serviceName;
    serverlink::Stage stage = serverlink::Stage::Received;
    QDateTime stageAt;
    QString maskedName; // serverlink::masking::name
    QString advice; // one Indonesian sentence: what happens next
    bool detailed = false; // the ticket's status token or the applicant's full NIK matched
    QList<PublicStep> history; // detailed only, oldest first
    QStringList bring; // detailed only: what to bring to the desa office now

    /// The JSON of GET /api/public/v1/status/{reg} (server-link/api/openapi.yaml, PublicStatus).
    [[nodiscard]] QByteArray toJson() const;
};

/// Status by registration number without a kiosk: the stage in plain words and a masked name for anyone, the
/// stage history and what to bring with the ticket's status token or the applicant's NIK. Officer notes, NIK,
/// address and phone never leave through it.
class PublicStatus
{
public:
    PublicStatus(BackendStore &store, const ServiceCatalog &catalog);

    /// The request `typed` names (any case, spaces and a missing dash tolerated); `statusToken` may carry the
    /// ticket QR's "ADT1:" prefix.
    [[nodiscard]] Result<PublicStatusView> look(const QString &typed, const QString &statusToken = {}, const QString &nik = {});

    /// "abcde 12345", "ABCDE12345", "abcde-12345" → "ABCDE-12345" (Crockford base32: O reads as 0, I and L as 1);
    /// nullopt unless 10 such characters.
    [[nodiscard]] static std::optional<QString> registrationNumber(const QString &typed);
    /// The registration number an SMS asks about: the whole text, optionally after "STATUS" or "CEK".
    [[nodiscard]] static std::optional<QString> registrationNumberInSms(const QString &text);

private:
    [[nodiscard]] QStringList whatToBring(const RequestRecord &request, const ServiceInfo &service);

    BackendStore &m_store;
    const ServiceCatalog &m_catalog;
};

} // namespace backend
