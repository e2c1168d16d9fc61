# kiosk_add_qtest(NAME <target> SOURCES <files...> LIBS <libs...> [FUNCTIONS <fn...>] [LABELS <l...>])
# Builds one Qt Test executable; with FUNCTIONS each test function becomes its own
# CTest entry (so ctest's summary counts test cases, not executables).
# Exit code 77 from a test means SKIP (a real peer such as cupsd is missing).
function(kiosk_add_qtest)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;FUNCTIONS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
  set(env "QT_QPA_PLATFORM=offscreen;QT_QUICK_BACKEND=software;KIOSK_SOURCE_DIR=${PROJECT_SOURCE_DIR};KIOSK_BINARY_DIR=${PROJECT_BINARY_DIR}")
  if(T_FUNCTIONS)
    foreach(fn IN LISTS T_FUNCTIONS)
      add_test(NAME ${T_NAME}.${fn} COMMAND ${T_NAME} ${fn})
      set_tests_properties(${T_NAME}.${fn} PROPERTIES ENVIRONMENT "${env}" SKIP_RETURN_CODE 77 LABELS "${T_LABELS}")
    endforeach()
  else()
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "${env}" SKIP_RETURN_CODE 77 LABELS "${T_LABELS}")
  endif()
endfunction()
