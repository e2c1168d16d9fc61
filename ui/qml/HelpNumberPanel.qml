import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// "Konsultasi / bantuan": one more tap (regular or priority) prints a numbered slip; then the number and its wait show.
Rectangle {
    id: panel
    objectName: "helpNumberPanel"
    visible: QueueTicket.choosing || QueueTicket.label.length > 0 || QueueTicket.message.length > 0
    color: Theme.background
    // Taps do not reach the welcome buttons underneath.
    MouseArea { anchors.fill: parent }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: qsTr("Konsultasi / bantuan petugas")
            font.pixelSize: Theme.title
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: QueueTicket.choosing
            text: qsTr("Ambil nomor antrean untuk berbicara dengan petugas. Penyandang disabilitas dan ibu hamil dipanggil lebih dulu.")
            font.pixelSize: Theme.body
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        BigButton {
            objectName: "takeHelpRegular"
            visible: QueueTicket.choosing
            Layout.fillWidth: true
            text: qsTr("Ambil nomor antrean")
            onClicked: QueueTicket.takeHelp("")
        }
        RowLayout {
            visible: QueueTicket.choosing
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "takeHelpDisabilitas"
                Layout.fillWidth: true
                primary: false
                text: qsTr("Prioritas: penyandang disabilitas")
                onClicked: QueueTicket.takeHelp("disabilitas")
            }
            BigButton {
                objectName: "takeHelpIbuHamil"
                Layout.fillWidth: true
                primary: false
                text: qsTr("Prioritas: ibu hamil")
                onClicked: QueueTicket.takeHelp("ibu_hamil")
            }
        }
        Text {
            textFormat: Text.PlainText
            visible: QueueTicket.label.length > 0
            text: qsTr("Nomor antrean")
            font.pixelSize: Theme.body
            color: Theme.muted
        }
        Text {
            objectName: "helpNumber"
            textFormat: Text.PlainText
            visible: QueueTicket.label.length > 0
            text: QueueTicket.label
            font.pixelSize: 96
            font.bold: true
            color: Theme.primary
        }
        Text {
            objectName: "helpWait"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: QueueTicket.label.length > 0
            text: qsTr("Perkiraan waktu tunggu: %1").arg(QueueTicket.waitEstimate)
            font.pixelSize: Theme.body
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: text.length > 0
            text: QueueTicket.message
            font.pixelSize: Theme.body
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Item { Layout.fillHeight: true }
        BigButton {
            objectName: "closeHelpNumber"
            Layout.fillWidth: true
            primary: false
            text: QueueTicket.choosing ? qsTr("Batal") : qsTr("Selesai")
            onClicked: QueueTicket.close()
        }
    }
}
