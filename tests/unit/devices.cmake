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

kiosk_add_qtest(NAME tst_devices_cups
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_devices_cups.cpp
  LIBS kiosk_devices
  FUNCTIONS ticketJobLandsUnchanged letterPdfLandsUnchanged readyQueueSaysReady unknownQueue
            unreachableServer stateReasonsAreTranslated unknownScheme
  LABELS devices)
target_compile_definitions(tst_devices_cups PRIVATE KIOSK_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
