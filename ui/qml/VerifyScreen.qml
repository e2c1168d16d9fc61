import QtQuick
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    title: qsTr("Verifikasi surat")
    subtitle: qsTr("Arahkan kode QR di pojok surat ke pemindai. Anjungan memeriksa tanda tangan elektroniknya tanpa internet.")
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        Image {
            Layout.alignment: Qt.AlignHCenter
            source: "qrc:/AnjunganDesa/icons/shield.svg"
            sourceSize: Qt.size(160, 160)
        }
        Item { Layout.fillHeight: true }
    }
}
