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
            Text { text: qsTr("Nomor antrean"); font.pixelSize: Theme.body; color: Theme.muted }
            Text { objectName: "queueLabel"; text: LetterRequest.ticket.queueLabel; font.pixelSize: 96; font.bold: true; color: Theme.primary }
            Text {
                objectName: "queueWait"
                Layout.fillWidth: true
                visible: LetterRequest.ticket.waitEstimate.length > 0
                text: (LetterRequest.ticket.priority.length > 0 ? qsTr("Prioritas: %1").arg(LetterRequest.ticket.priority) + "\n" : "")
                      + qsTr("Perkiraan waktu tunggu: %1").arg(LetterRequest.ticket.waitEstimate)
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Nomor registrasi: %1").arg(LetterRequest.ticket.registrationNumber)
                font.pixelSize: Theme.body + 4
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Langkah berikutnya: serahkan berkas di bawah ini ke petugas kantor desa. Surat diproses sekitar %n hari kerja. "
                           + "Cek status kapan saja dengan memindai kode QR pada tiket.", "", LetterRequest.ticket.estimatedDays)
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Repeater {
                model: LetterRequest.ticket.requirements
                delegate: Text {
                    required property string modelData
                    Layout.fillWidth: true
                    text: "☐ " + modelData
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
            }
            BigButton { objectName: "finish"; Layout.fillWidth: true; text: qsTr("Selesai"); onClicked: VisitFlow.goHome() }
        }
    }
}
