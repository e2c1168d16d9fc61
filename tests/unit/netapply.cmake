kiosk_add_qtest(NAME tst_networksettings SOURCES unit/tst_networksettings.cpp LIBS kiosk_netapply
  FUNCTIONS staticAddressRules dhcpTakesNoAddresses wifiRules pskIsTheStandardDerivation spoolRefusesGarbage networkFileOfDhcp
            networkFileOfStaticAddress wifiFilesKeepNoPassphrase)
