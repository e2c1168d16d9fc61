import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import AnjunganDesa

// The first-boot technician screen ("Pemasangan anjungan"): the network, the backend and the one-time enrollment code.
// Shown instead of the citizen's screens until the unit is enrolled; then the kiosk restarts and serves. From technician
// mode (FirstBoot.reenrolling) only the backend and a new code.
Rectangle {
    id: page
    color: Theme.background
    property bool wifi: false
    property bool staticAddressing: false
    property string address: ""
    property string gateway: ""
    property string dns: ""
    property string ssid: ""
    property string passphrase: ""
    property string serverUrl: FirstBoot.serverUrl
    property string code: ""
    readonly property bool enrolled: FirstBoot.state === FirstBoot.Enrolled
    // Touches on the setup screen never reach the welcome screen below it.
    MouseArea { anchors.fill: parent }

    component SectionTitle: Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        Layout.topMargin: Theme.gap * 0.5
        font.pixelSize: Theme.body + 4
        font.bold: true
        color: Theme.primary
        wrapMode: Text.WordWrap
    }
    component Line: Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        font.pixelSize: Theme.small
        color: Theme.text
        wrapMode: Text.WordWrap
    }

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: Theme.gap
        contentHeight: form.implicitHeight + Theme.gap
        clip: true
        ScrollBar.vertical: ScrollBar { width: 16 }
        ColumnLayout {
            id: form
            width: flick.width - 24
            spacing: Theme.gap * 0.6
            Text {
                objectName: "setupTitle"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: FirstBoot.reenrolling ? qsTr("Daftar ulang anjungan") : qsTr("Pemasangan anjungan")
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Line {
                text: FirstBoot.reenrolling
                      ? qsTr("Masukkan kode sekali pakai yang baru dari admin kecamatan. Sertifikat lama tetap dipakai sampai yang baru tersimpan; setelah berhasil anjungan dimulai ulang.")
                      : qsTr("Anjungan ini belum terdaftar di server kecamatan. Atur jaringan bila perlu, isi alamat server, lalu daftarkan dengan kode sekali pakai dari admin kecamatan.")
                font.pixelSize: Theme.body
                color: Theme.muted
            }

            // Re-enrollment from technician mode keeps the network as it is: only the backend and the code.
            ColumnLayout {
                Layout.fillWidth: true
                visible: !FirstBoot.reenrolling
                spacing: Theme.gap * 0.6
                SectionTitle { text: qsTr("1. Jaringan") }
                Repeater {
                    model: FirstBoot.interfaces
                    delegate: Line {
                        required property string modelData
                        objectName: "interfaceLine"
                        text: modelData
                    }
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 12
                    BigButton {
                        objectName: "uplinkWired"
                        implicitWidth: 240
                        primary: !page.wifi
                        text: qsTr("Kabel")
                        onClicked: page.wifi = false
                    }
                    BigButton {
                        objectName: "uplinkWifi"
                        visible: FirstBoot.wifiAvailable
                        implicitWidth: 240
                        primary: page.wifi
                        text: qsTr("Wi-Fi")
                        onClicked: page.wifi = true
                    }
                    BigButton {
                        objectName: "addressingDhcp"
                        implicitWidth: 300
                        primary: !page.staticAddressing
                        text: qsTr("Otomatis (DHCP)")
                        onClicked: page.staticAddressing = false
                    }
                    BigButton {
                        objectName: "addressingStatic"
                        implicitWidth: 300
                        primary: page.staticAddressing
                        text: qsTr("Alamat tetap")
                        onClicked: page.staticAddressing = true
                    }
                }
                TextInputField {
                    objectName: "setupSsid"
                    visible: page.wifi
                    Layout.fillWidth: true
                    required: true
                    label: qsTr("Nama Wi-Fi (SSID)")
                    value: page.ssid
                    onEdited: (text) => page.ssid = text
                }
                TextInputField {
                    objectName: "setupPassphrase"
                    visible: page.wifi
                    Layout.fillWidth: true
                    required: true
                    label: qsTr("Kata sandi Wi-Fi")
                    value: page.passphrase
                    input.echoMode: TextInput.Password
                    onEdited: (text) => page.passphrase = text
                }
                TextInputField {
                    objectName: "setupAddress"
                    visible: page.staticAddressing
                    Layout.fillWidth: true
                    required: true
                    label: qsTr("Alamat IP dan prefiks, contoh 192.168.1.20/24")
                    value: page.address
                    onEdited: (text) => page.address = text
                }
                TextInputField {
                    objectName: "setupGateway"
                    visible: page.staticAddressing
                    Layout.fillWidth: true
                    required: true
                    label: qsTr("Gateway, contoh 192.168.1.1")
                    value: page.gateway
                    onEdited: (text) => page.gateway = text
                }
                TextInputField {
                    objectName: "setupDns"
                    visible: page.staticAddressing
                    Layout.fillWidth: true
                    required: true
                    label: qsTr("DNS, 1 sampai 3 alamat dipisah spasi")
                    value: page.dns
                    onEdited: (text) => page.dns = text
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: 12
                    BigButton {
                        objectName: "applyNetworkButton"
                        implicitWidth: 420
                        text: qsTr("Simpan pengaturan jaringan")
                        onClicked: FirstBoot.applyNetwork(page.wifi, page.staticAddressing, page.address, page.gateway, page.dns,
                                                          page.ssid, page.passphrase)
                    }
                    BigButton {
                        objectName: "refreshNetworkButton"
                        implicitWidth: 240
                        primary: false
                        text: qsTr("Perbarui")
                        onClicked: FirstBoot.refreshNetwork()
                    }
                }
                Line {
                    objectName: "networkMessage"
                    visible: FirstBoot.networkMessage.length > 0
                    text: FirstBoot.networkMessage
                    font.pixelSize: Theme.body
                }
            }

            // Without the network section (re-enrollment) the steps are numbered from 1.
            SectionTitle { text: qsTr("%1. Server kecamatan").arg(FirstBoot.reenrolling ? 1 : 2) }
            TextInputField {
                objectName: "setupServerUrl"
                Layout.fillWidth: true
                required: true
                label: qsTr("Alamat server, contoh https://kecamatan.contoh.go.id/api/v1")
                value: page.serverUrl
                onEdited: (text) => page.serverUrl = text
            }
            Line {
                objectName: "trustNote"
                text: FirstBoot.trustNote
            }
            BigButton {
                objectName: "checkConnectionButton"
                implicitWidth: 360
                primary: false
                enabled: !FirstBoot.checking
                text: FirstBoot.checking ? qsTr("Memeriksa …") : qsTr("Periksa koneksi")
                onClicked: FirstBoot.checkConnection(page.serverUrl)
            }
            Repeater {
                model: FirstBoot.connectionReport
                delegate: Line {
                    required property string modelData
                    objectName: "connectionLine"
                    text: modelData
                }
            }

            SectionTitle { text: qsTr("%1. Daftarkan").arg(FirstBoot.reenrolling ? 2 : 3) }
            TextInputField {
                objectName: "setupCode"
                Layout.fillWidth: true
                required: true
                label: qsTr("Kode pendaftaran, contoh ABCD-EFGH-JKMN-PQRS")
                value: page.code
                onEdited: (text) => page.code = text
            }
            BigButton {
                objectName: "enrollButton"
                visible: !page.enrolled
                enabled: FirstBoot.state !== FirstBoot.Enrolling
                implicitWidth: 360
                text: FirstBoot.state === FirstBoot.Enrolling ? qsTr("Mendaftarkan …") : qsTr("Daftarkan")
                onClicked: FirstBoot.enroll(page.serverUrl, page.code)
            }
            Text {
                objectName: "setupMessage"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                visible: FirstBoot.message.length > 0
                text: FirstBoot.message
                font.pixelSize: Theme.body
                font.bold: FirstBoot.state !== FirstBoot.Enrolling
                color: FirstBoot.state === FirstBoot.Failed ? Theme.error : Theme.primary
                wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "cancelReenrollButton"
                visible: FirstBoot.reenrolling && !page.enrolled
                enabled: FirstBoot.state !== FirstBoot.Enrolling
                implicitWidth: 360
                primary: false
                text: qsTr("Batal, kembali ke mode teknisi")
                onClicked: FirstBoot.cancel()
            }
            BigButton {
                objectName: "startServingButton"
                visible: page.enrolled
                implicitWidth: 360
                text: qsTr("Mulai melayani")
                onClicked: FirstBoot.finish()
            }
        }
    }
    // The enrollment's progress and outcome are at the end of the form: shown whenever they change.
    Connections {
        target: FirstBoot
        function onChanged() { Qt.callLater(page.showEnd) }
    }
    function showEnd() { flick.contentY = Math.max(0, flick.contentHeight - flick.height) }
    // After enrollment the kiosk starts serving by itself; the button only saves the technician the wait.
    Timer {
        running: page.enrolled && page.visible
        interval: 10000
        onTriggered: FirstBoot.finish()
    }
}
