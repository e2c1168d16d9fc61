import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Periksa permohonan Anda")
    subtitle: qsTr("Jika sudah benar, sentuh Kirim. Tiket antrean akan tercetak.")

    component ReviewRow: GridLayout {
        id: reviewRow
        property string label
        property string value
        columns: width > 880 ? 2 : 1
        columnSpacing: 16
        rowSpacing: 0
        Text { textFormat: Text.PlainText; text: reviewRow.label; font.pixelSize: Theme.body; color: Theme.muted; Layout.preferredWidth: 360; Layout.fillWidth: reviewRow.columns === 1; wrapMode: Text.WordWrap }
        Text { textFormat: Text.PlainText; text: reviewRow.value; font.pixelSize: Theme.body; color: Theme.text; Layout.fillWidth: true; wrapMode: Text.WordWrap }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        // The letter and the NIK, then every filled-in field of the form as the form model shows it.
        ReviewRow { Layout.fillWidth: true; Layout.rightMargin: 20; label: qsTr("Surat"); value: LetterRequest.serviceName }
        ReviewRow { Layout.fillWidth: true; Layout.rightMargin: 20; label: qsTr("NIK"); value: NikEntry.nik }
        ListView {
            id: rows
            objectName: "reviewRows"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: LetterRequest.form
            delegate: Item {
                id: field
                required property string reviewLabel
                required property string shown
                width: rows.width - 20
                visible: shown.length > 0
                height: visible ? row.implicitHeight + 8 : 0
                ReviewRow { id: row; width: parent.width; height: implicitHeight; label: field.reviewLabel; value: field.shown }
            }
            ScrollBar.vertical: ScrollBar { width: 16 }
        }
        PriorityChoice {
            Layout.fillWidth: true
            priority: LetterRequest.priority
            onChosen: (priority) => LetterRequest.priority = priority
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton { objectName: "editForm"; Layout.fillWidth: true; primary: false; text: qsTr("Ubah"); onClicked: LetterRequest.editForm() }
            BigButton { objectName: "submit"; Layout.fillWidth: true; text: qsTr("Kirim"); onClicked: LetterRequest.submit() }
        }
    }
}
