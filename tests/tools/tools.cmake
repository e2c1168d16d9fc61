# Test tools: the fault-injecting TCP proxy (a library for tests), the kiosk load generator and the
# recording backend of the OpenAPI contract test.
find_package(Qt6 REQUIRED COMPONENTS Network)
add_library(kiosk_faultproxy STATIC ${CMAKE_CURRENT_LIST_DIR}/faultproxy.cpp ${CMAKE_CURRENT_LIST_DIR}/faultproxy.h)
target_include_directories(kiosk_faultproxy PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(kiosk_faultproxy PUBLIC Qt6::Network)

add_executable(kiosk-loadgen ${CMAKE_CURRENT_LIST_DIR}/kiosk-loadgen.cpp)
target_link_libraries(kiosk-loadgen PRIVATE kiosk_core)

# The backend's kiosk API with the OpenAPI contract recorder installed: a test-only process for the
# integration tests, so the product itself has no way to write exchanges (citizen data) to a file.
add_executable(recording-backend ${CMAKE_CURRENT_LIST_DIR}/recordingbackend.cpp ${CMAKE_CURRENT_LIST_DIR}/exchangerecorder.h)
target_link_libraries(recording-backend PRIVATE backend_core Qt6::Gui)

# The appliance's boot test compares the VM's display with the kiosk's own rendering of the same screen.
add_executable(screencompare ${CMAKE_CURRENT_LIST_DIR}/screencompare.cpp)
target_link_libraries(screencompare PRIVATE Qt6::Gui)
# Generated document-camera frames for a `file:` document source (the headless demo's camera).
add_executable(document-frames ${CMAKE_CURRENT_LIST_DIR}/documentframestool.cpp ${CMAKE_CURRENT_LIST_DIR}/documentframes.h)
target_link_libraries(document-frames PRIVATE Qt6::Gui)
