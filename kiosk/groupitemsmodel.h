#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace kiosk {

/// The string `key` of a catalog field definition (empty when missing or not a string).
[[nodiscard]] QString fieldText(const QJsonObject &definition, const char *key);
/// The strings of a JSON array in a field definition (options, their English labels).
[[nodiscard]] QStringList jsonStrings(const QJsonValue &v);
/// The label of a catalog field definition, in English when asked and the catalog has one.
[[nodiscard]] QString fieldLabel(const QJsonObject &definition, bool english);
/// The display labels of a select field's options, in English when asked and the catalog has them all.
[[nodiscard]] QStringList fieldOptionLabels(const QJsonObject &definition, bool english);

/// One person of a repeatable group: the group's sub-fields (label, type and options in the
/// session's language) with this person's values and validation messages. One row per sub-field.
class SubfieldModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount CONSTANT)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        LabelRole,
        TypeRole,
        OptionsRole, // select: display labels in the session's language
        ValueRole, // text value, or for select the canonical option
        SelectedRole, // select: index of the chosen option, -1 when none
        ErrorRole, // validation message beside the sub-field, empty when fine
    };

    SubfieldModel(const QJsonArray &definitions, bool english, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// The value typed or chosen for a sub-field; empty when never set.
    [[nodiscard]] QString value(const QString &key) const;
    void setValue(const QString &key, const QString &value);
    /// Replaces the messages (sub-field key → message) shown beside the sub-fields.
    void setErrors(const QHash<QString, QString> &errors);
    [[nodiscard]] bool hasErrors() const { return !m_errors.isEmpty(); }
    /// The person as sent to the backend: every sub-field that was set, as a string.
    [[nodiscard]] QJsonObject values() const;
    void setEnglish(bool english);

private:
    QJsonArray m_definitions;
    QMap<QString, QString> m_values;
    QHash<QString, QString> m_errors;
    bool m_english = false;
};

/// The persons of one repeatable group field (heirs, witnesses): one row per person, whose
/// sub-fields are a SubfieldModel. FormModel owns one per group field, edits and validates it.
class GroupItemsModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        FieldsRole = Qt::UserRole + 1, // the person's SubfieldModel
    };

    /// A group of `count` empty persons whose sub-fields are `definitions`.
    GroupItemsModel(const QJsonArray &definitions, int count, bool english, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// The person at `item`; nullptr when out of range.
    [[nodiscard]] SubfieldModel *person(int item) const;
    void append();
    void remove(int item);
    /// The persons as sent to the backend, in order.
    [[nodiscard]] QJsonArray values() const;
    void setEnglish(bool english);

Q_SIGNALS:
    void countChanged();

private:
    QJsonArray m_definitions;
    QList<SubfieldModel *> m_persons; // children of this model
    bool m_english = false;
};

} // namespace kiosk
