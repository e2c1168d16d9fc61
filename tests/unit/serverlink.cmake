kiosk_add_qtest(NAME tst_serverlink SOURCES unit/tst_serverlink.cpp LIBS kiosk_serverlink
  FUNCTIONS submitRequestIsCanonicalAndRoundTrips malformedBodiesAreRefused stagesRoundTrip aeadRoundTripAndTamper
            aeadRefusesWrongKeyLength submitPhoneNormalised)

kiosk_add_qtest(NAME tst_protocol SOURCES unit/tst_protocol.cpp LIBS kiosk_serverlink
  FUNCTIONS builtInCatalogRoundTrips malformedCatalogsRefused catalogCarriesHolidaysAndFormats heartbeatRoundTrips printerReasonsAreBounded heartbeatAnswerCarriesAlerts healthWords malformedHeartbeatsRefused
            changesPageRoundTripsAndSkipsBadEntries malformedChangesPagesRefused transientStatuses qrIsLevelMAlphanumeric
            staffCredentialsRoundTripAndBounds
            handoverBodyRoundTrips handoverRelationshipsAreTheDesksChoices malformedHandoverBodiesRefused
            requestLifeBodiesRoundTrip malformedRequestLifeBodiesRefused contentRangesOfPageUploads surveyProfileIsTheAppendixOfPermenPan14_2017
            surveyBodiesOldAndNew complaintBodiesAndSlipQr)
target_compile_definitions(tst_protocol PRIVATE KIOSK_CATALOG_JSON="${PROJECT_SOURCE_DIR}/backend/catalog/default-catalog.json")

kiosk_add_qtest(NAME tst_workingdays SOURCES unit/tst_workingdays.cpp LIBS kiosk_serverlink
  FUNCTIONS builtInListIsTheSkb addWorkingDays countBetween weekendsOnlyWithoutAList listParses aLocalHolidayCounts)

kiosk_add_qtest(NAME tst_idformat SOURCES unit/tst_idformat.cpp LIBS kiosk_serverlink
  FUNCTIONS numbers dates formValues)
