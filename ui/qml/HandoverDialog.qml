import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// Handing a letter over: who collects it (the holder, checked by NIK, or a representative with
// name, NIK and relationship). A KTP scanned while this is open fills in the collector's NIK.
Rectangle {
    id: dialog
    property StaffDesk desk: null
    property bool representative: false
    property string relationship: ""
    objectName: "handoverDialog"
    visible: desk !== null && desk.handoverRegistration.length > 0
    color: Theme.background
    // Taps do not reach the list below.
    MouseArea { anchors.fill: parent }

    onVisibleChanged: {
        representative = false
        relationship = ""
        nikField.value = ""
        nameField.value = ""
    }

    Flickable {
        anchors.fill: parent
        anchors.margins: Theme.gap
        contentHeight: column.implicitHeight
        clip: true
        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gap
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Serahkan surat %1").arg(dialog.desk ? dialog.desk.handoverRegistration : "")
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Atas nama %1").arg(dialog.desk ? dialog.desk.handoverHolder : "")
                font.pixelSize: Theme.body
                color: Theme.muted
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "scannedNik"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: dialog.desk && dialog.desk.scannedNik.length > 0
                      ? qsTr("KTP pengambil terpindai: NIK %1").arg(dialog.desk.scannedNik)
                      : qsTr("Pindai KTP pengambil, atau ketik NIK-nya di bawah.")
                font.pixelSize: Theme.body
                color: Theme.primary
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton {
                    objectName: "collectorHolder"
                    Layout.fillWidth: true
                    primary: !dialog.representative
                    text: qsTr("Pemohon sendiri")
                    onClicked: dialog.representative = false
                }
                BigButton {
                    objectName: "collectorRepresentative"
                    Layout.fillWidth: true
                    primary: dialog.representative
                    text: qsTr("Diwakilkan")
                    onClicked: dialog.representative = true
                }
            }
            TextInputField {
                id: nameField
                objectName: "representativeName"
                Layout.fillWidth: true
                visible: dialog.representative
                label: qsTr("Nama wakil")
                required: true
                onEdited: (t) => nameField.value = t
            }
            TextInputField {
                id: nikField
                objectName: "collectorNik"
                Layout.fillWidth: true
                kind: "nik"
                label: dialog.representative ? qsTr("NIK wakil") : qsTr("NIK pemohon")
                required: dialog.desk !== null && dialog.desk.scannedNik.length === 0
                onEdited: (t) => nikField.value = t
            }
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: dialog.representative
                text: qsTr("Hubungan dengan pemohon")
                font.pixelSize: Theme.body
                color: Theme.text
            }
            Flow {
                Layout.fillWidth: true
                visible: dialog.representative
                spacing: 12
                Repeater {
                    model: dialog.desk ? dialog.desk.relationships : []
                    delegate: BigButton {
                        required property var modelData
                        objectName: "relationship-" + modelData.wire
                        implicitWidth: 240
                        primary: dialog.relationship === modelData.wire
                        text: modelData.label
                        onClicked: dialog.relationship = modelData.wire
                    }
                }
            }
            Text {
                objectName: "handoverError"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: text.length > 0
                text: dialog.desk ? dialog.desk.handoverError : ""
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton {
                    objectName: "handoverConfirm"
                    Layout.fillWidth: true
                    text: qsTr("Serahkan dan cetak tanda terima")
                    onClicked: dialog.representative
                               ? dialog.desk.handOverToRepresentative(nameField.value, nikField.value, dialog.relationship)
                               : dialog.desk.handOverToHolder(nikField.value)
                }
                BigButton {
                    objectName: "handoverCancel"
                    implicitWidth: 240
                    primary: false
                    text: qsTr("Batal")
                    onClicked: dialog.desk.cancelHandover()
                }
            }
        }
    }
}
