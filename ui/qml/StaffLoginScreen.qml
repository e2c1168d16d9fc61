import QtQuick
import AnjunganDesa
import QtQuick.Layouts

// Staff sign-in: the PIN for a scanned staff card, or username and PIN without the card (long press on the office name).
ScreenPage {
    id: page
    property string pin: ""
    property string username: ""
    title: StaffLogin.cardHolder.length > 0 ? qsTr("Halo, %1").arg(StaffLogin.cardHolder) : qsTr("Masuk petugas")
    subtitle: StaffLogin.withoutCard ? qsTr("Ketik nama pengguna Anda, lalu masukkan PIN.")
              : StaffLogin.cardHolder.length > 0 ? qsTr("Masukkan PIN Anda.")
              : qsTr("Pindai kartu petugas Anda.")
    RowLayout {
        anchors.fill: parent
        spacing: Theme.gap * 2
        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap
            TextInputField {
                objectName: "staffUsername"
                Layout.fillWidth: true
                visible: StaffLogin.withoutCard
                label: qsTr("Nama pengguna")
                required: true
                value: page.username
                onEdited: (t) => page.username = t
            }
            Text {
                objectName: "staffPinDots"
                textFormat: Text.PlainText
                text: page.pin.length > 0 ? "●".repeat(page.pin.length) : qsTr("PIN")
                font.pixelSize: Theme.title
                color: Theme.text
            }
            Text {
                objectName: "staffLoginMessage"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: StaffLogin.message
                visible: StaffLogin.message.length > 0
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            // Technicians have their own credential and their own mode.
            BigButton {
                objectName: "technicianEntry"
                implicitWidth: 220
                primary: false
                text: qsTr("Teknisi")
                onClicked: TechnicianMode.start()
            }
        }
        NumPad {
            Layout.alignment: Qt.AlignTop
            showOk: true
            onDigit: (d) => { if (page.pin.length < 6) page.pin += d }
            onErase: page.pin = page.pin.slice(0, -1)
            onAccepted: {
                if (StaffLogin.withoutCard)
                    StaffLogin.loginWithoutCard(page.username, page.pin)
                else
                    StaffLogin.login(page.pin)
                page.pin = ""
            }
        }
    }
}
