#include "groupitemsmodel.h"

namespace kiosk {

QString fieldText(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QStringList jsonStrings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out.append(s.toString());
    return out;
}

QString fieldLabel(const QJsonObject &definition, bool english)
{
    const QString en = fieldText(definition, "labelEn");
    return english && !en.isEmpty() ? en : fieldText(definition, "label");
}

QStringList fieldOptionLabels(const QJsonObject &definition, bool english)
{
    const QStringList en = jsonStrings(definition.value(QStringLiteral("optionsEn")));
    const QStringList id = jsonStrings(definition.value(QStringLiteral("options")));
    return english && en.size() == id.size() ? en : id;
}

SubfieldModel::SubfieldModel(const QJsonArray &definitions, bool english, QObject *parent)
    : QAbstractListModel(parent)
    , m_definitions(definitions)
    , m_english(english)
{ }

int SubfieldModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_definitions.size());
}

QVariant SubfieldModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_definitions.size())
        return {};
    const QJsonObject def = m_definitions.at(index.row()).toObject();
    const QString key = fieldText(def, "key");
    switch (role) {
    case KeyRole:
        return key;
    case Qt::DisplayRole:
    case LabelRole:
        return fieldLabel(def, m_english);
    case TypeRole:
        return fieldText(def, "type");
    case OptionsRole:
        return fieldOptionLabels(def, m_english);
    case ValueRole:
        return m_values.value(key);
    case SelectedRole:
        return int(jsonStrings(def.value(QStringLiteral("options"))).indexOf(m_values.value(key)));
    case ErrorRole:
        return m_errors.value(key);
    default:
        return {};
    }
}

QHash<int, QByteArray> SubfieldModel::roleNames() const
{
    return {{KeyRole, "key"}, {LabelRole, "label"}, {TypeRole, "type"}, {OptionsRole, "options"}, {ValueRole, "value"},
        {SelectedRole, "selected"}, {ErrorRole, "error"}};
}

QString SubfieldModel::value(const QString &key) const
{
    return m_values.value(key);
}

void SubfieldModel::setValue(const QString &key, const QString &value)
{
    m_values.insert(key, value);
    for (int row = 0; row < m_definitions.size(); ++row)
        if (fieldText(m_definitions.at(row).toObject(), "key") == key)
            Q_EMIT dataChanged(index(row), index(row), {ValueRole, SelectedRole});
}

void SubfieldModel::setErrors(const QHash<QString, QString> &errors)
{
    if (m_errors == errors)
        return;
    m_errors = errors;
    if (!m_definitions.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_definitions.size()) - 1), {ErrorRole});
}

QJsonObject SubfieldModel::values() const
{
    QJsonObject out;
    for (auto it = m_values.begin(); it != m_values.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

void SubfieldModel::setEnglish(bool english)
{
    if (m_english == english)
        return;
    m_english = english;
    if (!m_definitions.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_definitions.size()) - 1), {Qt::DisplayRole, LabelRole, OptionsRole});
}

GroupItemsModel::GroupItemsModel(const QJsonArray &definitions, int count, bool english, QObject *parent)
    : QAbstractListModel(parent)
    , m_definitions(definitions)
    , m_english(english)
{
    for (int i = 0; i < count; ++i)
        m_persons.append(new SubfieldModel(m_definitions, m_english, this));
}

int GroupItemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_persons.size());
}

QVariant GroupItemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_persons.size() || role != FieldsRole)
        return {};
    return QVariant::fromValue(m_persons.at(index.row()));
}

QHash<int, QByteArray> GroupItemsModel::roleNames() const
{
    return {{FieldsRole, "fields"}};
}

SubfieldModel *GroupItemsModel::person(int item) const
{
    return item >= 0 && item < m_persons.size() ? m_persons.at(item) : nullptr;
}

void GroupItemsModel::append()
{
    const int row = int(m_persons.size());
    beginInsertRows({}, row, row);
    m_persons.append(new SubfieldModel(m_definitions, m_english, this));
    endInsertRows();
    Q_EMIT countChanged();
}

void GroupItemsModel::remove(int item)
{
    if (item < 0 || item >= m_persons.size())
        return;
    beginRemoveRows({}, item, item);
    SubfieldModel *gone = m_persons.takeAt(item);
    endRemoveRows();
    // The removed card's delegate may still read it until the view has let it go.
    gone->deleteLater();
    Q_EMIT countChanged();
}

QJsonArray GroupItemsModel::values() const
{
    QJsonArray out;
    for (const SubfieldModel *person : m_persons)
        out.append(person->values());
    return out;
}

void GroupItemsModel::setEnglish(bool english)
{
    m_english = english;
    for (SubfieldModel *person : std::as_const(m_persons))
        person->setEnglish(english);
}

} // namespace kiosk
