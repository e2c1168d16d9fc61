import QtQuick
import AnjunganDesa
import QtQuick.Controls.Basic
import QtQuick.Layouts

ScreenPage {
    title: "Pilih surat yang Anda perlukan"
    subtitle: Session.catalogCount > 0 ? "" : "Daftar layanan belum tersedia: anjungan belum terhubung ke kantor kecamatan. Silakan hubungi petugas."
    ListView {
        id: list
        anchors.fill: parent
        clip: true
        spacing: 16
        model: Session.catalog
        delegate: BigButton {
            required property string code
            required property string name
            required property string description
            required property int estimatedDays
            objectName: "service-" + code
            width: list.width
            primary: false
            text: name
            detail: description + " · perkiraan " + estimatedDays + " hari kerja"
            onClicked: Session.chooseService(code)
        }
        ScrollBar.vertical: ScrollBar { width: 16 }
    }
}
