#include "monitoring.h"

#include "servicecatalog.h"
#include "sla.h"

#include <QMap>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace backend {

using serverlink::Stage;

namespace ikm {

QChar categoryForHundredths(qint64 hundredths)
{
    if (hundredths >= 8831)
        return QLatin1Char('A');
    if (hundredths >= 7661)
        return QLatin1Char('B');
    if (hundredths >= 6500)
        return QLatin1Char('C');
    return QLatin1Char('D');
}

QChar category(const Fraction &value)
{
    // value ≥ k/100 ⇔ ⌊100·value⌋ ≥ k for integer k: the truncated hundredths decide exactly.
    return categoryForHundredths(value.hundredths());
}

IkmResult compute(const QList<QList<int>> &responses)
{
    IkmResult r;
    std::array<qint64, IkmResult::kUnsur> totals {};
    for (const QList<int> &answers : responses) {
        const bool valid
            = answers.size() == IkmResult::kUnsur && std::all_of(answers.cbegin(), answers.cend(), [](int a) { return a >= 1 && a <= 4; });
        if (!valid) {
            ++r.skipped;
            continue;
        }
        ++r.respondents;
        for (int i = 0; i < IkmResult::kUnsur; ++i)
            totals.at(i) += answers.at(i);
    }
    if (r.respondents == 0)
        return r;
    qint64 sum = 0;
    for (int i = 0; i < IkmResult::kUnsur; ++i) {
        const qint64 g = std::gcd(totals.at(i), qint64(r.respondents));
        r.nrr.at(i) = Fraction {totals.at(i) / g, r.respondents / g};
        sum += totals.at(i);
    }
    // Every respondent answered every unsur, so Σ NRR = Σ totals / n and IKM = 25 · Σ totals / (9 · n).
    const qint64 numerator = 25 * sum;
    const qint64 denominator = qint64(IkmResult::kUnsur) * r.respondents;
    const qint64 g = std::gcd(numerator, denominator);
    r.ikm = Fraction {numerator / g, denominator / g};
    r.category = category(r.ikm);
    return r;
}

QString formatHundredths(const Fraction &value)
{
    const qint64 h = value.hundredths();
    return QStringLiteral("%1.%2").arg(h / 100).arg(h % 100, 2, 10, QLatin1Char('0'));
}

} // namespace ikm

namespace monitoringcalc {

std::pair<double, double> medianAndP90(QList<double> values)
{
    if (values.isEmpty())
        return {0, 0};
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    const double median = n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2.0;
    const qsizetype rank = (9 * n + 9) / 10; // ⌈0.9·n⌉ in integers
    return {median, values.at(std::max<qsizetype>(1, rank) - 1)};
}

QList<StageCount> stageCounts(const QList<RequestRecord> &requests)
{
    QMap<std::pair<QString, int>, int> counts;
    for (const RequestRecord &r : requests) {
        ++counts[{r.desaCode, int(r.stage)}];
        ++counts[{QString(), int(r.stage)}];
    }
    QList<StageCount> out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        out.append({it.key().first, Stage(it.key().second), it.value()});
    // Per desa first (by code), the totals ("") last.
    std::stable_sort(out.begin(), out.end(), [](const StageCount &a, const StageCount &b) {
        return a.desaCode.isEmpty() != b.desaCode.isEmpty() ? b.desaCode.isEmpty() : a.desaCode < b.desaCode;
    });
    return out;
}

QList<Turnaround> turnaround(
    const QList<EventRecord> &events, const QHash<QString, QString> &serviceOf, const QDateTime &from, const QDateTime &to)
{
    QHash<QString, QDateTime> received;
    QHash<QString, bool> counted;
    QMap<QString, QList<double>> hours;
    for (const EventRecord &e : events) {
        if (e.stage == Stage::Received && !received.contains(e.registrationNumber))
            received.insert(e.registrationNumber, e.at);
        if (e.stage != Stage::Ready || counted.value(e.registrationNumber) || !received.contains(e.registrationNumber))
            continue;
        counted.insert(e.registrationNumber, true); // the first READY only
        if ((from.isValid() && e.at < from) || (to.isValid() && e.at >= to))
            continue;
        hours[serviceOf.value(e.registrationNumber)].append(received.value(e.registrationNumber).msecsTo(e.at) / 3600000.0);
    }
    QList<Turnaround> out;
    for (auto it = hours.cbegin(); it != hours.cend(); ++it) {
        const auto [median, p90] = medianAndP90(it.value());
        out.append({it.key(), int(it.value().size()), median, p90});
    }
    return out;
}

QList<SlaBreach> slaBreaches(const QList<RequestRecord> &requests, const QList<EventRecord> &events,
    const QHash<QString, int> &slaDaysByService, int defaultSlaDays, const QDateTime &now)
{
    QHash<QString, QDateTime> lastEvent;
    for (const EventRecord &e : events)
        lastEvent.insert(e.registrationNumber, e.at);
    QList<SlaBreach> out;
    for (const RequestRecord &r : requests) {
        if (!sla::applies(r.stage) || !lastEvent.contains(r.registrationNumber))
            continue;
        const sla::StepClock clock
            = sla::measure(lastEvent.value(r.registrationNumber), slaDaysByService.value(r.serviceCode, defaultSlaDays), now);
        if (clock.state == sla::State::Late)
            out.append({r.registrationNumber, r.desaCode, r.serviceCode, r.stage, clock.since, clock.days, clock.overdueDays});
    }
    std::sort(out.begin(), out.end(), [](const SlaBreach &a, const SlaBreach &b) { return a.overdueDays > b.overdueDays; });
    return out;
}

} // namespace monitoringcalc

