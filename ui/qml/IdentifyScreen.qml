import QtQuick
import AnjunganDesa
import QtQuick.Layouts

ScreenPage {
    title: "Identitas pemohon"
    subtitle: "Pindai barcode pada KTP, atau ketik 16 angka NIK Anda."
    RowLayout {
        anchors.fill: parent
        spacing: Theme.gap * 2
        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 96
                radius: 12
                color: Theme.surface
                border.color: Session.nikError.length > 0 ? Theme.error : Theme.primary
                border.width: 3
                Text {
                    objectName: "nikField"
                    anchors.centerIn: parent
                    text: Session.nik.length > 0 ? Session.nik.replace(/(\d{4})(?=\d)/g, "$1 ") : "NIK (16 angka)"
                    font.pixelSize: Theme.title
                    font.family: "DejaVu Sans Mono"
                    color: Session.nik.length > 0 ? Theme.text : Theme.muted
                }
            }
            Text {
                Layout.fillWidth: true
                text: Session.nik.length + " dari 16 angka"
                font.pixelSize: Theme.body
                color: Theme.muted
            }
            Text {
                Layout.fillWidth: true
                visible: Session.nikError.length > 0
                text: Session.nikError
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            Text {
                Layout.fillWidth: true
                visible: Session.nikValid
                text: "Data dari NIK: " + Session.nikSummary + "\nApakah ini NIK Anda?"
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "confirmNik"
                Layout.fillWidth: true
                enabled: Session.nikValid
                text: "Ya, lanjutkan"
                onClicked: Session.confirmNik()
            }
        }
        NumPad {
            Layout.alignment: Qt.AlignTop
            onDigit: (d) => Session.typeDigit(d)
            onErase: Session.eraseDigit()
        }
    }
}
