// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_CREDITS_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_CREDITS_HPP

#include <tented/contract/detail/checks/facts.hpp>
#include <tented/contract/detail/checks/status.hpp>

#include <cstdint>
#include <string>

// docs/contract.md section 7: credits.
namespace tented::contract::detail {

inline void check_credits(const job_view& v, sink& out)
{
    const auto& sh = child_of<&bulk_job::credits>(v.shadow);
    if (!v.has<&bulk_job::credits>() || !slot_of<&credits::reserved>(sh).present() ||
        !slot_of<&credits::consumed>(sh).present() || !slot_of<&credits::refunded>(sh).present() ||
        !slot_of<&credits::pending_reconciliation>(sh).present())
        return;
    const auto& c = v.job.credits;
    const auto n = [](std::int64_t x) { return std::to_string(x); };
    const auto spent = c.consumed + c.refunded + c.pending_reconciliation;
    if (c.reserved != spent) {
        // credits/balance
        out.add(rule::credits_balance, slot_of<&credits::reserved>(sh).offset, "/credits/reserved",
                "reserved " + n(c.reserved) + " != consumed " + n(c.consumed) + " + refunded " + n(c.refunded) +
                    " + pending_reconciliation " + n(c.pending_reconciliation) + " = " + n(spent));
        return;
    }
    if (v.has<&bulk_job::status>() && is_terminal(v.job.status) && c.pending_reconciliation > 0) {
        // credits/settled
        out.add(rule::credits_settled, slot_of<&credits::pending_reconciliation>(sh).offset,
                "/credits/pending_reconciliation",
                "job status " + quote(v.job.status) + " is terminal but pending_reconciliation is " +
                    n(c.pending_reconciliation) + " (a finished job has settled its credits)");
        return;
    }
    if (!v.counts_consistent) return;
    const auto& j = v.job;
    const auto accepted = v.accepted();
    if (accepted == 0) {
        if (c.reserved != 0)
            // credits/unit-cost
            out.add(rule::credits_unit_cost, slot_of<&credits::reserved>(sh).offset, "/credits/reserved",
                    "no item was accepted, yet reserved is " + n(c.reserved) + " (expected 0)");
        return;
    }
    if (c.reserved == 0 || c.reserved % accepted != 0) {
        // credits/unit-cost
        out.add(rule::credits_unit_cost, slot_of<&credits::reserved>(sh).offset, "/credits/reserved",
                "reserved " + n(c.reserved) + " is not a positive multiple of the " + n(accepted) +
                    " accepted" + items_word(accepted) + " (one fixed cost per accepted item)");
        return;
    }
    const auto k = c.reserved / accepted;
    struct expectation { const char* name; std::int64_t got; std::int64_t per; const char* counter; std::size_t offset; };
    const expectation e[] = {
        {"consumed", c.consumed, j.completed, "completed", slot_of<&credits::consumed>(sh).offset},
        {"refunded", c.refunded, j.failed, "failed", slot_of<&credits::refunded>(sh).offset},
        {"pending_reconciliation", c.pending_reconciliation, j.queued + j.generating, "queued + generating",
         slot_of<&credits::pending_reconciliation>(sh).offset},
    };
    for (const auto& x : e) {
        if (x.got == k * x.per) continue;
        // credits/unit-cost
        out.add(rule::credits_unit_cost, x.offset, std::string("/credits/") + x.name,
                std::string(x.name) + " is " + n(x.got) + " but at " + n(k) + " credit" + (k == 1 ? "" : "s") +
                    " per accepted item (reserved " + n(c.reserved) + " for " + n(accepted) + ") it should be " +
                    n(k) + " x " + x.counter + " " + n(x.per) + " = " + n(k * x.per));
        return;
    }
}

} // namespace tented::contract::detail

#endif
