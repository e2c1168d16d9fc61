#include "formmodel.h"

#include "nik.h"
#include "protocol.h"

#include <QRegularExpression>

namespace kiosk {

namespace {
constexpr int kMaxText = 200;
constexpr int kMaxMultiline = 500;

// The common fields carry this flag: they travel in the request's own columns, not in its values.
constexpr auto kCommon = "common";

// Messages for the common fields, in the words the kiosk has always used for them.
QString commonMessage(const QString &key)
{
    if (key == QLatin1String("name"))
        return FormModel::tr("Tulis nama lengkap sesuai KTP.");
    if (key == QLatin1String("address"))
        return FormModel::tr("Tulis alamat lengkap (dusun, RT/RW).");
    if (key == QLatin1String("purpose"))
        return FormModel::tr("Tulis untuk keperluan apa surat ini.");
    return FormModel::tr("Nomor HP tidak dikenali. Contoh: 0812 3456 7890. Boleh dikosongkan.");
}

bool allDigits(const QString &s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}
} // namespace

int FormModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

QString FormModel::label(const QJsonObject &def) const
{
    return fieldLabel(def, m_english);
}

QStringList FormModel::optionLabels(const QJsonObject &def) const
{
    return fieldOptionLabels(def, m_english);
}

QVariant FormModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_fields.size())
        return {};
    const Field &f = m_fields.at(index.row());
    switch (role) {
    case KeyRole:
        return fieldText(f.def, "key");
    case Qt::DisplayRole:
    case LabelRole:
        // The citizen types an amount as digits in rupiah; once filled in it is written "Rp900.000".
        if (serverlink::CatalogService::formatOf(f.def) == serverlink::idformat::ValueFormat::Rupiah)
            return QStringLiteral("%1 (Rp)").arg(label(f.def));
        return label(f.def);
    case TypeRole:
        return fieldText(f.def, "type");
    case RequiredRole:
        return f.def.value(QStringLiteral("required")).toBool();
    case OptionsRole:
        return optionLabels(f.def);
    case ValueRole:
        return f.value;
    case SelectedRole:
        return int(jsonStrings(f.def.value(QStringLiteral("options"))).indexOf(f.value));
    case ErrorRole:
        return f.error;
    case ItemsRole:
        return f.items ? QVariant::fromValue(f.items) : QVariant();
    case MinItemsRole:
        return f.def.value(QStringLiteral("minItems")).toInt();
    case MaxItemsRole:
        return f.def.value(QStringLiteral("maxItems")).toInt(20);
    case ReviewLabelRole: {
        const QString en = fieldText(f.def, "reviewLabelEn");
        const QString id = fieldText(f.def, "reviewLabel");
        return m_english && !en.isEmpty() ? en : id.isEmpty() ? label(f.def) : id;
    }
    case ShownRole:
        return shown(f);
    case NoteRole:
        return f.note;
    default:
        return {};
    }
}

QHash<int, QByteArray> FormModel::roleNames() const
{
    return {{KeyRole, "key"}, {LabelRole, "label"}, {TypeRole, "type"}, {RequiredRole, "required"}, {OptionsRole, "options"},
        {ValueRole, "value"}, {SelectedRole, "selected"}, {ErrorRole, "error"}, {ItemsRole, "items"}, {MinItemsRole, "minItems"},
        {MaxItemsRole, "maxItems"}, {ReviewLabelRole, "reviewLabel"}, {ShownRole, "shown"}, {NoteRole, "note"}};
}

void FormModel::setSchema(const QJsonArray &fields)
{
    beginResetModel();
    QList<GroupItemsModel *> previous;
    for (const Field &f : std::as_const(m_fields))
        if (f.items)
            previous.append(f.items);
    m_fields.clear();
    for (const QJsonValue &v : fields) {
        Field f;
        f.def = v.toObject();
        if (fieldText(f.def, "type") == QLatin1String("group"))
            f.items = new GroupItemsModel(
                f.def.value(QStringLiteral("fields")).toArray(), f.def.value(QStringLiteral("minItems")).toInt(), m_english, this);
        m_fields.append(f);
    }
    endResetModel();
    // The old form's group cards may still read their persons until the view has let them go.
    for (GroupItemsModel *gone : std::as_const(previous))
        gone->deleteLater();
    Q_EMIT countChanged();
    Q_EMIT errorsChanged();
}

