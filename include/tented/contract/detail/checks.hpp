// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_HPP

#include <tented/contract/detail/shadow.hpp>
#include <tented/contract/detail/sink.hpp>
#include <tented/contract/types.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The rules of CONTRACT.md sections 3 to 8, each a small function over the decoded job and its
// shadow. A rule runs only where the members it needs decoded cleanly (the decoder already
// reported why not), and a rule whose finding would only restate another's stays silent.
namespace tented::contract::detail {

template <class E>
std::string quote(E value)
{
    std::string s = "\"";
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto en) {
        if (en.value == value) s += en.name;
    });
    return s + '"';
}

inline std::string item_pointer(std::size_t i, std::string_view member = {})
{
    std::string p = "/items/" + std::to_string(i);
    if (!member.empty()) p.append("/").append(member);
    return p;
}

/// What the rules share: the job, where its parts stood, and the facts derived once.
struct job_view
{
    const bulk_job& job;
    const object_shadow<bulk_job>& shadow;
    const array_shadow<bulk_job_item>& items_shadow;

    bool items_known = false;        // items decoded and every item has a known status
    std::array<std::int64_t, 5> buckets{}; // items by item_status
    bool counters_known = false;     // total and the four counters decoded
    bool counts_consistent = false;  // items/count, counts/* hold: the counters can be trusted

    job_view(const bulk_job& j, const object_shadow<bulk_job>& s)
        : job(j), shadow(s), items_shadow(child_of<&bulk_job::items>(s))
    {
        counters_known = has<&bulk_job::total>() && has<&bulk_job::queued>() &&
                         has<&bulk_job::generating>() && has<&bulk_job::completed>() &&
                         has<&bulk_job::failed>();
        items_known = has<&bulk_job::items>();
        for (std::size_t i = 0; items_known && i < job.items.size(); ++i) {
            items_known = item_has<&bulk_job_item::status>(i);
            if (items_known) ++buckets[static_cast<std::size_t>(job.items[i].status)];
        }
    }

    template <auto P>
    bool has() const noexcept { return slot_of<P>(shadow).present(); }

    template <auto P>
    std::size_t at() const noexcept
    {
        const auto& s = slot_of<P>(shadow);
        return s.state == slot_state::absent ? shadow.begin : s.offset;
    }

    bool item_decoded(std::size_t i) const noexcept { return items_shadow.elements[i].present(); }

    template <auto P>
    bool item_has(std::size_t i) const noexcept
    {
        return item_decoded(i) && slot_of<P>(items_shadow.children[i]).present();
    }

    template <auto P>
    slot_state item_state(std::size_t i) const noexcept
    {
        return item_decoded(i) ? slot_of<P>(items_shadow.children[i]).state : slot_state::invalid;
    }

    template <auto P>
    std::size_t item_at(std::size_t i) const noexcept
    {
        const auto& s = slot_of<P>(items_shadow.children[i]);
        return s.state == slot_state::absent ? items_shadow.children[i].begin : s.offset;
    }

    std::int64_t bucket(item_status s) const noexcept { return buckets[static_cast<std::size_t>(s)]; }
    std::int64_t rejected() const noexcept { return bucket(item_status::rejected); }
    std::int64_t accepted() const noexcept
    {
        return static_cast<std::int64_t>(job.items.size()) - rejected();
    }
};

inline std::string items_word(std::int64_t n) { return n == 1 ? " item" : " items"; }

// ---- section 3: counts, items, limits ---------------------------------------------------------

