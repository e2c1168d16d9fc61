import QtQuick
import AnjunganDesa
import QtQuick.Layouts

ScreenPage {
    id: page
    property string pin: ""
    title: qsTr("Masuk petugas")
    subtitle: qsTr("Masukkan PIN petugas.")
    RowLayout {
        anchors.fill: parent
        spacing: Theme.gap * 2
        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap
            Text { text: page.pin.length > 0 ? "●".repeat(page.pin.length) : qsTr("PIN"); font.pixelSize: Theme.title; color: Theme.text }
            Text {
                Layout.fillWidth: true
                text: StaffLogin.message
                visible: StaffLogin.message.length > 0
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
        }
        NumPad {
            Layout.alignment: Qt.AlignTop
            showOk: true
            onDigit: (d) => { if (page.pin.length < 12) page.pin += d }
            onErase: page.pin = page.pin.slice(0, -1)
            onAccepted: { StaffLogin.login(page.pin); page.pin = "" }
        }
    }
}
