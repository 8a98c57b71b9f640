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
    // in order are instants in order, but for a leap second: 23:59:60.500 is the next minute's
    // 00:00:00.500, later than a text 00:00:00.100 that sorts after it. So a text of second 60
    // (or beyond, not a time at all), texts out of order, and any other form are parsed.
    constexpr std::size_t tens_of_seconds = 17;
    if (has_documented_timestamp_shape(created_at) && has_documented_timestamp_shape(updated_at) &&
        created_at[tens_of_seconds] < '6' && updated_at[tens_of_seconds] < '6' && updated_at >= created_at)
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
