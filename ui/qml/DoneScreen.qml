import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Permohonan Anda sudah tercatat")
    subtitle: LetterRequest.ticket.printed ? qsTr("Ambil tiket antrean Anda di bawah layar.") : LetterRequest.ticket.printMessage
    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gap * 0.75
            Text { textFormat: Text.PlainText; text: qsTr("Nomor antrean"); font.pixelSize: Theme.body; color: Theme.muted }
            Text { objectName: "queueLabel"; textFormat: Text.PlainText; text: LetterRequest.ticket.queueLabel; font.pixelSize: 96; font.bold: true; color: Theme.primary }
            Text {
                objectName: "queueWait"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: LetterRequest.ticket.waitEstimate.length > 0
                text: (LetterRequest.ticket.priority.length > 0 ? qsTr("Prioritas: %1").arg(LetterRequest.ticket.priority) + "\n" : "")
                      + qsTr("Perkiraan waktu tunggu: %1").arg(LetterRequest.ticket.waitEstimate)
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Nomor registrasi: %1").arg(LetterRequest.ticket.registrationNumber)
                font.pixelSize: Theme.body + 4
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "readyDate"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: LetterRequest.ticket.readyDate.length > 0
                text: qsTr("Perkiraan selesai: %1 (%n hari kerja)", "", LetterRequest.ticket.estimatedDays).arg(LetterRequest.ticket.readyDate)
                font.pixelSize: Theme.body + 4
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Langkah berikutnya: bawa berkas bertanda ☐ ke petugas kantor desa. "
                           + "Cek status kapan saja dengan memindai kode QR pada tiket.")
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            // The same checklist as the printed slip: pages captured here, and what to bring.
            Repeater {
                model: LetterRequest.ticket.requirements
                delegate: Text {
                    textFormat: Text.PlainText
                    required property string modelData
                    required property int index
                    objectName: "checklist-" + index
                    Layout.fillWidth: true
                    text: LetterRequest.ticket.captured[index] ? qsTr("✓ %1: sudah dipindai").arg(modelData)
                                                               : qsTr("☐ %1: bawa aslinya").arg(modelData)
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
            }
            Text {
                objectName: "officeHours"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: LetterRequest.ticket.officeHours.length > 0
                text: qsTr("Jam layanan: %1").arg(LetterRequest.ticket.officeHours)
                font.pixelSize: Theme.body
                color: Theme.muted
                wrapMode: Text.WordWrap
            }
            BigButton { objectName: "finish"; Layout.fillWidth: true; text: qsTr("Selesai"); onClicked: VisitFlow.goHome() }
        }
    }
}
