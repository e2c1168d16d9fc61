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
            // The office name; a long press (2 s) opens the staff sign-in without a card.
            Text {
                objectName: "officeName"
                textFormat: Text.PlainText
                text: StaffLogin.officeName.length > 0 ? StaffLogin.officeName : "Anjungan Desa"
                color: Theme.inverse
                font.pixelSize: 30
                font.bold: true
                Layout.fillWidth: true
                elide: Text.ElideRight
                MouseArea {
                    anchors.fill: parent
                    enabled: !FirstBoot.active
                    pressAndHoldInterval: 2000
                    onPressAndHold: StaffLogin.startWithoutCard()
                }
            }
            // Who is entering this request, on every screen of a staff-assisted entry.
            Text {
                objectName: "staffEntryBanner"
                textFormat: Text.PlainText
                visible: VisitFlow.enteredBy.length > 0
                text: qsTr("Diisi petugas")
                color: Theme.inverse
                font.pixelSize: 20
                font.bold: true
            }
            Text {
                objectName: "outboxIndicator"
                textFormat: Text.PlainText
                visible: SyncStatus.outboxDepth > 0 && window.width > 1100
                text: qsTr("%n permohonan menunggu dikirim", "", SyncStatus.outboxDepth)
                color: Theme.inverse
                font.pixelSize: 20
            }
            HeaderButton {
                objectName: "languageToggle"
                text: VisitFlow.language === "id" ? "English" : "Bahasa Indonesia"
                Accessible.name: qsTr("Ganti bahasa")
                onClicked: VisitFlow.language = VisitFlow.language === "id" ? "en" : "id"
            }
            HeaderButton {
                objectName: "largeTextToggle"
                text: VisitFlow.largeText ? qsTr("Huruf biasa") : qsTr("Huruf besar")
                onClicked: VisitFlow.largeText = !VisitFlow.largeText
            }
            HeaderButton {
                objectName: "homeButton"
                visible: VisitFlow.screen !== VisitFlow.Welcome
                text: VisitFlow.enteredBy.length > 0 ? qsTr("Meja petugas") : qsTr("Beranda")
                onClicked: VisitFlow.goHome()
            }
        }
    }

    Rectangle {
        id: printerBanner
        objectName: "printerBanner"
        visible: DeviceStatus.printerNotice.length > 0
        anchors.left: parent.left
        anchors.right: parent.right
        height: visible ? bannerText.implicitHeight + 24 : 0
        color: Theme.warningBackground
        z: 10
        Text {
            id: bannerText
            textFormat: Text.PlainText
            anchors.fill: parent
            anchors.margins: 12
            text: DeviceStatus.printerNotice
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
            switch (VisitFlow.screen) {
            case VisitFlow.Consent: return "ConsentScreen.qml"
            case VisitFlow.Identify: return "IdentifyScreen.qml"
            case VisitFlow.Service: return "ServiceScreen.qml"
            case VisitFlow.Form: return "FormScreen.qml"
            case VisitFlow.Documents: return "DocumentsScreen.qml"
            case VisitFlow.Review: return "ReviewScreen.qml"
            case VisitFlow.Done: return "DoneScreen.qml"
            case VisitFlow.Survey: return "SurveyScreen.qml"
            case VisitFlow.Status: return "StatusScreen.qml"
            case VisitFlow.Verify: return "VerifyScreen.qml"
            case VisitFlow.Help: return "HelpScreen.qml"
            case VisitFlow.StaffLogin: return "StaffLoginScreen.qml"
            case VisitFlow.Staff: return "StaffScreen.qml"
            case VisitFlow.TechnicianLogin: return "TechnicianLoginScreen.qml"
            case VisitFlow.Technician: return "TechnicianScreen.qml"
            case VisitFlow.Fix: return "FixScreen.qml"
            case VisitFlow.Complaint: return "ComplaintScreen.qml"
            case VisitFlow.ComplaintAnswer: return "ComplaintAnswerScreen.qml"
            default: return "WelcomeScreen.qml"
            }
        }
    }

    IdleOverlay {
        anchors.fill: parent
        z: 50
    }

    // A unit that is not enrolled yet shows the technician's first-boot screen over everything else.
    Loader {
        objectName: "setupLoader"
        anchors.fill: parent
        anchors.bottomMargin: keyboard.active ? keyboard.height : 0
        z: 60
        active: FirstBoot.active
        source: "SetupScreen.qml"
    }

    // The on-screen keyboard follows the session's language: Indonesian layout by default.
    function applyKeyboardLocale() {
        VirtualKeyboardSettings.activeLocales = ["id_ID", "en_GB"]
        VirtualKeyboardSettings.locale = VisitFlow.language === "en" ? "en_GB" : "id_ID"
    }
    Component.onCompleted: applyKeyboardLocale()
    Connections {
        target: VisitFlow
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
