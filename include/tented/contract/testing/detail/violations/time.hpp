// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_TIME_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_TIME_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 8: time, in catalogue order.
inline void add_time_violations(violation_table& t)
{
    t.add("time/order", "sets updated_at 1 ms to a year before created_at",
        change(any_job(), [](const bulk_job& job, edit& e, std::int64_t before) {
            e.root()["updated_at"] = spell_time(time_ms(job.created_at) - before);
        }, rc::gen::inRange<std::int64_t>(1, 366 * ms_per_day)));
}

} // namespace tented::contract::testing::detail

#endif
