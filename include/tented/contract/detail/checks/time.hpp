// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_TIME_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_TIME_HPP

#include <tented/contract/detail/checks/facts.hpp>

#include <tented/contract/formats.hpp>

#include <string>

// docs/contract.md section 8: time.
namespace tented::contract::detail {

inline void check_time(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::created_at>() || !v.has<&bulk_job::updated_at>()) return;
    const auto created_at = v.text<&bulk_job::created_at>(), updated_at = v.text<&bulk_job::updated_at>();
    // In the documented form, fields of fixed width, most significant first, all in UTC, texts
    // in order are instants in order (a leap second too: see `instant`), so only texts out of
    // order and other forms are parsed.
    if (has_documented_timestamp_shape(created_at) && has_documented_timestamp_shape(updated_at) &&
        updated_at >= created_at)
        return;
    const auto created = parse_timestamp(created_at);
    const auto updated = parse_timestamp(updated_at);
    if (!created || !updated || !(*updated < *created)) return;
    // time/order
    out.add(rule::time_order, v.at<&bulk_job::updated_at>(), "/updated_at",
            "updated_at " + std::string(updated_at) + " is earlier than created_at " + std::string(created_at));
}

} // namespace tented::contract::detail

#endif
