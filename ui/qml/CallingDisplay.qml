import QtQuick
import QtQuick.Layouts
import AnjunganDesa

// The waiting room's calling display, full screen on the kiosk's second output: the number each loket
// serves, the last calls and how many wait. Read from 5 m, so light type on near-black (contrast 17:1)
// and sizes in proportion to the screen; the newest call flashes amber with dark type (12:1).
Window {
    id: display
    objectName: "callingDisplay"
    width: 1920
    height: 1080
    color: display.night
    title: display.words.title

    readonly property real u: Math.min(width / 1920, height / 1080)
    readonly property color night: "#0e1510"
    readonly property color card: "#1d2b20"
    readonly property color light: "#ffffff"
    readonly property color dim: "#c8d3ca"
    readonly property color flash: "#ffd54f"
    readonly property color inkOnFlash: "#1c1c1c"
    readonly property color accent: "#66bb6a"
    readonly property int margin: Math.round(32 * u)
    property date now: new Date()
    // The waiting room reads Bahasa Indonesia whatever language a citizen picks at the kiosk (the
    // engine's translator is shared, so qsTr here would switch the room's screen with the kiosk).
    readonly property var words: ({
            "title": "Layar antrean",
            "noCalls": "Belum ada panggilan",
            "loketCaps": "LOKET %1",
            "loket": "Loket %1",
            "priority": "PRIORITAS",
            "lastCalls": "Panggilan terakhir",
            "waiting": "%1 · %2: %3 menunggu"
        })

    // The display's own clock, once a second.
    Timer {
        interval: 1000
        running: display.visible
        repeat: true
        onTriggered: display.now = new Date()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: display.margin
        spacing: display.margin

        RowLayout {
            objectName: "displayHeader"
            Layout.fillWidth: true
            spacing: display.margin
            Text {
                objectName: "displayOffice"
                textFormat: Text.PlainText
                Layout.fillWidth: true
                text: CallBoard.officeName
                color: display.light
                font.pixelSize: Math.round(56 * display.u)
                font.bold: true
                elide: Text.ElideRight
            }
            Text {
                objectName: "displayDate"
                textFormat: Text.PlainText
                text: display.now.toLocaleDateString(Qt.locale("id_ID"), "dddd, d MMMM yyyy")
                color: display.dim
                font.pixelSize: Math.round(36 * display.u)
            }
            Text {
                objectName: "displayClock"
                textFormat: Text.PlainText
                text: Qt.formatTime(display.now, "HH:mm")
                color: display.light
                font.pixelSize: Math.round(72 * display.u)
                font.bold: true
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: display.margin

            // One card per loket: the number it serves now.
            Item {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 62
                Text {
                    objectName: "displayNoCalls"
                    textFormat: Text.PlainText
                    anchors.fill: parent
                    visible: !CallBoard.hasCalls
                    text: display.words.noCalls
                    color: display.dim
                    font.pixelSize: Math.round(64 * display.u)
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    wrapMode: Text.WordWrap
                }
                GridLayout {
                    id: counters
                    anchors.fill: parent
                    columns: CallBoard.counters.count > 1 ? 2 : 1
                    rowSpacing: display.margin
                    columnSpacing: display.margin
                    Repeater {
                        model: CallBoard.counters
                        delegate: Rectangle {
                            id: counterCard
                            required property int counter
                            required property string label
                            required property bool priority
                            required property bool fresh
                            objectName: "counterCard" + counter
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: 1
                            Layout.preferredHeight: 1
                            radius: Math.round(20 * display.u)
                            color: fresh ? display.flash : display.card
                            border.color: display.accent
                            border.width: fresh ? 0 : Math.round(3 * display.u)
                            readonly property color ink: fresh ? display.inkOnFlash : display.light
                            // A new call pulses white a few times, then stays amber until the next one; its type stays sharp.
                            Rectangle {
                                anchors.fill: parent
                                radius: parent.radius
                                color: display.light
                                opacity: 0
                                SequentialAnimation on opacity {
                                    running: counterCard.fresh
                                    loops: 4
                                    NumberAnimation { to: 0.6; duration: 350 }
                                    NumberAnimation { to: 0; duration: 350 }
                                }
                            }
                            ColumnLayout {
                                anchors.fill: parent
                                anchors.margins: Math.round(20 * display.u)
                                spacing: 0
                                Text {
                                    objectName: "counterName" + counterCard.counter
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    text: display.words.loketCaps.arg(counterCard.counter)
                                    color: counterCard.ink
                                    font.pixelSize: Math.round(48 * display.u)
                                    font.bold: true
                                    horizontalAlignment: Text.AlignHCenter
                                    elide: Text.ElideRight
                                }
                                Text {
                                    objectName: "counterNumber" + counterCard.counter
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    Layout.fillHeight: true
                                    text: counterCard.label
                                    color: counterCard.ink
                                    font.pixelSize: Math.round(180 * display.u)
                                    font.bold: true
                                    fontSizeMode: Text.Fit
                                    minimumPixelSize: 24
                                    horizontalAlignment: Text.AlignHCenter
                                    verticalAlignment: Text.AlignVCenter
                                }
                                Text {
                                    objectName: "counterPriority" + counterCard.counter
                                    textFormat: Text.PlainText
                                    Layout.fillWidth: true
                                    visible: counterCard.priority
                                    text: display.words.priority
                                    color: counterCard.ink
                                    font.pixelSize: Math.round(36 * display.u)
                                    font.bold: true
                                    horizontalAlignment: Text.AlignHCenter
                                    elide: Text.ElideRight
                                }
                            }
                        }
                    }
                }
            }

            // The last calls, newest first.
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 38
                color: display.card
                radius: Math.round(20 * display.u)
                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: Math.round(24 * display.u)
                    spacing: Math.round(12 * display.u)
                    Text {
                        textFormat: Text.PlainText
                        Layout.fillWidth: true
                        text: display.words.lastCalls
                        color: display.dim
                        font.pixelSize: Math.round(40 * display.u)
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Repeater {
                        model: CallBoard.recent
                        delegate: RowLayout {
                            id: recentRow
                            required property int index
                            required property int counter
                            required property string label
                            required property string time
                            required property bool fresh
                            objectName: "recentCall" + index
                            Layout.fillWidth: true
                            spacing: Math.round(16 * display.u)
                            Text {
                                objectName: "recentLabel" + recentRow.index
                                textFormat: Text.PlainText
                                Layout.preferredWidth: Math.round(190 * display.u)
                                text: recentRow.label
                                color: recentRow.fresh ? display.flash : display.light
                                font.pixelSize: Math.round(52 * display.u)
                                font.bold: true
                                elide: Text.ElideRight
                            }
                            Text {
                                objectName: "recentCounter" + recentRow.index
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                                text: display.words.loket.arg(recentRow.counter)
                                color: display.light
                                font.pixelSize: Math.round(44 * display.u)
                                elide: Text.ElideRight
                            }
                            Text {
                                textFormat: Text.PlainText
                                text: recentRow.time
                                color: display.dim
                                font.pixelSize: Math.round(36 * display.u)
                            }
                        }
                    }
                    Item {
                        Layout.fillHeight: true
                    }
                }
            }
        }

        // How many wait in each queue.
        RowLayout {
            objectName: "displayWaiting"
            Layout.fillWidth: true
            spacing: display.margin
            Repeater {
                model: CallBoard.waiting
                delegate: Rectangle {
                    id: waitingCell
                    required property string letter
                    required property string name
                    required property int count
                    objectName: "waiting" + letter
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: waitingText.implicitHeight + Math.round(28 * display.u)
                    color: display.card
                    radius: Math.round(16 * display.u)
                    Text {
                        id: waitingText
                        objectName: "waitingText" + waitingCell.letter
                        textFormat: Text.PlainText
                        anchors.fill: parent
                        anchors.margins: Math.round(14 * display.u)
                        text: display.words.waiting.arg(waitingCell.letter).arg(waitingCell.name).arg(waitingCell.count)
                        color: display.light
                        font.pixelSize: Math.round(36 * display.u)
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
}
