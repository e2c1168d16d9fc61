import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Periksa permohonan Anda")
    subtitle: qsTr("Jika sudah benar, sentuh Kirim. Tiket antrean akan tercetak.")
    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        ListView {
            id: rows
            objectName: "reviewRows"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: Session.reviewRows
            delegate: GridLayout {
                required property var modelData
                width: rows.width - 20
                columns: rows.width > 900 ? 2 : 1
                columnSpacing: 16
                rowSpacing: 0
                Text { text: modelData.label; font.pixelSize: Theme.body; color: Theme.muted; Layout.preferredWidth: 360; Layout.fillWidth: rows.width <= 900; wrapMode: Text.WordWrap }
                Text { text: modelData.value; font.pixelSize: Theme.body; color: Theme.text; Layout.fillWidth: true; wrapMode: Text.WordWrap }
            }
            ScrollBar.vertical: ScrollBar { width: 16 }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton { objectName: "editForm"; Layout.fillWidth: true; primary: false; text: qsTr("Ubah"); onClicked: Session.editForm() }
            BigButton { objectName: "submit"; Layout.fillWidth: true; text: qsTr("Kirim"); onClicked: Session.submit() }
        }
    }
}
