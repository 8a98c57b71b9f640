// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_SHOW_HPP
#define TENTED_CONTRACT_TESTING_SHOW_HPP

// How the described types print in RapidCheck messages. Included before <rapidcheck.h> by every
// testing header: RapidCheck decides once per type whether a showValue exists, so a translation
// unit that used a type before seeing these would print "<???>", and the linker may keep that
// translation unit's printer for the whole program.
#include <tented/contract/encode.hpp>
#include <tented/contract/testing/detail/print.hpp>
#include <tented/contract/types.hpp>

#include <ostream>

namespace tented::contract {

/** Shows a job in RapidCheck messages (counterexamples, `RC_ASSERT` failures) as its compact
    JSON (`to_json`), found by argument-dependent lookup.
*/
inline void showValue(const bulk_job& job, std::ostream& os) { os << to_json(job); }
/// Shows an item in RapidCheck messages as its compact JSON.
inline void showValue(const bulk_job_item& item, std::ostream& os) { os << testing::detail::json_text(item); }
/// Shows credits in RapidCheck messages as their compact JSON.
inline void showValue(const credits& c, std::ostream& os) { os << testing::detail::json_text(c); }
/// Shows a job status in RapidCheck messages by its wire name, quoted.
inline void showValue(job_status s, std::ostream& os) { os << testing::detail::json_text(s); }
/// Shows an item status in RapidCheck messages by its wire name, quoted.
inline void showValue(item_status s, std::ostream& os) { os << testing::detail::json_text(s); }
/// Shows a publication status in RapidCheck messages by its wire name, quoted.
inline void showValue(publication_status s, std::ostream& os) { os << testing::detail::json_text(s); }

/// Shows a formatted string (ULID, UUID, timestamp, ...) in RapidCheck messages as a JSON string.
template <class Tag>
void showValue(const formatted<Tag>& value, std::ostream& os)
{
    os << testing::detail::json_text(value);
}

} // namespace tented::contract

#endif
