#pragma once

#include "groupitemsmodel.h"

#include <QAbstractListModel>
#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace kiosk {

/// One row of the review screen: a filled-in field's review label and its value as shown.
struct ReviewLine {
    QString label;
    QString value;
};

/// The form of one request: the fields every letter asks (name, address, purpose, phone; see
/// commonFields()) then those of its service from the catalog schema (text, multiline, date, number,
/// phone, nik, select, and repeatable groups of persons): values, validation, the review rows and
/// the labels in the session's language. One row per field.
class FormModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(bool hasErrors READ hasErrors NOTIFY errorsChanged)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        LabelRole,
        TypeRole,
        RequiredRole,
        OptionsRole, // select: display labels in the session's language
        ValueRole, // text value, or for select the canonical option
        SelectedRole, // select: index of the chosen option, -1 when none
        ErrorRole, // validation message beside the field, empty when fine
        ItemsRole, // group: the persons, a GroupItemsModel
        MinItemsRole,
        MaxItemsRole,
        ReviewLabelRole, // the label on the review screen
        ShownRole, // the value as the review screen shows it; empty rows are not shown
        NoteRole, // an officer's reason to fix this field (a returned request), empty otherwise
    };

    using QAbstractListModel::QAbstractListModel;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Replaces the fields with those of a catalog service; values start empty
    /// (groups start with their minimum number of items).
    void setSchema(const QJsonArray &fields);
    /// The common fields followed by a service's own fields.
    void setServiceFields(const QJsonArray &serviceFields);
    /// The fields every request asks, defined once: name, address, purpose and (optional) phone.
    [[nodiscard]] static QJsonArray commonFields();
    void setEnglish(bool english);
    /// Forgets every field and value.
    void clear();
    /// The officer's reason beside each field it names (by key); fields not named have none.
    void setNotes(const QHash<QString, QString> &notes);
    /// Fills group `key` with `items` (objects of subfield values), adding or removing persons; false without such a group.
    bool setGroupValues(const QString &key, const QJsonArray &items);

    Q_INVOKABLE void setValue(int row, const QString &value);
    Q_INVOKABLE void choose(int row, int optionIndex);
    Q_INVOKABLE void addItem(int row);
    Q_INVOKABLE void removeItem(int row, int item);
    Q_INVOKABLE void setItemValue(int row, int item, const QString &key, const QString &value);
    Q_INVOKABLE void chooseItemOption(int row, int item, const QString &key, int optionIndex);

    /// Checks every field, shows the messages, and returns true when all are valid.
    Q_INVOKABLE bool validate();
    [[nodiscard]] bool hasErrors() const;
    /// The service fields' values as sent to the backend: strings, and arrays of objects for groups.
    [[nodiscard]] QJsonObject values() const;
    /// One field's value as sent (collapsed spaces, phone normalized); empty when absent.
    [[nodiscard]] QString value(const QString &key) const;
    /// Sets a field by its key (select fields take the option's value); false when there is no such field.
    bool setValueByKey(const QString &key, const QString &value);
    /// The persons of a group field; nullptr when the row is not a group.
    [[nodiscard]] GroupItemsModel *groupItems(int row) const;
    /// The filled-in fields as the review screen shows them (ReviewLabelRole, ShownRole).
    [[nodiscard]] QList<ReviewLine> summary() const;

    /// Validation of one value of a field definition; empty when valid. Public for tests.
    [[nodiscard]] static QString check(const QJsonObject &field, const QString &value, QDate today);
    /// "0812-3456-789", "62812…", "+62 812…" → "+62812…"; nullopt when not an Indonesian mobile number.
    [[nodiscard]] static std::optional<QString> normalizePhone(const QString &text);
    /// "dd-MM-yyyy" as typed on the kiosk; invalid QDate when not a real date.
    [[nodiscard]] static QDate parseDate(const QString &text);

Q_SIGNALS:
    void countChanged();
    void errorsChanged();
    void edited();

private:
    struct Field {
        QJsonObject def;
        QString value;
        QString error;
        QString note;
        GroupItemsModel *items = nullptr; // groups only; a child of this model
    };
    [[nodiscard]] QString label(const QJsonObject &def) const;
    [[nodiscard]] QStringList optionLabels(const QJsonObject &def) const;
    [[nodiscard]] QString shown(const Field &f) const;
    void changed(int row);
    void itemsChanged(int row);

    QList<Field> m_fields;
    bool m_english = false;
};

} // namespace kiosk
