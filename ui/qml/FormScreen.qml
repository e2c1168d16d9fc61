import QtQuick
import AnjunganDesa
import QtQuick.Controls.Basic
import QtQuick.Layouts

ScreenPage {
    title: Session.serviceName
    subtitle: "Isi data berikut. Sentuh kolom untuk mengetik dengan papan ketik layar."
    Flickable {
        anchors.fill: parent
        contentHeight: form.implicitHeight
        clip: true
        ColumnLayout {
            id: form
            width: parent.width
            spacing: 12
            Repeater {
                model: [
                    { key: "name", label: "Nama lengkap (sesuai KTP)" },
                    { key: "address", label: "Alamat (dusun, RT/RW)" },
                    { key: "purpose", label: "Keperluan surat" }
                ]
                delegate: ColumnLayout {
                    required property var modelData
                    Layout.fillWidth: true
                    Text {
                        text: modelData.label
                        font.pixelSize: Theme.body
                        color: Theme.text
                    }
                    TextField {
                        objectName: "field-" + modelData.key
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: Theme.body
                        text: Session[modelData.key]
                        onTextEdited: Session[modelData.key] = text
                        inputMethodHints: Qt.ImhNoPredictiveText
                    }
                }
            }
            Text {
                Layout.fillWidth: true
                visible: Session.formError.length > 0
                text: Session.formError
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton { Layout.fillWidth: true; primary: false; text: "Kembali"; onClicked: Session.back() }
                BigButton { objectName: "toReview"; Layout.fillWidth: true; text: "Periksa"; onClicked: Session.review() }
            }
        }
    }
}
