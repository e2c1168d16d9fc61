kiosk_add_qtest(NAME tst_endtoend SOURCES integration/tst_endtoend.cpp LIBS kiosk_core Qt6::Sql)
target_include_directories(tst_endtoend PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_endtoend anjungan kecamatan-backend recording-backend document-frames)
set_tests_properties(tst_endtoend PROPERTIES TIMEOUT 600 LABELS integration)

add_test(NAME anjungan_self_test COMMAND anjungan --self-test)
set_tests_properties(anjungan_self_test PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_QUICK_BACKEND=software"
  PASS_REGULAR_EXPRESSION "self-test: [1-9][0-9]* QML files loaded, 0 failed")

# Issue #14: the executable stops with exit code 0 on SIGTERM/SIGINT after READY (its sd_notify messages).
kiosk_add_qtest(NAME tst_appstop SOURCES integration/tst_appstop.cpp LIBS Qt6::Core LABELS integration)
target_include_directories(tst_appstop PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_appstop anjungan)

# Enrollment and attacks on the link (issue #5): real backend process, real TLS, a rogue TLS server.
kiosk_add_qtest(NAME tst_security SOURCES integration/tst_security.cpp
  LIBS backend_core kiosk_serverlink OpenSSL::SSL OpenSSL::Crypto LABELS integration security)
target_include_directories(tst_security PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_security kecamatan-backend kioskctl recording-backend)
set_tests_properties(tst_security PROPERTIES TIMEOUT 300)

# The OpenAPI contract (issue #5): tests that talk to the backend record every exchange in
# openapi-exchanges/; openapi_contract validates them all against server-link/api/openapi.yaml.
add_test(NAME openapi_contract
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/tools/openapi/run-contract.sh ${PROJECT_SOURCE_DIR}/server-link/api/openapi.yaml
          ${PROJECT_BINARY_DIR}/openapi-exchanges ${PROJECT_BINARY_DIR}/openapi-tools)
set_tests_properties(openapi_contract PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS "integration;contract"
  FIXTURES_REQUIRED openapi_exchanges RESOURCE_LOCK openapi_tools)
set_tests_properties(tst_security tst_endtoend PROPERTIES FIXTURES_SETUP openapi_exchanges)
get_property(kiosk_all_tests DIRECTORY PROPERTY TESTS)
foreach(t IN LISTS kiosk_all_tests)
  if(t MATCHES "^tst_backend_api\\." OR t MATCHES "^tst_requestlife\\.")
    set_tests_properties(${t} PROPERTIES FIXTURES_SETUP openapi_exchanges)
  endif()
endforeach()
# The validator must find every violation in a hand-written recording (tests/tools/openapi/selftest).
add_test(NAME openapi_contract_selftest
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/tools/openapi/run-contract.sh ${PROJECT_SOURCE_DIR}/server-link/api/openapi.yaml
          ${PROJECT_SOURCE_DIR}/tests/tools/openapi/selftest ${PROJECT_BINARY_DIR}/openapi-tools --expect-violations 6)
set_tests_properties(openapi_contract_selftest PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 LABELS contract RESOURCE_LOCK openapi_tools)

# Issue #17 M9: officer, kiosk and key commands of kecamatan-backend leave one audit entry each.
kiosk_add_qtest(NAME tst_audit_cli SOURCES integration/tst_audit_cli.cpp
  LIBS backend_core FUNCTIONS officerKioskAndKeyCommandsAreAudited LABELS integration security backend)
target_include_directories(tst_audit_cli PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_audit_cli kecamatan-backend)

# Issue #6: citizen SMS from the real backend process to a local HTTP SMS gateway, across SIGKILLs.
find_package(Qt6 6.4 REQUIRED COMPONENTS Network)
kiosk_add_qtest(NAME tst_notifications SOURCES integration/tst_notifications.cpp unit/smsgatewayreceiver.h
  LIBS backend_core Qt6::Network Qt6::Sql
  FUNCTIONS onePerEvent killedBetweenEnqueueAndSend killedWhileOnTheWire officerSlaReminder
  LABELS integration)
target_include_directories(tst_notifications PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_notifications kecamatan-backend)

# Issue #12: a day at the village hall: 60 citizens, two loket, a restart and a power cut (SIGKILL) of the kiosk's
# day in child processes, then everything checked at the real backend (in-process, over real TLS).
kiosk_add_qtest(NAME tst_village_day SOURCES integration/tst_village_day.cpp unit/workflowfixture.h tools/threadspy.h
  LIBS kiosk_core backend_core Qt6::Sql LABELS integration)
target_include_directories(tst_village_day PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit ${CMAKE_CURRENT_LIST_DIR}/../tools)
set_tests_properties(tst_village_day PROPERTIES TIMEOUT 300)

# Client certificates that renew themselves (issue #15 item 3): real backend process, real mutual TLS.
kiosk_add_qtest(NAME tst_renewal SOURCES integration/tst_renewal.cpp
  LIBS backend_core kiosk_core kiosk_serverlink OpenSSL::SSL OpenSSL::Crypto LABELS integration security)
