#pragma once

#include <QAbstractListModel>
#include <QList>

namespace kiosk {

/// A read-only list the UI shows, with a `count` QML binds to; the template below holds the rows.
class RowListModelBase : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    using QAbstractListModel::QAbstractListModel;

Q_SIGNALS:
    void countChanged();
};

/// Rows of `RowT` replaced whole when something happened (desk opened, sync, print, lookup), never
/// computed while a binding reads them. A subclass names its roles and maps a row to a role's value.
template<typename RowT> class RowListModel : public RowListModelBase
{
public:
    using Row = RowT;
    using RowListModelBase::RowListModelBase;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_rows.size())
            return {};
        return roleData(m_rows.at(index.row()), role);
    }
    void setRows(QList<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        Q_EMIT countChanged();
    }
    [[nodiscard]] const QList<Row> &rows() const { return m_rows; }

protected:
    [[nodiscard]] virtual QVariant roleData(const Row &row, int role) const = 0;

private:
    QList<Row> m_rows;
};

} // namespace kiosk
