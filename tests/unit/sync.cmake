kiosk_add_qtest(NAME tst_sync_faults
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sync_faults.cpp ${CMAKE_CURRENT_LIST_DIR}/../tools/scriptedpeer.h ${CMAKE_CURRENT_LIST_DIR}/../tools/threadspy.h
  LIBS kiosk_core kiosk_faultproxy Qt6::Network Qt6::Sql
  LABELS sync
  FUNCTIONS retryAfterParsing serverErrorStormHonoursRetryAfterPerRequest statusesRetriedOrParked malformedAnswersNeverCrash outageLoggedOnceAndHealed
            abortEndsARequestInFlightAtOnce connectionIsReused postAllKeepsTransfersInFlightTogether abortEndsEveryTransferOfABatch
            responseLimitHoldsForEachTransfer
            outboxDrainsInParallelAndMapsEachAnswer abortDuringAParallelBatch proxyFromConfiguration
            unrecordedOutcomesAreSentAgain unstoredChangeKeepsTheCursor changesDeliveredOnceAcrossACutAndARestart
            refusedChangeIsParkedWithItsReason lostChunkAnswerResumesAtTheBackendsOffset pageRefusedByTheBackendIsSentAgainFromTheStart
            emptyProxyMeansDirectEvenWithEnvironmentProxy)
kiosk_add_qtest(NAME tst_heartbeat
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_heartbeat.cpp ${CMAKE_CURRENT_LIST_DIR}/../tools/threadspy.h
  LIBS kiosk_core backend_core Qt6::Sql
  LABELS sync
  FUNCTIONS backendKeepsTheLatestHeartbeatPerKiosk scannerStateFollowsTheScanners heartbeatRunsOnItsOwnTimer malformedHeartbeatRefused
            healedLinkSendsEverythingWaitingAtOnce)
kiosk_add_qtest(NAME tst_deskdelivery
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_deskdelivery.cpp ${CMAKE_CURRENT_LIST_DIR}/../tools/threadspy.h
  LIBS kiosk_core backend_core Qt6::Sql
  LABELS sync
  FUNCTIONS roundDeliversTheJournalOnce longDayFitsTheBodyLimit refusalKeepsTheEventsAndDoesNotLoop)
# Issue #15: the fleet reports its faults: heartbeats with live device state raise alerts once, one SMS each to
# the kecamatan's teknisi, cleared when the fault ends; silent kiosks; acknowledgement in the console.
kiosk_add_qtest(NAME tst_fleet
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fleet.cpp ${CMAKE_CURRENT_LIST_DIR}/smsgatewayreceiver.h
  LIBS kiosk_core backend_core Qt6::Network Qt6::Sql
  LABELS sync backend
  FUNCTIONS faultsRaiseOneSmsEachAndClear silentKioskRaisesAnAlert teknisiAcknowledgesInTheConsole heartbeatCarriesTheKiosksState
            rawPrinterReasonsRaisePaperLow deviceChangeSendsAHeartbeatAtOnce kioskAcknowledgesItsOwnAlerts
            offlineAcknowledgementDeliveredOnce)
