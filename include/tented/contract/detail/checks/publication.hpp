// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_PUBLICATION_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_PUBLICATION_HPP

#include <tented/contract/detail/checks/facts.hpp>

#include <string>

// docs/contract.md section 5: publication.
namespace tented::contract::detail {

/// The findings of publication/url that `s` makes: the pair (publication_status,
/// published_url) alone, whatever the item's status holds.
inline unsigned published_url_findings(const item_shape& s) noexcept
{
    const bool published = s.is_published();
    unsigned found = 0;
    // publication/url
    found |= finding_if(s.publication != slot_state::invalid && s.url == slot_state::present && !published,
                        url_without_publication);
    found |= finding_if(published && s.url == slot_state::absent, publication_without_url);
    return found;
}

/// The findings of publication/requires-generation and publication/stale-pending that `s`
/// makes: publication against the item's status.
inline unsigned publication_status_findings(const item_shape& s) noexcept
{
    if (!s.has_status()) return 0;
    const bool rejected_publication =
        s.status == item_status::rejected && (s.publication != slot_state::absent || s.url != slot_state::absent);
    const bool pending = s.published == publication_status::pending;
    unsigned found = 0;
    // publication/requires-generation
    found |= finding_if(rejected_publication, rejected_with_publication);
    found |= finding_if(!rejected_publication && s.has_publication() && !pending && s.status != item_status::completed,
                        published_uncompleted);
    // publication/stale-pending
    found |= finding_if(s.has_publication() && pending && s.status == item_status::failed, stale_pending);
    return found;
}

/// Reports the findings of publication/url among `found` (`published_url_findings`).
inline void report_published_url(const item_view& v, const item_shape& s, unsigned found, sink& out)
{
    if (found & url_without_publication)
        out.add(rule::publication_url, v.at<&bulk_job_item::published_url>(), v.pointer("published_url"),
                "published_url is present but publication_status is " +
                    (s.has_publication() ? quote(s.published) : std::string("absent")) +
                    " (published_url appears when a tent is successfully published)");
    if (found & publication_without_url)
        out.add(rule::publication_url, v.at<&bulk_job_item::published_url>(), v.pointer("published_url"),
                "publication_status is " + quote(s.published) + " but published_url is absent");
}

/// Reports the findings of `publication_status_findings` among `found`.
inline void report_publication_status(const item_view& v, const item_shape& s, unsigned found, sink& out)
{
    const auto ps_at = v.at<&bulk_job_item::publication_status>();
    if (found & rejected_with_publication) {
        const bool on_ps = s.publication != slot_state::absent;
        out.add(rule::publication_requires_generation, on_ps ? ps_at : v.at<&bulk_job_item::published_url>(),
                v.pointer(on_ps ? "publication_status" : "published_url"),
                "a rejected item carries publication fields (it was never generated)");
    }
    if (found & published_uncompleted)
        out.add(rule::publication_requires_generation, ps_at, v.pointer("publication_status"),
                "publication_status " + quote(s.published) + " on an item with status " + quote(s.status) +
                    " (only a completed tent is published)");
    if (found & stale_pending)
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
    facts.add_publication(v.i, on_status ? v.at<&bulk_job_item::publication_status>() : v.at<&bulk_job_item::published_url>(),
                          on_status);
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
