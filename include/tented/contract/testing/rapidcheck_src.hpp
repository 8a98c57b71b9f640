// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_RAPIDCHECK_SRC_HPP
#define TENTED_CONTRACT_TESTING_RAPIDCHECK_SRC_HPP

// The bodies of testing/rapidcheck.hpp, testing/lifecycle.hpp and testing/show.hpp (the
// generators, the violation and sequence tables, the RapidCheck printers), compiled once. Include
// it in exactly one translation unit of a program whose translation units all define
// TENTED_CONTRACT_SEPARATE_COMPILATION; testing/src.hpp includes it with the Catch2 half.
// Errors: a second translation unit including it makes duplicate definitions at link time; one
// without the macro is refused below.
#ifndef TENTED_CONTRACT_SEPARATE_COMPILATION
#error "testing/rapidcheck_src.hpp defines what the headers declare under TENTED_CONTRACT_SEPARATE_COMPILATION: define that macro for every translation unit, or include only the headers"
#endif

#include <tented/contract/testing/rapidcheck.hpp>
#include <tented/contract/testing/detail/lifecycle.hpp>
#include <tented/contract/testing/detail/rapidcheck.hpp>
#include <tented/contract/testing/detail/show.hpp>
#include <tented/contract/testing/detail/violations.hpp>

#endif
