// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_HPP

#include <tented/contract/testing/detail/violations/json.hpp>
#include <tented/contract/testing/detail/violations/schema.hpp>
#include <tented/contract/testing/detail/violations/format.hpp>
#include <tented/contract/testing/detail/violations/counts.hpp>
#include <tented/contract/testing/detail/violations/item.hpp>
#include <tented/contract/testing/detail/violations/publication.hpp>
#include <tented/contract/testing/detail/violations/status.hpp>
#include <tented/contract/testing/detail/violations/credits.hpp>
#include <tented/contract/testing/detail/violations/time.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// The violation generators: each takes a valid job and changes one thing, chosen so that the
// validator's no-cascade policy (docs/rules.md, "What is not reported twice") leaves exactly one
// rule to fire (or a declared companion). One file a section under violations/, as detail/checks/.
// The changes are made on the job's JSON value; what a value cannot say (a duplicate member, `3.0`
// for 3, broken syntax) is written through markers replaced in the text.
namespace tented::contract::testing::detail {

inline std::vector<violation_generator> make_violation_table()
{
    violation_table t;
    add_json_violations(t);
    add_schema_violations(t);
    add_format_violations(t);
    add_counts_violations(t);
    add_item_violations(t);
    add_publication_violations(t);
    add_status_violations(t);
    add_credits_violations(t);
    add_time_violations(t);
    return std::move(t.entries);
}

} // namespace tented::contract::testing::detail

namespace tented::contract::testing {

TENTED_CONTRACT_TESTING_DECL const std::vector<violation_generator>& violation_generators()
{
    static const std::vector<violation_generator> table = detail::make_violation_table();
    return table;
}

TENTED_CONTRACT_TESTING_DECL const violation_generator& violation_for(std::string_view rule_id)
{
    for (const auto& v : violation_generators())
        if (v.rule == rule_id) return v;
    const bool known = find_rule(rule_id).has_value();
    throw std::invalid_argument("no violation generator for rule id '" + std::string(rule_id) + "'" +
                                (known ? std::string(" (only the rules of docs/contract.md sections 1 to 8 have one)")
                                       : contract::detail::nearest_rule_hint(rule_id) + " (tented-contract rules lists the ids)"));
}

} // namespace tented::contract::testing

#endif
