import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Pemberitahuan data pribadi")
    subtitle: qsTr("Sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi")
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: consentText.implicitHeight
            clip: true
            Text {
                id: consentText
                objectName: "consentText"
                // Our own translated text with bold and line breaks; never untrusted data.
                textFormat: Text.StyledText
                width: parent.width
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.body
                color: Theme.text
                text: qsTr("<b>Data yang dicatat:</b> NIK, nama, alamat, nomor HP (jika diisi) dan isian surat yang Anda pilih.<br><br>"
                         + "<b>Untuk apa:</b> hanya untuk membuat surat yang Anda minta dan mengabarkan kapan surat siap.<br><br>"
                         + "<b>Siapa yang melihat:</b> petugas desa dan kecamatan yang memproses surat Anda.<br><br>"
                         + "<b>Berapa lama:</b> di anjungan ini data disimpan terenkripsi dan dihapus 30 hari setelah surat diserahkan; "
                         + "arsip surat disimpan kantor sesuai aturan kearsipan.<br><br>"
                         + "<b>Hak Anda:</b> menanyakan, membetulkan, atau meminta penghapusan data kepada petugas kantor desa.")
            }
        }
        // Staff entering for a citizen read the notice to them (or let them read it) and confirm their answer here.
        CheckBox {
            id: citizenAgreed
            objectName: "citizenAgreed"
            visible: VisitFlow.enteredBy.length > 0
            Layout.fillWidth: true
            implicitHeight: Theme.touch
            font.pixelSize: Theme.body
            text: qsTr("Warga sudah menyetujui (pemberitahuan ini sudah dibacakan atau dibaca sendiri oleh warga)")
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "declineConsent"
                Layout.fillWidth: true
                primary: false
                text: qsTr("Tidak setuju")
                detail: qsTr("Kembali ke awal; tidak ada data yang disimpan")
                onClicked: VisitFlow.goHome()
            }
            BigButton {
                objectName: "acceptConsent"
                Layout.fillWidth: true
                text: qsTr("Setuju dan lanjut")
                enabled: VisitFlow.enteredBy.length === 0 || citizenAgreed.checked
                onClicked: VisitFlow.acceptConsent()
            }
        }
    }
}