QJsonArray FormModel::commonFields()
{
    const auto field = [](const char *key, const char *type, bool required, int minLength, const char *label, const char *labelEn,
                           const char *reviewLabel, const char *reviewLabelEn) {
        return QJsonObject {{QStringLiteral("key"), QLatin1String(key)}, {QStringLiteral("type"), QLatin1String(type)},
            {QStringLiteral("required"), required}, {QStringLiteral("minLength"), minLength},
            {QStringLiteral("label"), QString::fromUtf8(label)}, {QStringLiteral("labelEn"), QString::fromUtf8(labelEn)},
            {QStringLiteral("reviewLabel"), QString::fromUtf8(reviewLabel)},
            {QStringLiteral("reviewLabelEn"), QString::fromUtf8(reviewLabelEn)}, {QLatin1String(kCommon), true}};
    };
    return {
        field("name", "text", true, 3, "Nama lengkap (sesuai KTP)", "Full name (as on your ID card)", "Nama", "Name"),
        field("address", "multiline", true, 5, "Alamat (dusun, RT/RW)", "Address (hamlet, RT/RW)", "Alamat", "Address"),
        field("purpose", "text", true, 3, "Keperluan surat", "What the letter is for", "Keperluan", "Purpose"),
        field("phone", "phone", false, 0, "Nomor HP untuk kabar surat siap", "Phone number for a message when the letter is ready",
            "Nomor HP", "Phone number"),
    };
}

void FormModel::setServiceFields(const QJsonArray &serviceFields)
{
    QJsonArray all = commonFields();
    for (const QJsonValue &v : serviceFields)
        all.append(v);
    setSchema(all);
}

void FormModel::setEnglish(bool english)
{
    if (m_english == english)
        return;
    m_english = english;
    for (const Field &f : std::as_const(m_fields))
        if (f.items)
            f.items->setEnglish(english);
    if (!m_fields.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_fields.size()) - 1));
}

void FormModel::clear()
{
    setSchema({});
}

void FormModel::setNotes(const QHash<QString, QString> &notes)
{
    for (int row = 0; row < m_fields.size(); ++row) {
        Field &f = m_fields[row];
        const QString note = notes.value(fieldText(f.def, "key"));
        if (f.note == note)
            continue;
        f.note = note;
        Q_EMIT dataChanged(index(row), index(row), {NoteRole});
    }
}

bool FormModel::setGroupValues(const QString &key, const QJsonArray &items)
{
    for (int row = 0; row < m_fields.size(); ++row) {
        GroupItemsModel *group = m_fields.at(row).items;
        if (!group || fieldText(m_fields.at(row).def, "key") != key)
            continue;
        // Within the group's minimum and maximum: addItem() and removeItem() refuse beyond them.
        for (int before = -1; group->rowCount() > items.size() && group->rowCount() != before;) {
            before = group->rowCount();
            removeItem(row, before - 1);
        }
        for (int before = -1; group->rowCount() < items.size() && group->rowCount() != before;) {
            before = group->rowCount();
            addItem(row);
        }
        for (int item = 0; item < items.size() && item < group->rowCount(); ++item) {
            const QJsonObject person = items.at(item).toObject();
            for (auto it = person.begin(); it != person.end(); ++it)
                setItemValue(row, item, it.key(), it.value().toString());
        }
        return true;
    }
    return false;
}

void FormModel::changed(int row)
{
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT edited();
}

void FormModel::itemsChanged(int row)
{
    // The persons tell their own views; of this row only the review text changes.
    Q_EMIT dataChanged(index(row), index(row), {ShownRole});
    Q_EMIT edited();
}

GroupItemsModel *FormModel::groupItems(int row) const
{
    return row >= 0 && row < m_fields.size() ? m_fields.at(row).items : nullptr;
}

void FormModel::setValue(int row, const QString &value)
{
    if (row < 0 || row >= m_fields.size())
        return;
    Field &f = m_fields[row];
    const int limit = fieldText(f.def, "type") == QLatin1String("multiline") ? kMaxMultiline : kMaxText;
    f.value = value.left(limit);
    if (!f.error.isEmpty()) {
        f.error = check(f.def, f.value, QDate::currentDate());
        Q_EMIT errorsChanged();
    }
    changed(row);
}

void FormModel::choose(int row, int optionIndex)
{
    if (row < 0 || row >= m_fields.size())
        return;
    const QStringList options = jsonStrings(m_fields[row].def.value(QStringLiteral("options")));
    if (optionIndex >= 0 && optionIndex < options.size())
        setValue(row, options.at(optionIndex));
}

