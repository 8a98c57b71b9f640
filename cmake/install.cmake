# Install the headers, a CMake package (tented-contract, targets tented::contract and
# tented::contract_server, the latter adding Threads for testing/server.hpp) and a
# pkg-config file. Header-only: the version file is architecture independent.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The corpus, the reference page's examples (corpus/docs) among it, for a user's tests to replay.
# The installed target names it to the compiler; $<INSTALL_PREFIX> becomes the package's own
# prefix, computed from where it lies, so the path stays right wherever the package is installed.
set(TENTED_CONTRACT_CORPUS_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/tented-contract/corpus)
install(DIRECTORY corpus/ DESTINATION ${TENTED_CONTRACT_CORPUS_INSTALL_DIR})
target_compile_definitions(tented_contract INTERFACE
  $<INSTALL_INTERFACE:TENTED_CONTRACT_CORPUS_DIR="$<INSTALL_PREFIX>/${TENTED_CONTRACT_CORPUS_INSTALL_DIR}">)
# INCLUDES DESTINATION gives the exported target its include directory: the INSTALL_INTERFACE
# in CMakeLists.txt is read before GNUInstallDirs defines CMAKE_INSTALL_INCLUDEDIR, so it is empty.
install(TARGETS tented_contract tented_contract_server EXPORT tented-contract-targets INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT tented-contract-targets
  NAMESPACE tented::
  DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/tented-contract)
set_target_properties(tented_contract PROPERTIES EXPORT_NAME contract)
set_target_properties(tented_contract_server PROPERTIES EXPORT_NAME contract_server)

set(TENTED_CONTRACT_TOOL_INSTALL_PATH ${CMAKE_INSTALL_BINDIR}/tented-contract)
configure_package_config_file(cmake/tented-contract-config.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/tented-contract-config.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/tented-contract
  PATH_VARS TENTED_CONTRACT_CORPUS_INSTALL_DIR TENTED_CONTRACT_TOOL_INSTALL_PATH)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/tented-contract-config-version.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/tented-contract-config.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/tented-contract-config-version.cmake
  cmake/tented-contract-corpus-tests.cmake
  DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/tented-contract)

# The .pc file finds its prefix from where it lies (${pcfiledir}), so it stays right when
# `cmake --install --prefix P` installs elsewhere than the configured CMAKE_INSTALL_PREFIX.
file(RELATIVE_PATH TENTED_CONTRACT_PC_TO_PREFIX "${CMAKE_INSTALL_FULL_DATADIR}/pkgconfig" "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" TENTED_CONTRACT_PC_TO_PREFIX "${TENTED_CONTRACT_PC_TO_PREFIX}")
configure_file(cmake/tented-contract.pc.in ${CMAKE_CURRENT_BINARY_DIR}/tented-contract.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tented-contract.pc DESTINATION ${CMAKE_INSTALL_DATADIR}/pkgconfig)
