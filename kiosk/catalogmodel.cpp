#include "catalogmodel.h"

#include <algorithm>

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
    for (int i = 0; i < m_catalog.services.size(); ++i) {
        const CatalogService &s = m_catalog.services.at(i);
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
    const CatalogService &s = m_catalog.services.at(m_visible.at(index.row()));
    switch (role) {
    case CodeRole:
        return s.code;
    case Qt::DisplayRole:
    case NameRole:
        return s.displayName(m_english);
    case DescriptionRole:
        return s.displayDescription(m_english);
    case LevelRole:
        return serverlink::levelToWire(s.level);
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
    const auto catalog = serverlink::Catalog::fromJson(catalogJson);
    if (!catalog)
        return false;
    beginResetModel();
    m_catalog = *catalog;
    refilter();
    endResetModel();
    Q_EMIT countChanged();
    return true;
}

std::optional<CatalogService> CatalogModel::find(const QString &code) const
{
    return m_catalog.service(code);
}

} // namespace kiosk
