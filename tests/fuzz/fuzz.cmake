# Fuzz targets for the devices parsers. With clang each is a libFuzzer binary (fuzz_<name>, run by hand:
# `fuzz_payload tests/data/devices/fuzz/payload`); with any compiler the same target is linked to a replay
# main and run as a ctest entry over its seed corpus plus 2 s of random inputs.
set(kiosk_fuzz_targets payload hidpos escpos)
foreach(name IN LISTS kiosk_fuzz_targets)
  add_executable(fuzzreplay_${name} ${CMAKE_CURRENT_LIST_DIR}/fuzz_${name}.cpp ${CMAKE_CURRENT_LIST_DIR}/replay_main.cpp)
  target_link_libraries(fuzzreplay_${name} PRIVATE kiosk_devices Qt6::Core Qt6::Gui)
  add_test(NAME fuzzreplay_${name}
    COMMAND fuzzreplay_${name} ${PROJECT_SOURCE_DIR}/tests/data/devices/fuzz/${name} 2)
  set_tests_properties(fuzzreplay_${name} PROPERTIES LABELS "devices;fuzz" ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
  if(CMAKE_CXX_COMPILER_ID MATCHES Clang)
    add_executable(fuzz_${name} ${CMAKE_CURRENT_LIST_DIR}/fuzz_${name}.cpp)
    target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_${name} PRIVATE kiosk_devices Qt6::Core Qt6::Gui)
  endif()
endforeach()
