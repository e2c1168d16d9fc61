#include "catalogmodel.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk {

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_services.size());
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_services.size())
        return {};
    const CatalogService &s = m_services.at(index.row());
    switch (role) {
    case CodeRole:
        return s.code;
    case Qt::DisplayRole:
    case NameRole:
        return s.name;
    case DescriptionRole:
        return s.description;
    case LevelRole:
        return s.level;
    case RequirementsRole:
        return s.requirements;
    case EstimatedDaysRole:
        return s.estimatedDays;
    default:
        return {};
    }
}

QHash<int, QByteArray> CatalogModel::roleNames() const
{
    return {{CodeRole, "code"}, {NameRole, "name"}, {DescriptionRole, "description"}, {LevelRole, "level"},
        {RequirementsRole, "requirements"}, {EstimatedDaysRole, "estimatedDays"}};
}

bool CatalogModel::loadJson(const QByteArray &catalogJson)
{
    const QJsonDocument doc = QJsonDocument::fromJson(catalogJson);
    const QJsonValue services = doc.object().value(QStringLiteral("services"));
    if (!services.isArray())
        return false;
    QList<CatalogService> parsed;
    for (const QJsonValue &v : services.toArray()) {
        const QJsonObject o = v.toObject();
        CatalogService s;
        s.code = o.value(QStringLiteral("code")).toString();
        s.name = o.value(QStringLiteral("name")).toString();
        s.level = o.value(QStringLiteral("level")).toString();
        s.description = o.value(QStringLiteral("description")).toString();
        for (const QJsonValue &r : o.value(QStringLiteral("requirements")).toArray())
            s.requirements.append(r.toString());
        s.fields = o.value(QStringLiteral("fields")).toArray();
        s.estimatedDays = o.value(QStringLiteral("estimatedDays")).toInt();
        if (s.code.isEmpty() || s.name.isEmpty())
            return false;
        parsed.append(s);
    }
    beginResetModel();
    m_services = std::move(parsed);
    endResetModel();
    Q_EMIT countChanged();
    return true;
}

std::optional<CatalogService> CatalogModel::find(const QString &code) const
{
    for (const auto &s : m_services)
        if (s.code == code)
            return s;
    return std::nullopt;
}

} // namespace kiosk
