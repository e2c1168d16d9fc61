# UI tests: the real QML module and kiosk objects, driven like a person does.
add_library(kiosk_test_harness STATIC qml/kioskharness.h qml/kioskharness.cpp)
target_include_directories(kiosk_test_harness PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/qml ${CMAKE_CURRENT_SOURCE_DIR}/tools)
target_link_libraries(kiosk_test_harness PUBLIC kiosk_core kiosk_qmlapi kiosk_app kiosk_ui kiosk_uiplugin Qt6::Quick Qt6::Test)
target_compile_definitions(kiosk_test_harness PUBLIC KIOSK_CATALOG_JSON="${PROJECT_SOURCE_DIR}/backend/catalog/default-catalog.json")

kiosk_add_qtest(NAME tst_ui SOURCES qml/tst_ui.cpp LIBS kiosk_test_harness LABELS ui
  FUNCTIONS requestWithScannedNik catalogHolidaysDateTheTicket requestWithTypedNik invalidNikIsExplained validationErrorsShowBesideFields
            editFromReviewKeepsAnswers heirsAndWitnessesThroughTheForm idleWipeLeavesNoTrace statusShowsEachStage typedNumberShowsTheStageNotTheNote statusByScannedTicket
            garbageScanChangesNothing surveyIsStoredForTheBackend surveyFromWelcomeWithProfileAndSuggestion doneScreenOffersNoSurvey
            complaintWithAndWithoutNik complaintTooLongOrBadNikIsExplained surveyCanBeSkipped englishThenBackToIndonesian
            focusedFieldStaysAboveKeyboard tamperedLetterIsNotPrinted
            printerFaultIsExplainedAndNothingIsLost failedTicketWaitsForStaffReprint staffHandsOverALetter representativeWithTypedNik wrongNikForTheHolderIsRefused
            ticketLostToACrashIsPrintedAgain)
kiosk_add_qtest(NAME tst_queue_ui SOURCES qml/tst_queue_ui.cpp LIBS kiosk_test_harness LABELS ui
  FUNCTIONS helpNumberIsTakenWithATap callingWithTwoLoketsThreeQueues)
kiosk_add_qtest(NAME tst_staff SOURCES qml/tst_staff.cpp LIBS kiosk_test_harness LABELS ui
  FUNCTIONS cardOnEveryCitizenScreen revokedOrGarbageCardChangesNothing longPressFallbackWithUsernameAndPin lockoutSurvivesARestart
            staffModeEndsAfterTheStaffIdleTime staffEnterARequestForACitizen staffEntryEndsAtTheDesk staffCancelIsKeptUntilDelivered
            staffEntryUsesTheStaffIdleTime)
# Technician mode: its own credential, each panel with known device states, parked retry/cancel, the masked bundle.
kiosk_add_qtest(NAME tst_technician SOURCES qml/tst_technician.cpp LIBS kiosk_test_harness LABELS ui
  FUNCTIONS technicianInStaffRefused devicesPanel cameraPreviewShowsWhatItDecodes parkedRetryAndCancel alertsAcknowledged systemPanelWithMaskedLog bundleWithoutPersonalData
            exportWithoutStick exportThroughStickHelper panelsFitEverySize)
# Issue #15: the Perangkat panel with a umockdev-emulated USB scanner and an ippeveprinter out of paper (SKIP without umockdev).
pkg_check_modules(UMOCKDEV_UI IMPORTED_TARGET umockdev-1.0)
if(UMOCKDEV_UI_FOUND)
  kiosk_add_qtest(NAME tst_technician_devices SOURCES qml/tst_technician_devices.cpp tools/emulatedhidpos.h
    LIBS kiosk_test_harness PkgConfig::UMOCKDEV_UI LABELS ui devices FUNCTIONS panelFollowsTheDevices)
  target_compile_definitions(tst_technician_devices PRIVATE QT_NO_KEYWORDS)
else()
  add_test(NAME tst_technician_devices COMMAND sh -c "echo 'SKIP: libumockdev-dev is not installed'; exit 77")
  set_tests_properties(tst_technician_devices PROPERTIES SKIP_RETURN_CODE 77 LABELS ui)
endif()
kiosk_add_qtest(NAME tst_documents SOURCES qml/tst_documents.cpp LIBS kiosk_test_harness LABELS ui
  FUNCTIONS captureOneSkipTheRest pagesSurviveEditingButNotTheWipe screenFitsEverySize noSourceSkipsTheScreen onlySomeRequirementsAskedAgain)
