// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_SEQUENCE_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_SEQUENCE_HPP

#include <tented/contract/detail/checks/facts.hpp>
#include <tented/contract/detail/checks/status.hpp>

#include <tented/contract/detail/formats.hpp>
#include <tented/contract/formats.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// docs/contract.md section 9: what must hold between two successive polls of one job.
namespace tented::contract::detail {

/// One poll as the sequence rules read it: its job, where its parts stood, and how a message
/// names a place in it (`SOURCE:LINE:COLUMN`).
struct poll
{
    const bulk_job& job;
    const object_shadow<bulk_job>& shadow;
    std::function<std::string(std::size_t offset)> where;

    template <auto P>
    bool has() const noexcept { return slot_of<P>(shadow).present(); }
};

/// (index, place in `items`) of a poll's items whose index and status decoded, sorted by index,
/// the first item of each index only. Sorted, not hashed: indexes are the sender's to choose, and
/// a hash table of them can be made to put every one in one bucket (multiples of its size).
inline std::vector<std::pair<std::int64_t, std::size_t>> items_by_index(const poll& s)
{
    std::vector<std::pair<std::int64_t, std::size_t>> by;
    if (!s.has<&bulk_job::items>()) return by;
    const auto& sh = child_of<&bulk_job::items>(s.shadow);
    for (std::size_t i = 0; i < s.job.items.size(); ++i) {
        if (!sh.elements[i].present()) continue;
        const auto& item_sh = sh.children[i];
        if (slot_of<&bulk_job_item::index>(item_sh).present() && slot_of<&bulk_job_item::status>(item_sh).present())
            by.emplace_back(s.job.items[i].index, i);
    }
    std::sort(by.begin(), by.end());
    by.erase(std::unique(by.begin(), by.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), by.end());
    return by;
}

/// False, with `seq/same-job` in `out`, when the poll `s` is of another job than `expected`
/// (the job polled; empty: any).
inline bool of_job(const std::string& expected, const poll& s, sink& out)
{
    if (expected.empty() || !s.has<&bulk_job::bulk_job_id>()) return true;
    const auto& id = s.job.bulk_job_id.text;
    if (same_job_id(id, expected)) return true;
    // seq/same-job
    out.add(rule::seq_same_job, slot_of<&bulk_job::bulk_job_id>(s.shadow).offset, "/bulk_job_id",
            "bulk_job_id " + id + " is not the job polled, " + expected + ": checked alone, not in its sequence");
    return false;
}

/// Compares two consecutive snapshots of one job.
class comparison
{
public:
    comparison(const poll& before, const poll& after, sink& out)
        : p_(before), c_(after), out_(out), p_items_(items_by_index(before)), c_items_(items_by_index(after))
    {
    }

    /// False when the two are snapshots of different jobs (then nothing else is compared).
    bool same_job()
    {
        if (!both<&bulk_job::bulk_job_id>()) return true;
        const auto& a = p_.job.bulk_job_id.text;
        const auto& b = c_.job.bulk_job_id.text;
        if (same_job_id(a, b)) return true;
        // seq/same-job
        report<&bulk_job::bulk_job_id>(rule::seq_same_job, "/bulk_job_id",
                                       "bulk_job_id " + detail::quoted(b) + " differs from " + detail::quoted(a) + " of the previous poll");
        return false;
    }

    void run()
    {
        immutable();
        tent_ids();
        time();
        job_transition();
        // docs/rules.md, "What is not reported twice": the counters follow the items.
        if (!item_transitions()) monotonic_counts();
        publication();
    }

private:
    template <auto P>
    bool both() const noexcept { return p_.has<P>() && c_.has<P>(); }

    template <auto P>
    std::size_t at(const poll& s) const noexcept { return slot_of<P>(s.shadow).offset; }

    template <auto P>
    void report(rule r, std::string pointer, std::string message)
    {
        out_.add(r, at<P>(c_), std::move(pointer), message + " (previous poll: " + p_.where(at<P>(p_)) + ")");
    }

