# Browser tests in headless Chromium against the real backend (skip with 77 without chromium/npm):
# the officer console, and the public seal verification page any phone opens (GET /v).
find_program(KIOSK_NODE node)
foreach(name console verify)
  if(KIOSK_NODE)
    add_test(NAME ${name}_e2e COMMAND ${KIOSK_NODE} ${CMAKE_CURRENT_LIST_DIR}/${name}.e2e.mjs)
    set_tests_properties(${name}_e2e PROPERTIES
      ENVIRONMENT "KIOSK_SOURCE_DIR=${PROJECT_SOURCE_DIR};KIOSK_BINARY_DIR=${PROJECT_BINARY_DIR}"
      SKIP_RETURN_CODE 77 TIMEOUT 600 LABELS "e2e;backend"
      RESOURCE_LOCK e2e_node) # one npm ci into build/e2e-node at a time
  else()
    add_test(NAME ${name}_e2e COMMAND sh -c "echo 'SKIP: node is not installed'; exit 77")
    set_tests_properties(${name}_e2e PROPERTIES SKIP_RETURN_CODE 77 LABELS "e2e;backend")
  endif()
endforeach()
