import QtQuick
import QtQuick.Layouts

// On-screen digits for NIK and PIN; emits digit("0".."9"), erase() and accepted().
GridLayout {
    id: pad
    property bool showOk: false
    signal digit(string d)
    signal erase()
    signal accepted()
    columns: 3
    rowSpacing: 12
    columnSpacing: 12
    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        delegate: BigButton {
            required property string modelData
            objectName: "numpad-" + modelData
            Layout.preferredWidth: 120
            Layout.preferredHeight: Theme.touch
            implicitWidth: 120
            text: modelData
            primary: modelData === "OK"
            visible: modelData !== "OK" || pad.showOk
            Accessible.name: modelData === "⌫" ? qsTr("Hapus satu angka") : modelData
            onClicked: modelData === "⌫" ? pad.erase() : modelData === "OK" ? pad.accepted() : pad.digit(modelData)
        }
    }
}
