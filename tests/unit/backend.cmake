# Backend unit tests: real SQLite files, real PDFs, real mutual TLS over loopback.
kiosk_add_qtest(NAME tst_backend_store
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_backend_store.cpp
  LIBS backend_core Qt6::Sql Qt6::Gui
  LABELS backend
  FUNCTIONS idempotentInsert documentRefsStoredWithTheRequest sameKeyDifferentBody registrationNumberClash eventsAndDesaIsolation
            newerSchemaRefused reopenKeepsData migrationSeedsDesaOffices desaOfficesEditedWithAudit desaLevelApprove kecamatanLevelApprove forbiddenTransitions
            rejectNeedsReason nomorSequentialPerOfficeAndYear letterPdf)
kiosk_add_qtest(NAME tst_backend_api
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_backend_api.cpp
  LIBS backend_core Qt6::Gui
  LABELS backend
  FUNCTIONS submitTwiceSameKey withoutClientCertificate otherCaClientRefused differentBodyConflict
            changesShowReceived catalogEtag catalogCarriesTheKecamatanHolidays staffCredentialsOfOwnDesaWithEtag recorderWritesTheSelftestFormat letterAndHandover handoverBodyIsStored surveyStoredOnce
            kioskClientKeepsWorkingAcrossReconnects submitCarriesQueueLabel alertsListedAndAcknowledged deskEventsStoredExactlyOnce
            deskEventsScopedToTheKiosksDesa deskEventsMalformedRefused documentUploadResumesOnceAndRefuses surveyProfileAndSuggestionStored
            complaintFiledOnceAnsweredAndReadWithItsToken)
kiosk_add_qtest(NAME tst_kiosk_registry
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_kiosk_registry.cpp
  LIBS backend_core
  LABELS backend security
  FUNCTIONS caRefusesAForeignKey codesAreRandomAndOnlyTheirHashIsStored typedCodesAreNormalised
            certificateCarriesTheCodesIdentity oneCodeRacedByManyKiosksWinsOnce authenticationFollowsTheRegistry
            codeCheckedBeforeSigning withoutCaEnrollmentIsDisabled registeringACertificateFromElsewhere)
# Officer rights on the lifecycle: role × level × stage × action, office scope, leave and delegation.
kiosk_add_qtest(NAME tst_workflow_roles
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_workflow_roles.cpp
  LIBS backend_core Qt6::Gui
  LABELS backend
  FUNCTIONS everyRoleStageAndAction officeScope signingTwiceRefused skippingRefused reasonRequired
            delegateSignsForKadesOnLeave inactiveOfficerRefused lockoutGrowsAndPersists officeBinding checklistIsAPrecondition
            accountRules reauthenticationCountsTowardLockout stepAppliesOnlyAtTheStageSeen personalDataRule)
# The officer console over real HTTPS with curl (sessions, CSRF, roles, escaping, lockout); browser run: console_e2e.
kiosk_add_qtest(NAME tst_staffcards
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_staffcards.cpp
  LIBS backend_core Qt6::Gui
  LABELS backend
  FUNCTIONS addPinAndCard newCardKillsTheOldOne fallbackAndDeactivation badInputRefused whoManagesWhom kioskListIsTheDesasOwn
            technicianRoleReachesTheKiosk)
kiosk_add_qtest(NAME tst_console
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_console.cpp ${CMAKE_CURRENT_LIST_DIR}/logcapture.h
  LIBS backend_core Qt6::Gui
  LABELS backend
  FUNCTIONS escapeEverything loginSessionAndCookie loginWithoutCsrfRefused csrfAndRoleRefusals adminEditsDesaMasterData
            desaEditsRefused adminAddsDesaOfOwnKecamatan officerPhoneNumbers handoverShownOnTheRequestPage requirementPagesBesideTheChecklist
            addedPageAndEscapedQuery verificationPageWithoutSession monitoringPage staffCardsPage returnFormWithFixItems revisionDiffShown complaintsPage
            monitoringShowsRespondentProfileAndSuggestions monitoringPeriodIsInWibDays lockoutAfterFiveFailures
            sealKeysPageShowsRevocation
            monitoringScopedByOffice parallelGuessesStopAtTheLimit unknownUserAnsweredLikeWrongPassword sessionEndsAfterTwelveHours
            passwordChangeNeedsCurrentPassword auditLogOfOfficerAdministration kecamatanSeesDesaLevelRequestsMasked
            csvCellsNeverRunAsFormulas)
kiosk_add_qtest(NAME tst_queuereport
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_queuereport.cpp
  LIBS backend_core
  LABELS backend
  FUNCTIONS medianRule morningPerLoket loketWithoutSamples texts frontOfficeScope)
# A request's life after submission: look-up from any kiosk of the kecamatan, fix items, revisions, cancel (#13).
kiosk_add_qtest(NAME tst_requestlife
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_requestlife.cpp
  LIBS backend_core Qt6::Gui
  LABELS backend
  FUNCTIONS lookUpLevels returnedWithFixItems revisionRules cancelRules)
# Issue #15: the fleet alert rules against an independent table; who looks after which kiosks.
kiosk_add_qtest(NAME tst_fleetalerts_rules
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fleetalerts_rules.cpp
  LIBS backend_core
  LABELS backend
  FUNCTIONS conditions wordsRoundTrip outboxStallClock whoLooksAfterWhichKiosks teknisiIsAKecamatanRole)
# Issue #18 items 4–5: registration numbers as typed, SMS texts, Gammu inbox encodings, the rate limit's bucket,
# and every committed seal vector through the bulk verification code.
kiosk_add_qtest(NAME tst_public_rules
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_public_rules.cpp ${CMAKE_CURRENT_LIST_DIR}/../tools/sealvectorfiles.h
  LIBS backend_core
  LABELS backend
  FUNCTIONS registrationNumbers smsTexts smsAnswerFitsOneMessage inboxEncodings sources tokenBucket sourceTableStaysBounded batches
            everyVectorThroughTheBatch)
target_include_directories(tst_public_rules PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
