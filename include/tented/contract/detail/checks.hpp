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

#include <boost/config.hpp>

#include <string_view>

// The rules of docs/contract.md sections 3 to 8, one file a section under detail/checks/, each a
// small function over the decoded job and its shadow. A rule runs only where the members it
// reads decoded cleanly (the decoder already reported why not); beyond that it is skipped only
// where the table "What is not reported twice" of docs/rules.md says so, judged on the values:
// never on another rule's options or findings.
namespace tented::contract::detail {

/// Reports the findings `found` of one item, in the order of its sections.
BOOST_NOINLINE inline void report_item(const item_view& v, const item_shape& s, unsigned found, sink& out)
{
    report_published_url(v, s, found, out);
    report_item_members(v, s, found, out);
    report_publication_status(v, s, found, out);
}

/** Runs the rules of one item (sections 4 and 5) and records what the job-level rules need.
    Called for every element of `items` in order, while decoding (validation keeps no items) or
    over a decoded job. */
inline void check_item(const item_view& v, item_facts& facts, sink& out)
{
    facts.observe(v);
    if (!v.decoded()) return;
    note_publication(v, facts);
    const item_shape s(v);
    const unsigned found = published_url_findings(s) | item_member_findings(s) | publication_status_findings(s);
    if (found != 0) report_item(v, s, found, out);
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
