// The form's repeatable groups: persons as models, the values sent, per-person messages, limits, language.
#include "formmodel.h"

#include <QJsonDocument>
#include <QTest>

using kiosk::FormModel;
using kiosk::GroupItemsModel;
using kiosk::SubfieldModel;

namespace {
// A service with one plain field and a group of heirs (as in the catalog's AHLI_WARIS, shortened).
QJsonArray heirsSchema(int minItems, int maxItems)
{
    return QJsonDocument::fromJson(QStringLiteral(R"([
        {"key": "namaPewaris", "label": "Nama pewaris", "type": "text", "required": true},
        {"key": "ahliWaris", "label": "Daftar ahli waris", "labelEn": "Heirs", "type": "group", "required": true,
         "minItems": %1, "maxItems": %2, "fields": [
            {"key": "nama", "label": "Nama lengkap", "labelEn": "Full name", "type": "text", "required": true},
            {"key": "nik", "label": "NIK", "type": "nik", "required": true},
            {"key": "hubungan", "label": "Hubungan", "labelEn": "Relationship", "type": "select", "required": true,
             "options": ["Istri", "Suami", "Anak"], "optionsEn": ["Wife", "Husband", "Child"]}]}
    ])")
                                       .arg(minItems)
                                       .arg(maxItems)
                                       .toUtf8())
        .array();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

constexpr int kGroupRow = 1;
} // namespace

class TestFormModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefilledWithTheOfficersNotes()
    {
        // A returned request opened for a fix: its last version back in the form, the officer's reason beside a field.
        FormModel form;
        form.setSchema(heirsSchema(1, 3));
        const QJsonArray heirs = QJsonDocument::fromJson(R"([{"hubungan":"Istri","nama":"Sri Wahyuni"},{"nama":"Agus Santoso"}])").array();
        QVERIFY(form.setValueByKey(QStringLiteral("namaPewaris"), QStringLiteral("Sukardi")));
        QVERIFY(form.setGroupValues(QStringLiteral("ahliWaris"), heirs));
        QVERIFY(!form.setGroupValues(QStringLiteral("namaPewaris"), heirs));
        QCOMPARE(compact(form.values()),
            QByteArray(R"({"ahliWaris":[{"hubungan":"Istri","nama":"Sri Wahyuni"},{"nama":"Agus Santoso"}],"namaPewaris":"Sukardi"})"));
        form.setNotes({{QStringLiteral("ahliWaris"), QStringLiteral("NIK ahli waris kedua belum diisi")}});
        QCOMPARE(form.data(form.index(kGroupRow), FormModel::NoteRole).toString(), QStringLiteral("NIK ahli waris kedua belum diisi"));
        QVERIFY(form.data(form.index(0), FormModel::NoteRole).toString().isEmpty());
        QCOMPARE(form.roleNames().value(FormModel::NoteRole), QByteArray("note"));
        // The group's limits hold: five persons fill three, none leaves the minimum of one.
        QJsonArray five;
        for (int i = 0; i < 5; ++i)
            five.append(QJsonObject {{QStringLiteral("nama"), QStringLiteral("Orang %1").arg(i)}});
        QVERIFY(form.setGroupValues(QStringLiteral("ahliWaris"), five));
        QCOMPARE(form.groupItems(kGroupRow)->rowCount(), 3);
        QVERIFY(form.setGroupValues(QStringLiteral("ahliWaris"), {}));
        QCOMPARE(form.groupItems(kGroupRow)->rowCount(), 1);
        form.clear();
        QCOMPARE(form.rowCount(), 0);
    }

    void groupsStartWithTheirMinimum()
    {
        FormModel form;
        form.setSchema(heirsSchema(2, 3));
        QVERIFY(!form.groupItems(0));
        GroupItemsModel *heirs = form.groupItems(kGroupRow);
        QVERIFY(heirs);
        QCOMPARE(heirs->rowCount(), 2);
        QCOMPARE(form.data(form.index(kGroupRow), FormModel::ItemsRole).value<GroupItemsModel *>(), heirs);
        QCOMPARE(compact(form.values()), QByteArray("{\"ahliWaris\":[{},{}]}"));
    }

    void valuesAreArraysOfObjects()
    {
        FormModel form;
        form.setSchema(heirsSchema(1, 5));
        form.setValue(0, QStringLiteral("  Sukardi   bin  Karto "));
        form.setItemValue(kGroupRow, 0, QStringLiteral("nama"), QStringLiteral("Sri Wahyuni"));
        form.chooseItemOption(kGroupRow, 0, QStringLiteral("hubungan"), 0);
        form.addItem(kGroupRow);
        form.addItem(kGroupRow);
        form.setItemValue(kGroupRow, 1, QStringLiteral("nama"), QStringLiteral("Pergi"));
        form.setItemValue(kGroupRow, 2, QStringLiteral("nama"), QStringLiteral("Agus  Santoso"));
        form.setItemValue(kGroupRow, 2, QStringLiteral("nik"), QString(250, QLatin1Char('7')));
        form.chooseItemOption(kGroupRow, 2, QStringLiteral("hubungan"), 7); // no such option: nothing set
        form.removeItem(kGroupRow, 1);
        // Typed text is sent as typed (200 characters at most), only the sub-fields that were set.
        QCOMPARE(compact(form.values()),
            QByteArray("{\"ahliWaris\":[{\"hubungan\":\"Istri\",\"nama\":\"Sri Wahyuni\"},{\"nama\":\"Agus  Santoso\",\"nik\":\"")
                + QByteArray(200, '7') + "\"}],\"namaPewaris\":\"Sukardi bin Karto\"}");
        SubfieldModel *second = form.groupItems(kGroupRow)->person(1);
        QCOMPARE(second->value(QStringLiteral("nama")), QStringLiteral("Agus  Santoso"));
        QCOMPARE(form.data(form.index(kGroupRow), FormModel::ShownRole).toString(), QStringLiteral("Sri Wahyuni, Agus  Santoso"));
    }

    void addAndRemoveKeepTheLimits()
    {
        FormModel form;
        form.setSchema(heirsSchema(1, 2));
        GroupItemsModel *heirs = form.groupItems(kGroupRow);
        form.removeItem(kGroupRow, 0);
        QCOMPARE(heirs->rowCount(), 1);
        form.addItem(kGroupRow);
        form.addItem(kGroupRow);
        QCOMPARE(heirs->rowCount(), 2);
        form.removeItem(kGroupRow, 5);
        form.addItem(0);
        form.setItemValue(kGroupRow, 9, QStringLiteral("nama"), QStringLiteral("Tidak ada"));
        QCOMPARE(heirs->rowCount(), 2);
        QCOMPARE(compact(form.values()), QByteArray("{\"ahliWaris\":[{},{}]}"));
    }

    void messagesShowBesideEachPerson()
    {
        FormModel form;
        form.setSchema(heirsSchema(1, 5));
        form.setValue(0, QStringLiteral("Sukardi"));
        form.setItemValue(kGroupRow, 0, QStringLiteral("nama"), QStringLiteral("Sri Wahyuni"));
        form.setItemValue(kGroupRow, 0, QStringLiteral("nik"), QStringLiteral("3521115205010021"));
        form.chooseItemOption(kGroupRow, 0, QStringLiteral("hubungan"), 0);
        form.addItem(kGroupRow);
        form.setItemValue(kGroupRow, 1, QStringLiteral("nik"), QStringLiteral("12345"));
        QVERIFY(!form.validate());
        QCOMPARE(form.data(form.index(kGroupRow), FormModel::ErrorRole).toString(), QStringLiteral("Periksa data orang ke-2."));
        const auto error = [&](int person, int subfield) {
            const SubfieldModel *p = form.groupItems(kGroupRow)->person(person);
            return p->data(p->index(subfield), SubfieldModel::ErrorRole).toString();
        };
        for (int subfield = 0; subfield < 3; ++subfield)
            QCOMPARE(error(0, subfield), QString());
        QCOMPARE(error(1, 0), QStringLiteral("Wajib diisi."));
        QVERIFY(!error(1, 1).isEmpty());
        QCOMPARE(error(1, 2), QStringLiteral("Wajib diisi."));
        // The messages leave with the person they belong to.
        form.removeItem(kGroupRow, 1);
        QVERIFY(form.validate());
        QCOMPARE(error(0, 0), QString());
    }

    void subfieldsInTheSessionLanguage()
    {
        FormModel form;
        form.setSchema(heirsSchema(1, 5));
        SubfieldModel *person = form.groupItems(kGroupRow)->person(0);
        QCOMPARE(person->rowCount(), 3);
        const auto role = [&](int row, int role) { return person->data(person->index(row), role); };
        QCOMPARE(role(0, SubfieldModel::KeyRole).toString(), QStringLiteral("nama"));
        QCOMPARE(role(0, SubfieldModel::LabelRole).toString(), QStringLiteral("Nama lengkap"));
        QCOMPARE(role(1, SubfieldModel::TypeRole).toString(), QStringLiteral("nik"));
        QCOMPARE(role(2, SubfieldModel::SelectedRole).toInt(), -1);
        form.chooseItemOption(kGroupRow, 0, QStringLiteral("hubungan"), 2);
        QCOMPARE(role(2, SubfieldModel::SelectedRole).toInt(), 2);
        QCOMPARE(role(2, SubfieldModel::ValueRole).toString(), QStringLiteral("Anak"));
        form.setEnglish(true);
        form.addItem(kGroupRow);
        for (SubfieldModel *p : {person, form.groupItems(kGroupRow)->person(1)}) {
            QCOMPARE(p->data(p->index(0), SubfieldModel::LabelRole).toString(), QStringLiteral("Full name"));
            QCOMPARE(p->data(p->index(1), SubfieldModel::LabelRole).toString(), QStringLiteral("NIK"));
            QCOMPARE(p->data(p->index(2), SubfieldModel::OptionsRole).toStringList(),
                QStringList({QStringLiteral("Wife"), QStringLiteral("Husband"), QStringLiteral("Child")}));
        }
        // The value sent stays the catalog's own option.
        QCOMPARE(compact(form.values()), QByteArray("{\"ahliWaris\":[{\"hubungan\":\"Anak\"},{}]}"));
    }

    void reviewLinesAreTheFilledInFields()
    {
        FormModel form;
        form.setSchema(heirsSchema(1, 5));
        QVERIFY(form.summary().isEmpty());
        form.setValue(0, QStringLiteral("Sukardi"));
        form.setItemValue(kGroupRow, 0, QStringLiteral("nama"), QStringLiteral("Sri Wahyuni"));
        const QList<kiosk::ReviewLine> lines = form.summary();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).label, QStringLiteral("Nama pewaris"));
        QCOMPARE(lines.at(0).value, QStringLiteral("Sukardi"));
        QCOMPARE(lines.at(1).label, QStringLiteral("Daftar ahli waris"));
        QCOMPARE(lines.at(1).value, QStringLiteral("Sri Wahyuni"));
        form.clear();
        QVERIFY(form.summary().isEmpty());
        QVERIFY(form.values().isEmpty());
    }

    void amountsAreWrittenTheIndonesianWay()
    {
        FormModel form;
        form.setSchema(QJsonDocument::fromJson(R"([
            {"key":"penghasilan","label":"Penghasilan per bulan","type":"number","format":"rupiah","required":true},
            {"key":"tamu","label":"Perkiraan jumlah tamu","type":"number","format":"number"},
            {"key":"nomorKk","label":"Nomor Kartu Keluarga","type":"number"}])")
                           .array());
        // The form says what to type; the review writes the amount as letters do.
        QCOMPARE(form.data(form.index(0), FormModel::LabelRole).toString(), QStringLiteral("Penghasilan per bulan (Rp)"));
        QCOMPARE(form.data(form.index(0), FormModel::ReviewLabelRole).toString(), QStringLiteral("Penghasilan per bulan"));
        form.setValue(0, QStringLiteral("900000"));
        form.setValue(1, QStringLiteral("1500"));
        form.setValue(2, QStringLiteral("3521110101080001"));
        const QList<kiosk::ReviewLine> lines = form.summary();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).value, QStringLiteral("Rp900.000"));
        QCOMPARE(lines.at(1).value, QStringLiteral("1.500"));
        QCOMPARE(lines.at(2).value, QStringLiteral("3521110101080001"));
        // The backend receives the digits as typed.
        QCOMPARE(form.values().value(QStringLiteral("penghasilan")).toString(), QStringLiteral("900000"));
    }
};

QTEST_GUILESS_MAIN(TestFormModel)
#include "tst_formmodel.moc"