void FormModel::addItem(int row)
{
    GroupItemsModel *items = groupItems(row);
    if (!items || items->rowCount() >= m_fields.at(row).def.value(QStringLiteral("maxItems")).toInt(20))
        return;
    items->append();
    itemsChanged(row);
}

void FormModel::removeItem(int row, int item)
{
    GroupItemsModel *items = groupItems(row);
    if (!items || !items->person(item) || items->rowCount() <= m_fields.at(row).def.value(QStringLiteral("minItems")).toInt())
        return;
    items->remove(item);
    itemsChanged(row);
}

void FormModel::setItemValue(int row, int item, const QString &key, const QString &value)
{
    GroupItemsModel *items = groupItems(row);
    SubfieldModel *person = items ? items->person(item) : nullptr;
    if (!person)
        return;
    person->setValue(key, value.left(kMaxText));
    itemsChanged(row);
}

void FormModel::chooseItemOption(int row, int item, const QString &key, int optionIndex)
{
    if (row < 0 || row >= m_fields.size())
        return;
    for (const QJsonValue &v : m_fields[row].def.value(QStringLiteral("fields")).toArray()) {
        const QJsonObject sub = v.toObject();
        const QStringList options = jsonStrings(sub.value(QStringLiteral("options")));
        if (fieldText(sub, "key") == key && optionIndex >= 0 && optionIndex < options.size())
            setItemValue(row, item, key, options.at(optionIndex));
    }
}

QDate FormModel::parseDate(const QString &text)
{
    return QDate::fromString(text.trimmed(), QStringLiteral("dd-MM-yyyy"));
}

std::optional<QString> FormModel::normalizePhone(const QString &text)
{
    return serverlink::normalizePhone(text);
}

QString FormModel::check(const QJsonObject &field, const QString &rawValue, QDate today)
{
    const QString value = rawValue.trimmed();
    const QString type = fieldText(field, "type");
    if (field.value(QLatin1String(kCommon)).toBool()) {
        const int minLength = field.value(QStringLiteral("minLength")).toInt();
        const bool tooShort
            = (type == QLatin1String("text") || type == QLatin1String("multiline")) && value.simplified().size() < minLength;
        const bool badPhone = type == QLatin1String("phone") && !value.isEmpty() && !normalizePhone(value);
        return tooShort || badPhone ? commonMessage(fieldText(field, "key")) : QString();
    }
    if (value.isEmpty())
        return field.value(QStringLiteral("required")).toBool() && type != QLatin1String("group") ? tr("Wajib diisi.") : QString();
    if (type == QLatin1String("text") && value.size() > kMaxText)
        return tr("Terlalu panjang (paling banyak %1 huruf).").arg(kMaxText);
    if (type == QLatin1String("multiline") && value.size() > kMaxMultiline)
        return tr("Terlalu panjang (paling banyak %1 huruf).").arg(kMaxMultiline);
    if (type == QLatin1String("number")) {
        if (!allDigits(value))
            return tr("Isi dengan angka saja.");
        const int minLength = field.value(QStringLiteral("minLength")).toInt();
        const int maxLength = field.value(QStringLiteral("maxLength")).toInt(15);
        if (value.size() < minLength || value.size() > maxLength)
            return minLength == maxLength ? tr("Harus %1 angka.").arg(minLength)
                                          : tr("Harus %1 sampai %2 angka.").arg(minLength).arg(maxLength);
        const double max = field.value(QStringLiteral("max")).toDouble(0);
        if (max > 0 && value.toDouble() > max)
            return tr("Angka terlalu besar (paling banyak %L1).").arg(qint64(max));
    }
    if (type == QLatin1String("phone") && !normalizePhone(value))
        return tr("Nomor HP tidak dikenali. Contoh: 0812 3456 7890.");
    if (type == QLatin1String("nik")) {
        const auto parsed = parseNik(value, today);
        if (const auto *error = std::get_if<NikError>(&parsed))
            return nikErrorMessage(*error);
    }
    if (type == QLatin1String("date")) {
        const QDate date = parseDate(value);
        if (!date.isValid())
            return tr("Tulis tanggal sebagai HH-BB-TTTT, contoh 17-08-2025.");
        if (field.value(QStringLiteral("past")).toBool() && date > today)
            return tr("Tanggal ini belum terjadi. Periksa lagi.");
        if (field.value(QStringLiteral("future")).toBool() && date < today)
            return tr("Tanggal ini sudah lewat. Periksa lagi.");
        if (date.year() < 1900 || date.year() > today.year() + 5)
            return tr("Tahun tidak masuk akal. Periksa lagi.");
    }
    if (type == QLatin1String("select") && !jsonStrings(field.value(QStringLiteral("options"))).contains(value))
        return tr("Pilih salah satu pilihan.");
    return {};
}