inline void check_counts(job_view& v, sink& out)
{
    const auto& j = v.job;
    if (!v.items_known || !v.counters_known) return;
    const auto n = static_cast<std::int64_t>(j.items.size());
    if (n != j.total) {
        out.add(rule::items_count, v.at<&bulk_job::items>(), "/items",
                "items holds " + std::to_string(n) + (n == 1 ? " entry" : " entries") +
                    " but total is " + std::to_string(j.total));
        return;
    }
    const std::int64_t sum = j.queued + j.generating + j.completed + j.failed + v.rejected();
    if (sum != j.total) {
        out.add(rule::counts_sum_to_total, v.at<&bulk_job::total>(), "/total",
                "queued " + std::to_string(j.queued) + " + generating " + std::to_string(j.generating) +
                    " + completed " + std::to_string(j.completed) + " + failed " + std::to_string(j.failed) +
                    " + rejected items " + std::to_string(v.rejected()) + " = " + std::to_string(sum) +
                    ", but total is " + std::to_string(j.total));
        return;
    }
    bool buckets_hold = true;
    auto bucket = [&](const char* name, std::int64_t counter, item_status s, std::size_t offset) {
        const auto items = v.bucket(s);
        if (counter == items) return;
        buckets_hold = false;
        out.add(rule::counts_buckets, offset, std::string("/") + name,
                std::string(name) + " is " + std::to_string(counter) + " but " + std::to_string(items) +
                    items_word(items) + (items == 1 ? " has" : " have") + " status " + quote(s));
    };
    bucket("queued", j.queued, item_status::queued, v.at<&bulk_job::queued>());
    bucket("generating", j.generating, item_status::generating, v.at<&bulk_job::generating>());
    bucket("completed", j.completed, item_status::completed, v.at<&bulk_job::completed>());
    bucket("failed", j.failed, item_status::failed, v.at<&bulk_job::failed>());
    v.counts_consistent = buckets_hold;
}

inline void check_indexes(const job_view& v, sink& out)
{
    const auto& items = v.job.items;
    if (!v.has<&bulk_job::items>()) return;
    bool all_known = true, range_ok = true, unique_ok = true;
    std::vector<std::pair<std::int64_t, std::size_t>> seen;
    seen.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!v.item_has<&bulk_job_item::index>(i)) {
            all_known = false;
            continue;
        }
        const auto index = items[i].index;
        if (v.has<&bulk_job::total>() && index >= v.job.total) {
            range_ok = false;
            out.add(rule::items_index_range, v.item_at<&bulk_job_item::index>(i), item_pointer(i, "index"),
                    "index " + std::to_string(index) + " is outside [0, total) = [0, " +
                        std::to_string(v.job.total) + ")");
        }
        seen.emplace_back(index, i);
    }
    // Items usually come in index order: then the pairs are sorted already.
    const auto by_index = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(seen.begin(), seen.end(), by_index)) std::stable_sort(seen.begin(), seen.end(), by_index);
    for (std::size_t k = 1; k < seen.size(); ++k) {
        if (seen[k].first != seen[k - 1].first) continue;
        unique_ok = false;
        const auto i = seen[k].second;
        out.add(rule::items_index_unique, v.item_at<&bulk_job_item::index>(i), item_pointer(i, "index"),
                "index " + std::to_string(items[i].index) + " is also the index of " + item_pointer(seen[k - 1].second));
    }
    if (!all_known || !range_ok || !unique_ok) return;
    for (std::size_t i = 1; i < items.size(); ++i) {
        if (items[i].index > items[i - 1].index) continue;
        out.add(rule::items_order, v.item_at<&bulk_job_item::index>(i), item_pointer(i, "index"),
                "items are not in ascending index order: index " + std::to_string(items[i].index) +
                    " follows index " + std::to_string(items[i - 1].index));
        return;
    }
}

inline std::string lowercase(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

constexpr char fold_case(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// True when `a` and `b` are equal once lowercased, as `lowercase` would.
inline bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (fold_case(a[k]) != fold_case(b[k])) return false;
    return true;
}

/// A hash under which strings equal ignoring case hash alike. It folds eight bytes at a time
/// with `| 0x20`, coarser than `fold_case` (it also pairs some punctuation, as '@' and '`'):
/// harmless, since equal hashes are compared as text.
inline std::uint64_t hash_ignoring_case(std::string_view s) noexcept
{
    constexpr std::uint64_t fold = 0x2020202020202020ull, prime = 0x100000001b3ull;
    std::uint64_t h = 0xcbf29ce484222325ull ^ s.size();
    std::size_t k = 0;
    for (; k + 8 <= s.size(); k += 8) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + k, 8);
        h = (h ^ (word | fold)) * prime;
        h ^= h >> 32;
    }
    for (; k < s.size(); ++k) h = (h ^ (static_cast<unsigned char>(s[k]) | 0x20u)) * prime;
    return h;
}

