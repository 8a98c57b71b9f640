// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_COUNTS_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_COUNTS_HPP

#include <tented/contract/detail/checks/facts.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

// docs/contract.md section 3: the counters, the items array, the limits.
namespace tented::contract::detail {

inline void check_counts(job_view& v, sink& out)
{
    const auto& j = v.job;
    // items/count reads only the number of entries, whatever their types.
    if (!v.has<&bulk_job::items>() || !v.has<&bulk_job::total>()) return;
    const auto n = v.count();
    if (n != j.total) { // docs/rules.md, "What is not reported twice": the counters then cannot agree
        // items/count
        out.add(rule::items_count, v.at<&bulk_job::items>(), "/items",
                "items holds " + std::to_string(n) + (n == 1 ? " entry" : " entries") +
                    " but total is " + std::to_string(j.total));
        return;
    }
    if (!v.items_known || !v.counters_known) return;
    const std::int64_t sum = j.queued + j.generating + j.completed + j.failed + v.rejected();
    if (sum != j.total)
        // counts/sum-to-total
        out.add(rule::counts_sum_to_total, v.at<&bulk_job::total>(), "/total",
                "queued " + std::to_string(j.queued) + " + generating " + std::to_string(j.generating) +
                    " + completed " + std::to_string(j.completed) + " + failed " + std::to_string(j.failed) +
                    " + rejected items " + std::to_string(v.rejected()) + " = " + std::to_string(sum) +
                    ", but total is " + std::to_string(j.total));
    // Beside counts/sum-to-total: the bucket finding names the counter to fix.
    bool buckets_hold = true;
    auto bucket = [&](const char* name, std::int64_t counter, item_status s, std::size_t offset) {
        const auto items = v.bucket(s);
        if (counter == items) return;
        buckets_hold = false;
        // counts/buckets
        out.add(rule::counts_buckets, offset, std::string("/") + name,
                std::string(name) + " is " + std::to_string(counter) + " but " + std::to_string(items) +
                    items_word(items) + (items == 1 ? " has" : " have") + " status " + quote(s));
    };
    bucket("queued", j.queued, item_status::queued, v.at<&bulk_job::queued>());
    bucket("generating", j.generating, item_status::generating, v.at<&bulk_job::generating>());
    bucket("completed", j.completed, item_status::completed, v.at<&bulk_job::completed>());
    bucket("failed", j.failed, item_status::failed, v.at<&bulk_job::failed>());
    v.counts_consistent = sum == j.total && buckets_hold;
}

inline void check_indexes(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::items>()) return;
    // Ascending, as items mostly come: no index twice, none misplaced, and the last the largest.
    if (v.items.indexes_ascending &&
        (v.items.indexes.empty() || !v.has<&bulk_job::total>() || v.items.largest_index < v.job.total))
        return;
    auto& seen = v.items.indexes; // in item order
    bool range_ok = true, unique_ok = true;
    for (const auto& e : seen) {
        if (!v.has<&bulk_job::total>() || e.index < v.job.total) continue;
        range_ok = false;
        // items/index-range
        out.add(rule::items_index_range, e.offset, item_pointer(e.item, "index"),
                "index " + std::to_string(e.index) + " is outside [0, total) = [0, " +
                    std::to_string(v.job.total) + ")");
    }
    // Judged before `seen` is sorted, reported only when range and uniqueness hold.
    const auto disorder = std::adjacent_find(seen.begin(), seen.end(),
                                             [](const auto& a, const auto& b) { return b.index <= a.index; });
    // Strictly ascending, as items mostly come: sorted already, no index twice, none misplaced.
    if (disorder == seen.end()) return;
    const std::pair<std::int64_t, item_facts::index_entry> misplaced{disorder->index, *std::next(disorder)};
    const auto by_index = [](const auto& a, const auto& b) { return a.index < b.index || (a.index == b.index && a.item < b.item); };
    // Only repeated indexes, in order: then the entries are sorted already.
    if (!std::is_sorted(seen.begin(), seen.end(), by_index)) std::sort(seen.begin(), seen.end(), by_index);
    for (std::size_t k = 1, first = 0; k < seen.size(); ++k) {
        if (seen[k].index != seen[first].index) {
            first = k;
            continue;
        }
        unique_ok = false;
        // items/index-unique: each repeat names the first item of the index, as tent_ids do
        out.add(rule::items_index_unique, seen[k].offset, item_pointer(seen[k].item, "index"),
                "index " + std::to_string(seen[k].index) + " is also the index of " + item_pointer(seen[first].item));
    }
    if (!v.items.indexes_known || !range_ok || !unique_ok) return;
    const auto& [before, e] = misplaced;
    // items/order
    out.add(rule::items_order, e.offset, item_pointer(e.item, "index"),
            "items are not in ascending index order: index " + std::to_string(e.index) + " follows index " +
                std::to_string(before));
}

