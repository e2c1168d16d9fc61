import QtQuick
import QtQuick.Layouts

// On-screen digits for NIK, PIN and numbers; emits digit("0".."9"), erase() and clear().
GridLayout {
    id: pad
    signal digit(string d)
    signal erase()
    columns: 3
    rowSpacing: 12
    columnSpacing: 12
    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        delegate: BigButton {
            required property string modelData
            objectName: "numpad-" + modelData
            Layout.preferredWidth: 140
            Layout.preferredHeight: Theme.touch
            implicitWidth: 140
            text: modelData
            primary: modelData === "OK"
            visible: modelData !== "OK" || pad.showOk
            onClicked: modelData === "⌫" ? pad.erase() : modelData === "OK" ? pad.accepted() : pad.digit(modelData)
        }
    }
    property bool showOk: false
    signal accepted()
}
