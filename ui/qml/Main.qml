import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import AnjunganDesa

ApplicationWindow {
    id: window
    width: 1280
    height: 800
    visible: true
    title: "Anjungan Desa"
    color: Theme.background

    header: Rectangle {
        height: 84
        color: Theme.primary
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.gap
            anchors.rightMargin: Theme.gap
            spacing: 12
            Text {
                text: "Anjungan Desa"
                color: Theme.inverse
                font.pixelSize: 30
                font.bold: true
                Layout.fillWidth: true
                elide: Text.ElideRight
            }
            Text {
                objectName: "outboxIndicator"
                visible: Session.outboxDepth > 0 && window.width > 1100
                text: qsTr("%n permohonan menunggu dikirim", "", Session.outboxDepth)
                color: Theme.inverse
                font.pixelSize: 20
            }
            HeaderButton {
                objectName: "languageToggle"
                text: Session.language === "id" ? "English" : "Bahasa Indonesia"
                Accessible.name: qsTr("Ganti bahasa")
                onClicked: Session.language = Session.language === "id" ? "en" : "id"
            }
            HeaderButton {
                objectName: "largeTextToggle"
                text: Session.largeText ? qsTr("Huruf biasa") : qsTr("Huruf besar")
                onClicked: Session.largeText = !Session.largeText
            }
            HeaderButton {
                objectName: "homeButton"
                visible: Session.screen !== "welcome"
                text: qsTr("Beranda")
                onClicked: Session.goHome()
            }
        }
    }

    Rectangle {
        id: printerBanner
        objectName: "printerBanner"
        visible: Session.printerNotice.length > 0
        anchors.left: parent.left
        anchors.right: parent.right
        height: visible ? bannerText.implicitHeight + 24 : 0
        color: Theme.warningBackground
        z: 10
        Text {
            id: bannerText
            anchors.fill: parent
            anchors.margins: 12
            text: Session.printerNotice
            font.pixelSize: Theme.body
            color: Theme.warning
            wrapMode: Text.WordWrap
            verticalAlignment: Text.AlignVCenter
        }
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors.fill: parent
        anchors.topMargin: printerBanner.height
        anchors.bottomMargin: keyboard.active ? keyboard.height : 0
        source: {
            switch (Session.screen) {
            case "consent": return "ConsentScreen.qml"
            case "identify": return "IdentifyScreen.qml"
            case "service": return "ServiceScreen.qml"
            case "form": return "FormScreen.qml"
            case "review": return "ReviewScreen.qml"
            case "done": return "DoneScreen.qml"
            case "survey": return "SurveyScreen.qml"
            case "status": return "StatusScreen.qml"
            case "verify": return "VerifyScreen.qml"
            case "help": return "HelpScreen.qml"
            case "staffLogin": return "StaffLoginScreen.qml"
            case "staff": return "StaffScreen.qml"
            default: return "WelcomeScreen.qml"
            }
        }
    }

    IdleOverlay {
        anchors.fill: parent
        z: 50
    }

    // The on-screen keyboard follows the session's language: Indonesian layout by default.
    function applyKeyboardLocale() {
        VirtualKeyboardSettings.activeLocales = ["id_ID", "en_GB"]
        VirtualKeyboardSettings.locale = Session.language === "en" ? "en_GB" : "id_ID"
    }
    Component.onCompleted: applyKeyboardLocale()
    Connections {
        target: Session
        function onLanguageChanged() { window.applyKeyboardLocale() }
    }

    InputPanel {
        id: keyboard
        objectName: "keyboard"
        z: 99
        y: active ? parent.height - height : parent.height
        anchors.left: parent.left
        anchors.right: parent.right
    }
}
