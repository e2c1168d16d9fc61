import QtQuick
import AnjunganDesa
import QtQuick.Controls.Basic
import QtQuick.Layouts

ScreenPage {
    title: "Cek status surat"
    subtitle: "Pindai kode QR pada tiket, atau ketik nomor registrasi (contoh: 7KQ2M-X9D4P)."
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            TextField {
                id: regField
                objectName: "registrationField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                font.pixelSize: Theme.body
                placeholderText: "Nomor registrasi"
                inputMethodHints: Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText
            }
            BigButton { implicitWidth: 220; text: "Cek"; onClicked: Session.checkStatus(regField.text) }
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: Session.status.found !== undefined
            radius: 12
            color: Theme.surface
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: 8
                Text {
                    Layout.fillWidth: true
                    visible: Session.status.found === false
                    text: Session.status.message || ""
                    font.pixelSize: Theme.body
                    color: Theme.error
                    wrapMode: Text.WordWrap
                }
                Text { visible: !!Session.status.found; text: (Session.status.serviceName || "") + " · " + (Session.status.registrationNumber || ""); font.pixelSize: Theme.body; color: Theme.muted }
                Text { visible: !!Session.status.found; text: "Atas nama " + (Session.status.maskedName || ""); font.pixelSize: Theme.body; color: Theme.text }
                Text {
                    objectName: "stageLabel"
                    visible: !!Session.status.found
                    text: Session.status.stageLabel || ""
                    font.pixelSize: Theme.title
                    font.bold: true
                    color: Theme.primary
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                }
                Text { visible: !!Session.status.found; text: "Sejak " + (Session.status.stageAt || ""); font.pixelSize: Theme.body; color: Theme.muted }
                Text {
                    Layout.fillWidth: true
                    visible: !!Session.status.note
                    text: "Catatan petugas: " + (Session.status.note || "")
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
