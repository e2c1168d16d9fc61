import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Bantuan")
    subtitle: qsTr("Cara memakai anjungan")
    Flickable {
        anchors.fill: parent
        contentHeight: help.implicitHeight
        clip: true
        Text {
            id: help
            // Our own translated text with bold and line breaks; never untrusted data.
            textFormat: Text.StyledText
            width: parent.width
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.body
            color: Theme.text
            text: qsTr("1. Sentuh <b>Ajukan Surat</b>, setujui pemberitahuan data, lalu dekatkan barcode KTP ke pemindai atau ketik NIK.<br>"
                     + "2. Pilih surat yang Anda perlukan dan isi datanya dengan papan ketik di layar.<br>"
                     + "3. Periksa, lalu sentuh <b>Kirim</b>. Ambil tiket antrean yang tercetak.<br>"
                     + "4. Serahkan berkas persyaratan ke petugas kantor desa. Surat diproses tanpa Anda perlu bolak-balik.<br>"
                     + "5. Pindai kode QR tiket di <b>Cek Status</b> untuk melihat sampai mana surat Anda. Jika Anda mengisi nomor HP, "
                     + "Anda mendapat SMS saat surat siap.<br><br>"
                     + "Butuh bantuan? Silakan minta tolong petugas di meja pelayanan. Layanan ini <b>gratis</b>.")
        }
    }
}
