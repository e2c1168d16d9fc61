import QtQuick
import AnjunganDesa
import QtQuick.Layouts

// Technician sign-in: the PIN for a scanned technician card, or username and PIN without the card. Staff credentials are refused.
ScreenPage {
    id: page
    property string pin: ""
    property string username: ""
    title: TechnicianMode.cardHolder.length > 0 ? qsTr("Halo, %1").arg(TechnicianMode.cardHolder) : qsTr("Masuk mode teknisi")
    subtitle: TechnicianMode.withoutCard ? qsTr("Ketik nama pengguna teknisi Anda, lalu masukkan PIN.")
              : TechnicianMode.cardHolder.length > 0 ? qsTr("Masukkan PIN Anda.")
              : qsTr("Pindai kartu teknisi Anda.")
    RowLayout {
        anchors.fill: parent
        spacing: Theme.gap * 2
        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap
            TextInputField {
                objectName: "technicianUsername"
                Layout.fillWidth: true
                visible: TechnicianMode.withoutCard
                label: qsTr("Nama pengguna")
                required: true
                value: page.username
                onEdited: (t) => page.username = t
            }
            Text {
                objectName: "technicianPinDots"
                textFormat: Text.PlainText
                text: page.pin.length > 0 ? "●".repeat(page.pin.length) : qsTr("PIN")
                font.pixelSize: Theme.title
                color: Theme.text
            }
            Text {
                objectName: "technicianLoginMessage"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: TechnicianMode.message
                visible: TechnicianMode.message.length > 0
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "technicianWithoutCard"
                visible: !TechnicianMode.withoutCard
                primary: false
                text: qsTr("Masuk tanpa kartu")
                onClicked: TechnicianMode.startWithoutCard()
            }
        }
        NumPad {
            Layout.alignment: Qt.AlignTop
            showOk: true
            onDigit: (d) => { if (page.pin.length < 6) page.pin += d }
            onErase: page.pin = page.pin.slice(0, -1)
            onAccepted: {
                if (TechnicianMode.withoutCard)
                    TechnicianMode.loginWithoutCard(page.username, page.pin)
                else
                    TechnicianMode.login(page.pin)
                page.pin = ""
            }
        }
    }
}
