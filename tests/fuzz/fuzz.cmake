# Fuzz targets for the devices parsers, the seal codec, the trust lists and the server-link protocol parsers. With
# clang each is a libFuzzer binary (fuzz_<name>, run by scripts/fuzz on a copy of its corpus); with any compiler the
# same target is linked to a replay main and run as a ctest entry over its seed corpus plus 2 s of random inputs.
function(kiosk_add_fuzz name library corpus label)
  add_executable(fuzzreplay_${name} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/fuzz_${name}.cpp ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/replay_main.cpp)
  target_link_libraries(fuzzreplay_${name} PRIVATE ${library} Qt6::Core Qt6::Gui)
  add_test(NAME fuzzreplay_${name} COMMAND fuzzreplay_${name} ${corpus} 2)
  set_tests_properties(fuzzreplay_${name} PROPERTIES LABELS "${label};fuzz" ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
  if(CMAKE_CXX_COMPILER_ID MATCHES Clang)
    add_executable(fuzz_${name} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/fuzz_${name}.cpp)
    target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_${name} PRIVATE ${library} Qt6::Core Qt6::Gui)
  endif()
endfunction()

foreach(name IN ITEMS payload hidpos escpos)
  kiosk_add_fuzz(${name} kiosk_devices ${PROJECT_SOURCE_DIR}/tests/data/devices/fuzz/${name} devices)
endforeach()
foreach(name IN ITEMS catalog heartbeat deskevents staff handover contentrange requestlife survey complaint seal trustlist)
  kiosk_add_fuzz(${name} kiosk_serverlink ${PROJECT_SOURCE_DIR}/tests/data/server-link/fuzz/${name} server-link)
endforeach()
