#pragma once

#include "protocol.h"

#include <QAbstractListModel>
#include <QStringList>
#include <optional>

namespace kiosk {

/// One service a citizen can request (from the backend's catalog).
using CatalogService = serverlink::CatalogService;

/// The service catalog for the service screen; filled from the cached catalog JSON,
/// shown in the session's language and narrowed by what the citizen types in the search box.
class CatalogModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY countChanged)
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY countChanged)
public:
    enum Role { CodeRole = Qt::UserRole + 1, NameRole, DescriptionRole, LevelRole, RequirementsRole, EstimatedDaysRole, IconRole };

    using QAbstractListModel::QAbstractListModel;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Replaces the services with those of a catalog document; false (model unchanged) if malformed.
    bool loadJson(const QByteArray &catalogJson);
    [[nodiscard]] std::optional<CatalogService> find(const QString &code) const;
    [[nodiscard]] int total() const { return int(m_catalog.services.size()); }
    /// The holidays and cuti bersama the backend sent with the catalog (empty: none sent).
    [[nodiscard]] QList<serverlink::Holiday> holidays() const { return m_catalog.holidays; }
    [[nodiscard]] QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    void setEnglish(bool english);
    [[nodiscard]] bool english() const { return m_english; }

Q_SIGNALS:
    void countChanged();

private:
    void refilter();

    serverlink::Catalog m_catalog;
    QList<int> m_visible; // indexes into m_catalog.services that match the filter
    QString m_filter;
    bool m_english = false;
};

} // namespace kiosk
