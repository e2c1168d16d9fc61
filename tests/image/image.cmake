# The appliance image (issue #14).
# The unit's groups agree with the udev rules: cheap, part of every run.
add_test(NAME image_scanner_groups COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-scanner-groups ${PROJECT_SOURCE_DIR}/image)
# A technician's SSH stick: only plain public keys are let in (image/ssh/ssh-from-stick).
add_test(NAME image_ssh_stick COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-ssh-stick ${PROJECT_SOURCE_DIR}/image)
set_tests_properties(image_ssh_stick PROPERTIES SKIP_RETURN_CODE 77)
# The technician's diagnostics stick: mounted only on the kiosk's request, for its user, nosuid,nodev,noexec
# (image/stick/anjungan-stick); the loop-mounted part needs root and vfat.
add_test(NAME image_stick COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-stick ${PROJECT_SOURCE_DIR}/image)
set_tests_properties(image_stick PROPERTIES SKIP_RETURN_CODE 77)

# Build the image and boot it in QEMU. Label `image`: scripts/test leaves it out unless asked
# (scripts/test default -L image), since it downloads Debian packages and boots under TCG.
add_test(NAME image_boot COMMAND ${CMAKE_CURRENT_LIST_DIR}/boot-test ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
set_tests_properties(image_boot PROPERTIES LABELS image SKIP_RETURN_CODE 77 TIMEOUT 4800 RUN_SERIAL TRUE)

# The data partition at rest: LUKS2 encrypted at the first boot, its key sealed to a TPM2 (swtpm), the
# fallback without one, the kept machine id and the clock floor (docs/decisions/0022-data-at-rest.md).
add_test(NAME image_luks COMMAND ${CMAKE_CURRENT_LIST_DIR}/luks-test ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
set_tests_properties(image_luks PROPERTIES LABELS image SKIP_RETURN_CODE 77 TIMEOUT 3000 RUN_SERIAL TRUE)