namespace csv {

QString field(const QString &text)
{
    // A spreadsheet runs a cell starting with = + - @ (or a tab or CR before them) as a formula, and a kiosk's
    // appVersion or a citizen's name can start that way; a plain number cannot hold a formula and stays as it is.
    static const QRegularExpression plainNumber(QStringLiteral("^[+-]?[0-9]+([.,][0-9]+)?$"));
    const bool formula = !text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front()) && !plainNumber.match(text).hasMatch();
    const QString value = formula ? QLatin1Char('\'') + text : text;
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\r'))
        && !value.contains(QLatin1Char('\n')))
        return value;
    return QLatin1Char('"') + QString(value).replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

QByteArray table(const QStringList &header, const QList<QStringList> &rows)
{
    QString out;
    const auto line = [&out](const QStringList &cells) {
        QStringList quoted;
        for (const QString &c : cells)
            quoted.append(field(c));
        out += quoted.join(QLatin1Char(',')) + QLatin1String("\r\n");
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
    return out.toUtf8();
}

} // namespace csv

Monitoring::Monitoring(BackendStore &store, const ServiceCatalog &catalog, DesaFilter visible)
    : m_store(store)
    , m_catalog(catalog)
    , m_visible(std::move(visible))
{ }

Result<QList<RequestRecord>> Monitoring::visibleRequests()
{
    auto all = m_store.requests();
    if (!all)
        return all.error();
    all.value().removeIf([this](const RequestRecord &r) { return !sees(r.desaCode); });
    return all.value();
}

Result<QList<EventRecord>> Monitoring::visibleEvents()
{
    auto all = m_store.allEvents();
    if (!all)
        return all.error();
    all.value().removeIf([this](const EventRecord &e) { return !sees(e.desaCode); });
    return all.value();
}

Result<QList<SurveyRecord>> Monitoring::visibleSurveys(const QDateTime &from, const QDateTime &to)
{
    auto all = m_store.surveyResponses(from, to);
    if (!all)
        return all.error();
    all.value().removeIf([this](const SurveyRecord &s) { return !sees(s.desaCode); });
    return all.value();
}

Result<QList<StageCount>> Monitoring::stageCounts()
{
    const auto requests = visibleRequests();
    if (!requests)
        return requests.error();
    return monitoringcalc::stageCounts(requests.value());
}

Result<QList<Turnaround>> Monitoring::turnaround(const QDateTime &from, const QDateTime &to)
{
    const auto requests = visibleRequests();
    if (!requests)
        return requests.error();
    const auto events = visibleEvents();
    if (!events)
        return events.error();
    QHash<QString, QString> serviceOf;
    for (const RequestRecord &r : requests.value())
        serviceOf.insert(r.registrationNumber, r.serviceCode);
    return monitoringcalc::turnaround(events.value(), serviceOf, from, to);
}

