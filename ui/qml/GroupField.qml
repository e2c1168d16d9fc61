import QtQuick
import QtQuick.Layouts
import AnjunganDesa

// A repeatable group (heirs, witnesses, family members): one card per person, add/remove.
ColumnLayout {
    id: group
    property int row: -1
    property string label: ""
    property var items: []
    property var subfields: []
    property var itemErrors: []
    property int minItems: 0
    property int maxItems: 20
    property string error: ""
    signal focused(Item item)
    spacing: 10
    Text {
        Layout.fillWidth: true
        text: group.label
        font.pixelSize: Theme.body
        font.bold: true
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Repeater {
        model: group.items.length
        delegate: Rectangle {
            id: card
            required property int index
            Layout.fillWidth: true
            implicitHeight: cardColumn.implicitHeight + 32
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.muted
            ColumnLayout {
                id: cardColumn
                anchors.fill: parent
                anchors.margins: 16
                spacing: 8
                RowLayout {
                    Layout.fillWidth: true
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Orang ke-%1").arg(card.index + 1)
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.primary
                    }
                    BigButton {
                        visible: group.items.length > group.minItems
                        primary: false
                        implicitWidth: 200
                        text: qsTr("Hapus")
                        onClicked: LetterRequest.form.removeItem(group.row, card.index)
                    }
                }
                Repeater {
                    model: group.subfields
                    delegate: Loader {
                        id: sub
                        required property var modelData
                        Layout.fillWidth: true
                        readonly property var person: group.items[card.index] || {}
                        readonly property var errors: group.itemErrors[card.index] || {}
                        sourceComponent: modelData.type === "select" ? choice : text
                        Component {
                            id: text
                            TextInputField {
                                label: sub.modelData.label
                                kind: sub.modelData.type
                                required: true
                                value: sub.person[sub.modelData.key] || ""
                                error: sub.errors[sub.modelData.key] || ""
                                onEdited: (t) => LetterRequest.form.setItemValue(group.row, card.index, sub.modelData.key, t)
                                onFocused: (item) => group.focused(item)
                            }
                        }
                        Component {
                            id: choice
                            ChoiceField {
                                label: sub.modelData.label
                                options: sub.modelData.options
                                selected: sub.modelData.values.indexOf(sub.person[sub.modelData.key] || "")
                                error: sub.errors[sub.modelData.key] || ""
                                onChosen: (i) => LetterRequest.form.chooseItemOption(group.row, card.index, sub.modelData.key, i)
                            }
                        }
                    }
                }
            }
        }
    }
    BigButton {
        Layout.fillWidth: true
        visible: group.items.length < group.maxItems
        primary: false
        text: qsTr("+ Tambah orang")
        onClicked: LetterRequest.form.addItem(group.row)
    }
    Text {
        Layout.fillWidth: true
        visible: group.error.length > 0
        text: group.error
        font.pixelSize: Theme.small
        color: Theme.error
        wrapMode: Text.WordWrap
    }
}
