import QtQuick
import AnjunganDesa
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Technician mode: devices, link, alerts, system and diagnostics, one tab each, in plain Indonesian.
ScreenPage {
    id: page
    title: qsTr("Mode teknisi")
    subtitle: qsTr("Teknisi: %1").arg(TechnicianMode.technician)
    Component.onDestruction: CameraPreview.active = false

    // One block of lines under a heading. A Column, not a ColumnLayout: a layout left the lines of the Sistem panel
    // on top of each other when the same number of lines came back with new text.
    component Lines: Column {
        id: block
        property string heading: ""
        property var lines: []
        property string emptyText: ""
        Layout.fillWidth: true
        spacing: 6
        Text {
            textFormat: Text.PlainText
            text: parent.heading
            visible: text.length > 0
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.text
        }
        Repeater {
            model: parent.lines
            Text {
                textFormat: Text.PlainText
                required property string modelData
                width: block.width
                text: modelData
                font.pixelSize: Theme.small
                color: Theme.text
                wrapMode: Text.WrapAnywhere
            }
        }
        Text {
            textFormat: Text.PlainText
            visible: parent.lines.length === 0 && parent.emptyText.length > 0
            text: parent.emptyText
            font.pixelSize: Theme.small
            color: Theme.muted
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap * 0.5
        // Two rows of three on a portrait screen, where six labels do not fit in one.
        GridLayout {
            Layout.fillWidth: true
            columns: page.width < 1200 ? 3 : 6
            columnSpacing: 8
            rowSpacing: 8
            Repeater {
                model: [
                    { name: "technicianTabDevices", label: qsTr("Perangkat") },
                    { name: "technicianTabLink", label: qsTr("Koneksi") },
                    { name: "technicianTabAlerts", label: qsTr("Peringatan") },
                    { name: "technicianTabSystem", label: qsTr("Sistem") },
                    { name: "technicianTabDiagnostics", label: qsTr("Diagnostik") }
                ]
                BigButton {
                    required property var modelData
                    required property int index
                    objectName: modelData.name
                    Layout.fillWidth: true
                    implicitWidth: 180
                    primary: tabs.currentIndex === index
                    text: modelData.label
                    onClicked: { tabs.currentIndex = index; TechnicianMode.refresh() }
                }
            }
            BigButton {
                objectName: "technicianSignOut"
                Layout.fillWidth: true
                implicitWidth: 160
                primary: false
                text: qsTr("Keluar")
                onClicked: TechnicianMode.signOut()
            }
        }
        Text {
            objectName: "technicianMessage"
            textFormat: Text.PlainText
            Layout.fillWidth: true
            visible: TechnicianMode.message.length > 0
            text: TechnicianMode.message
            font.pixelSize: Theme.body
            color: Theme.primary
            wrapMode: Text.WordWrap
        }
        // The camera preview runs only while the Perangkat panel is open.
        Binding {
            target: CameraPreview
            property: "active"
            value: tabs.currentIndex === 0
        }
        StackLayout {
            id: tabs
            Layout.fillWidth: true
            Layout.fillHeight: true
            // Perangkat: every scanner's and printer's state, the last scan of each scanner, test prints.
            Flickable {
                objectName: "technicianDevices"
                clip: true
                contentHeight: devicesColumn.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                ColumnLayout {
                    id: devicesColumn
                    width: parent.width
                    spacing: Theme.gap * 0.5
                    Lines {
                        objectName: "technicianDeviceStates"
                        heading: qsTr("Keadaan perangkat")
                        lines: DeviceStatus.deviceStates
                        emptyText: qsTr("Tidak ada perangkat yang dilaporkan.")
                    }
                    Text {
                        objectName: "cameraHeading"
                        textFormat: Text.PlainText
                        text: qsTr("Kamera pemindai")
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.text
                    }
                    Text {
                        objectName: "cameraPreviewNone"
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        visible: !CameraPreview.available
                        text: qsTr("Tidak ada kamera pemindai yang diatur. Untuk memakai kamera, tambahkan camera:0 ke scanners di bagian [kiosk] berkas konfigurasi anjungan, lalu nyalakan ulang anjungan.")
                        font.pixelSize: Theme.small
                        color: Theme.muted
                        wrapMode: Text.WordWrap
                    }
                    // The picture and, beside it, what the camera reads: both in view without scrolling.
                    RowLayout {
                        visible: CameraPreview.available
                        Layout.fillWidth: true
                        spacing: Theme.gap * 0.5
                        Rectangle {
                            Layout.preferredWidth: Math.min(devicesColumn.width * 0.45, 480)
                            Layout.preferredHeight: Layout.preferredWidth * 9 / 16
                            Layout.alignment: Qt.AlignTop
                            radius: Theme.radius
                            color: "#202020"
                            ImageView {
                                objectName: "cameraPreview"
                                anchors.fill: parent
                                anchors.margins: 4
                                image: CameraPreview.preview
                            }
                        }
                        Lines {
                            objectName: "cameraPreviewLines"
                            Layout.alignment: Qt.AlignTop
                            lines: [
                                qsTr("Kamera: %1").arg(CameraPreview.uri),
                                CameraPreview.decoded.length > 0 ? qsTr("Terbaca: %1").arg(CameraPreview.decoded) : qsTr("Terbaca: belum ada (arahkan kode ke kamera)"),
                                qsTr("Laju gambar: %1 bingkai/detik").arg(CameraPreview.frameRate.toFixed(1)),
                                CameraPreview.decodedAt.length > 0 ? qsTr("Terakhir terbaca: pukul %1").arg(CameraPreview.decodedAt) : qsTr("Terakhir terbaca: -")
                            ]
                        }
                    }
                    Lines {
                        objectName: "technicianScans"
                        heading: qsTr("Pindaian terakhir (pindai sesuatu untuk menguji)")
                        lines: TechnicianMode.scans
                        emptyText: qsTr("Belum ada pindaian. Pindai KTP, tiket atau kartu.")
                    }
                    RowLayout {
                        spacing: Theme.gap
                        BigButton {
                            objectName: "technicianTestTicket"
                            primary: false
                            text: qsTr("Cetak tiket uji")
                            onClicked: TechnicianMode.testPrint("ticket")
                        }
                        BigButton {
                            objectName: "technicianTestLetter"
                            primary: false
                            text: qsTr("Cetak halaman uji")
                            onClicked: TechnicianMode.testPrint("letter")
                        }
                    }
                }
            }
            // Koneksi: the server, certificate, last sync, outbox; parked requests to send again or withdraw.
            Flickable {
                objectName: "technicianLink"
                clip: true
                contentHeight: linkColumn.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                ColumnLayout {
                    id: linkColumn
                    width: parent.width
                    spacing: Theme.gap * 0.5
                    Lines {
                        objectName: "technicianLinkLines"
                        heading: qsTr("Sambungan ke kecamatan")
                        lines: TechnicianMode.linkLines
                    }
                    BigButton {
                        objectName: "technicianCheckLink"
                        primary: false
                        enabled: !TechnicianMode.checkingLink
                        text: qsTr("Periksa sambungan")
                        detail: qsTr("DNS, TCP, TLS dan jam")
                        onClicked: TechnicianMode.checkLink()
                    }
                    Lines {
                        objectName: "technicianLinkCheck"
                        lines: TechnicianMode.linkCheck
                    }
                    BigButton {
                        objectName: "technicianReenroll"
                        primary: false
                        text: qsTr("Daftar ulang dengan kode baru")
                        detail: qsTr("Sertifikat lama tetap dipakai sampai berhasil")
                        onClicked: TechnicianMode.reenroll()
                    }
                    Text {
                        textFormat: Text.PlainText
                        text: qsTr("Permohonan ditahan")
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.text
                    }
                    Text {
                        textFormat: Text.PlainText
                        visible: TechnicianMode.parked.length === 0
                        text: qsTr("Tidak ada permohonan yang ditahan.")
                        font.pixelSize: Theme.small
                        color: Theme.muted
                    }
                    Repeater {
                        model: TechnicianMode.parked
                        RowLayout {
                            required property var modelData
                            objectName: "parked_" + modelData.number
                            Layout.fillWidth: true
                            spacing: Theme.gap * 0.5
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: qsTr("%1 (%2, %3): %4").arg(modelData.number).arg(modelData.service).arg(modelData.created).arg(modelData.reason)
                                font.pixelSize: Theme.small
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            BigButton {
                                objectName: "retryParked_" + modelData.number
                                implicitWidth: 220
                                text: qsTr("Kirim ulang")
                                onClicked: TechnicianMode.retryParked(modelData.number)
                            }
                            BigButton {
                                objectName: "cancelParked_" + modelData.number
                                implicitWidth: 200
                                primary: false
                                text: qsTr("Batalkan")
                                onClicked: TechnicianMode.cancelParked(modelData.number)
                            }
                        }
                    }
                    Lines {
                        objectName: "technicianJournal"
                        heading: qsTr("Catatan teknisi")
                        lines: TechnicianMode.journal
                        emptyText: qsTr("Belum ada tindakan teknisi di anjungan ini.")
                    }
                }
            }
            // Peringatan: the backend's fleet alerts for this kiosk and its own, each with "Selesai ditangani".
            Flickable {
                objectName: "technicianAlerts"
                clip: true
                contentHeight: alertsColumn.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                ColumnLayout {
                    id: alertsColumn
                    width: parent.width
                    spacing: Theme.gap * 0.5
                    Text {
                        textFormat: Text.PlainText
                        text: qsTr("Peringatan yang belum ditangani")
                        font.pixelSize: Theme.body
                        font.bold: true
                        color: Theme.text
                    }
                    Text {
                        objectName: "technicianNoAlerts"
                        textFormat: Text.PlainText
                        visible: TechnicianMode.openAlerts.length === 0
                        text: qsTr("Tidak ada peringatan.")
                        font.pixelSize: Theme.small
                        color: Theme.muted
                    }
                    Repeater {
                        model: TechnicianMode.openAlerts
                        RowLayout {
                            required property var modelData
                            objectName: "alert_" + modelData.key
                            Layout.fillWidth: true
                            spacing: Theme.gap * 0.5
                            Text {
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: qsTr("%1 (%2, sejak %3)").arg(modelData.text).arg(modelData.source).arg(modelData.since)
                                font.pixelSize: Theme.small
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            BigButton {
                                objectName: "acknowledgeAlert_" + modelData.key
                                implicitWidth: 260
                                text: qsTr("Selesai ditangani")
                                onClicked: TechnicianMode.acknowledgeAlert(modelData.key)
                            }
                        }
                    }
                }
            }
            // Sistem: disk, memory, uptime, versions and the kiosk's last log lines (masked).
            Flickable {
                objectName: "technicianSystem"
                clip: true
                contentHeight: systemColumn.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                ColumnLayout {
                    id: systemColumn
                    width: parent.width
                    spacing: Theme.gap * 0.5
                    Lines {
                        objectName: "technicianSystemLines"
                        heading: qsTr("Sistem")
                        lines: TechnicianMode.systemLines
                    }
                    Lines {
                        objectName: "technicianLog"
                        heading: qsTr("Log terakhir (data pribadi disamarkan)")
                        lines: TechnicianMode.logLines
                        emptyText: qsTr("Belum ada baris log.")
                    }
                }
            }
            // Diagnostik: the bundle for the technician's stick.
            ColumnLayout {
                objectName: "technicianDiagnostics"
                spacing: Theme.gap
                Text {
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    text: qsTr("Simpan berkas diagnostik (konfigurasi tanpa rahasia, log yang disamarkan, keadaan perangkat, versi) ke flashdisk teknisi.")
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                BigButton {
                    objectName: "technicianExport"
                    text: qsTr("Simpan ke flashdisk")
                    onClicked: TechnicianMode.exportDiagnostics()
                }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
