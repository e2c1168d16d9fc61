// BackendStore: the reads behind the monitoring figures.
#include "backendstore.h"
#include "backendstore_p.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace backend {

using namespace detail;

Result<QList<EventRecord>> BackendStore::allEvents()
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT sequence, registration_number, desa_code, stage, actor, role, note, at FROM events ORDER BY sequence")))
        return databaseError(QStringLiteral("membaca riwayat"), q.lastError());
    QList<EventRecord> list;
    while (q.next())
        list.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            serverlink::stageFromWire(q.value(3).toString()).value_or(serverlink::Stage::Received), q.value(4).toString(),
            q.value(5).toString(), q.value(6).toString(), parseTimestamp(q.value(7))});
    return list;
}

Result<QList<SurveyRecord>> BackendStore::surveyResponses(const QDateTime &from, const QDateTime &to)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    q.setForwardOnly(true);
    // Timestamps are stored as UTC ISO text with milliseconds, so text order is time order.
    q.prepare(QStringLiteral("SELECT id, desa_code, service_code, answers, answered_at, profile, suggestion FROM survey_responses"
                             " WHERE answered_at >= ? AND answered_at < ? ORDER BY answered_at, id"));
    q.addBindValue(from.isValid() ? timestamp(from) : QStringLiteral("0000"));
    q.addBindValue(to.isValid() ? timestamp(to) : QStringLiteral("9999"));
    if (!q.exec())
        return databaseError(QStringLiteral("membaca survei"), q.lastError());
    QList<SurveyRecord> list;
    while (q.next()) {
        SurveyRecord s {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), {}, parseTimestamp(q.value(4))};
        for (const QString &a : q.value(3).toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
            s.answers.append(a.toInt());
        const QJsonObject profile = QJsonDocument::fromJson(q.value(5).toByteArray()).object();
        for (auto it = profile.constBegin(); it != profile.constEnd(); ++it)
            s.profile.insert(it.key(), it.value().toString());
        s.suggestion = q.value(6).toString();
        list.append(s);
    }
    return list;
}

Result<bool> BackendStore::insertSurvey(const QString &kioskId, const QString &desaCode, const serverlink::SurveyResponse &survey)
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QStringList answers;
    for (int a : survey.answers)
        answers.append(QString::number(a));
    // The response id is its idempotency key: a resent survey is stored once.
    QSqlQuery q(conn.value());
    QJsonObject profile;
    for (auto it = survey.profile.cbegin(); it != survey.profile.cend(); ++it)
        profile.insert(it.key(), it.value());
    q.prepare(QStringLiteral("INSERT INTO survey_responses (id, kiosk_id, desa_code, service_code, answers, answered_at, received_at,"
                             " profile, suggestion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"));
    q.addBindValue(survey.id);
    q.addBindValue(kioskId);
    q.addBindValue(desaCode);
    q.addBindValue(survey.serviceCode.isNull() ? QString(QLatin1String("")) : survey.serviceCode);
    q.addBindValue(answers.join(QLatin1Char(',')));
    q.addBindValue(timestamp(survey.at));
    q.addBindValue(timestamp(QDateTime::currentDateTimeUtc()));
    q.addBindValue(profile.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                     : QVariant(QString::fromUtf8(QJsonDocument(profile).toJson(QJsonDocument::Compact))));
    q.addBindValue(textOrNull(survey.suggestion));
    if (!q.exec())
        return databaseError(QStringLiteral("menyimpan survei"), q.lastError());
    return q.numRowsAffected() > 0;
}

Result<int> BackendStore::surveyCount()
{
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlQuery q(conn.value());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM survey_responses")) || !q.next())
        return databaseError(QStringLiteral("menghitung survei"), q.lastError());
    return q.value(0).toInt();
}

} // namespace backend
