import QtQuick
import AnjunganDesa
import QtQuick.Layouts

ScreenPage {
    title: "Selamat datang di Anjungan Desa"
    subtitle: "Ajukan surat keterangan sendiri, tanpa antre lama. Sentuh salah satu pilihan di bawah."
    GridLayout {
        anchors.fill: parent
        columns: width > 900 ? 2 : 1
        rowSpacing: Theme.gap
        columnSpacing: Theme.gap
        BigButton {
            objectName: "startRequest"
            Layout.fillWidth: true
            Layout.fillHeight: true
            text: "Ajukan Surat"
            detail: "Pindai KTP atau ketik NIK, pilih surat, dapatkan tiket antrean"
            onClicked: Session.startRequest()
        }
        BigButton {
            objectName: "openStatus"
            Layout.fillWidth: true
            Layout.fillHeight: true
            text: "Cek Status"
            detail: "Pindai kode QR pada tiket atau ketik nomor registrasi"
            onClicked: Session.openStatus()
        }
        BigButton {
            Layout.fillWidth: true
            Layout.fillHeight: true
            primary: false
            text: "Petugas"
            detail: "Cetak surat yang sudah ditandatangani"
            onClicked: Session.openStaff()
        }
    }
}
