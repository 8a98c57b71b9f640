// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_LIFECYCLE_HPP
#define TENTED_CONTRACT_TESTING_LIFECYCLE_HPP

#include <tented/contract/testing/detail/config.hpp>
#include <tented/contract/testing/show.hpp>
#include <tented/contract/types.hpp>

#include <rapidcheck.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tented::contract::testing {

/** What a generated lifecycle may be; unset members are drawn at random.

    - `items`: the number of submitted items, 1 to 25.
    - `auto_publish`: whether the job publishes its tents (then publication progresses too).
    - `max_cost`: the largest credit cost per accepted item (the cost is drawn in 1..max_cost).
    - `max_polls`: the most snapshots in one lifecycle (at least 1).
*/
struct lifecycle_options
{
    std::optional<std::size_t> items;
    std::optional<bool> auto_publish;
    std::int64_t max_cost = 5;
    std::size_t max_polls = 8;
};

/** Generates whole valid poll sequences of one job, oldest first, valid by construction: from
    admission (or any later first poll) to a terminal state. Every item goes queued, generating,
    then completed or failed; rejected items never change; polls may skip steps; publication
    goes from pending to published, published_with_warnings or failed on completed items;
    credits settle at one fixed cost per accepted item; `updated_at` grows with every poll.

    Each snapshot validates alone with zero diagnostics, and the sequence raises no `seq/...`
    finding. Shrinks toward fewer items, fewer polls and cost 1.
    Example: `rc::prop("replays clean", [] { auto polls = *gen_lifecycle(); ... });`
    Errors: none when called; generating is RapidCheck's (a value is drawn inside a property).
    Source: docs/contract.md sections 6, 7 and 9; reference page "Bulk Job Status Values".
*/
TENTED_CONTRACT_TESTING_DECL rc::Gen<std::vector<bulk_job>> gen_lifecycle(const lifecycle_options& opts = {});

/** A generator of poll sequences that break one `seq/...` rule.

    - `rule`: the rule id every generated sequence raises (on its last snapshot).
    - `companions`: other rule ids it may raise too (empty: it raises exactly `rule`).
    - `gen`: the sequences; each snapshot is valid alone.
*/
struct sequence_violation
{
    std::string_view rule;
    std::vector<std::string_view> companions;
    rc::Gen<std::vector<bulk_job>> gen;
};

/** One generator per rule of docs/contract.md section 9, in catalogue order. A test checks that
    every `seq/...` rule of the catalogue has one (coverage stays 100%).
    Returns: a table built on first use (thread-safe), valid until the program ends.
    Errors: none. Source: docs/contract.md section 9. */
TENTED_CONTRACT_TESTING_DECL const std::vector<sequence_violation>& sequence_violations();

} // namespace tented::contract::testing

#ifndef TENTED_CONTRACT_SEPARATE_COMPILATION
#include <tented/contract/testing/detail/lifecycle.hpp>
#endif

#endif
