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