/// The entries of `ids` whose hash an earlier entry has, as (first entry of that hash, entry),
/// by an open-addressing table filled in item order; false when its probes outgrow a linear
/// budget, as hashes chosen to share a few slots make them (the hash has no secret): the caller
/// then sorts instead.
inline bool join_hashes_by_table(const item_facts::list<item_facts::tent_id_entry>& ids,
                                 std::vector<std::pair<std::uint32_t, std::uint32_t>>& joined)
{
    std::size_t size = 2;
    while (size < 2 * ids.size()) size *= 2;
    using slots = boost::container::small_vector<std::uint32_t, 2 * item_facts::room, large_block_allocator<std::uint32_t>>;
    slots table(size, 0); // entry + 1; 0: empty
    std::size_t budget = 8 * size; // probes past the home slot; random hashes take about 0.5 an entry
    for (std::size_t k = 0; k < ids.size(); ++k) {
        auto h = static_cast<std::size_t>(ids[k].hash) & (size - 1);
        while (table[h] != 0 && ids[table[h] - 1u].hash != ids[k].hash) {
            if (budget-- == 0) return false;
            h = (h + 1) & (size - 1);
        }
        if (table[h] == 0) table[h] = static_cast<std::uint32_t>(k + 1);
        else joined.emplace_back(table[h] - 1u, static_cast<std::uint32_t>(k));
    }
    return true;
}

/// `join_hashes_by_table`'s pairs, by sorting the entries by hash: n log n whatever the hashes.
inline void join_hashes_by_sorting(const item_facts::list<item_facts::tent_id_entry>& ids,
                                   std::vector<std::pair<std::uint32_t, std::uint32_t>>& joined)
{
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_hash; // (hash, entry)
    by_hash.reserve(ids.size());
    for (std::size_t k = 0; k < ids.size(); ++k) by_hash.emplace_back(ids[k].hash, static_cast<std::uint32_t>(k));
    std::sort(by_hash.begin(), by_hash.end());
    for (std::size_t run = 0, end = 0; run < by_hash.size(); run = end) {
        for (end = run + 1; end < by_hash.size() && by_hash[end].first == by_hash[run].first; ++end)
            joined.emplace_back(by_hash[run].second, by_hash[end].second);
    }
}

inline void check_tent_id_unique(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::items>() || !out.enabled(rule::items_tent_id_unique) || v.items.tent_ids_apart()) return;
    // Entries are grouped by hash; equal tent_ids share a hash, so only a group can hold
    // repeats: each is sorted by text, never compared pairwise, so that texts built to collide
    // cost n log n, not n^2, as do hashes built to crowd the table.
    const auto& ids = v.items.tent_ids;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> joined; // (first entry of the hash, entry)
    if (!join_hashes_by_table(ids, joined)) {
        joined.clear();
        join_hashes_by_sorting(ids, joined);
    }
    std::sort(joined.begin(), joined.end());
    for (std::size_t g = 0; g < joined.size();) {
        std::vector<std::pair<std::string, std::size_t>> group{{lowercase(v.items.tent_id(ids[joined[g].first])), joined[g].first}};
        std::size_t end = g;
        for (; end < joined.size() && joined[end].first == joined[g].first; ++end)
            group.emplace_back(lowercase(v.items.tent_id(ids[joined[end].second])), joined[end].second);
        std::sort(group.begin(), group.end()); // by text, then in item order
        for (std::size_t k = 1, owner = 0; k < group.size(); ++k) {
            if (group[k].first != group[owner].first) {
                owner = k;
                continue;
            }
            const auto& repeat = ids[group[k].second];
            // items/tent-id-unique
            out.add(rule::items_tent_id_unique, repeat.offset, item_pointer(repeat.item, "tent_id"),
                    "tent_id " + v.items.tent_id(repeat) + " is also the tent_id of " +
                        item_pointer(ids[group[owner].second].item));
        }
        g = end;
    }
}

inline void check_limits(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::total>()) return;
    const auto total = v.job.total;
    const auto limit = out.opts().max_items;
    if (total >= 1 && total <= limit) return;
    const auto t = std::to_string(total), l = std::to_string(limit);
    // A limit below 1 is an option's choice, not the contract's: no range to name.
    // limits/total
    out.add(rule::limits_total, v.at<&bulk_job::total>(), "/total",
            limit < 1 ? "total is " + t + ", but the item limit (max_items) is " + l + ": no total is within it"
                      : "total is " + t + ", outside 1.." + l + " (a bulk request holds " +
                            (limit == 1 ? "1 item)" : "between 1 and " + l + " items)"));
}

} // namespace tented::contract::detail

#endif
