import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

ScreenPage {
    id: page
    readonly property sealVerdict v: LetterVerification.verdict
    readonly property bool hasVerdict: v.known
    title: qsTr("Verifikasi surat")
    subtitle: hasVerdict ? "" : qsTr("Arahkan kode QR di pojok surat ke pemindai. Anjungan memeriksa tanda tangan elektroniknya tanpa internet.")
    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        ColumnLayout {
            id: column
            width: parent.width
            spacing: 12
            Image {
                visible: !page.hasVerdict
                Layout.alignment: Qt.AlignHCenter
                source: "qrc:/AnjunganDesa/icons/shield.svg"
                sourceSize: Qt.size(160, 160)
            }
            Rectangle {
                visible: page.hasVerdict
                Layout.fillWidth: true
                implicitHeight: banner.implicitHeight + 32
                radius: Theme.radius
                color: Theme.verdictColour(page.v)
                ColumnLayout {
                    id: banner
                    anchors.fill: parent
                    anchors.margins: 16
                    Text {
                        objectName: "verdictLabel"
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: page.v.word
                        font.pixelSize: Theme.title + 8
                        font.bold: true
                        color: Theme.inverse
                    }
                    Text {
                        objectName: "verdictReason"
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: LetterVerification.explanation
                        font.pixelSize: Theme.body
                        color: Theme.inverse
                        wrapMode: Text.WordWrap
                    }
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        visible: page.v.statusPer.length > 0
                        text: qsTr("Status per %1").arg(page.v.statusPer)
                        font.pixelSize: Theme.small
                        color: Theme.inverse
                    }
                }
            }
            Repeater {
                model: [
                    { label: qsTr("Nomor surat"), value: page.v.nomor },
                    { label: qsTr("Jenis surat"), value: page.v.jenis },
                    { label: qsTr("Atas nama"), value: page.v.nama },
                    { label: qsTr("Kantor"), value: page.v.kantor },
                    { label: qsTr("Tanggal"), value: page.v.tanggal },
                    { label: qsTr("Berlaku sampai"), value: page.v.berlakuSampai },
                    { label: qsTr("Penandatangan"), value: page.v.penandatangan }
                ]
                delegate: RowLayout {
                    id: field
                    required property var modelData
                    readonly property string value: modelData.value
                    visible: value.length > 0
                    Layout.fillWidth: true
                    Text { textFormat: Text.PlainText; text: field.modelData.label; font.pixelSize: Theme.body; color: Theme.muted; Layout.preferredWidth: 300; wrapMode: Text.WordWrap }
                    Text { textFormat: Text.PlainText; text: field.value; font.pixelSize: Theme.body; color: Theme.text; Layout.fillWidth: true; wrapMode: Text.WordWrap }
                }
            }
            ColumnLayout {
                visible: page.v.genuine
                Layout.fillWidth: true
                spacing: 8
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Petugas dapat mencocokkan NIK pemegang surat:")
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    TextField {
                        id: nikField
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        font.pixelSize: Theme.body
                        maximumLength: 16
                        inputMethodHints: Qt.ImhDigitsOnly
                        objectName: "holderNik"
                        placeholderText: qsTr("NIK pemegang")
                    }
                    BigButton {
                        objectName: "checkNik"
                        implicitWidth: 240
                        enabled: !LetterVerification.nikChecking
                        text: qsTr("Cocokkan")
                        onClicked: LetterVerification.checkHolderNik(nikField.text)
                    }
                }
                RowLayout {
                    objectName: "nikChecking"
                    visible: LetterVerification.nikChecking
                    spacing: Theme.gap
                    BusyIndicator { running: LetterVerification.nikChecking; Layout.preferredWidth: 48; Layout.preferredHeight: 48 }
                    Text { text: qsTr("Memeriksa NIK…"); textFormat: Text.PlainText; font.pixelSize: Theme.body; color: Theme.muted }
                }
                Text {
                    objectName: "nikMatch"
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    visible: LetterVerification.nikChecked && !LetterVerification.nikChecking
                    text: LetterVerification.nikMatches ? qsTr("NIK cocok dengan surat ini.") : qsTr("NIK TIDAK cocok dengan surat ini.")
                    font.pixelSize: Theme.body
                    font.bold: true
                    color: LetterVerification.nikMatches ? Theme.primary : Theme.error
                }
            }
        }
    }
}
