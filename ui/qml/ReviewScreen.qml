import QtQuick
import AnjunganDesa
import QtQuick.Layouts

ScreenPage {
    title: "Periksa permohonan Anda"
    subtitle: "Jika sudah benar, sentuh Kirim. Tiket antrean akan tercetak."
    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        Repeater {
            model: [
                ["Surat", Session.serviceName],
                ["NIK", Session.nik],
                ["Nama", Session.name],
                ["Alamat", Session.address],
                ["Keperluan", Session.purpose]
            ]
            delegate: RowLayout {
                required property var modelData
                Layout.fillWidth: true
                Text { text: modelData[0]; font.pixelSize: Theme.body; color: Theme.muted; Layout.preferredWidth: 220 }
                Text { text: modelData[1]; font.pixelSize: Theme.body; color: Theme.text; Layout.fillWidth: true; wrapMode: Text.WordWrap }
            }
        }
        Text {
            Layout.fillWidth: true
            text: "Bawa ke kantor desa: " + Session.requirements.join(", ")
            font.pixelSize: Theme.body - 2
            color: Theme.text
            wrapMode: Text.WordWrap
            visible: Session.requirements.length > 0
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton { objectName: "editForm"; Layout.fillWidth: true; primary: false; text: "Ubah"; onClicked: Session.editForm() }
            BigButton { objectName: "submit"; Layout.fillWidth: true; text: "Kirim"; onClicked: Session.submit() }
        }
    }
}
