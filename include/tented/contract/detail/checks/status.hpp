// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_STATUS_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_STATUS_HPP

#include <tented/contract/detail/checks/facts.hpp>

#include <cstdint>
#include <string>

// docs/contract.md section 6: the job's status.
namespace tented::contract::detail {

inline bool is_terminal(job_status s) noexcept
{
    return s == job_status::completed || s == job_status::completed_with_failures || s == job_status::failed;
}

/// The status the counters imply (`running` also stands for "accepted or running").
inline job_status implied_status(const bulk_job& j, std::int64_t accepted) noexcept
{
    if (accepted == 0) return job_status::failed;
    if (j.queued + j.generating > 0) return job_status::running;
    if (j.completed == 0) return job_status::failed;
    return j.failed == 0 ? job_status::completed : job_status::completed_with_failures;
}

inline bool status_agrees(const bulk_job& j, std::int64_t accepted) noexcept
{
    if (accepted == 0) return j.status == job_status::failed;
    const bool idle = j.queued + j.generating == 0;
    switch (j.status) {
    case job_status::accepted: return j.generating == 0 && j.completed == 0 && j.failed == 0 && j.queued == accepted;
    case job_status::running: return !idle;
    case job_status::completed: return idle && j.failed == 0 && j.completed >= 1;
    case job_status::completed_with_failures: return idle && j.completed >= 1 && j.failed >= 1;
    case job_status::failed: return idle && j.completed == 0;
    }
    return false;
}

inline void check_status(const job_view& v, sink& out)
{
    const auto& j = v.job;
    if (!v.counts_consistent || !v.has<&bulk_job::status>() || status_agrees(j, v.accepted())) return;
    std::string why;
    if (v.accepted() == 0) {
        why = "every item was rejected; the reference leaves this case open, and the expected status is "
              "\"failed\" (no accepted item completed)";
    } else {
        const auto implied = implied_status(j, v.accepted());
        const bool waiting = j.queued == v.accepted() && j.generating + j.completed + j.failed == 0;
        why = "queued " + std::to_string(j.queued) + ", generating " + std::to_string(j.generating) +
              ", completed " + std::to_string(j.completed) + ", failed " + std::to_string(j.failed) +
              " of " + std::to_string(v.accepted()) + " accepted" + items_word(v.accepted()) +
              " imply " + (waiting ? std::string("\"accepted\" or \"running\"") : quote(implied));
    }
    // status/consistent-with-counts
    out.add(rule::status_consistent_with_counts, v.at<&bulk_job::status>(), "/status",
            "status " + quote(j.status) + " contradicts the counters: " + why);
}

} // namespace tented::contract::detail

#endif