inline void check_tent_id_unique(const job_view& v, sink& out)
{
    const auto& items = v.job.items;
    if (!v.has<&bulk_job::items>()) return;
    const auto tent_id = [&](std::size_t i) { return std::string_view(items[i].tent_id->text); };
    // (hash, item) pairs, sorted: items that may share a tent_id end up side by side, in item
    // order. Sorting integers in one vector is cheaper than a map of lowercased copies.
    std::vector<std::pair<std::uint64_t, std::size_t>> ids;
    ids.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        if (v.item_has<&bulk_job_item::tent_id>(i)) ids.emplace_back(hash_ignoring_case(tent_id(i)), i);
    std::sort(ids.begin(), ids.end());
    std::vector<std::pair<std::size_t, std::size_t>> repeats; // (item, its tent_id's first owner)
    for (std::size_t k = 1, run = 0; k < ids.size(); ++k) {
        if (ids[k].first != ids[run].first) {
            run = k;
            continue;
        }
        for (std::size_t j = run; j < k; ++j) { // same hash: compare the text (hashes collide)
            if (!equal_ignoring_case(tent_id(ids[j].second), tent_id(ids[k].second))) continue;
            repeats.emplace_back(ids[k].second, ids[j].second);
            break;
        }
    }
    std::sort(repeats.begin(), repeats.end()); // report in item order
    for (const auto& [i, owner] : repeats)
        out.add(rule::items_tent_id_unique, v.item_at<&bulk_job_item::tent_id>(i), item_pointer(i, "tent_id"),
                "tent_id " + items[i].tent_id->text + " is also the tent_id of " + item_pointer(owner));
}

inline void check_limits(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::total>()) return;
    const auto total = v.job.total;
    const auto limit = out.opts().max_items;
    if (total >= 1 && total <= limit) return;
    out.add(rule::limits_total, v.at<&bulk_job::total>(), "/total",
            "total is " + std::to_string(total) + ", outside 1.." + std::to_string(limit) +
                " (a bulk request holds between 1 and " + std::to_string(limit) + " items)");
}

// ---- section 4: items --------------------------------------------------------------------------

inline void check_item_members(const job_view& v, std::size_t i, sink& out)
{
    const auto& item = v.job.items[i];
    const auto s = item.status;
    const bool rejected = s == item_status::rejected;
    const bool settled_ok = s == item_status::queued || s == item_status::generating || s == item_status::completed;
    const auto tent_id = v.item_state<&bulk_job_item::tent_id>(i);
    const auto tent_name = v.item_state<&bulk_job_item::tent_name>(i);
    const auto error_code = v.item_state<&bulk_job_item::error_code>(i);
    const auto message = v.item_state<&bulk_job_item::message>(i);
    // Built only for a finding: a valid item must not pay for a message.
    const auto status_text = [s] { return "status " + quote(s); };

    if (!rejected && tent_id == slot_state::absent)
        out.add(rule::item_tent_id, v.item_at<&bulk_job_item::tent_id>(i), item_pointer(i, "tent_id"),
                "an accepted item (" + status_text() + ") has no tent_id (present for accepted items)");
    if (rejected && tent_id == slot_state::present)
        out.add(rule::item_tent_id, v.item_at<&bulk_job_item::tent_id>(i), item_pointer(i, "tent_id"),
                "a rejected item has tent_id " + item.tent_id->text + " (rejected items were never queued)");
    if (!rejected && tent_name == slot_state::absent)
        out.add(rule::item_tent_name, v.item_at<&bulk_job_item::tent_name>(i), item_pointer(i, "tent_name"),
                "an accepted item (" + status_text() + ") has no tent_name");
    if (rejected && error_code == slot_state::absent)
        out.add(rule::item_error_code, v.item_at<&bulk_job_item::error_code>(i), item_pointer(i, "error_code"),
                "a rejected item has no error_code (present for rejected items)");
    if (!rejected && error_code == slot_state::present)
        out.add(rule::item_unexpected_error_code, v.item_at<&bulk_job_item::error_code>(i),
                item_pointer(i, "error_code"),
                "an item with " + status_text() + " carries error_code " + item.error_code->text +
                    " (present for rejected items)");
    if ((rejected || s == item_status::failed) && message == slot_state::absent)
        out.add(rule::item_message, v.item_at<&bulk_job_item::message>(i), item_pointer(i, "message"),
                "an item with " + status_text() + " has no message (present for rejected or failed items)");
    if (settled_ok && message == slot_state::present)
        out.add(rule::item_unexpected_message, v.item_at<&bulk_job_item::message>(i), item_pointer(i, "message"),
                "an item with " + status_text() + " carries a message (present for rejected or failed items)");
}

