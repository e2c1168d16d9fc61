import QtQuick
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Identitas pemohon")
    subtitle: qsTr("Pindai barcode pada KTP, atau ketik 16 angka NIK Anda.")
    GridLayout {
        anchors.fill: parent
        columns: width > 900 ? 2 : 1
        columnSpacing: Theme.gap * 2
        rowSpacing: Theme.gap
        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap * 0.75
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 96
                radius: Theme.radius
                color: Theme.surface
                border.color: NikEntry.error.length > 0 ? Theme.error : Theme.primary
                border.width: 3
                Text {
                    objectName: "nikField"
                    textFormat: Text.PlainText
                    anchors.centerIn: parent
                    width: parent.width - 24
                    horizontalAlignment: Text.AlignHCenter
                    fontSizeMode: Text.HorizontalFit
                    minimumPixelSize: 24
                    text: NikEntry.nik.length > 0 ? NikEntry.nik.replace(/(\d{4})(?=\d)/g, "$1 ") : qsTr("NIK (16 angka)")
                    font.pixelSize: Theme.title
                    font.family: "DejaVu Sans Mono"
                    color: NikEntry.nik.length > 0 ? Theme.text : Theme.muted
                }
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: NikEntry.scanned ? qsTr("NIK terbaca dari kartu.") : qsTr("%1 dari 16 angka").arg(NikEntry.nik.length)
                font.pixelSize: Theme.body
                color: Theme.muted
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "nikError"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: NikEntry.error.length > 0
                text: NikEntry.error
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            Rectangle {
                Layout.fillWidth: true
                visible: NikEntry.valid
                implicitHeight: facts.implicitHeight + 32
                radius: Theme.radius
                color: Theme.surface
                ColumnLayout {
                    id: facts
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 6
                    Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Menurut NIK ini:"); font.pixelSize: Theme.body; color: Theme.muted; wrapMode: Text.WordWrap }
                    Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Tanggal lahir: %1").arg(NikEntry.facts.birthDate); font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                    Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Jenis kelamin: %1").arg(NikEntry.facts.sex); font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                    Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Kode wilayah: %1").arg(NikEntry.facts.region); font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                }
            }
            BigButton {
                objectName: "confirmNik"
                Layout.fillWidth: true
                enabled: NikEntry.valid
                text: qsTr("Ya, ini NIK saya")
                onClicked: NikEntry.confirm()
            }
        }
        NumPad {
            Layout.alignment: Qt.AlignTop | Qt.AlignHCenter
            onDigit: (d) => NikEntry.typeDigit(d)
            onErase: NikEntry.eraseDigit()
        }
    }
}
