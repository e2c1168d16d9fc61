# Devices benchmarks: they print figures (no assertions) and run as ctest entries labelled bench.
add_executable(bench_devices_hidpos ${CMAKE_CURRENT_LIST_DIR}/bench_devices_hidpos.cpp)
target_link_libraries(bench_devices_hidpos PRIVATE kiosk_devices Qt6::Core)
add_test(NAME bench_devices_hidpos COMMAND bench_devices_hidpos)
set_tests_properties(bench_devices_hidpos PROPERTIES LABELS "bench;devices" TIMEOUT 20)

# Camera decode: ZXing (devices::barcode::decode) vs zbarimg on a generated 1280x720 corpus; prints a table.
add_executable(bench_devices_camera ${CMAKE_CURRENT_LIST_DIR}/bench_devices_camera.cpp)
target_link_libraries(bench_devices_camera PRIVATE kiosk_devices ZXing::ZXing)
target_include_directories(bench_devices_camera PRIVATE ${CMAKE_CURRENT_LIST_DIR}/../unit)
add_test(NAME bench_devices_camera COMMAND bench_devices_camera)
set_tests_properties(bench_devices_camera PROPERTIES LABELS "bench;devices" TIMEOUT 60)
