#include "catalogmodel.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk {

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

void CatalogModel::setFilter(const QString &filter)
{
    if (m_filter == filter)
        return;
    m_filter = filter.left(50);
    beginResetModel();
    refilter();
    endResetModel();
    Q_EMIT countChanged();
}

void CatalogModel::setEnglish(bool english)
{
    if (m_english == english)
        return;
    beginResetModel();
    m_english = english;
    refilter();
    endResetModel();
    Q_EMIT countChanged();
}

void CatalogModel::refilter()
{
    m_visible.clear();
    const QStringList words = m_filter.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < m_services.size(); ++i) {
        const CatalogService &s = m_services.at(i);
        const QString haystack
            = s.name + QLatin1Char(' ') + s.nameEn + QLatin1Char(' ') + s.description + QLatin1Char(' ') + s.descriptionEn;
        if (std::all_of(words.begin(), words.end(), [&](const QString &w) { return haystack.contains(w, Qt::CaseInsensitive); }))
            m_visible.append(i);
    }
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_visible.size())
        return {};
    const CatalogService &s = m_services.at(m_visible.at(index.row()));
    switch (role) {
    case CodeRole:
        return s.code;
    case Qt::DisplayRole:
    case NameRole:
        return s.displayName(m_english);
    case DescriptionRole:
        return s.displayDescription(m_english);
    case LevelRole:
        return s.level;
    case RequirementsRole:
        return s.displayRequirements(m_english);
    case EstimatedDaysRole:
        return s.estimatedDays;
    case IconRole:
        return s.icon;
    default:
        return {};
    }
}

QHash<int, QByteArray> CatalogModel::roleNames() const
{
    return {{CodeRole, "code"}, {NameRole, "name"}, {DescriptionRole, "description"}, {LevelRole, "level"},
        {RequirementsRole, "requirements"}, {EstimatedDaysRole, "estimatedDays"}, {IconRole, "serviceIcon"}};
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
        s.nameEn = o.value(QStringLiteral("nameEn")).toString();
        s.descriptionEn = o.value(QStringLiteral("descriptionEn")).toString();
        for (const QJsonValue &r : o.value(QStringLiteral("requirementsEn")).toArray())
            s.requirementsEn.append(r.toString());
        s.icon = o.value(QStringLiteral("icon")).toString();
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
    refilter();
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
