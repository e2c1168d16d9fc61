import QtQuick
import AnjunganDesa
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.VirtualKeyboard

ApplicationWindow {
    id: window
    width: 1280
    height: 800
    visible: true
    title: "Anjungan Desa"
    color: Theme.background

    header: Rectangle {
        height: 72
        color: Theme.primary
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.gap
            anchors.rightMargin: Theme.gap
            Text {
                text: "Anjungan Desa"
                color: Theme.inverse
                font.pixelSize: Theme.body + 4
                font.bold: true
                Layout.fillWidth: true
            }
            Text {
                objectName: "outboxIndicator"
                visible: Session.outboxDepth > 0
                text: Session.outboxDepth + " permohonan menunggu dikirim"
                color: Theme.inverse
                font.pixelSize: Theme.body - 6
            }
            BigButton {
                visible: Session.screen !== "welcome"
                text: "Beranda"
                primary: false
                implicitWidth: 180
                implicitHeight: 56
                onClicked: Session.goHome()
            }
        }
    }

    Loader {
        id: screenLoader
        anchors.fill: parent
        anchors.bottomMargin: keyboard.active ? keyboard.height : 0
        source: {
            switch (Session.screen) {
            case "identify": return "IdentifyScreen.qml"
            case "service": return "ServiceScreen.qml"
            case "form": return "FormScreen.qml"
            case "review": return "ReviewScreen.qml"
            case "done": return "DoneScreen.qml"
            case "status": return "StatusScreen.qml"
            case "staffLogin": return "StaffLoginScreen.qml"
            case "staff": return "StaffScreen.qml"
            default: return "WelcomeScreen.qml"
            }
        }
    }

    InputPanel {
        id: keyboard
        z: 99
        y: active ? parent.height - height : parent.height
        anchors.left: parent.left
        anchors.right: parent.right
    }
}
