// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_NEAREST_HPP
#define TENTED_CONTRACT_DETAIL_NEAREST_HPP

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// "Did you mean": the name a user most likely meant when a rule id, command or status is
// unknown, the way git and clang suggest one.
namespace tented::contract::detail {

/// The optimal string alignment distance of `a` and `b`: insertions, deletions, substitutions
/// and swaps of two neighbours, each one edit ("totla" is one edit from "total"). ASCII letters
/// equal but for their case are equal: "TOTAL" is "total" with the caps lock on, not five edits
/// away from it.
inline std::size_t edit_distance(std::string_view a, std::string_view b)
{
    const auto same = [](char x, char y) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    };
    // Three rows of the table suffice: the swap looks two rows back.
    std::vector<std::size_t> before(b.size() + 1), last(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) last[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
            row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + cost});
            if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]))
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, last);
        std::swap(last, row);
    }
    return last[b.size()];
}

/** The name of `names` nearest to `wrong`, or an empty string when none is near enough to be a
    typo of it: at most a third of `wrong`'s length in edits, as clang allows (so a short word
    is not "corrected" into an unrelated one). Ties go to the first in `names`. */
template <class Names>
std::string nearest_name(std::string_view wrong, const Names& names)
{
    const std::size_t allowed = std::max<std::size_t>(1, (wrong.size() + 2) / 3);
    std::string best;
    std::size_t best_distance = allowed + 1;
    for (const auto& candidate : names) {
        const std::string_view name(candidate);
        // The lengths alone bound the distance from below: a long argument costs nothing.
        const auto gap = wrong.size() > name.size() ? wrong.size() - name.size() : name.size() - wrong.size();
        if (gap >= best_distance) continue;
        const auto d = edit_distance(wrong, name);
        if (d < best_distance) best_distance = d, best = std::string(name);
    }
    return best;
}

/// `"; did you mean 'NAME'?"` naming the nearest of `names`, or an empty string when none is near.
template <class Names>
std::string did_you_mean(std::string_view wrong, const Names& names)
{
    const auto near = nearest_name(wrong, names);
    return near.empty() ? std::string() : "; did you mean '" + near + "'?";
}

} // namespace tented::contract::detail

#endif
