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
        // Print jobs that have not come out of a printer: why, and what staff can do.
        Rectangle {
            Layout.fillWidth: true
            visible: Session.printJobs.length > 0 || Session.ticketsNotPrinted > 0
            implicitHeight: jobsColumn.implicitHeight + 32
            color: Theme.warningBackground
            radius: 12
            ColumnLayout {
                id: jobsColumn
                anchors.fill: parent
                anchors.margins: 16
                spacing: 12
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("%n tiket belum tercetak menurut catatan anjungan.", "", Session.ticketsNotPrinted)
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.warning
                        wrapMode: Text.WordWrap
                    }
                    BigButton {
                        objectName: "reprintLostTickets"
                        visible: Session.ticketsNotPrinted > 0
                        implicitWidth: 320
                        text: qsTr("Cetak tiket yang hilang")
                        onClicked: Session.reprintLostTickets()
                    }
                }
                Repeater {
                    model: Session.printJobs
                    delegate: RowLayout {
                        required property var modelData
                        objectName: "printJob-" + modelData.id
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        Text {
                            Layout.fillWidth: true
                            text: modelData.title + "\n" + (modelData.problem.length > 0 ? modelData.problem : qsTr("Sedang dicetak…"))
                            font.pixelSize: Theme.small
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        BigButton {
                            objectName: "reprint-" + modelData.id
                            implicitWidth: 250
                            text: qsTr("Cetak ulang")
                            onClicked: Session.reprintJob(modelData.id)
                        }
                        BigButton {
                            objectName: "discard-" + modelData.id
                            implicitWidth: 200
                            primary: false
                            text: qsTr("Batalkan")
                            onClicked: Session.discardJob(modelData.id)
                        }
                    }
                }
            }
        }
        Text {
            objectName: "deviceStates"
            Layout.fillWidth: true
            visible: Session.deviceStates.length > 0
            text: qsTr("Perangkat:") + "\n" + Session.deviceStates.join("\n")
            font.pixelSize: Theme.small
            color: Theme.muted
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
                    implicitWidth: 200
                    text: qsTr("Cetak")
                    onClicked: Session.printLetter(modelData.registrationNumber)
                }
                BigButton {
                    objectName: "handover-" + modelData.registrationNumber
                    implicitWidth: 220
                    primary: false
                    text: qsTr("Serahkan")
                    onClicked: Session.handOver(modelData.registrationNumber)
                }
            }
        }
    }
}
