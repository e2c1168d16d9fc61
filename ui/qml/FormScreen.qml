import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    id: page
    title: LetterRequest.serviceName
    subtitle: qsTr("Isi data berikut. Sentuh kolom untuk mengetik dengan papan ketik di layar.")

    // Keeps the field being typed into above the on-screen keyboard.
    function reveal(item) {
        const y = item.mapToItem(flick.contentItem, 0, 0).y
        if (y < flick.contentY || y + item.height > flick.contentY + flick.height)
            flick.contentY = Math.max(0, Math.min(y - 40, flick.contentHeight - flick.height))
    }

    Flickable {
        id: flick
        objectName: "formFlick"
        anchors.fill: parent
        contentHeight: form.implicitHeight + Theme.gap
        clip: true
        ScrollBar.vertical: ScrollBar { width: 16 }
        ColumnLayout {
            id: form
            width: flick.width - 24
            spacing: 16
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: reqColumn.implicitHeight + 32
                radius: Theme.radius
                color: Theme.warningBackground
                visible: LetterRequest.requirements.length > 0
                ColumnLayout {
                    id: reqColumn
                    anchors.fill: parent
                    anchors.margins: 16
                    spacing: 4
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Siapkan untuk dibawa ke kantor desa:")
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.warning
                        wrapMode: Text.WordWrap
                    }
                    Repeater {
                        model: LetterRequest.requirements
                        delegate: Text {
                            textFormat: Text.PlainText
                            required property string modelData
                            Layout.fillWidth: true
                            text: "☐ " + modelData
                            font.pixelSize: Theme.small
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                    }
                }
            }
            Repeater {
                model: LetterRequest.form
                delegate: Loader {
                    id: fieldLoader
                    objectName: "field-" + model.key
                    Layout.fillWidth: true
                    readonly property int row: index
                    readonly property var m: model
                    sourceComponent: model.type === "select" ? choiceEditor : model.type === "group" ? groupEditor : textEditor
                    Component {
                        id: textEditor
                        TextInputField {
                            label: fieldLoader.m.label
                            kind: fieldLoader.m.type
                            required: fieldLoader.m.required
                            value: fieldLoader.m.value
                            error: fieldLoader.m.error
                            onEdited: (t) => LetterRequest.form.setValue(fieldLoader.row, t)
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
                            onChosen: (i) => LetterRequest.form.choose(fieldLoader.row, i)
                        }
                    }
                    Component {
                        id: groupEditor
                        GroupField {
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
            Text {
                objectName: "formError"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: LetterRequest.formError.length > 0
                text: LetterRequest.formError
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton { Layout.fillWidth: true; primary: false; text: qsTr("Kembali"); onClicked: VisitFlow.back() }
                BigButton { objectName: "toReview"; Layout.fillWidth: true; text: qsTr("Periksa"); onClicked: LetterRequest.review() }
            }
        }
    }
}