    template <auto Q>
    std::size_t item_at(const poll& s, std::size_t i) const noexcept
    {
        const auto& sh = child_of<&bulk_job::items>(s.shadow).children[i];
        const auto& sl = slot_of<Q>(sh);
        return sl.state == slot_state::absent ? sh.begin : sl.offset;
    }

    template <auto Q>
    void report_item(rule r, std::size_t pi, std::size_t ci, std::string_view member, std::string message)
    {
        out_.add(r, item_at<Q>(c_, ci), item_pointer(ci, member),
                 message + " (previous poll: " + p_.where(item_at<Q>(p_, pi)) + ")");
    }

    template <auto Q>
    bool item_both(std::size_t pi, std::size_t ci) const noexcept
    {
        const auto& ps = child_of<&bulk_job::items>(p_.shadow).children[pi];
        const auto& cs = child_of<&bulk_job::items>(c_.shadow).children[ci];
        return slot_of<Q>(ps).state != slot_state::invalid && slot_of<Q>(cs).state != slot_state::invalid;
    }

    // The items of one index in both polls, in index order.
    template <class F>
    void each_item(F f)
    {
        auto p = p_items_.begin();
        for (const auto& [index, ci] : c_items_) {
            while (p != p_items_.end() && p->first < index) ++p;
            if (p != p_items_.end() && p->first == index) f(p_.job.items[p->second], c_.job.items[ci], p->second, ci);
        }
    }

    static std::string text_of(const std::optional<std::string>& s)
    {
        return s ? detail::quoted(*s) : std::string("absent");
    }

    void immutable()
    {
        const auto& a = p_.job;
        const auto& b = c_.job;
        if (both<&bulk_job::template_id>() && a.template_id != b.template_id)
            // seq/immutable
            report<&bulk_job::template_id>(rule::seq_immutable, "/template_id",
                                           "template_id changed from " + detail::quoted(a.template_id.text) + " to " + detail::quoted(b.template_id.text));
        if (both<&bulk_job::auto_publish>() && a.auto_publish != b.auto_publish)
            // seq/immutable
            report<&bulk_job::auto_publish>(rule::seq_immutable, "/auto_publish",
                                            std::string("auto_publish changed from ") + (a.auto_publish ? "true" : "false") +
                                                " to " + (b.auto_publish ? "true" : "false"));
        if (both<&bulk_job::total>() && a.total != b.total)
            // seq/immutable
            report<&bulk_job::total>(rule::seq_immutable, "/total",
                                     "total changed from " + std::to_string(a.total) + " to " + std::to_string(b.total));
        if (both<&bulk_job::created_at>()) {
            const auto x = parse_timestamp(a.created_at.text), y = parse_timestamp(b.created_at.text);
            const bool same = x && y ? *x == *y : a.created_at == b.created_at;
            if (!same)
                // seq/immutable
                report<&bulk_job::created_at>(rule::seq_immutable, "/created_at",
                                              "created_at changed from " + detail::quoted(a.created_at.text) + " to " + detail::quoted(b.created_at.text));
        }
        each_item([&](const bulk_job_item& x, const bulk_job_item& y, std::size_t pi, std::size_t ci) {
            if (item_both<&bulk_job_item::client_item_id>(pi, ci) && x.client_item_id != y.client_item_id)
                // seq/immutable
                report_item<&bulk_job_item::client_item_id>(rule::seq_immutable, pi, ci, "client_item_id",
                                                            "client_item_id of index " + std::to_string(y.index) + " changed from " +
                                                                text_of(x.client_item_id) + " to " + text_of(y.client_item_id));
            if (item_both<&bulk_job_item::tent_name>(pi, ci) && x.tent_name != y.tent_name)
                // seq/immutable
                report_item<&bulk_job_item::tent_name>(rule::seq_immutable, pi, ci, "tent_name",
                                                       "tent_name of index " + std::to_string(y.index) + " changed from " +
                                                           text_of(x.tent_name) + " to " + text_of(y.tent_name));
        });
    }

