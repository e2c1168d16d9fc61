#include "publicstatus.h"

#include "masking.h"
#include "requestlife.h"
#include "settingsfile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <cstring>

namespace backend {

using serverlink::Stage;

namespace {

constexpr char kTicketPrefix[] = "ADT1:";
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

QString advice(Stage stage)
{
    switch (stage) {
    case Stage::NeedsFix:
        return QStringLiteral("Permohonan perlu diperbaiki. Datang ke kantor desa atau anjungan dengan membawa tiket.");
    case Stage::Rejected:
        return QStringLiteral("Permohonan ditolak. Tanyakan alasannya di kantor desa dengan membawa tiket.");
    case Stage::Ready:
        return QStringLiteral("Surat siap diambil di kantor desa. Bawa tiket dan KTP asli pemohon.");
    case Stage::HandedOver:
        return QStringLiteral("Surat sudah diserahkan.");
    case Stage::Cancelled:
        return QStringLiteral("Permohonan ini sudah dibatalkan.");
    default:
        return QStringLiteral("Permohonan sedang diproses. Tidak perlu datang sampai surat siap.");
    }
}

QJsonValue isoOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

} // namespace

QByteArray PublicStatusView::toJson() const
{
    QJsonArray steps;
    for (const PublicStep &s : history)
        steps.append(QJsonObject {{QStringLiteral("stage"), serverlink::stageToWire(s.stage)},
            {QStringLiteral("stageLabel"), serverlink::stageLabelId(s.stage)}, {QStringLiteral("at"), isoOrNull(s.at)}});
    const auto orNull = [this](const QString &v) { return found ? QJsonValue(v) : QJsonValue(); };
    const QJsonObject o {{QStringLiteral("registrationNumber"), registrationNumber}, {QStringLiteral("found"), found},
        {QStringLiteral("service"), orNull(serviceName)}, {QStringLiteral("stage"), orNull(serverlink::stageToWire(stage))},
        {QStringLiteral("stageLabel"), orNull(serverlink::stageLabelId(stage))},
        {QStringLiteral("stageAt"), found ? isoOrNull(stageAt) : QJsonValue()}, {QStringLiteral("maskedName"), orNull(maskedName)},
        {QStringLiteral("advice"), advice}, {QStringLiteral("detailed"), detailed}, {QStringLiteral("history"), steps},
        {QStringLiteral("bring"), QJsonArray::fromStringList(bring)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<PublicSettings> PublicSettings::load(const QString &path)
{
    const auto ini = SettingsFile::open(path);
    if (!ini)
        return ini.error();
    PublicSettings s;
    s.statusPerMinute = ini->number("publik/status_per_minute", s.statusPerMinute, 1);
    s.statusBurst = ini->number("publik/status_burst", s.statusBurst, 1);
    s.sealsPerMinute = ini->number("publik/seals_per_minute", s.sealsPerMinute, 1);
    s.sealBurst = ini->number("publik/seal_burst", s.sealBurst, 1);
    s.smsAnswersPerDay = ini->number("publik/sms_answers_per_day", s.smsAnswersPerDay, 1);
    s.smsInbox = ini->text("sms_masuk/inbox");
    s.smsProcessed = ini->text("sms_masuk/processed");
    if (s.smsProcessed.isEmpty() && !s.smsInbox.isEmpty())
        s.smsProcessed = QDir(s.smsInbox).filePath(QStringLiteral("diproses"));
    s.smsScanIntervalMs = ini->number("sms_masuk/scan_interval_ms", s.smsScanIntervalMs, 100);
    return s;
}

PublicStatus::PublicStatus(BackendStore &store, const ServiceCatalog &catalog)
    : m_store(store)
    , m_catalog(catalog)
{ }

std::optional<QString> PublicStatus::registrationNumber(const QString &typed)
{
    QString compact;
    for (const QChar c : typed) {
        if (c.isSpace() || c == QLatin1Char('-'))
            continue;
        const QChar u = c.toUpper();
        compact += u == QLatin1Char('O') ? QLatin1Char('0') : (u == QLatin1Char('I') || u == QLatin1Char('L')) ? QLatin1Char('1') : u;
    }
    if (compact.size() != 10)
        return std::nullopt;
    for (const QChar c : std::as_const(compact))
        if (c.unicode() == 0 || c.unicode() >= 128 || !std::strchr(kCrockford, char(c.unicode())))
            return std::nullopt;
    return compact.left(5) + QLatin1Char('-') + compact.mid(5);
}

std::optional<QString> PublicStatus::registrationNumberInSms(const QString &text)
{
    QString rest = text.trimmed();
    for (const QString &keyword : {QStringLiteral("STATUS"), QStringLiteral("CEK")})
        if (rest.startsWith(keyword, Qt::CaseInsensitive)) {
            rest = rest.mid(keyword.size());
            break;
        }
    return registrationNumber(rest);
}

QStringList PublicStatus::whatToBring(const RequestRecord &request, const ServiceInfo &service)
{
    QStringList bring;
    switch (request.stage) {
    case Stage::Received:
    case Stage::DesaReview: {
        // The originals of the requirements the kiosk did not photograph: the front office checks them.
        const auto versions = m_store.requestVersions(request.registrationNumber);
        QSet<int> captured;
        if (versions && !versions.value().isEmpty())
            for (const serverlink::DocumentRef &d : versions.value().constLast().documents)
                captured.insert(d.requirement);
        for (int i = 0; i < service.requirements.size(); ++i)
            if (!captured.contains(i))
                bring.append(service.requirements.at(i));
        break;
    }
    case Stage::NeedsFix: {
        // What to correct, by name only: the officer's reasons are notes and stay in the office.
        const auto fixes = m_store.fixItems(request.registrationNumber);
        if (fixes)
            for (const serverlink::FixItem &f : fixes.value())
                if (const QString label = requestlife::targetLabel(service, f.target); !label.isEmpty() && !bring.contains(label))
                    bring.append(label);
        bring.append(QStringLiteral("Tiket pendaftaran"));
        break;
    }
    case Stage::Ready:
        bring = {QStringLiteral("Tiket pendaftaran"), QStringLiteral("KTP asli pemohon (wakil: KTP-nya sendiri)")};
        break;
    default:
        break;
    }
    return bring;
}

Result<PublicStatusView> PublicStatus::look(const QString &typed, const QString &statusToken, const QString &nik)
{
    PublicStatusView v;
    const auto number = registrationNumber(typed);
    v.registrationNumber = number.value_or(typed.trimmed().left(32));
    v.advice = QStringLiteral("Nomor registrasi tidak ditemukan. Periksa lagi nomor pada tiket Anda.");
    if (!number)
        return v;
    const auto request = m_store.request(*number);
    if (!request && request.error().code != ErrorCode::NotFound)
        return request.error();
    if (!request)
        return v;
    const RequestRecord &r = request.value();
    const auto events = m_store.events(r.registrationNumber);
    if (!events)
        return events.error();
    const auto service = m_catalog.service(r.serviceCode);
    v.found = true;
    v.serviceName = service ? service->name : r.serviceCode;
    v.stage = r.stage;
    v.stageAt = events.value().isEmpty() ? r.receivedAt : events.value().constLast().at;
    v.maskedName = serverlink::masking::name(r.name);
    v.advice = advice(r.stage);
    const QString token = statusToken.trimmed().startsWith(QLatin1String(kTicketPrefix))
        ? statusToken.trimmed().mid(int(qstrlen(kTicketPrefix)))
        : statusToken.trimmed();
    v.detailed = requestlife::citizenProves(r, token, nik.trimmed());
    if (!v.detailed)
        return v;
    for (const EventRecord &e : events.value())
        v.history.append(PublicStep {e.stage, e.at});
    if (service)
        v.bring = whatToBring(r, *service);
    return v;
}

} // namespace backend
