// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_SHOW_HPP
#define TENTED_CONTRACT_TESTING_SHOW_HPP

// How the described types print in RapidCheck messages. Included before <rapidcheck.h> by every
// testing header: RapidCheck decides once per type whether a showValue exists, so a translation
// unit that used a type before seeing these would print "<???>", and the linker may keep that
// translation unit's printer for the whole program. Declarations are enough for that decision.
#include <tented/contract/testing/detail/config.hpp>
#include <tented/contract/testing/detail/print.hpp>
#include <tented/contract/types.hpp>

#include <ostream>

namespace tented::contract {

/** Shows a job in RapidCheck messages (counterexamples, `RC_ASSERT` failures) as its compact
    JSON (`to_json`), found by argument-dependent lookup. Errors: none but `std::bad_alloc`.
    Source: testing/detail/show.hpp (testing/rapidcheck_src.hpp under separate compilation). */
TENTED_CONTRACT_TESTING_DECL void showValue(const bulk_job& job, std::ostream& os);
/// Shows an item in RapidCheck messages as its compact JSON. Errors: as the job's.
TENTED_CONTRACT_TESTING_DECL void showValue(const bulk_job_item& item, std::ostream& os);
/// Shows credits in RapidCheck messages as their compact JSON. Errors: as the job's.
TENTED_CONTRACT_TESTING_DECL void showValue(const credits& c, std::ostream& os);
/// Shows a job status in RapidCheck messages by its wire name, quoted. Errors: as the job's.
TENTED_CONTRACT_TESTING_DECL void showValue(job_status s, std::ostream& os);
/// Shows an item status in RapidCheck messages by its wire name, quoted. Errors: as the job's.
TENTED_CONTRACT_TESTING_DECL void showValue(item_status s, std::ostream& os);
/// Shows a publication status in RapidCheck messages by its wire name, quoted. Errors: as the job's.
TENTED_CONTRACT_TESTING_DECL void showValue(publication_status s, std::ostream& os);

/// Shows a formatted string (ULID, UUID, timestamp, ...) in RapidCheck messages as a JSON string.
/// A template, so always in the header; it costs only the translation units that print one.
template <class Tag>
void showValue(const formatted<Tag>& value, std::ostream& os)
{
    os << testing::detail::json_text(value);
}

} // namespace tented::contract

#ifndef TENTED_CONTRACT_SEPARATE_COMPILATION
#include <tented/contract/testing/detail/show.hpp>
#endif

#endif
