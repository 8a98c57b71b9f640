// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_SRC_HPP
#define TENTED_CONTRACT_TESTING_SRC_HPP

// Separate compilation of the testing headers, as boost/json/src.hpp is for Boost.JSON: define
// TENTED_CONTRACT_SEPARATE_COMPILATION for every translation unit of the test program (the
// headers then only declare), and include this file in exactly one of them (it defines the
// bodies of testing/catch2.hpp and of testing/rapidcheck.hpp once). A program that uses only one
// of the two includes testing/catch2_src.hpp or testing/rapidcheck_src.hpp instead, so it needs
// only Catch2 or only RapidCheck. CMake's tented::contract_testing target is this file compiled.
// Errors: as those two files (a missing macro is a compile error, a second copy a link error).
#include <tented/contract/testing/catch2_src.hpp>
#include <tented/contract/testing/rapidcheck_src.hpp>

#endif
