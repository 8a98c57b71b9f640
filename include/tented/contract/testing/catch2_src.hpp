// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_CATCH2_SRC_HPP
#define TENTED_CONTRACT_TESTING_CATCH2_SRC_HPP

// The bodies of testing/catch2.hpp (the matchers, the validator they call, the Catch2 printers),
// compiled once. Include it in exactly one translation unit of a program whose translation units
// all define TENTED_CONTRACT_SEPARATE_COMPILATION; testing/src.hpp includes it with the
// RapidCheck half. Errors: a second translation unit including it makes duplicate definitions at
// link time; one without the macro is refused below.
#ifndef TENTED_CONTRACT_SEPARATE_COMPILATION
#error "testing/catch2_src.hpp defines what the headers declare under TENTED_CONTRACT_SEPARATE_COMPILATION: define that macro for every translation unit, or include only the headers"
#endif

#include <tented/contract/testing/catch2.hpp>
#include <tented/contract/testing/detail/catch2.hpp>

#endif