    void tent_ids()
    {
        each_item([&](const bulk_job_item& x, const bulk_job_item& y, std::size_t pi, std::size_t ci) {
            if (!item_both<&bulk_job_item::tent_id>(pi, ci)) return;
            // Compared ignoring ASCII case, as items/tent-id-unique compares them; quoted as sent.
            const auto a = x.tent_id ? x.tent_id->text : std::string();
            const auto b = y.tent_id ? y.tent_id->text : std::string();
            if (lowercase(a) == lowercase(b)) return;
            const std::string what = a.empty() ? "appeared (" + detail::quoted(b) + ")"
                                     : b.empty() ? "disappeared (was " + detail::quoted(a) + ")"
                                                 : "changed from " + detail::quoted(a) + " to " + detail::quoted(b);
            // seq/tent-id-stable
            report_item<&bulk_job_item::tent_id>(rule::seq_tent_id_stable, pi, ci, "tent_id",
                                                 "tent_id of index " + std::to_string(y.index) + " " + what);
        });
    }

    std::optional<std::pair<instant, instant>> updated() const
    {
        if (!both<&bulk_job::updated_at>()) return std::nullopt;
        const auto a = parse_timestamp(p_.job.updated_at.text), b = parse_timestamp(c_.job.updated_at.text);
        if (!a || !b) return std::nullopt;
        return std::make_pair(*a, *b);
    }

    void time()
    {
        const auto u = updated();
        if (!u) return;
        // Both texts are RFC 3339 timestamps (`updated` parsed them): no quote or backslash in them.
        if (u->second < u->first)
            // seq/time
            report<&bulk_job::updated_at>(rule::seq_time, "/updated_at",
                                          "updated_at went back from " + p_.job.updated_at.text + " to " +
                                              c_.job.updated_at.text);
        else if (u->first == u->second && state_changed())
            // seq/stale-updated-at
            report<&bulk_job::updated_at>(rule::seq_stale_updated_at, "/updated_at",
                                          "the job's state changed but updated_at stayed " + c_.job.updated_at.text);
    }

    bool state_changed()
    {
        const auto& a = p_.job;
        const auto& b = c_.job;
        bool changed = a.status != b.status || a.queued != b.queued || a.generating != b.generating ||
                       a.completed != b.completed || a.failed != b.failed || !(a.credits == b.credits);
        each_item([&](const bulk_job_item& x, const bulk_job_item& y, std::size_t, std::size_t) {
            changed = changed || x.status != y.status || x.publication_status != y.publication_status ||
                      x.published_url != y.published_url;
        });
        return changed;
    }

    static int job_rank(job_status s) noexcept
    {
        return s == job_status::accepted ? 0 : s == job_status::running ? 1 : 2;
    }

    void job_transition()
    {
        if (!both<&bulk_job::status>()) return;
        const auto a = p_.job.status, b = c_.job.status;
        if (a == b) return;
        const bool back = is_terminal(a) || job_rank(b) < job_rank(a);
        if (back)
            // seq/job-transition
            report<&bulk_job::status>(rule::seq_job_transition, "/status",
                                      "job status moved from " + quote(a) + " to " + quote(b) +
                                          (is_terminal(a) ? " (a terminal status never changes)"
                                                          : " (accepted, then running, then a terminal status)"));
    }

    static int item_rank(item_status s) noexcept
    {
        return s == item_status::queued ? 0 : s == item_status::generating ? 1 : 2;
    }

    bool item_transitions()
    {
        bool back = false;
        each_item([&](const bulk_job_item& x, const bulk_job_item& y, std::size_t pi, std::size_t ci) {
            if (x.status == y.status) return;
            const bool final = x.status == item_status::rejected || x.status == item_status::completed ||
                               x.status == item_status::failed;
            if (!final && y.status != item_status::rejected && item_rank(y.status) > item_rank(x.status)) return;
            back = true;
            // seq/item-transition
            report_item<&bulk_job_item::status>(rule::seq_item_transition, pi, ci, "status",
                                                "item " + std::to_string(y.index) + " moved from " + quote(x.status) +
                                                    " to " + quote(y.status) +
                                                    (final ? " (" + quote(x.status) + " never changes)"
                                                           : std::string(" (queued, then generating, then completed or failed)")));
        });
        return back;
    }

