// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_CONFIG_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_CONFIG_HPP

// How the testing headers' public functions are declared and defined. Header-only (the default)
// they are inline and every translation unit compiles their bodies. With
// TENTED_CONTRACT_SEPARATE_COMPILATION defined in every translation unit, the headers only declare
// them and testing/src.hpp (or testing/catch2_src.hpp, testing/rapidcheck_src.hpp), included by one
// translation unit, defines them once: the generators and the validator behind the matchers cost
// a test file about what Catch2 and RapidCheck cost alone, as Boost.JSON does with its src.hpp.
#ifdef TENTED_CONTRACT_SEPARATE_COMPILATION
#define TENTED_CONTRACT_TESTING_DECL
#else
#define TENTED_CONTRACT_TESTING_DECL inline
#endif

#endif
