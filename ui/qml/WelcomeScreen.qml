import QtQuick
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Selamat datang di Anjungan Desa")
    subtitle: qsTr("Urus surat keterangan sendiri, tanpa antre lama. Sentuh salah satu pilihan.")
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: width > height * 1.2 ? 2 : 1
            rowSpacing: Theme.gap
            columnSpacing: Theme.gap
            BigButton {
                objectName: "startRequest"
                Layout.fillWidth: true
                Layout.fillHeight: true
                iconName: "document"
                text: qsTr("Ajukan Surat")
                detail: qsTr("Pindai KTP atau ketik NIK, pilih surat, dapatkan tiket antrean")
                onClicked: VisitFlow.startRequest()
            }
            BigButton {
                objectName: "openStatus"
                Layout.fillWidth: true
                Layout.fillHeight: true
                primary: false
                iconName: "move"
                text: qsTr("Cek Status")
                detail: qsTr("Pindai kode QR pada tiket atau ketik nomor registrasi")
                onClicked: VisitFlow.openStatus()
            }
            BigButton {
                objectName: "openVerify"
                Layout.fillWidth: true
                Layout.fillHeight: true
                primary: false
                iconName: "shield"
                text: qsTr("Verifikasi Surat")
                detail: qsTr("Periksa keaslian surat dari kode QR di surat")
                onClicked: VisitFlow.openVerify()
            }
            BigButton {
                objectName: "openHelp"
                Layout.fillWidth: true
                Layout.fillHeight: true
                primary: false
                iconName: "people"
                text: qsTr("Bantuan")
                detail: qsTr("Cara memakai anjungan dan bantuan petugas")
                onClicked: VisitFlow.openHelp()
            }
            BigButton {
                objectName: "openSurvey"
                Layout.fillWidth: true
                Layout.fillHeight: true
                primary: false
                iconName: "flower"
                text: qsTr("Beri Penilaian")
                detail: qsTr("Nilai pelayanan kami, tanpa nama")
                onClicked: Survey.open()
            }
            BigButton {
                objectName: "openComplaint"
                Layout.fillWidth: true
                Layout.fillHeight: true
                primary: false
                iconName: "stamp"
                text: qsTr("Pengaduan")
                detail: qsTr("Sampaikan keluhan; boleh tanpa nama")
                onClicked: Complaint.open()
            }
        }
        // The numbers being served now, for a citizen who looks up from the kiosk (only once a call was made).
        Rectangle {
            objectName: "callBand"
            Layout.fillWidth: true
            visible: CallBoard.hasCalls
            implicitHeight: bandFlow.implicitHeight + Theme.gap
            color: Theme.primary
            radius: Theme.radius
            Flow {
                id: bandFlow
                anchors.fill: parent
                anchors.margins: Theme.gap / 2
                spacing: Theme.gap
                Text {
                    textFormat: Text.PlainText
                    text: qsTr("Dipanggil:")
                    color: Theme.inverse
                    font.pixelSize: Theme.body
                }
                Repeater {
                    model: CallBoard.counters
                    delegate: Text {
                        textFormat: Text.PlainText
                        required property int counter
                        required property string label
                        required property bool fresh
                        objectName: "bandCall" + counter
                        text: qsTr("%1 → Loket %2").arg(label).arg(counter)
                        color: Theme.inverse
                        font.pixelSize: Theme.body
                        font.bold: fresh
                    }
                }
            }
        }
        BigButton {
            objectName: "takeHelpNumber"
            Layout.fillWidth: true
            Layout.fillHeight: true
            primary: false
            iconName: "people"
            text: qsTr("Konsultasi / bantuan")
            detail: qsTr("Ambil nomor antrean untuk bertanya kepada petugas")
            onClicked: QueueTicket.openHelp()
        }
    }
    HelpNumberPanel { anchors.fill: parent }
}