Result<QList<SlaBreach>> Monitoring::slaBreaches(const QDateTime &now)
{
    const auto requests = visibleRequests();
    if (!requests)
        return requests.error();
    const auto events = visibleEvents();
    if (!events)
        return events.error();
    return monitoringcalc::slaBreaches(requests.value(), events.value(), sla::daysByService(m_catalog), sla::kDefaultStepDays, now);
}

Result<IkmResult> Monitoring::ikm(const QDateTime &from, const QDateTime &to)
{
    const auto surveys = visibleSurveys(from, to);
    if (!surveys)
        return surveys.error();
    QList<QList<int>> answers;
    for (const SurveyRecord &s : surveys.value())
        answers.append(s.answers);
    return ikm::compute(answers);
}

Result<SurveyProfileSummary> Monitoring::surveyProfile(const QDateTime &from, const QDateTime &to)
{
    const auto surveys = visibleSurveys(from, to);
    if (!surveys)
        return surveys.error();
    return monitoringcalc::surveyProfile(surveys.value());
}

SurveyProfileSummary monitoringcalc::surveyProfile(const QList<SurveyRecord> &responses)
{
    SurveyProfileSummary summary;
    summary.respondents = int(responses.size());
    for (const serverlink::SurveyProfileQuestion &q : serverlink::surveyProfileQuestions())
        for (const serverlink::WireChoice &c : q.choices) {
            const QString key = QString::fromLatin1(q.key), wire = QString::fromLatin1(c.wire);
            const auto n
                = std::count_if(responses.cbegin(), responses.cend(), [&](const SurveyRecord &r) { return r.profile.value(key) == wire; });
            summary.counts.append({key, wire, int(n)});
        }
    for (const SurveyRecord &r : responses)
        if (!r.suggestion.trimmed().isEmpty())
            summary.suggestions.append(r);
    return summary;
}

QByteArray Monitoring::stageCsv(const QList<StageCount> &rows)
{
    QList<QStringList> out;
    for (const StageCount &r : rows)
        out.append({r.desaCode.isEmpty() ? QStringLiteral("SEMUA") : r.desaCode, serverlink::stageToWire(r.stage),
            serverlink::stageLabelId(r.stage), QString::number(r.count)});
    return csv::table({QStringLiteral("desa"), QStringLiteral("tahap"), QStringLiteral("keterangan"), QStringLiteral("jumlah")}, out);
}

QByteArray Monitoring::turnaroundCsv(const QList<Turnaround> &rows)
{
    QList<QStringList> out;
    for (const Turnaround &r : rows)
        out.append({r.serviceCode, QString::number(r.count), QString::number(r.medianHours, 'f', 2), QString::number(r.p90Hours, 'f', 2)});
    return csv::table({QStringLiteral("layanan"), QStringLiteral("jumlah"), QStringLiteral("median_jam"), QStringLiteral("p90_jam")}, out);
}

QByteArray Monitoring::slaCsv(const QList<SlaBreach> &rows)
{
    QList<QStringList> out;
    for (const SlaBreach &r : rows)
        out.append({r.registrationNumber, r.desaCode, r.serviceCode, serverlink::stageToWire(r.stage), r.since.toString(Qt::ISODate),
            QString::number(r.slaDays), QString::number(r.overdueDays, 'f', 1)});
    return csv::table({QStringLiteral("nomor_registrasi"), QStringLiteral("desa"), QStringLiteral("layanan"), QStringLiteral("tahap"),
                          QStringLiteral("sejak"), QStringLiteral("sla_hari"), QStringLiteral("terlambat_hari")},
        out);
}

QByteArray Monitoring::ikmCsv(const IkmResult &r)
{
    QList<QStringList> out;
    for (int i = 0; i < IkmResult::kUnsur; ++i)
        out.append({QStringLiteral("U%1").arg(i + 1), QString::number(r.nrr.at(i).toDouble(), 'f', 4)});
    out.append({QStringLiteral("responden"), QString::number(r.respondents)});
    out.append({QStringLiteral("IKM"), r.respondents ? ikm::formatHundredths(r.ikm) : QStringLiteral("-")});
    out.append({QStringLiteral("mutu"), QString(r.category)});
    return csv::table({QStringLiteral("unsur"), QStringLiteral("nilai")}, out);
}

} // namespace backend
