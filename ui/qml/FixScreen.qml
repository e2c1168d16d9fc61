import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// "Perbaiki permohonan": the request as last sent, the officer's reason beside each field concerned, a review of
// what changed, then the revision is kept on the kiosk and sent.
ScreenPage {
    id: page
    title: qsTr("Perbaiki permohonan")
    subtitle: RequestFix.serviceName + " · " + RequestFix.registrationNumber

    // Keeps the field being typed into above the on-screen keyboard.
    function reveal(item) {
        const y = item.mapToItem(flick.contentItem, 0, 0).y
        if (y < flick.contentY || y + item.height > flick.contentY + flick.height)
            flick.contentY = Math.max(0, Math.min(y - 40, flick.contentHeight - flick.height))
    }

    Flickable {
        id: flick
        objectName: "fixFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + Theme.gap
        clip: true
        ScrollBar.vertical: ScrollBar { width: 16 }
        ColumnLayout {
            id: column
            width: flick.width - 24
            spacing: 16
            Rectangle {
                Layout.fillWidth: true
                visible: RequestFix.step !== RequestFix.Sent && (RequestFix.note.length > 0 || RequestFix.pages.count > 0)
                implicitHeight: notes.implicitHeight + 32
                radius: Theme.radius
                color: Theme.warningBackground
                ColumnLayout {
                    id: notes
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 4
                    Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Catatan petugas:"); font.pixelSize: Theme.body; font.bold: true; color: Theme.warning; wrapMode: Text.WordWrap }
                    Text { objectName: "fixNote"; textFormat: Text.PlainText; Layout.fillWidth: true; visible: RequestFix.note.length > 0; text: RequestFix.note; font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
                    Repeater {
                        model: RequestFix.pages
                        delegate: RowLayout {
                            id: pageRow
                            required property int index
                            required property string text
                            required property string reason
                            required property int requirement
                            required property int newKilobytes
                            Layout.fillWidth: true
                            spacing: 12
                            Text {
                                objectName: "pageNote"
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: (pageRow.newKilobytes > 0 ? "✓ " : "☐ ") + pageRow.text + ": " + pageRow.reason + ". "
                                      + (pageRow.newKilobytes > 0 ? qsTr("Foto baru siap dikirim (%1 KB).").arg(pageRow.newKilobytes)
                                         : RequestFix.canRecapture ? qsTr("Foto ulang, atau bawa aslinya ke kantor desa.")
                                         : qsTr("Bawa aslinya ke kantor desa."))
                                font.pixelSize: Theme.body
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            BigButton {
                                objectName: "recapture-" + pageRow.requirement
                                visible: RequestFix.canRecapture && RequestFix.step === RequestFix.Editing
                                implicitWidth: 240
                                primary: false
                                text: qsTr("Foto ulang")
                                onClicked: RequestFix.recapture(pageRow.index)
                            }
                        }
                    }
                }
            }
            // The form, as the request was sent; a field the officer named carries the reason above it.
            Repeater {
                model: RequestFix.step === RequestFix.Editing ? RequestFix.form : null
                delegate: ColumnLayout {
                    id: fieldBlock
                    required property int index
                    required property var model
                    Layout.fillWidth: true
                    spacing: 4
                    Text {
                        objectName: "note-" + fieldBlock.model.key
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        visible: fieldBlock.model.note.length > 0
                        text: qsTr("Perlu diperbaiki: %1").arg(fieldBlock.model.note)
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.error
                        wrapMode: Text.WordWrap
                    }
                    Loader {
                        id: fieldLoader
                        objectName: "field-" + fieldBlock.model.key
                        Layout.fillWidth: true
                        readonly property int row: fieldBlock.index
                        readonly property var m: fieldBlock.model
                        sourceComponent: m.type === "select" ? choiceEditor : m.type === "group" ? groupEditor : textEditor
                        Component {
                            id: textEditor
                            TextInputField {
                                label: fieldLoader.m.label
                                kind: fieldLoader.m.type
                                required: fieldLoader.m.required
                                value: fieldLoader.m.value
                                error: fieldLoader.m.error
                                onEdited: (t) => RequestFix.form.setValue(fieldLoader.row, t)
                                onFocused: (item) => page.reveal(item)
                            }
                        }
                        Component {
                            id: choiceEditor
                            ChoiceField {
                                label: fieldLoader.m.label
                                options: fieldLoader.m.options
                                selected: fieldLoader.m.selected
                                error: fieldLoader.m.error
                                onChosen: (i) => RequestFix.form.choose(fieldLoader.row, i)
                            }
                        }
                        Component {
                            id: groupEditor
                            GroupField {
                                form: RequestFix.form
                                row: fieldLoader.row
                                label: fieldLoader.m.label
                                items: fieldLoader.m.items
                                minItems: fieldLoader.m.minItems
                                maxItems: fieldLoader.m.maxItems
                                error: fieldLoader.m.error
                                onFocused: (item) => page.reveal(item)
                            }
                        }
                    }
                }
            }
            // The review: what changed since the version the officer returned.
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: RequestFix.step === RequestFix.Reviewing
                text: qsTr("Yang Anda ubah:")
                font.pixelSize: Theme.body
                font.bold: true
                color: Theme.text
            }
            Repeater {
                model: RequestFix.step === RequestFix.Reviewing ? RequestFix.changes : []
                delegate: Text {
                    textFormat: Text.PlainText
                    required property string modelData
                    objectName: "fixChange"
                    Layout.fillWidth: true
                    text: modelData
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
            }
            ColumnLayout {
                objectName: "fixSent"
                Layout.fillWidth: true
                visible: RequestFix.step === RequestFix.Sent
                spacing: 8
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Perbaikan diterima"); font.pixelSize: Theme.title; font.bold: true; color: Theme.primary; wrapMode: Text.WordWrap }
                Text { textFormat: Text.PlainText; Layout.fillWidth: true; text: qsTr("Nomor registrasi %1. Perbaikan Anda dikirim ke petugas; struk tanda terima tercetak. Cek status dengan tiket yang sama.").arg(RequestFix.registrationNumber); font.pixelSize: Theme.body; color: Theme.text; wrapMode: Text.WordWrap }
            }
            Text {
                objectName: "fixError"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: RequestFix.error.length > 0
                text: RequestFix.error
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                visible: RequestFix.step === RequestFix.Editing
                spacing: Theme.gap
                BigButton { Layout.fillWidth: true; primary: false; text: qsTr("Kembali"); onClicked: VisitFlow.back() }
                BigButton { objectName: "reviewFix"; Layout.fillWidth: true; text: qsTr("Periksa"); onClicked: RequestFix.review() }
            }
            RowLayout {
                Layout.fillWidth: true
                visible: RequestFix.step === RequestFix.Reviewing
                spacing: Theme.gap
                BigButton { objectName: "editFix"; Layout.fillWidth: true; primary: false; text: qsTr("Ubah"); onClicked: RequestFix.edit() }
                BigButton { objectName: "sendFix"; Layout.fillWidth: true; text: qsTr("Kirim perbaikan"); onClicked: RequestFix.submit() }
            }
            BigButton { objectName: "fixDone"; Layout.fillWidth: true; visible: RequestFix.step === RequestFix.Sent; text: qsTr("Selesai"); onClicked: VisitFlow.goHome() }
        }
    }
}
