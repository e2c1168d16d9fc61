import QtQuick
import QtQuick.Layouts
import AnjunganDesa

// A repeatable group (heirs, witnesses, family members): one card per person, add/remove.
ColumnLayout {
    id: group
    property int row: -1
    // The form the group belongs to: the new request's, or a fix's.
    property FormModel form: LetterRequest.form
    property string label: ""
    property GroupItemsModel items
    readonly property int count: items ? items.count : 0
    property int minItems: 0
    property int maxItems: 20
    property string error: ""
    signal focused(Item item)
    spacing: 10
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: group.label
        font.pixelSize: Theme.body
        font.bold: true
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Repeater {
        model: group.items
        delegate: Rectangle {
            id: card
            required property int index
            required property SubfieldModel fields
            objectName: "person-" + index
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
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: qsTr("Orang ke-%1").arg(card.index + 1)
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.primary
                    }
                    BigButton {
                        objectName: "removePerson"
                        visible: group.count > group.minItems
                        primary: false
                        implicitWidth: 200
                        text: qsTr("Hapus")
                        onClicked: group.form.removeItem(group.row, card.index)
                    }
                }
                Repeater {
                    model: card.fields
                    delegate: Loader {
                        id: sub
                        required property string key
                        required property string label
                        required property string type
                        required property var options
                        required property string value
                        required property int selected
                        required property string error
                        objectName: "subfield-" + key
                        Layout.fillWidth: true
                        sourceComponent: type === "select" ? choice : text
                        Component {
                            id: text
                            TextInputField {
                                label: sub.label
                                kind: sub.type
                                required: true
                                value: sub.value
                                error: sub.error
                                onEdited: (t) => group.form.setItemValue(group.row, card.index, sub.key, t)
                                onFocused: (item) => group.focused(item)
                            }
                        }
                        Component {
                            id: choice
                            ChoiceField {
                                label: sub.label
                                options: sub.options
                                selected: sub.selected
                                error: sub.error
                                onChosen: (i) => group.form.chooseItemOption(group.row, card.index, sub.key, i)
                            }
                        }
                    }
                }
            }
        }
    }
    BigButton {
        objectName: "addPerson"
        Layout.fillWidth: true
        visible: group.count < group.maxItems
        primary: false
        text: qsTr("+ Tambah orang")
        onClicked: group.form.addItem(group.row)
    }
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: group.error.length > 0
        text: group.error
        font.pixelSize: Theme.small
        color: Theme.error
        wrapMode: Text.WordWrap
    }
}
