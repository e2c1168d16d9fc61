// BackendStore: the reads behind the monitoring figures.
#include "backendstore.h"
#include "backendstore_p.h"

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
    q.prepare(QStringLiteral("SELECT id, desa_code, service_code, answers, answered_at FROM survey_responses"
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
        list.append(s);
    }
    return list;
}

} // namespace backend
