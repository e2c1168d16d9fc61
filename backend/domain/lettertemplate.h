#pragma once

#include "backendstore.h"
#include "letterrenderer.h"
#include "offices.h"
#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace backend {

struct ServiceInfo;

/// How the letter of one service is worded and numbered (catalog/letters.json).
struct LetterTemplate {
    QString serviceCode;
    QString klasifikasi; // kode klasifikasi in the nomor surat: 470 kependudukan, 474.x catatan sipil, 503 perizinan…
    int slaDays = 0; // days one step may take before the officer responsible is reminded
    QString title; // empty: the service name in capitals
    QString statement; // after "Orang tersebut di atas "; {desa}, {kecamatan}, {kabupaten}; empty: the catalog's
    QStringList fields; // form field keys printed, in this order; empty: every field of the service
    QString signerTitle; // {desa}, {kecamatan}; empty: "Kepala Desa …" / "Camat …" by service level
};

/// The letter templates per service code.
class LetterTemplates
{
public:
    /// Parses {"templates":[…]}; an error names the service whose template is incomplete.
    [[nodiscard]] static Result<LetterTemplates> fromJson(const QByteArray &json);
    /// The templates built into the executable (catalog/letters.json).
    [[nodiscard]] static Result<LetterTemplates> builtIn();

    [[nodiscard]] std::optional<LetterTemplate> forService(const QString &serviceCode) const;
    [[nodiscard]] QStringList serviceCodes() const { return m_templates.keys(); }

private:
    QHash<QString, LetterTemplate> m_templates;
};

/// The office head who signs a letter of `level`: the kepala desa or the camat of `office`, titled by the
/// template ("Kepala Desa Pitu", "Camat Pitu").
[[nodiscard]] LetterSigner officeSigner(const DesaOffice &office, serverlink::ServiceLevel level, const LetterTemplate &tmpl);

/// The letter of a request: kop surat of the signing office (desa, or kecamatan for
/// kecamatan-level services), the template's rows and statement, and the signer recorded at the
/// signature (a delegate signs "a.n." the office head) or, before it, the office head. `tmpl` may be
/// a default-constructed template: then the catalog's statement and all fields are used.
[[nodiscard]] LetterContent composeLetter(
    const RequestRecord &request, const ServiceInfo &service, const LetterTemplate &tmpl, const DesaOffice &office, const QDate &date);

/// The nomor surat allocation for a request signed by its office in `year` (the signing transaction takes the number).
[[nodiscard]] NomorAllocation nomorAllocation(
    const DesaOffice &office, serverlink::ServiceLevel level, const LetterTemplate &tmpl, int year);

} // namespace backend
