# Issue #6 (helper notify): letters and nomor surat, the notification outbox, monitoring figures.
find_package(Qt6 6.4 REQUIRED COMPONENTS Network)
kiosk_add_qtest(NAME tst_letters
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_letters.cpp
  LIBS backend_core kiosk_devices Qt6::Gui Qt6::Sql
  LABELS backend
  FUNCTIONS nomorFormat nomorSequentialAcrossYearAndRestart nomorUniqueIndex everyServiceHasTemplate templateComposesKopRowsAndSigner
            amountsOnTheLetterAreRupiah
            paperF4DefaultA4Option workflowLettersNumberedAndSealed delegateSignsOnBehalf unsignedPreviewIsWatermarked)
kiosk_add_qtest(NAME tst_notify
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_notify.cpp ${CMAKE_CURRENT_LIST_DIR}/smsgatewayreceiver.h ${CMAKE_CURRENT_LIST_DIR}/logcapture.h
  LIBS backend_core Qt6::Network Qt6::Sql
  LABELS backend
  FUNCTIONS transitionRowsInSameTransaction smsTexts remindersOnceWhenDue officerSlaReminders officerReminderReachesGatewayMaskedInLog
            senderRetriesThenMarksSentOnce gammuInjectCommand settingsFromIni gatewayUrlMustBeHttps)
kiosk_add_qtest(NAME tst_monitoring
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_monitoring.cpp
  LIBS backend_core Qt6::Sql
  LABELS backend
  FUNCTIONS ikmHandComputed ikmCategoryBoundaries ikmBoundariesFromAnswers ikmSkipsInvalidResponses turnaroundMedianAndP90
            slaBreachesAndStageCounts slaClockPerStep csvQuoting csvFormulaCellsNeutralised reportCommand)
add_dependencies(tst_monitoring kecamatan-backend)
