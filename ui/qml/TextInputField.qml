import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A labelled text box with its validation message beside it. Text comes only from the
// on-screen keyboard (digits layout for numbers, NIK, phone and dates).
ColumnLayout {
    id: field
    property string label: ""
    property string value: ""
    property string error: ""
    property string kind: "text"
    property bool required: false
    property alias input: box
    signal edited(string text)
    spacing: 6
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: field.label + (field.required ? "" : " " + qsTr("(boleh dikosongkan)"))
        font.pixelSize: Theme.body
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    TextArea {
        id: area
        visible: field.kind === "multiline"
        Layout.fillWidth: true
        Layout.preferredHeight: visible ? Theme.touch * 1.6 : 0
        font.pixelSize: Theme.body
        // What the citizen types is shown as typed, never as markup.
        textFormat: TextEdit.PlainText
        wrapMode: TextEdit.Wrap
        text: field.value
        onTextChanged: if (visible && text !== field.value) field.edited(text)
        background: Rectangle { radius: 8; border.width: 2; border.color: field.error.length > 0 ? Theme.error : Theme.muted; color: Theme.surface }
        onActiveFocusChanged: if (activeFocus) field.focused(area)
    }
    TextField {
        id: box
        visible: field.kind !== "multiline"
        Layout.fillWidth: true
        Layout.preferredHeight: visible ? Theme.touch : 0
        font.pixelSize: Theme.body
        text: field.value
        placeholderText: field.kind === "date" ? qsTr("HH-BB-TTTT, contoh 17-08-2025") : field.kind === "phone" ? "0812 3456 7890" : ""
        inputMethodHints: field.kind === "number" || field.kind === "nik" || field.kind === "date" || field.kind === "phone"
                          ? Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText : Qt.ImhNoPredictiveText
        maximumLength: field.kind === "nik" ? 16 : field.kind === "date" ? 10 : 200
        onTextEdited: {
            if (field.kind === "date") {
                // Dashes appear by themselves: 17082025 → 17-08-2025.
                const digits = text.replace(/\D/g, "").slice(0, 8)
                const shaped = digits.length > 4 ? digits.slice(0, 2) + "-" + digits.slice(2, 4) + "-" + digits.slice(4)
                             : digits.length > 2 ? digits.slice(0, 2) + "-" + digits.slice(2) : digits
                if (shaped !== text) text = shaped
            }
            field.edited(text)
        }
        background: Rectangle { radius: 8; border.width: 2; border.color: field.error.length > 0 ? Theme.error : Theme.muted; color: Theme.surface }
        onActiveFocusChanged: if (activeFocus) field.focused(box)
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
    signal focused(Item item)
}