// ---- section 5: publication ----------------------------------------------------------------------

inline void check_item_publication(const job_view& v, std::size_t i, sink& out)
{
    const auto& item = v.job.items[i];
    const auto ps = v.item_state<&bulk_job_item::publication_status>(i);
    const auto url = v.item_state<&bulk_job_item::published_url>(i);
    const bool any = ps != slot_state::absent || url != slot_state::absent;
    if (!any) return;
    const auto ps_at = v.item_at<&bulk_job_item::publication_status>(i);
    const auto url_at = v.item_at<&bulk_job_item::published_url>(i);
    const bool ps_set = ps == slot_state::present;
    const auto status = item.status;

    if (status == item_status::rejected) {
        const bool on_ps = ps != slot_state::absent;
        out.add(rule::publication_requires_generation, on_ps ? ps_at : url_at,
                item_pointer(i, on_ps ? "publication_status" : "published_url"),
                "a rejected item carries publication fields (it was never generated)");
        return;
    }
    if (ps_set && *item.publication_status != publication_status::pending && status != item_status::completed) {
        out.add(rule::publication_requires_generation, ps_at, item_pointer(i, "publication_status"),
                "publication_status " + quote(*item.publication_status) + " on an item with status " +
                    quote(status) + " (only a completed tent is published)");
        return;
    }
    const bool published = ps_set && (*item.publication_status == publication_status::published ||
                                      *item.publication_status == publication_status::published_with_warnings);
    if (ps != slot_state::invalid && url == slot_state::present && !published)
        out.add(rule::publication_url, url_at, item_pointer(i, "published_url"),
                "published_url is present but publication_status is " +
                    (ps_set ? quote(*item.publication_status) : std::string("absent")) +
                    " (published_url appears when a tent is successfully published)");
    if (published && url == slot_state::absent)
        out.add(rule::publication_url, url_at, item_pointer(i, "published_url"),
                "publication_status is " + quote(*item.publication_status) + " but published_url is absent");
    if (v.has<&bulk_job::auto_publish>() && !v.job.auto_publish)
        out.add(rule::publication_requires_auto_publish, ps != slot_state::absent ? ps_at : url_at,
                item_pointer(i, ps != slot_state::absent ? "publication_status" : "published_url"),
                "publication fields on an item of a job whose auto_publish is false");
    if (ps_set && *item.publication_status == publication_status::pending && status == item_status::failed)
        out.add(rule::publication_stale_pending, ps_at, item_pointer(i, "publication_status"),
                "publication_status \"pending\" on a failed item (its generation will never be published)");
}

inline void check_items(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::items>()) return;
    for (std::size_t i = 0; i < v.job.items.size(); ++i) {
        if (!v.item_has<&bulk_job_item::status>(i)) continue;
        check_item_members(v, i, out);
        check_item_publication(v, i, out);
    }
}

// ---- section 6: job status -------------------------------------------------------------------------

inline bool is_terminal(job_status s) noexcept
{
    return s == job_status::completed || s == job_status::completed_with_failures || s == job_status::failed;
}

/// The status the counters imply (`running` also stands for "accepted or running").
inline job_status implied_status(const bulk_job& j, std::int64_t accepted) noexcept
{
    if (accepted == 0) return job_status::failed;
    if (j.queued + j.generating > 0) return job_status::running;
    if (j.completed == 0) return job_status::failed;
    return j.failed == 0 ? job_status::completed : job_status::completed_with_failures;
}