target_include_directories(tst_renewal PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_renewal kecamatan-backend kioskctl recording-backend)
set_tests_properties(tst_renewal PROPERTIES TIMEOUT 300 FIXTURES_SETUP openapi_exchanges)

# Issue #17 M1 and M3 on the real backend process: a double click never signs without the passphrase; the data
# folder (database, pages, letters, keys) is the backend user's alone.
kiosk_add_qtest(NAME tst_backend_hardening SOURCES integration/tst_backend_hardening.cpp
  LIBS backend_core kiosk_serverlink
  FUNCTIONS doubleApproveNeverSignsWithoutPassphrase dataFolderIsPrivate
  LABELS integration security backend)
target_include_directories(tst_backend_hardening PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_backend_hardening kecamatan-backend)
set_tests_properties(tst_backend_hardening.doubleApproveNeverSignsWithoutPassphrase tst_backend_hardening.dataFolderIsPrivate
  PROPERTIES TIMEOUT 300)
# Issue #15: fleet alerts end to end: the anjungan process with a umockdev-emulated USB scanner and an ippeveprinter
# behind a private cupsd, the kecamatan-backend process, a local SMS gateway (SKIP without umockdev).
pkg_check_modules(UMOCKDEV_E2E IMPORTED_TARGET umockdev-1.0)
if(UMOCKDEV_E2E_FOUND)
  kiosk_add_qtest(NAME tst_fleet_e2e SOURCES integration/tst_fleet_e2e.cpp unit/smsgatewayreceiver.h tools/emulatedhidpos.h
    LIBS backend_core Qt6::Network Qt6::Sql PkgConfig::UMOCKDEV_E2E
    FUNCTIONS faultsAlertOnceAndClear stoppedKioskAlertsOnceAfterN
    LABELS integration devices)
  target_compile_definitions(tst_fleet_e2e PRIVATE QT_NO_KEYWORDS)
  target_include_directories(tst_fleet_e2e PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit ${CMAKE_CURRENT_LIST_DIR}/../tools)
  add_dependencies(tst_fleet_e2e anjungan kecamatan-backend)
else()
  add_test(NAME tst_fleet_e2e COMMAND sh -c "echo 'SKIP: libumockdev-dev is not installed'; exit 77")
  set_tests_properties(tst_fleet_e2e PROPERTIES SKIP_RETURN_CODE 77 LABELS integration)
endif()
# Issue #17 H1: bodies refused before they are read, bounded queue and connections per peer, slow senders cut;
# the real backend process (kiosk API and console) attacked over real TLS.
kiosk_add_qtest(NAME tst_request_limits SOURCES integration/tst_request_limits.cpp
  LIBS backend_core Qt6::Network
  FUNCTIONS bodyVerdictFollowsItsTable settingsCannotSwitchALimitOff chunkedEnrollIsRefusedBeforeItsBody chunkedLoginIsRefusedBeforeItsBody
    announcedHugeEnrollIsRefusedUnread announcedHugeLoginIsRefusedUnread idleConnectionsDoNotStopAKiosk fullQueueClosesConnectionsAtOnce
    slowLorisIsCut
  LABELS integration security)
target_include_directories(tst_request_limits PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_request_limits kecamatan-backend)

# The offline seal root (issue #17 M4, M5): serve without the root's private key, keys revoke in the next list.
kiosk_add_qtest(NAME tst_offline_root SOURCES integration/tst_offline_root.cpp
  LIBS kiosk_core kiosk_serverlink Qt6::Sql LABELS integration security)
target_include_directories(tst_offline_root PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_offline_root kecamatan-backend)
# The kiosk's personal data at rest (issue #17 M8): notes, letters and requests sealed, the device key elsewhere.
kiosk_add_qtest(NAME tst_kiosk_at_rest SOURCES integration/tst_kiosk_at_rest.cpp unit/workflowfixture.h tools/threadspy.h
  LIBS kiosk_core backend_core Qt6::Sql LABELS integration security)
target_include_directories(tst_kiosk_at_rest PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit ${CMAKE_CURRENT_LIST_DIR}/../tools)
set_tests_properties(tst_kiosk_at_rest PROPERTIES TIMEOUT 300)
# Issue #18 items 4–5: status without a kiosk (page, JSON, SMS through Gammu's inbox folder) and bulk seal
# verification, through the real backend process over real TLS.
kiosk_add_qtest(NAME tst_public_status SOURCES integration/tst_public_status.cpp unit/backendrequest.h
  LIBS backend_core Qt6::Sql
  FUNCTIONS statusBriefAndTheSameShapeForUnknown tokenOrNikUnlocksHistoryAndWhatToBring statusPageWithoutJavaScript
            bulkVerdictsWithTheBackendsLists bulkRefusesTooManyAndMalformed smsAnsweredExactlyOnce rateLimitAnswers429WithRetryAfter
  LABELS integration)
target_include_directories(tst_public_status PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit ${CMAKE_CURRENT_LIST_DIR}/../tools)
add_dependencies(tst_public_status kecamatan-backend)
