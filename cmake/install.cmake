# Install the headers, a CMake package (tented-contract, target tented::contract) and a
# pkg-config file. Header-only: the version file is architecture independent.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tented_contract EXPORT tented-contract-targets)
install(EXPORT tented-contract-targets
  NAMESPACE tented::
  DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/tented-contract)
set_target_properties(tented_contract PROPERTIES EXPORT_NAME contract)

configure_package_config_file(cmake/tented-contract-config.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/tented-contract-config.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/tented-contract)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/tented-contract-config-version.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/tented-contract-config.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/tented-contract-config-version.cmake
  DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/tented-contract)

configure_file(cmake/tented-contract.pc.in ${CMAKE_CURRENT_BINARY_DIR}/tented-contract.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tented-contract.pc DESTINATION ${CMAKE_INSTALL_DATADIR}/pkgconfig)
