# Unit tests of the devices library (barcodes, ESC/POS raster, wedge scanner, CUPS printing).
kiosk_add_qtest(NAME tst_devices_barcode
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_barcode.cpp
  LIBS kiosk_devices
  FUNCTIONS roundTrip blankOrGarbageIsNotACode tooLongTextGivesNullImage
  LABELS devices)

kiosk_add_qtest(NAME tst_devices_escpos
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_escpos.cpp
  LIBS kiosk_devices
  FUNCTIONS jobLayout rasterRoundTrip qrTicketSurvivesRoundTrip truncatedOrGarbageStream
  LABELS devices)

kiosk_add_qtest(NAME tst_devices_wedge
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_wedge.cpp
  LIBS kiosk_devices
  FUNCTIONS fastBurstIsOneScan slowTypingIsNotAScan burstWithoutEnterIsDropped
            eventDeliveredTwiceCountsOnce shortBurstIsNotAScan keysToItemsPassThrough unknownScheme
  LABELS devices)

kiosk_add_qtest(NAME tst_devices_filescanner
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_filescanner.cpp
  LIBS kiosk_devices
  FUNCTIONS fifoLinesArriveAsWritten regularFileIsReplayedThenFollowed overlongAndInvalidLinesAreBounded missingFileIsExplained
  LABELS devices)

kiosk_add_qtest(NAME tst_devices_cups
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_cups.cpp
  LIBS kiosk_devices
  FUNCTIONS ticketJobLandsUnchanged letterPdfLandsUnchanged readyQueueSaysReady unknownQueue
            unreachableServer stateReasonsAreTranslated unknownScheme
  LABELS devices)
target_compile_definitions(tst_devices_cups PRIVATE KIOSK_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

kiosk_add_qtest(NAME tst_devices_payload
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_payload.cpp
  LIBS kiosk_devices
  FUNCTIONS classifiesBytes textOnlyFailures messagesAreIndonesian
  LABELS devices)

kiosk_add_qtest(NAME tst_devices_hidpos
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_hidpos.cpp
  LIBS kiosk_devices
  FUNCTIONS singleReport continuationAcrossReports otherReportsAreIgnored malformedReports
            symbologyChangeMidScanIsMalformed oversizedScanIsMalformed staleContinuationStartsOver
            nonPrintableSymbologyIsEmpty usbUris
  LABELS devices)

# HID POS over libusb against a umockdev-emulated scanner (re-executes itself under umockdev-wrapper).
pkg_check_modules(UMOCKDEV IMPORTED_TARGET umockdev-1.0)
if(UMOCKDEV_FOUND)
  kiosk_add_qtest(NAME tst_devices_hidposusb
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_hidposusb.cpp
    LIBS kiosk_devices PkgConfig::UMOCKDEV
    FUNCTIONS singleReport multiReportContinuation unplugAndReplug absentDeviceWaits
    LABELS devices)
  target_compile_definitions(tst_devices_hidposusb PRIVATE QT_NO_KEYWORDS)
  target_include_directories(tst_devices_hidposusb PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
else()
  add_test(NAME tst_devices_hidposusb COMMAND sh -c "echo 'SKIP: libumockdev-dev is not installed'; exit 77")
  set_tests_properties(tst_devices_hidposusb PROPERTIES SKIP_RETURN_CODE 77 LABELS devices)
endif()

kiosk_add_qtest(NAME tst_devices_printtracker
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_printtracker.cpp
  LIBS kiosk_devices
  FUNCTIONS stateMapping paperOutThenRecovery failedJobIsResubmitted stalledJobIsShownAndReprinted unreachableServerIsOffline
  LABELS devices)
target_compile_definitions(tst_devices_printtracker PRIVATE KIOSK_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# Camera path: generated corpus and the shared real photographs through ZXing and the multi-pass decoder, FrameDecoder's
# worker threads, a missing camera.
kiosk_add_qtest(NAME tst_devices_camera
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_camera.cpp
  LIBS kiosk_devices ZXing::ZXing
  FUNCTIONS corpus corpusMultiPass lightOnDarkCodeIsReadInverted realPhotos realPhotosWithoutCode frameDecoderExtraPassesReadWhatThePlainPassMisses
            frameDecoderWithOwnFunctionHasNoExtraPasses frameDecoderDropsWhileBusy frameDecoderDecodesWithZxing missingCamera
            invalidCameraUri
  LABELS devices)
target_compile_definitions(tst_devices_camera PRIVATE KIOSK_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
kiosk_add_qtest(NAME tst_devices_keypad
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_keypad.cpp
  LIBS kiosk_devices
  FUNCTIONS keyMapMatchesTheReadme fifoEventsBecomeActions missingDeviceIsWaitedFor unknownScheme
  LABELS devices)

# Document capture: generated frames (tests/tools/documentframes.h) through the analyser, outline, deskew and budget;
# the worker thread with a file: source; SANE's test backend as the real peer of sane: (skips without it).
kiosk_add_qtest(NAME tst_devices_pagecapture
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_pagecapture.cpp
  LIBS kiosk_devices
  FUNCTIONS takesTheRightFrame hintsFollowTheScene storedPageIsDeskewed wholeFrameWhenNoSheetIsSeen budgetHoldsForHardPictures
            fileSourceThroughTheWorker unknownOrEmptySources saneTestBackendScansAPage
  LABELS devices)
target_include_directories(tst_devices_pagecapture PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
