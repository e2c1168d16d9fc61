import QtQuick
import QtQuick.Layouts

// A select field as a row of large buttons: one tap chooses.
ColumnLayout {
    id: field
    property string label: ""
    property var options: []
    property int selected: -1
    property string error: ""
    signal chosen(int index)
    spacing: 6
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: field.label
        font.pixelSize: Theme.body
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Flow {
        Layout.fillWidth: true
        spacing: 12
        Repeater {
            model: field.options
            delegate: BigButton {
                required property string modelData
                required property int index
                objectName: "option-" + index
                implicitWidth: Math.min(field.width, 300)
                primary: field.selected === index
                text: modelData
                onClicked: field.chosen(index)
            }
        }
    }
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        visible: field.error.length > 0
        text: field.error
        font.pixelSize: Theme.small
        color: Theme.error
        wrapMode: Text.WordWrap
    }
}