    void monotonic_counts()
    {
        const auto& a = p_.job;
        const auto& b = c_.job;
        auto decreased = [&](auto p, const char* name, std::int64_t x, std::int64_t y) {
            // seq/monotonic-counts
            if (y < x) report<decltype(p)::value>(rule::seq_monotonic_counts, std::string("/") + name,
                                                  std::string(name) + " decreased from " + std::to_string(x) + " to " + std::to_string(y));
        };
        using std::integral_constant;
        if (both<&bulk_job::completed>())
            decreased(integral_constant<decltype(&bulk_job::completed), &bulk_job::completed>{}, "completed", a.completed, b.completed);
        if (both<&bulk_job::failed>())
            decreased(integral_constant<decltype(&bulk_job::failed), &bulk_job::failed>{}, "failed", a.failed, b.failed);
        if (both<&bulk_job::queued>() && both<&bulk_job::generating>() && b.queued + b.generating > a.queued + a.generating)
            // seq/monotonic-counts
            report<&bulk_job::queued>(rule::seq_monotonic_counts, "/queued",
                                      "queued + generating increased from " + std::to_string(a.queued + a.generating) +
                                          " to " + std::to_string(b.queued + b.generating));
        credit_counts();
    }

    void credit_counts()
    {
        const auto& ps = child_of<&bulk_job::credits>(p_.shadow);
        const auto& cs = child_of<&bulk_job::credits>(c_.shadow);
        const auto& a = p_.job.credits;
        const auto& b = c_.job.credits;
        auto check = [&](const slot& x, const slot& y, const char* name, std::int64_t before, std::int64_t now, bool fixed) {
            if (!x.present() || !y.present()) return;
            if (fixed ? now == before : now >= before) return;
            // seq/monotonic-counts
            out_.add(rule::seq_monotonic_counts, y.offset, std::string("/credits/") + name,
                     "credits." + std::string(name) + (fixed ? " changed" : " decreased") + " from " +
                         std::to_string(before) + " to " + std::to_string(now) + " (previous poll: " + p_.where(x.offset) + ")");
        };
        if (!both<&bulk_job::credits>()) return;
        check(slot_of<&credits::reserved>(ps), slot_of<&credits::reserved>(cs), "reserved", a.reserved, b.reserved, true);
        check(slot_of<&credits::consumed>(ps), slot_of<&credits::consumed>(cs), "consumed", a.consumed, b.consumed, false);
        check(slot_of<&credits::refunded>(ps), slot_of<&credits::refunded>(cs), "refunded", a.refunded, b.refunded, false);
    }

    void publication()
    {
        each_item([&](const bulk_job_item& x, const bulk_job_item& y, std::size_t pi, std::size_t ci) {
            if (item_both<&bulk_job_item::publication_status>(pi, ci) && x.publication_status && y.publication_status &&
                *x.publication_status != publication_status::pending && *y.publication_status == publication_status::pending)
                // seq/publication-transition
                report_item<&bulk_job_item::publication_status>(
                    rule::seq_publication_transition, pi, ci, "publication_status",
                    "publication_status of item " + std::to_string(y.index) + " went back from " +
                        quote(*x.publication_status) + " to \"pending\"");
            if (item_both<&bulk_job_item::published_url>(pi, ci) && x.published_url && x.published_url != y.published_url)
                // seq/publication-transition
                report_item<&bulk_job_item::published_url>(
                    rule::seq_publication_transition, pi, ci, "published_url",
                    "published_url of item " + std::to_string(y.index) + " changed from " + detail::quoted(x.published_url->text) + " to " +
                        (y.published_url ? detail::quoted(y.published_url->text) : std::string("absent")));
        });
    }

    const poll p_;
    const poll c_;
    sink& out_;
    std::vector<std::pair<std::int64_t, std::size_t>> p_items_; // items_by_index
    std::vector<std::pair<std::int64_t, std::size_t>> c_items_;
};

} // namespace tented::contract::detail

#endif
