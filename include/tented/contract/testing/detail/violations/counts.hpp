// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_COUNTS_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_COUNTS_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 3: counters, the items array, limits, in catalogue order.
inline void add_counts_violations(violation_table& t)
{
    using boost::json::value;
    using is = item_status;
    using js = job_status;
    t.add("counts/sum-to-total", "moves one counter up or down so the counters no longer add up to total",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t which, std::int64_t delta, bool down) {
            value& v = e.root()[counter_names[which % 4]];
            const auto now = v.as_int64();
            v = down && now >= delta ? now - delta : now + delta;
        }, gen_pick(), rc::gen::inRange<std::int64_t>(1, 4), rc::gen::arbitrary<bool>()));
    // Counters that do not add up to the items' count cannot all match their buckets.
    t.entries.back().companions = {"counts/buckets"};

    t.add("counts/buckets", "moves items from one counter to another: the sum holds, the buckets do not",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t from, std::size_t to, std::size_t amount) {
            const std::int64_t counts[] = {job.queued, job.generating, job.completed, job.failed};
            std::size_t f = from % 4;
            while (counts[f] == 0) f = (f + 1) % 4;
            std::size_t d = to % 4;
            if (d == f) d = (d + 1) % 4;
            const auto moved = 1 + static_cast<std::int64_t>(amount % static_cast<std::size_t>(counts[f]));
            e.root()[counter_names[f]] = counts[f] - moved;
            e.root()[counter_names[d]] = counts[d] + moved;
        }, gen_pick(), gen_pick(), gen_pick()));

    t.add("items/count", "drops one item, or every item, from the items array",
        change(any_job(), [](const bulk_job& job, edit& e, bool all, std::size_t pick) {
            auto& items = e.items();
            if (all) items.clear();
            else items.erase(items.begin() + static_cast<std::ptrdiff_t>(pick % job.items.size()));
        }, rc::gen::arbitrary<bool>(), gen_pick()));

    t.add("items/index-range", "gives the last item an index at or past total, or makes every index one-based",
        change(any_job(), [](const bulk_job& job, edit& e, bool shift_all, std::int64_t extra) {
            const std::size_t n = job.items.size();
            if (shift_all) {
                for (std::size_t i = 0; i < n; ++i) e.item(i)["index"] = static_cast<std::int64_t>(i) + 1;
            } else {
                e.item(n - 1)["index"] = job.total + extra;
            }
        }, rc::gen::arbitrary<bool>(), rc::gen::inRange<std::int64_t>(0, 100)));

    auto two_or_more = rc::gen::mapcat(rc::gen::inRange<std::size_t>(2, 26), [](std::size_t n) {
        generation_options o;
        o.items = n;
        return gen_bulk_job(o);
    });

    t.add("items/index-unique", "gives an item the index of the item before it",
        change(two_or_more, [](const bulk_job& job, edit& e, std::size_t pick) {
            const std::size_t i = 1 + pick % (job.items.size() - 1);
            e.item(i)["index"] = job.items[i - 1].index;
        }, gen_pick()));

    t.add("items/order", "swaps two items, or reverses the items array",
        change(two_or_more, [](const bulk_job& job, edit& e, std::size_t a, std::size_t b, bool reverse) {
            auto& items = e.items();
            if (reverse) {
                std::reverse(items.begin(), items.end());
                return;
            }
            const std::size_t n = job.items.size();
            const std::size_t i = a % n;
            std::size_t j = b % n;
            if (j == i) j = (i + 1) % n;
            std::swap(items[i], items[j]);
        }, gen_pick(), gen_pick(), rc::gen::arbitrary<bool>()));

    t.add("items/tent-id-unique", "copies one accepted item's tent_id to another accepted item",
        change(gen_any_of(job_with(js::completed_with_failures), job_with(js::running, {is::generating, is::completed}),
                              job_with(js::running, {is::queued, is::failed})),
               [](const bulk_job& job, edit& e, std::size_t a, std::size_t b) {
                   const auto candidates = items_where(job, accepted);
                   const std::size_t i = candidates[a % candidates.size()];
                   std::size_t j = candidates[b % candidates.size()];
                   if (j == i) j = candidates[(b + 1) % candidates.size()];
                   e.item(j)["tent_id"] = job.items[i].tent_id->text;
               },
               gen_pick(), gen_pick()));

    t.add("limits/total", "a job of 26 to 30 consistent items, or a job of no item (total 0, every count and credit 0)",
        gen_any_of(
            change(rc::gen::mapcat(rc::gen::inRange<std::size_t>(26, 31), [](std::size_t n) {
                       generation_options o;
                       o.items = n;
                       return gen_bulk_job(o);
                   }),
                   [](const bulk_job&, edit&) {}),
            change(job_with(js::failed), [](const bulk_job&, edit& e) {
                auto& root = e.root();
                root["items"] = boost::json::array{};
                for (const char* n : {"total", "queued", "generating", "completed", "failed"}) root[n] = 0;
                for (const char* n : credit_names) e.credits()[n] = 0;
            })));
}

} // namespace tented::contract::testing::detail

#endif
