kiosk_add_qtest(NAME tst_nik SOURCES unit/tst_nik.cpp LIBS kiosk_core
  FUNCTIONS validMale validFemale february31 femaleFebruary30 month13 length15 length17 letters serial0000
            provinceOutOfRange everyErrorHasAMessage)
kiosk_add_qtest(NAME tst_deskjournal SOURCES unit/tst_deskjournal.cpp LIBS kiosk_core
  FUNCTIONS recordsSurviveARestartAndAreDeliveredOnce eventTheBackendWouldRefuseIsNotJournaled batchRoundTrips badBatchesAreRefused)
kiosk_add_qtest(NAME tst_outbox SOURCES unit/tst_outbox.cpp LIBS kiosk_core
  FUNCTIONS commitWritesRequestTicketAndKey piiIsEncryptedAtRest failureInsideTransactionLeavesNothing
            restartKeepsQueueAndKeys wrongDeviceKeyParksInsteadOfSending queueNumbersIncreaseWithinADay
            queueNumbersRestartAfterMidnight queueNumbersSurviveRestart refusesNewerSchema ticketQrPayloadRoundTrip
            handoverThenPurgeRemovesPersonalData pickupNumberIsOnePerLetterPerDay undeliveredRequestIsNeverPurged lostTicketCanBePrintedAgain
            batchOutcomesAreAllOrNothing failedWriteIsAnErrorAndLeavesNothing documentsAreSealedAnnouncedAndPurged retentionPerSituation notesAreSealedAtRest)
kiosk_add_qtest(NAME tst_slipwriter SOURCES unit/tst_slipwriter.cpp LIBS kiosk_core
  FUNCTIONS receiptFitsThePaper pickupSlipShowsTheNumberLarge wrapKeepsEveryCharacter nikMask)
kiosk_add_qtest(NAME tst_staffdirectory SOURCES unit/tst_staffdirectory.cpp LIBS kiosk_core
  FUNCTIONS lockoutRuleMatchesTheTable cardAndPinGrant wrongPinDeniesWithAttemptsLeft unknownAndGarbageCardsAreRefused
            fallbackOnlyWhereAllowed sealedAtRest wrongDeviceKeyYieldsNoStaff invalidListKeepsTheOldOne technicianRoleTravelsSealed lockoutSurvivesARestart)
target_include_directories(tst_staffdirectory PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
kiosk_add_qtest(NAME tst_diagnostics SOURCES unit/tst_diagnostics.cpp LIBS kiosk_core
  FUNCTIONS masking configWithoutSecrets bundleWrittenWholeAndMasked logRingKeepsTheLastLinesMasked linkCheckNamesTheFailedStep systemFacts)
kiosk_add_qtest(NAME tst_kioskctl_technician SOURCES unit/tst_kioskctl_technician.cpp LIBS kiosk_core
  FUNCTIONS parkedListRetryCancel alertsListAndAck diagnosticsBundle deviceList)
add_dependencies(tst_kioskctl_technician kioskctl)
kiosk_add_qtest(NAME tst_linkcheck SOURCES unit/tst_linkcheck.cpp LIBS kiosk_core LABELS integration
  FUNCTIONS everyStepPasses foreignCaFailsAtTls)
target_include_directories(tst_linkcheck PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_linkcheck kecamatan-backend)
kiosk_add_qtest(NAME tst_config SOURCES unit/tst_config.cpp LIBS kiosk_core
  FUNCTIONS scannerList printStallTimeoutIsBounded maxParallelIsBounded queueSection voiceAndDisplay documentSource officeHoursAndHolidays imageVersionFromOsRelease
            fileModeIsChecked)
kiosk_add_qtest(NAME tst_formmodel SOURCES unit/tst_formmodel.cpp LIBS kiosk_core
  FUNCTIONS groupsStartWithTheirMinimum valuesAreArraysOfObjects addAndRemoveKeepTheLimits messagesShowBesideEachPerson
            subfieldsInTheSessionLanguage reviewLinesAreTheFilledInFields amountsAreWrittenTheIndonesianWay prefilledWithTheOfficersNotes)
kiosk_add_qtest(NAME tst_announcer SOURCES unit/tst_announcer.cpp LIBS kiosk_core
  FUNCTIONS textOfACall numberWords chimeIsTwoTonesThatFade announcementsAreAudibleSpeechAfterTheChime callsPlayInOrderWithoutOverlap
            failingSpeechEngineStillChimesAndTheQueueGoesOn failingOutputDoesNotStallTheQueue hungSpeechEngineIsStoppedAndTheChimePlays hungOutputIsStoppedAndTheQueueGoesOn
            alsaOutputReportsEachPlayback announcerOnAlsa
            volumeScalesTheSound)
kiosk_add_qtest(NAME tst_callboard SOURCES unit/tst_callboard.cpp LIBS kiosk_qmlapi
  FUNCTIONS eachLoketShowsItsLatestNumber lastCallsAreNewestFirstAndFew waitingCountsPerQueue newDayClearsTheBoard)
kiosk_add_qtest(NAME tst_queuebook SOURCES unit/tst_queuebook.cpp LIBS kiosk_core
  FUNCTIONS numbersPerDayAndKind midnightStartsNewNumbersAndClosesYesterday restartKeepsWaitingAndTheCallInProgress upgradeMidDayContinuesTheTicketNumbers
            noShowIsRequeuedOnceThenGone transferWaitsAtTheHeadOfTheOtherLoket callRuleMatchesTheOracle
            randomDaysKeepPriorityAndFairness estimatorRanges estimateComesFromTodaysServices dayReportCountsPerLoket
            ticketNumbersComeFromTheQueueBook ticketKeepsItsLength countersParse)

kiosk_add_qtest(NAME tst_ticket SOURCES unit/tst_ticket.cpp LIBS kiosk_core
  FUNCTIONS checklistAndEstimateOfACommittedRequest slipFitsThePaper withoutSlipDetailsTheTicketIsAsBefore)
target_compile_definitions(tst_ticket PRIVATE KIOSK_CATALOG_JSON="${PROJECT_SOURCE_DIR}/backend/catalog/default-catalog.json")
kiosk_add_qtest(NAME tst_devicekey SOURCES unit/tst_devicekey.cpp LIBS kiosk_core
  FUNCTIONS startingTogetherMakesOneKey looseModeIsTightenedAndLogged damagedKeyIsRefused keyLivesApartFromTheDataFolder)