bool FormModel::validate()
{
    const QDate today = QDate::currentDate();
    bool ok = true;
    for (Field &f : m_fields) {
        if (fieldText(f.def, "type") != QLatin1String("group")) {
            f.error = check(f.def, f.value, today);
            ok = ok && f.error.isEmpty();
            continue;
        }
        f.error.clear();
        const int minItems = f.def.value(QStringLiteral("minItems")).toInt();
        const int count = f.items ? f.items->rowCount() : 0;
        if (count < minItems)
            f.error = tr("Isi paling sedikit %n orang.", nullptr, minItems);
        const QJsonArray subs = f.def.value(QStringLiteral("fields")).toArray();
        for (int i = 0; i < count; ++i) {
            SubfieldModel *person = f.items->person(i);
            QHash<QString, QString> errors;
            for (const QJsonValue &v : subs) {
                QJsonObject sub = v.toObject();
                sub.insert(QStringLiteral("required"), sub.value(QStringLiteral("required")).toBool(true));
                const QString message = check(sub, person->value(fieldText(sub, "key")), today);
                if (!message.isEmpty())
                    errors.insert(fieldText(sub, "key"), message);
            }
            person->setErrors(errors);
            if (!errors.isEmpty() && f.error.isEmpty())
                f.error = tr("Periksa data orang ke-%1.").arg(i + 1);
        }
        ok = ok && f.error.isEmpty();
    }
    if (!m_fields.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_fields.size()) - 1), {ErrorRole});
    Q_EMIT errorsChanged();
    return ok;
}

bool FormModel::hasErrors() const
{
    return std::any_of(m_fields.begin(), m_fields.end(), [](const Field &f) { return !f.error.isEmpty(); });
}

QJsonObject FormModel::values() const
{
    QJsonObject out;
    for (const Field &f : m_fields) {
        if (f.def.value(QLatin1String(kCommon)).toBool())
            continue;
        const QString key = fieldText(f.def, "key");
        if (fieldText(f.def, "type") == QLatin1String("group")) {
            out.insert(key, f.items ? f.items->values() : QJsonArray());
        } else if (!f.value.trimmed().isEmpty()) {
            const QString type = fieldText(f.def, "type");
            out.insert(key, type == QLatin1String("phone") ? normalizePhone(f.value).value_or(f.value) : f.value.simplified());
        }
    }
    return out;
}

QString FormModel::shown(const Field &f) const
{
    const QString type = fieldText(f.def, "type");
    if (type == QLatin1String("select")) {
        const int i = int(jsonStrings(f.def.value(QStringLiteral("options"))).indexOf(f.value));
        return i >= 0 ? optionLabels(f.def).value(i) : QString();
    }
    if (type == QLatin1String("group")) {
        QStringList people;
        for (int i = 0; f.items && i < f.items->rowCount(); ++i)
            people.append(f.items->person(i)->value(QStringLiteral("nama")));
        return people.join(QStringLiteral(", "));
    }
    if (type == QLatin1String("phone"))
        return normalizePhone(f.value).value_or(f.value.simplified());
    return serverlink::idformat::value(f.value.simplified(), serverlink::CatalogService::formatOf(f.def));
}

QString FormModel::value(const QString &key) const
{
    for (const Field &f : m_fields) {
        if (fieldText(f.def, "key") != key)
            continue;
        if (fieldText(f.def, "type") == QLatin1String("phone"))
            return f.value.trimmed().isEmpty() ? QString() : normalizePhone(f.value).value_or(f.value.simplified());
        return f.value.simplified();
    }
    return {};
}

bool FormModel::setValueByKey(const QString &key, const QString &value)
{
    for (int row = 0; row < m_fields.size(); ++row) {
        if (fieldText(m_fields.at(row).def, "key") == key) {
            setValue(row, value);
            return true;
        }
    }
    return false;
}

QList<ReviewLine> FormModel::summary() const
{
    QList<ReviewLine> out;
    for (int row = 0; row < m_fields.size(); ++row) {
        const QString text = shown(m_fields.at(row));
        if (!text.isEmpty())
            out.append({data(index(row), ReviewLabelRole).toString(), text});
    }
    return out;
}

} // namespace kiosk
