// tented::contract_testing (CMake) and tented-contract-testing (meson): the bodies of the testing
// headers compiled once, for test programs built with TENTED_CONTRACT_SEPARATE_COMPILATION.
#include <tented/contract/testing/src.hpp>
