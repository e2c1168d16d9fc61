import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// A complaint (pengaduan): what about, the text, NIK and phone (both optional); then the slip's number.
ScreenPage {
    id: page
    property string category: ""
    property string text: ""
    property string nik: ""
    property string phone: ""
    readonly property bool filed: Complaint.filedNumber.length > 0
    title: filed ? qsTr("Pengaduan Anda sudah tercatat") : qsTr("Sampaikan pengaduan")
    subtitle: filed ? qsTr("Ambil slip pengaduan di bawah layar dan simpan baik-baik.")
                    : qsTr("Pengaduan dibaca oleh kasi pelayanan dan camat. NIK dan nomor HP boleh dikosongkan.")
    Connections {
        target: Complaint
        function onScannedNikChanged() { if (Complaint.scannedNik.length > 0) page.nik = Complaint.scannedNik }
    }
    Flickable {
        anchors.fill: parent
        visible: !page.filed
        contentHeight: form.implicitHeight + 24
        clip: true
        ScrollBar.vertical: ScrollBar { width: 16 }
        ColumnLayout {
            id: form
            width: parent.width - 24
            spacing: Theme.gap * 0.75
            Text {
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: qsTr("Tentang apa?")
                font.pixelSize: Theme.body
                color: Theme.text
            }
            Flow {
                Layout.fillWidth: true
                spacing: 12
                Repeater {
                    model: Complaint.categories
                    delegate: BigButton {
                        required property var modelData
                        objectName: "category-" + modelData.wire
                        implicitWidth: 300
                        primary: page.category === modelData.wire
                        text: modelData.label
                        onClicked: page.category = modelData.wire
                    }
                }
            }
            TextInputField {
                objectName: "complaintText"
                Layout.fillWidth: true
                kind: "multiline"
                required: true
                label: qsTr("Isi pengaduan (paling banyak %1 huruf)").arg(Complaint.maxTextLength)
                value: page.text
                error: page.text.length > Complaint.maxTextLength
                       ? qsTr("Terlalu panjang: %1 dari %2 huruf.").arg(page.text.length).arg(Complaint.maxTextLength) : ""
                onEdited: (t) => page.text = t
            }
            TextInputField {
                objectName: "complaintNik"
                Layout.fillWidth: true
                kind: "nik"
                label: qsTr("NIK (atau pindai KTP); kosongkan untuk mengadu tanpa nama")
                value: page.nik
                onEdited: (t) => page.nik = t
            }
            TextInputField {
                objectName: "complaintPhone"
                Layout.fillWidth: true
                kind: "phone"
                label: qsTr("Nomor HP untuk jawaban lewat SMS")
                value: page.phone
                onEdited: (t) => page.phone = t
            }
            Text {
                objectName: "complaintError"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: text.length > 0
                text: Complaint.error
                font.pixelSize: Theme.body
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton { objectName: "cancelComplaint"; Layout.fillWidth: true; primary: false; text: qsTr("Batal"); onClicked: VisitFlow.goHome() }
                BigButton {
                    objectName: "sendComplaint"
                    Layout.fillWidth: true
                    enabled: page.category.length > 0 && page.text.trim().length > 0
                    text: qsTr("Kirim pengaduan")
                    detail: qsTr("Slip dengan nomor pengaduan dicetak")
                    onClicked: Complaint.submit(page.category, page.text, page.nik, page.phone)
                }
            }
        }
    }
    ColumnLayout {
        anchors.fill: parent
        visible: page.filed
        spacing: Theme.gap * 0.75
        Text { textFormat: Text.PlainText; text: qsTr("Nomor pengaduan"); font.pixelSize: Theme.body; color: Theme.muted }
        Text {
            objectName: "complaintNumber"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: Complaint.filedNumber
            font.pixelSize: 56
            font.bold: true
            color: Theme.primary
            fontSizeMode: Text.HorizontalFit
        }
        Text {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: Complaint.phoneGiven
                  ? qsTr("Jawaban dikirim lewat SMS ke nomor HP Anda. Anda juga dapat membacanya dengan memindai kode QR pada slip di anjungan desa mana pun di kecamatan ini.")
                  : qsTr("Baca jawabannya nanti dengan memindai kode QR pada slip di anjungan desa mana pun di kecamatan ini.")
            font.pixelSize: Theme.body
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Item { Layout.fillHeight: true }
        BigButton { objectName: "finishComplaint"; Layout.fillWidth: true; text: qsTr("Selesai"); onClicked: VisitFlow.goHome() }
    }
}
