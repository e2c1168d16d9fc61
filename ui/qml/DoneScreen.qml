import QtQuick
import AnjunganDesa
import QtQuick.Layouts

ScreenPage {
    title: "Permohonan Anda sudah tercatat"
    subtitle: Session.ticket.printed ? "Ambil tiket Anda di bawah layar." : (Session.ticket.printMessage || "")
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        Text { text: "Nomor antrean"; font.pixelSize: Theme.body; color: Theme.muted }
        Text { objectName: "queueLabel"; text: Session.ticket.queueLabel || ""; font.pixelSize: 96; font.bold: true; color: Theme.primary }
        Text { text: "Nomor registrasi: " + (Session.ticket.registrationNumber || ""); font.pixelSize: Theme.body + 4; color: Theme.text }
        Text {
            Layout.fillWidth: true
            text: "Berikutnya: serahkan berkas persyaratan ke petugas kantor desa. Permohonan diproses sekitar "
                  + (Session.ticket.estimatedDays || 0) + " hari kerja. Cek status kapan saja dengan memindai kode QR pada tiket."
            font.pixelSize: Theme.body
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Item { Layout.fillHeight: true }
        BigButton { Layout.fillWidth: true; text: "Selesai"; onClicked: Session.goHome() }
    }
}
