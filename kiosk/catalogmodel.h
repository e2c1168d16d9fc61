#pragma once

#include <QAbstractListModel>
#include <QJsonArray>
#include <QStringList>
#include <optional>

namespace kiosk {

/// One service a citizen can request (from the backend's catalog).
struct CatalogService {
    QString code;
    QString name;
    QString level;
    QString description;
    QStringList requirements;
    QJsonArray fields;
    int estimatedDays = 0;
};

/// The service catalog for the service screen; filled from the cached catalog JSON.
class CatalogModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role { CodeRole = Qt::UserRole + 1, NameRole, DescriptionRole, LevelRole, RequirementsRole, EstimatedDaysRole };

    using QAbstractListModel::QAbstractListModel;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Replaces the services with those of a catalog document; false (model unchanged) if malformed.
    bool loadJson(const QByteArray &catalogJson);
    [[nodiscard]] std::optional<CatalogService> find(const QString &code) const;

Q_SIGNALS:
    void countChanged();

private:
    QList<CatalogService> m_services;
};

} // namespace kiosk