# Staff cancel at the desk against the real backend process (mutual TLS).
kiosk_add_qtest(NAME tst_deskcancel SOURCES qml/tst_deskcancel.cpp LIBS kiosk_test_harness LABELS ui integration
  FUNCTIONS staffCancelReachesTheBackendOnce)
target_include_directories(tst_deskcancel PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tools)
add_dependencies(tst_deskcancel kecamatan-backend recording-backend)
kiosk_add_qtest(NAME tst_screens SOURCES qml/tst_screens.cpp LIBS kiosk_test_harness LABELS ui)
# "Verifikasi Surat": SQ2 and SQ1 seals scanned from the welcome screen, the typed-NIK check off the GUI thread.
kiosk_add_qtest(NAME tst_verify SOURCES qml/tst_verify.cpp LIBS kiosk_test_harness LABELS ui seal
  FUNCTIONS scannedSq2SealFromWelcome scannedSq1SealStillVerifies otherUrlIsNotASeal)
kiosk_add_qtest(NAME bench_taps SOURCES bench/bench_taps.cpp LIBS kiosk_test_harness LABELS bench)

# Fails on source strings that are new, unfinished or missing in the English translation,
# and on user-visible QML strings not wrapped in qsTr().
add_test(NAME translations_complete
  COMMAND ${CMAKE_COMMAND} -DLUPDATE=$<TARGET_FILE:Qt6::lupdate> -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/translations-check -P ${PROJECT_SOURCE_DIR}/tests/qml/check-translations.cmake)
set_tests_properties(translations_complete PROPERTIES LABELS ui)
kiosk_add_qtest(NAME tst_callingdisplay SOURCES qml/tst_callingdisplay.cpp LIBS kiosk_test_harness LABELS ui
  FUNCTIONS displayShowsEveryLoket newCallReplacesTheLoketNumber welcomeScreenShowsTheBand
            displayStaysIndonesianWhenTheKioskSpeaksEnglish emptyBoardSaysSo)
kiosk_add_qtest(NAME bench_calls SOURCES bench/bench_calls.cpp LIBS kiosk_test_harness LABELS bench)
kiosk_add_qtest(NAME tst_statusremote SOURCES qml/tst_statusremote.cpp LIBS kiosk_test_harness Qt6::Network LABELS ui
  FUNCTIONS typedNumberShowsStageAndMaskedNameOnly ticketQrShowsTheNoteAndCancels returnedRequestIsFixedWithTheNik unknownNumberIsSaid offlineIsSaidNotHung
            slowBackendIsSaidAndTheWipeForgetsIt)
kiosk_add_qtest(NAME tst_lifecycle SOURCES qml/tst_lifecycle.cpp LIBS kiosk_test_harness kiosk_faultproxy Qt6::Network LABELS ui
  FUNCTIONS anotherKiosksRequestByTypedNumberIsMasked needsFixRoundTrip citizenCancelsBeforeAnOfficerActedNotAfter
            revisionCrossesACutAndARestartOnce pageIsRecapturedInTheFix staffFixAtTheDesk)
# A complaint from the kiosk's screen to a real backend and its answer back (issue #13).
kiosk_add_qtest(NAME tst_complaint_roundtrip SOURCES qml/tst_complaint_roundtrip.cpp tools/threadspy.h unit/workflowfixture.h
  LIBS kiosk_test_harness backend_core LABELS ui integration)
target_include_directories(tst_complaint_roundtrip PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tools ${CMAKE_CURRENT_SOURCE_DIR}/unit)
# A fresh unit's first-boot screen: enrollment against the real backend process, network settings for anjungan-netapply.
kiosk_add_qtest(NAME tst_firstboot SOURCES qml/tst_firstboot.cpp LIBS kiosk_test_harness kiosk_netapply LABELS ui integration
  FUNCTIONS unenrolledUnitNeedsSetup writingKeepsEveryOtherLine wrongCodeIsExplainedAndChangesNothing unreachableServerIsExplained
            enrolsAndStartsServing reenrolFromTechnicianMode networkSettingsAreSpooledForRoot
            setupScreenFitsEverySize)
add_dependencies(tst_firstboot kecamatan-backend anjungan-netapply)
kiosk_add_qtest(NAME tst_untrusted_text SOURCES qml/tst_untrusted_text.cpp LIBS kiosk_test_harness LABELS ui
  FUNCTIONS officerNoteIsPlainText typedNameIsPlainText sealNameIsPlainText everyTextInTheUiSaysItsFormat)
