import QtQuick
import AnjunganDesa
import QtQuick.Controls.Basic
import QtQuick.Layouts

ScreenPage {
    title: qsTr("Surat siap dicetak")
    subtitle: qsTr("%n surat sudah ditandatangani dan siap diserahkan.", "", Session.readyLetterCount)
              + (Session.syncProblem.length > 0 ? "\n" + qsTr("Perhatian: %1").arg(Session.syncProblem) : "")
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        Text {
            Layout.fillWidth: true
            visible: Session.staffMessage.length > 0
            text: Session.staffMessage
            font.pixelSize: Theme.body
            color: Theme.primary
            wrapMode: Text.WordWrap
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 12
            model: Session.readyLetters
            delegate: RowLayout {
                required property var modelData
                width: list.width
                spacing: Theme.gap
                Text {
                    Layout.fillWidth: true
                    text: modelData.queueLabel + " · " + modelData.serviceName + "\n" + modelData.maskedName + " · " + modelData.registrationNumber
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                BigButton {
                    objectName: "print-" + modelData.registrationNumber
                    implicitWidth: 220
                    text: qsTr("Cetak")
                    onClicked: Session.printLetter(modelData.registrationNumber)
                }
            }
        }
    }
}
