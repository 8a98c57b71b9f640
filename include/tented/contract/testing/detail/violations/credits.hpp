// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_CREDITS_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_CREDITS_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 7: credits, in catalogue order.
inline void add_credits_violations(violation_table& t)
{
    using boost::json::value;
    using js = job_status;
    t.add("credits/balance", "moves one credit member up or down so reserved no longer balances",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t which, std::int64_t delta, bool down) {
            value& v = e.credits()[credit_names[which % 4]];
            const auto now = v.as_int64();
            v = down && now >= delta ? now - delta : now + delta;
        }, gen_pick(), rc::gen::inRange<std::int64_t>(1, 6), rc::gen::arbitrary<bool>()));

    t.add("credits/settled", "leaves credits pending on a finished job (reserved grows by as much: the balance holds)",
        change(job_in({js::completed, js::completed_with_failures, js::failed}),
               [](const bulk_job& job, edit& e, std::int64_t delta) {
                   e.credits()["reserved"] = job.credits.reserved + delta;
                   e.credits()["pending_reconciliation"] = job.credits.pending_reconciliation + delta;
               },
               rc::gen::inRange<std::int64_t>(1, 6)));

    t.add("credits/unit-cost", "moves credits from one part to another (the balance holds, one part no longer matches its "
                               "counter), or reserves credits for a job of only rejected items",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t from, std::size_t to, std::int64_t amount) {
            const auto& c = job.credits;
            if (c.reserved == 0) {
                // Nothing was accepted: any credit is too many.
                e.credits()["reserved"] = amount;
                e.credits()["refunded"] = amount;
                return;
            }
            const std::int64_t parts[] = {c.consumed, c.refunded, c.pending_reconciliation};
            const bool finished = terminal(job.status);
            const std::size_t count = finished ? 2 : 3; // a finished job must keep pending 0 (credits/settled)
            std::size_t f = from % count;
            while (parts[f] == 0) f = (f + 1) % count;
            std::size_t d = to % count;
            if (d == f) d = (d + 1) % count;
            const auto moved = 1 + (amount - 1) % parts[f];
            e.credits()[credit_names[1 + f]] = parts[f] - moved;
            e.credits()[credit_names[1 + d]] = parts[d] + moved;
        }, gen_pick(), gen_pick(), rc::gen::inRange<std::int64_t>(1, 6)));
}

} // namespace tented::contract::testing::detail

#endif