inline bool status_agrees(const bulk_job& j, std::int64_t accepted) noexcept
{
    if (accepted == 0) return j.status == job_status::failed;
    const bool idle = j.queued + j.generating == 0;
    switch (j.status) {
    case job_status::accepted: return j.generating == 0 && j.completed == 0 && j.failed == 0 && j.queued == accepted;
    case job_status::running: return !idle;
    case job_status::completed: return idle && j.failed == 0 && j.completed >= 1;
    case job_status::completed_with_failures: return idle && j.completed >= 1 && j.failed >= 1;
    case job_status::failed: return idle && j.completed == 0;
    }
    return false;
}

inline void check_status(const job_view& v, sink& out)
{
    const auto& j = v.job;
    if (!v.counts_consistent || !v.has<&bulk_job::status>() || status_agrees(j, v.accepted())) return;
    std::string why;
    if (v.accepted() == 0) {
        why = "every item was rejected; the reference leaves this case open, and the expected status is "
              "\"failed\" (no accepted item completed)";
    } else {
        const auto implied = implied_status(j, v.accepted());
        const bool waiting = j.queued == v.accepted() && j.generating + j.completed + j.failed == 0;
        why = "queued " + std::to_string(j.queued) + ", generating " + std::to_string(j.generating) +
              ", completed " + std::to_string(j.completed) + ", failed " + std::to_string(j.failed) +
              " of " + std::to_string(v.accepted()) + " accepted" + items_word(v.accepted()) +
              " imply " + (waiting ? std::string("\"accepted\" or \"running\"") : quote(implied));
    }
    out.add(rule::status_consistent_with_counts, v.at<&bulk_job::status>(), "/status",
            "status " + quote(j.status) + " contradicts the counters: " + why);
}

// ---- section 7: credits ------------------------------------------------------------------------------

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
        out.add(rule::credits_balance, slot_of<&credits::reserved>(sh).offset, "/credits/reserved",
                "reserved " + n(c.reserved) + " != consumed " + n(c.consumed) + " + refunded " + n(c.refunded) +
                    " + pending_reconciliation " + n(c.pending_reconciliation) + " = " + n(spent));
        return;
    }
    if (v.has<&bulk_job::status>() && is_terminal(v.job.status) && c.pending_reconciliation > 0) {
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
            out.add(rule::credits_unit_cost, slot_of<&credits::reserved>(sh).offset, "/credits/reserved",
                    "no item was accepted, yet reserved is " + n(c.reserved) + " (expected 0)");
        return;
    }
    if (c.reserved == 0 || c.reserved % accepted != 0) {
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
        out.add(rule::credits_unit_cost, x.offset, std::string("/credits/") + x.name,
                std::string(x.name) + " is " + n(x.got) + " but at " + n(k) + " credit" + (k == 1 ? "" : "s") +
                    " per accepted item (reserved " + n(c.reserved) + " for " + n(accepted) + ") it should be " +
                    n(k) + " x " + x.counter + " " + n(x.per) + " = " + n(k * x.per));
        return;
    }
}

// ---- section 8: time ---------------------------------------------------------------------------------

inline void check_time(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::created_at>() || !v.has<&bulk_job::updated_at>()) return;
    const auto created = parse_timestamp(v.job.created_at.text);
    const auto updated = parse_timestamp(v.job.updated_at.text);
    if (!created || !updated || !(*updated < *created)) return;
    out.add(rule::time_order, v.at<&bulk_job::updated_at>(), "/updated_at",
            "updated_at " + v.job.updated_at.text + " is earlier than created_at " + v.job.created_at.text);
}

/// Runs every rule of sections 3 to 8 over a decoded job, in catalogue order.
inline void check_job(const bulk_job& job, const object_shadow<bulk_job>& shadow, sink& out)
{
    job_view v(job, shadow);
    check_counts(v, out);
    check_indexes(v, out);
    check_tent_id_unique(v, out);
    check_limits(v, out);
    check_items(v, out);
    check_status(v, out);
    check_credits(v, out);
    check_time(v, out);
}

} // namespace tented::contract::detail

#endif
