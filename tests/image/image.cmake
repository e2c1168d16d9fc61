# The appliance image (issue #14).
# The unit's groups agree with the udev rules: cheap, part of every run.
add_test(NAME image_scanner_groups COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-scanner-groups ${PROJECT_SOURCE_DIR}/image)
# A technician's SSH stick: only plain public keys are let in (image/ssh/ssh-from-stick).
add_test(NAME image_ssh_stick COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-ssh-stick ${PROJECT_SOURCE_DIR}/image)
set_tests_properties(image_ssh_stick PROPERTIES SKIP_RETURN_CODE 77)
# The technician's diagnostics stick: mounted only on the kiosk's request, for its user, nosuid,nodev,noexec
# (image/stick/anjungan-stick); the loop-mounted part needs root and vfat.
add_test(NAME image_stick COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-stick ${PROJECT_SOURCE_DIR}/image)
# The same, then a real vfat stick on a loop device (root, a kernel with vfat; SKIP otherwise).
add_test(NAME image_stick_mount COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-stick ${PROJECT_SOURCE_DIR}/image --real-mount)
set_tests_properties(image_stick_mount PROPERTIES SKIP_RETURN_CODE 77)

# Build the image once (with its update bundles, USB sticks and reference screens), then boot copies of it in QEMU:
# the boot test (lockdown, updates, power cut, rollback, data at rest without a TPM2, clock floor) and the LUKS test
# (the key sealed to a TPM2, swtpm). Label `image`; RUN_SERIAL: each keeps both cores busy under TCG.
set(ANJUNGAN_IMAGE_TEST_DIR ${PROJECT_BINARY_DIR}/image-test)
add_test(NAME image_prepare COMMAND ${CMAKE_CURRENT_LIST_DIR}/prepare ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR} ${ANJUNGAN_IMAGE_TEST_DIR})
set_tests_properties(image_prepare PROPERTIES LABELS image SKIP_RETURN_CODE 77 TIMEOUT 3600 RUN_SERIAL TRUE FIXTURES_SETUP image)
add_test(NAME image_boot COMMAND ${CMAKE_CURRENT_LIST_DIR}/boot-test ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR} ${ANJUNGAN_IMAGE_TEST_DIR})
set_tests_properties(image_boot PROPERTIES LABELS image SKIP_RETURN_CODE 77 TIMEOUT 4800 RUN_SERIAL TRUE FIXTURES_REQUIRED image)
# The data partition at rest: LUKS2 encrypted at the first boot, its key sealed to a TPM2 (swtpm)
# (docs/decisions/0022-data-at-rest.md).
add_test(NAME image_luks COMMAND ${CMAKE_CURRENT_LIST_DIR}/luks-test ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR} ${ANJUNGAN_IMAGE_TEST_DIR})
set_tests_properties(image_luks PROPERTIES LABELS image SKIP_RETURN_CODE 77 TIMEOUT 1800 RUN_SERIAL TRUE FIXTURES_REQUIRED image)
# A fresh, unprovisioned unit boots to the technician's setup screen (Pemasangan anjungan).
add_test(NAME image_firstboot COMMAND ${CMAKE_CURRENT_LIST_DIR}/firstboot-test ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR} ${ANJUNGAN_IMAGE_TEST_DIR})
set_tests_properties(image_firstboot PROPERTIES LABELS image SKIP_RETURN_CODE 77 TIMEOUT 1200 RUN_SERIAL TRUE FIXTURES_REQUIRED image)
# On a network: enrolled with a backend on this host (10.0.2.2 to the guest), the heartbeat reports the image version;
# taps on a USB touchscreen (usb-tablet) print a queue slip through the unit's cupsd to a network printer (ippeveprinter).
add_test(NAME image_online COMMAND ${CMAKE_CURRENT_LIST_DIR}/online-test ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR} ${ANJUNGAN_IMAGE_TEST_DIR})
set_tests_properties(image_online PROPERTIES LABELS image SKIP_RETURN_CODE 77 TIMEOUT 1500 RUN_SERIAL TRUE FIXTURES_REQUIRED image)
add_test(NAME image_cleanup COMMAND ${CMAKE_CURRENT_LIST_DIR}/prepare --clean ${ANJUNGAN_IMAGE_TEST_DIR})
set_tests_properties(image_cleanup PROPERTIES LABELS image FIXTURES_CLEANUP image)
