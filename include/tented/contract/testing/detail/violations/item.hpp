// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_ITEM_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_ITEM_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 4: which members each item status carries, in catalogue order.
inline void add_item_violations(violation_table& t)
{
    using is = item_status;
    t.add("item/tent-id", "removes an accepted item's tent_id, or gives a rejected item one",
        change(gen_any_of(job_with_accepted(), job_with(std::nullopt, {is::rejected})),
               [](const bulk_job& job, edit& e, std::size_t pick, const std::string& hex) {
                   const auto rejected = std::find_if(job.items.begin(), job.items.end(), [](const bulk_job_item& i) {
                       return i.status == is::rejected;
                   });
                   const bool any_accepted = std::any_of(job.items.begin(), job.items.end(), accepted);
                   if (rejected != job.items.end() && (pick % 2 == 0 || !any_accepted)) {
                       const auto i = static_cast<std::size_t>(rejected - job.items.begin());
                       // Index 0xf000 + i: no other item's id ends that way (they end with their index).
                       e.item(i)["tent_id"] = make_tent_id(hex, 'a', 0xf000 + i).text;
                       return;
                   }
                   const auto candidates = items_where(job, accepted);
                   e.item(candidates[pick / 2 % candidates.size()]).erase("tent_id");
               },
               gen_pick(), rc::gen::container<std::string>(26, gen_char(hex_alphabet))));

    t.add("item/tent-name", "removes an accepted item's tent_name",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t pick) {
            const auto candidates = items_where(job, accepted);
            e.item(candidates[pick % candidates.size()]).erase("tent_name");
        }, gen_pick()));

    t.add("item/error-code", "removes a rejected item's error_code",
        change(job_with(std::nullopt, {is::rejected}), [](const bulk_job& job, edit& e, std::size_t pick) {
            const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status == is::rejected; });
            e.item(candidates[pick % candidates.size()]).erase("error_code");
        }, gen_pick()));

    t.add("item/unexpected-error-code", "gives an accepted item an error_code",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t pick) {
            const auto candidates = items_where(job, accepted);
            e.item(candidates[pick % candidates.size()])["error_code"] = "INSUFFICIENT_CREDITS";
        }, gen_pick()));

    t.add("item/message", "removes the message of a rejected or a failed item",
        change(gen_any_of(job_with(std::nullopt, {is::rejected}), job_with(std::nullopt, {is::failed})),
               [](const bulk_job& job, edit& e, std::size_t pick) {
                   const auto candidates = items_where(job, [](const bulk_job_item& i) {
                       return i.status == is::rejected || i.status == is::failed;
                   });
                   e.item(candidates[pick % candidates.size()]).erase("message");
               },
               gen_pick()));

    t.add("item/unexpected-message", "gives a queued, generating or completed item a message",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t pick, const std::string& text) {
            const auto candidates = items_where(job, in_progress_or_done);
            e.item(candidates[pick % candidates.size()])["message"] = text;
        }, gen_pick(), gen_prose(20)));
}

} // namespace tented::contract::testing::detail

#endif
