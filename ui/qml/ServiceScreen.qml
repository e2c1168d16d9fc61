import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Pilih surat yang Anda perlukan")
    subtitle: LetterRequest.catalogCount > 0 ? "" : qsTr("Daftar layanan belum tersedia: anjungan belum terhubung ke kantor kecamatan. Silakan hubungi petugas.")
    ColumnLayout {
        anchors.fill: parent
        spacing: 16
        TextField {
            objectName: "serviceSearch"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            font.pixelSize: Theme.body
            placeholderText: qsTr("Cari surat, misalnya: usaha, nikah, waris")
            inputMethodHints: Qt.ImhNoPredictiveText
            text: LetterRequest.catalog.filter
            onTextEdited: LetterRequest.catalog.filter = text
        }
        Text {
            textFormat: Text.PlainText
            visible: LetterRequest.catalogCount > 0 && LetterRequest.catalog.count === 0
            text: qsTr("Tidak ada surat yang cocok. Coba kata lain.")
            font.pixelSize: Theme.body
            color: Theme.muted
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 12
            model: LetterRequest.catalog
            delegate: BigButton {
                required property string code
                required property string name
                required property string description
                required property string serviceIcon
                required property int estimatedDays
                objectName: "service-" + code
                width: list.width
                primary: false
                iconName: serviceIcon.length > 0 ? serviceIcon : "document"
                text: name
                detail: description + " · " + qsTr("perkiraan %n hari kerja", "", estimatedDays)
                onClicked: LetterRequest.chooseService(code)
            }
            ScrollBar.vertical: ScrollBar { width: 16 }
        }
    }
}
