// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_REPORT_HPP
#define TENTED_CONTRACT_DETAIL_REPORT_HPP

#include <tented/contract/detail/json_text.hpp>
#include <tented/contract/detail/sink.hpp>
#include <tented/contract/diagnostic.hpp>
#include <tented/contract/position.hpp>
#include <tented/contract/rules.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The last step of decode, validate and sequence_checker::add: one order and one way to count
// and place findings, whichever made them.
namespace tented::contract::detail {

/// Orders findings by position in the input, and findings at one position by catalogue order, so
/// the order does not depend on when a rule ran (unknown positions come last).
inline void sort_by_position(std::vector<diagnostic>& found)
{
    const auto rank = [](const std::string& id) { return static_cast<std::size_t>(*find_rule(id)); };
    std::stable_sort(found.begin(), found.end(), [&](const diagnostic& a, const diagnostic& b) {
        if (a.offset != b.offset) return a.offset < b.offset;
        return a.rule != b.rule && rank(a.rule) < rank(b.rule);
    });
}

/// The report of one input: `found` by position (deferred offsets resolved in `text`), the counts
/// `tally` omitted, and each finding's line and column in `text` (none when `text` is empty: a
/// parsed value has no positions), told to `feed` slice by slice when it is given (see `locate_all`).
inline report finished_report(std::vector<diagnostic> found, const finding_tally& tally, std::string_view text,
                              const slice_feed* feed = nullptr)
{
    report r;
    for (auto& d : found) d.offset = resolve_offset(text, d.offset);
    sort_by_position(found);
    r.diagnostics = std::move(found);
    tally.into(r);
    locate_all(r, text, feed);
    return r;
}

} // namespace tented::contract::detail

#endif
