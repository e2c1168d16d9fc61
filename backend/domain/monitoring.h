#pragma once

#include "backendstore.h"
#include "protocol.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <functional>

namespace backend {

class ServiceCatalog;

/// An exact non-negative fraction (IKM arithmetic: no 0.111 rounding of the 1/9 weight).
struct Fraction {
    qint64 numerator = 0;
    qint64 denominator = 1;

    [[nodiscard]] double toDouble() const { return denominator ? double(numerator) / double(denominator) : 0.0; }
    /// Truncated to hundredths (88.3149… → 8831): the shown value, consistent with the category table.
    [[nodiscard]] qint64 hundredths() const { return denominator ? numerator * 100 / denominator : 0; }
    friend bool operator==(const Fraction &a, const Fraction &b) { return a.numerator * b.denominator == b.numerator * a.denominator; }
};

/// Open requests in one stage of one desa ("" = every desa).
struct StageCount {
    QString desaCode;
    serverlink::Stage stage = serverlink::Stage::Received;
    int count = 0;
};

/// RECEIVED → READY durations of one service's requests that became READY in the period.
struct Turnaround {
    QString serviceCode;
    int count = 0;
    double medianHours = 0;
    double p90Hours = 0; // nearest rank: the ⌈0.9·n⌉-th smallest
};

/// An open request whose current step is older than its service's SLA.
struct SlaBreach {
    QString registrationNumber;
    QString desaCode;
    QString serviceCode;
    serverlink::Stage stage = serverlink::Stage::Received;
    QDateTime since; // when the current step started (its last event)
    int slaDays = 0;
    double overdueDays = 0;
};

/// IKM (Indeks Kepuasan Masyarakat) per PermenPAN-RB 14/2017: 9 unsur scored 1–4,
/// NRR per unsur = total / respondents, IKM = Σ NRR × 1/9 × 25, categories A ≥ 88.31,
/// B ≥ 76.61, C ≥ 65.00, else D (on the exact value; shown truncated to 2 decimals).
struct IkmResult {
    static constexpr int kUnsur = 9;
    int respondents = 0;
    int skipped = 0; // responses without exactly 9 answers in 1..4
    std::array<Fraction, kUnsur> nrr {};
    Fraction ikm; // ×25 already applied
    QChar category = QLatin1Char('-'); // A, B, C, D; '-' without respondents
};

/// The IKM respondent profile of a period (PermenPAN-RB 14/2017 appendix) and the suggestions written.
struct SurveyProfileSummary {
    struct Count {
        QString key; // serverlink::SurveyProfileQuestion::key
        QString wire; // the choice
        int count = 0;
    };
    int respondents = 0;
    QList<Count> counts; // every choice of every question in the survey's order, zero counts included
    QList<SurveyRecord> suggestions; // responses with a suggestion, oldest first
};

namespace ikm {
/// The category of an exact IKM value (×25 scale).
[[nodiscard]] QChar category(const Fraction &value);
/// The category of a value given in hundredths (8831 → 'A', 8830 → 'B').
[[nodiscard]] QChar categoryForHundredths(qint64 hundredths);
/// IKM of the given answer lists (each 9 values 1–4).
[[nodiscard]] IkmResult compute(const QList<QList<int>> &responses);
/// "84.72" from a Fraction (truncated).
[[nodiscard]] QString formatHundredths(const Fraction &value);
} // namespace ikm

/// Pure computations on stored rows, so that tests can feed them known data.
namespace monitoringcalc {
[[nodiscard]] QList<StageCount> stageCounts(const QList<RequestRecord> &requests);
/// Events in sequence order; `serviceOf` maps registration number → service code; READY within [from, to) counts.
[[nodiscard]] QList<Turnaround> turnaround(
    const QList<EventRecord> &events, const QHash<QString, QString> &serviceOf, const QDateTime &from, const QDateTime &to);
[[nodiscard]] QList<SlaBreach> slaBreaches(const QList<RequestRecord> &requests, const QList<EventRecord> &events,
    const QHash<QString, int> &slaDaysByService, int defaultSlaDays, const QDateTime &now);
/// Median (mean of the middle two for an even count) and nearest-rank p90 of a sorted list.
[[nodiscard]] std::pair<double, double> medianAndP90(QList<double> values);
/// Counts each profile answer of `responses` (answers the survey does not offer are not counted).
[[nodiscard]] SurveyProfileSummary surveyProfile(const QList<SurveyRecord> &responses);
} // namespace monitoringcalc

/// CSV (RFC 4180): fields with comma, quote, CR or LF are quoted, quotes doubled, lines end in CRLF; a field
/// that a spreadsheet would run as a formula (starting with = + - @, tab or CR, not a plain number) gets a leading '.
namespace csv {
[[nodiscard]] QString field(const QString &value);
[[nodiscard]] QByteArray table(const QStringList &header, const QList<QStringList> &rows);
} // namespace csv

/// The monitoring figures of the officer console and `kecamatan-backend report`, read from the store.
/// Data only: the console renders it (HTML) and the report prints it (text, CSV).
class Monitoring
{
public:
    /// Whether a reader may see a desa's figures (an officer's office scope); empty: every desa.
    using DesaFilter = std::function<bool(const QString &desaCode)>;

    /// With `visible`, every figure counts only the requests, events and survey responses of the desas it lets through.
    Monitoring(BackendStore &store, const ServiceCatalog &catalog, DesaFilter visible = {});

    [[nodiscard]] Result<QList<StageCount>> stageCounts();
    /// Requests that became READY in [from, to); null bounds are open.
    [[nodiscard]] Result<QList<Turnaround>> turnaround(const QDateTime &from, const QDateTime &to);
    [[nodiscard]] Result<QList<SlaBreach>> slaBreaches(const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Survey responses answered in [from, to).
    [[nodiscard]] Result<IkmResult> ikm(const QDateTime &from, const QDateTime &to);
    /// Respondent profile and suggestions of the survey responses answered in [from, to).
    [[nodiscard]] Result<SurveyProfileSummary> surveyProfile(const QDateTime &from, const QDateTime &to);

    /// The four tables as CSV: stages, turnaround, SLA breaches, IKM (one row per unsur, then IKM and category).
    [[nodiscard]] static QByteArray stageCsv(const QList<StageCount> &rows);
    [[nodiscard]] static QByteArray turnaroundCsv(const QList<Turnaround> &rows);
    [[nodiscard]] static QByteArray slaCsv(const QList<SlaBreach> &rows);
    [[nodiscard]] static QByteArray ikmCsv(const IkmResult &result);

private:
    [[nodiscard]] Result<QList<RequestRecord>> visibleRequests();
    [[nodiscard]] Result<QList<EventRecord>> visibleEvents();
    [[nodiscard]] Result<QList<SurveyRecord>> visibleSurveys(const QDateTime &from, const QDateTime &to);
    [[nodiscard]] bool sees(const QString &desaCode) const { return !m_visible || m_visible(desaCode); }

    BackendStore &m_store;
    const ServiceCatalog &m_catalog;
    DesaFilter m_visible;
};

} // namespace backend
