// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_PUBLICATION_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_PUBLICATION_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 5: publication, in catalogue order.
inline void add_publication_violations(violation_table& t)
{
    using is = item_status;
    using js = job_status;
    t.add("publication/url", "on an auto-publish job: a published_url without publication_status, with pending or "
                             "failed, or a published status without published_url",
        change(job_with_accepted(true), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, in_progress_or_done);
            const auto i = candidates[pick % candidates.size()];
            auto& item = e.item(i);
            const std::string url = "https://acme.tented-pages.com/page-" + std::to_string(i);
            const bool completed = job.items[i].status == is::completed;
            switch (completed ? how % 5 : how % 2) {
            case 0:
                item.erase("publication_status");
                item["published_url"] = url;
                break;
            case 1:
                item["publication_status"] = "pending";
                item["published_url"] = url;
                break;
            case 2:
                item["publication_status"] = "failed";
                item["published_url"] = url;
                break;
            case 3:
                item["publication_status"] = "published";
                item.erase("published_url");
                break;
            default:
                item["publication_status"] = "published_with_warnings";
                item.erase("published_url");
                break;
            }
        }, gen_pick(), gen_pick()));

    t.add("publication/requires-generation", "on an auto-publish job: gives a rejected item publication fields, or a queued, generating or failed "
                                             "item a published or failed publication",
        change(gen_any_of(job_with(std::nullopt, {is::rejected}, true), job_with(js::running, {}, true),
                              job_with(std::nullopt, {is::failed}, true)),
               [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
                   const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status != is::completed; });
                   const auto i = candidates[pick % candidates.size()];
                   auto& item = e.item(i);
                   const std::string url = "https://acme.tented-pages.com/page-" + std::to_string(i);
                   if (job.items[i].status == is::rejected) {
                       // A consistent pair: a published status without its URL is publication/url too.
                       static const char* const states[] = {"pending", "failed", "published", "published_with_warnings"};
                       item["publication_status"] = states[how % 4];
                       if (how % 4 >= 2) item["published_url"] = url;
                       return;
                   }
                   switch (how % 3) {
                   case 0:
                       item["publication_status"] = "published";
                       item["published_url"] = url;
                       break;
                   case 1:
                       item["publication_status"] = "published_with_warnings";
                       item["published_url"] = url;
                       break;
                   default:
                       item["publication_status"] = "failed";
                       item.erase("published_url");
                       break;
                   }
               },
               gen_pick(), gen_pick()));

    t.add("publication/requires-auto-publish", "gives an item of a job without auto_publish a valid publication state",
        change(job_with_accepted(false), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, in_progress_or_done);
            const auto i = candidates[pick % candidates.size()];
            auto& item = e.item(i);
            if (job.items[i].status == is::completed && how % 2 == 1) {
                item["publication_status"] = "published";
                item["published_url"] = "https://acme.tented-pages.com/page-" + std::to_string(i);
            } else {
                item["publication_status"] = "pending";
            }
        }, gen_pick(), gen_pick()));

    t.add("publication/stale-pending", "gives a failed item of an auto-publish job publication_status pending",
        change(job_with(std::nullopt, {is::failed}, true), [](const bulk_job& job, edit& e, std::size_t pick) {
            const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status == is::failed; });
            e.item(candidates[pick % candidates.size()])["publication_status"] = "pending";
        }, gen_pick()));
}

} // namespace tented::contract::testing::detail

#endif
