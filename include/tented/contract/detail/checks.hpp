// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_HPP

#include <tented/contract/detail/checks/counts.hpp>
#include <tented/contract/detail/checks/credits.hpp>
#include <tented/contract/detail/checks/facts.hpp>
#include <tented/contract/detail/checks/item.hpp>
#include <tented/contract/detail/checks/publication.hpp>
#include <tented/contract/detail/checks/status.hpp>
#include <tented/contract/detail/checks/time.hpp>

#include <string_view>

// The rules of docs/contract.md sections 3 to 8, one file a section under detail/checks/, each a
// small function over the decoded job and its shadow. A rule runs only where the members it
// reads decoded cleanly (the decoder already reported why not); beyond that it is skipped only
// where the table "What is not reported twice" of docs/rules.md says so, judged on the values:
// never on another rule's options or findings.
namespace tented::contract::detail {

/** Runs the rules of one item (sections 4 and 5) and records what the job-level rules need.
    Called for every element of `items` in order, while decoding (validation keeps no items) or
    over a decoded job. */
inline void check_item(const item_view& v, item_facts& facts, sink& out)
{
    facts.observe(v);
    if (!v.decoded()) return;
    check_published_url(v, out);
    note_publication(v, facts);
    if (!v.has<&bulk_job_item::status>()) return;
    check_item_members(v, out);
    check_publication_status(v, out);
}

/// Runs the job-level rules of sections 3 to 8, once every item went through `check_item`.
inline void check_job(const bulk_job& job, const object_shadow<bulk_job>& shadow, item_facts& items, sink& out)
{
    job_view v(job, shadow, items);
    check_counts(v, out);
    check_indexes(v, out);
    check_tent_id_unique(v, out);
    check_limits(v, out);
    check_auto_publish(v, out);
    check_status(v, out);
    check_credits(v, out);
    check_time(v, out);
}

/// Runs every rule of sections 3 to 8 over a decoded job; `source` is its text, if any.
inline void check_job(const bulk_job& job, const object_shadow<bulk_job>& shadow, std::string_view source, sink& out)
{
    item_facts facts(source);
    if (slot_of<&bulk_job::items>(shadow).present()) {
        const auto& sh = child_of<&bulk_job::items>(shadow);
        for (std::size_t i = 0; i < job.items.size(); ++i)
            check_item(item_view{job.items[i], sh.children[i], sh.elements[i], i}, facts, out);
    }
    check_job(job, shadow, facts, out);
}

} // namespace tented::contract::detail

#endif
