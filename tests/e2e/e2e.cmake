# Officer console in headless Chromium against the real backend (skips with 77 without chromium/npm).
find_program(KIOSK_NODE node)
if(KIOSK_NODE)
  add_test(NAME console_e2e COMMAND ${KIOSK_NODE} ${CMAKE_CURRENT_LIST_DIR}/console.e2e.mjs)
  set_tests_properties(console_e2e PROPERTIES
    ENVIRONMENT "KIOSK_SOURCE_DIR=${PROJECT_SOURCE_DIR};KIOSK_BINARY_DIR=${PROJECT_BINARY_DIR}"
    SKIP_RETURN_CODE 77 TIMEOUT 600 LABELS "e2e;backend")
else()
  add_test(NAME console_e2e COMMAND sh -c "echo 'SKIP: node is not installed'; exit 77")
  set_tests_properties(console_e2e PROPERTIES SKIP_RETURN_CODE 77 LABELS "e2e;backend")
endif()
