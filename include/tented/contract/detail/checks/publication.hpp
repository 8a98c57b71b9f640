// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_PUBLICATION_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_PUBLICATION_HPP

#include <tented/contract/detail/checks/facts.hpp>

#include <boost/config.hpp>

#include <string>

// docs/contract.md section 5: publication.
namespace tented::contract::detail {

/// publication/url: the pair (publication_status, published_url) alone, whatever the item's
/// status holds.
BOOST_FORCEINLINE void check_published_url(const item_view& v, sink& out)
{
    const auto ps = v.state<&bulk_job_item::publication_status>();
    const auto url = v.state<&bulk_job_item::published_url>();
    const bool ps_set = ps == slot_state::present;
    const auto& p = v.item.publication_status;
    const bool published = ps_set && (*p == publication_status::published || *p == publication_status::published_with_warnings);
    if (ps != slot_state::invalid && url == slot_state::present && !published)
        // publication/url
        out.add(rule::publication_url, v.at<&bulk_job_item::published_url>(), v.pointer("published_url"),
                "published_url is present but publication_status is " + (ps_set ? quote(*p) : std::string("absent")) +
                    " (published_url appears when a tent is successfully published)");
    if (published && url == slot_state::absent)
        // publication/url
        out.add(rule::publication_url, v.at<&bulk_job_item::published_url>(), v.pointer("published_url"),
                "publication_status is " + quote(*p) + " but published_url is absent");
}

/// publication/requires-generation and publication/stale-pending: publication against the
/// item's status.
BOOST_FORCEINLINE void check_publication_status(const item_view& v, sink& out)
{
    const auto ps = v.state<&bulk_job_item::publication_status>();
    const auto url = v.state<&bulk_job_item::published_url>();
    const auto ps_at = v.at<&bulk_job_item::publication_status>();
    const auto status = v.item.status;
    const auto& p = v.item.publication_status;
    const bool ps_set = ps == slot_state::present;
    if (status == item_status::rejected && (ps != slot_state::absent || url != slot_state::absent)) {
        const bool on_ps = ps != slot_state::absent;
        // publication/requires-generation
        out.add(rule::publication_requires_generation, on_ps ? ps_at : v.at<&bulk_job_item::published_url>(),
                v.pointer(on_ps ? "publication_status" : "published_url"),
                "a rejected item carries publication fields (it was never generated)");
    } else if (ps_set && *p != publication_status::pending && status != item_status::completed) {
        // publication/requires-generation
        out.add(rule::publication_requires_generation, ps_at, v.pointer("publication_status"),
                "publication_status " + quote(*p) + " on an item with status " + quote(status) +
                    " (only a completed tent is published)");
    }
    if (ps_set && *p == publication_status::pending && status == item_status::failed)
        // publication/stale-pending
        out.add(rule::publication_stale_pending, ps_at, v.pointer("publication_status"),
                "publication_status \"pending\" on a failed item (its generation will never be published)");
}

/// Records an item carrying publication fields, for publication/requires-auto-publish once the
/// job's auto_publish is known.
inline void note_publication(const item_view& v, item_facts& facts)
{
    const auto ps = v.state<&bulk_job_item::publication_status>();
    const auto url = v.state<&bulk_job_item::published_url>();
    if (ps == slot_state::absent && url == slot_state::absent) return;
    const bool on_status = ps != slot_state::absent;
    facts.add_publication(
        {v.i, on_status ? v.at<&bulk_job_item::publication_status>() : v.at<&bulk_job_item::published_url>(), on_status});
}

/// publication/requires-auto-publish, for the items that carry publication fields: judged once
/// the job's auto_publish is known, which may follow `items`.
inline void check_auto_publish(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::auto_publish>() || v.job.auto_publish) return;
    for (const auto& p : v.items.publications)
        // publication/requires-auto-publish
        out.add(rule::publication_requires_auto_publish, p.offset,
                item_pointer(p.item, p.on_status ? "publication_status" : "published_url"),
                "publication fields on an item of a job whose auto_publish is false");
}

} // namespace tented::contract::detail

#endif
