import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// One tap for a priority number (penyandang disabilitas, ibu hamil); lansia is read from the NIK.
RowLayout {
    id: choice
    // "", "disabilitas" or "ibu_hamil"
    property string priority: ""
    signal chosen(string priority)
    spacing: 16
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: qsTr("Prioritas (dipanggil lebih dulu):")
        font.pixelSize: Theme.small
        color: Theme.muted
        wrapMode: Text.WordWrap
    }
    BigButton {
        objectName: "priorityDisabilitas"
        implicitWidth: 280
        primary: choice.priority === "disabilitas"
        text: qsTr("Penyandang disabilitas")
        onClicked: choice.chosen(choice.priority === "disabilitas" ? "" : "disabilitas")
    }
    BigButton {
        objectName: "priorityIbuHamil"
        implicitWidth: 220
        primary: choice.priority === "ibu_hamil"
        text: qsTr("Ibu hamil")
        onClicked: choice.chosen(choice.priority === "ibu_hamil" ? "" : "ibu_hamil")
    }
}
