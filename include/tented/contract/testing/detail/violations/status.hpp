// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_STATUS_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_STATUS_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 6: the job's status, in catalogue order.
inline void add_status_violations(violation_table& t)
{
    using is = item_status;
    using js = job_status;
    t.add("status/consistent-with-counts", "gives the job a status its counters contradict (never a terminal one while "
                                           "credits are pending, which credits/settled would also report)",
        change(gen_any_of(job_with(js::running, {is::generating}), job_with(js::completed),
                              job_with(js::completed_with_failures), job_with(js::failed)),
               [](const bulk_job& job, edit& e, std::size_t pick) {
                   std::vector<js> wrong;
                   for (auto s : all_job_statuses)
                       if (!status_fits(s, job) && !(terminal(s) && job.credits.pending_reconciliation > 0))
                           wrong.push_back(s);
                   e.root()["status"] = wire_name(wrong.at(pick % wrong.size()));
               },
               gen_pick()));
}

} // namespace tented::contract::testing::detail

#endif
