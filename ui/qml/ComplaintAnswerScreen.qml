import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// The kecamatan's answer to a complaint, asked for now when the slip's QR was scanned.
ScreenPage {
    id: page
    readonly property var view: Complaint.answer
    title: qsTr("Jawaban pengaduan %1").arg(view.number)
    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 24
        clip: true
        ColumnLayout {
            id: column
            width: parent.width - 24
            spacing: Theme.gap * 0.75
            BusyIndicator {
                objectName: "answerAsking"
                visible: page.view.state === ComplaintAnswerView.Asking
                running: visible
            }
            Text {
                objectName: "answerAskingText"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: page.view.state === ComplaintAnswerView.Asking
                text: qsTr("Menanyakan ke kantor kecamatan…")
                font.pixelSize: Theme.body
                color: Theme.muted
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "answerStatus"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: page.view.state === ComplaintAnswerView.Found
                text: qsTr("Status: %1").arg(page.view.statusLabel)
                font.pixelSize: Theme.body + 6
                font.bold: true
                color: page.view.status === "DONE" ? Theme.primary : Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: page.view.state === ComplaintAnswerView.Found
                text: qsTr("%1, disampaikan %2").arg(page.view.category).arg(page.view.filedAt)
                font.pixelSize: Theme.body
                color: Theme.muted
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "answerText"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: page.view.state === ComplaintAnswerView.Found
                text: page.view.answer.length > 0
                      ? qsTr("Jawaban (%1):").arg(page.view.answeredAt) + "\n" + page.view.answer
                      : qsTr("Belum ada jawaban. Pengaduan Anda sedang ditangani; coba lagi beberapa hari lagi.")
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "answerMessage"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: page.view.message.length > 0
                text: page.view.message
                font.pixelSize: Theme.body
                color: page.view.state === ComplaintAnswerView.Offline ? Theme.warning : Theme.error
                wrapMode: Text.WordWrap
            }
            BigButton { objectName: "finishAnswer"; Layout.fillWidth: true; text: qsTr("Selesai"); onClicked: VisitFlow.goHome() }
        }
    }
}
