// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_HPP

#include <tented/contract/detail/decoder.hpp>
#include <tented/contract/detail/shadow.hpp>
#include <tented/contract/detail/sink.hpp>
#include <tented/contract/types.hpp>

#include <boost/config.hpp>
#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The rules of docs/contract.md sections 3 to 8, each a small function over the decoded job and its
// shadow. A rule runs only where the members it reads decoded cleanly (the decoder already
// reported why not); beyond that it is skipped only where README's table "What is not reported
// twice" says so, judged on the values: never on another rule's options or findings.
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

inline std::string lowercase(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

constexpr char fold_case(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `word` (eight bytes of text) with A-Z lowered, as `fold_case` lowers each byte.
inline std::uint64_t fold_case_word(std::uint64_t word) noexcept
{
    if (word & byte_highs) { // bytes_in needs every byte below 0x80
        unsigned char b[8];
        std::memcpy(b, &word, 8);
        for (auto& c : b) c = static_cast<unsigned char>(fold_case(static_cast<char>(c)));
        std::memcpy(&word, b, 8);
        return word;
    }
    return word | (bytes_in(word, 'A', 'Z') >> 2); // 0x80 >> 2 is the case bit 0x20
}

/// A hash of `s` once lowered as `fold_case` lowers it: strings equal ignoring case hash alike,
/// and only they, unless the 64-bit hash collides.
inline std::uint64_t hash_ignoring_case(std::string_view s) noexcept
{
    constexpr std::uint64_t prime = 0x100000001b3ull;
    std::uint64_t h = 0xcbf29ce484222325ull ^ s.size();
    const auto mix = [&](std::size_t at) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + at, 8);
        h = (h ^ fold_case_word(word)) * prime;
        h ^= h >> 32;
    };
    if (s.size() < 8) {
        for (char c : s) h = (h ^ static_cast<unsigned char>(fold_case(c))) * prime;
        return h;
    }
    std::size_t k = 0;
    for (; k + 8 <= s.size(); k += 8) mix(k);
    if (k < s.size()) mix(s.size() - 8); // the last bytes, in a word overlapping the one before
    return h;
}

/// One item as the rules read it: its value, where its members stood, and its place in `items`.
/// A member counts only where its slot says it is present (a streamed item's value may hold a
/// stale member from an earlier item).
struct item_view
{
    const bulk_job_item& item;
    const object_shadow<bulk_job_item>& shadow;
    const slot& element;
    std::size_t i;

    bool decoded() const noexcept { return element.present(); }

    template <auto P>
    bool has() const noexcept { return decoded() && slot_of<P>(shadow).present(); }

    template <auto P>
    slot_state state() const noexcept { return decoded() ? slot_of<P>(shadow).state : slot_state::invalid; }

    template <auto P>
    std::size_t at() const noexcept
    {
        const auto& s = slot_of<P>(shadow);
        return s.state == slot_state::absent ? shadow.begin : s.offset;
    }

    /// The text of the formatted member `P`, present (validation views it in the input).
    template <auto P>
    std::string_view text() const noexcept { return text_of(item.*P, child_of<P>(shadow)); }

    std::string pointer(std::string_view member) const { return item_pointer(i, member); }
};

/** What the rules over the whole job need to know of its items, gathered one item at a time, so
    that validation keeps a few words per item rather than the items (README, "Limits").

    `source` is the input text when there is one: a tent_id is then read back from it when a
    finding needs its text; a parsed value has no text, so its tent_ids are copied. */
class item_facts
{
public:
    struct index_entry
    {
        std::int64_t index;
        std::size_t offset;
        std::size_t item;
    };

    struct tent_id_entry
    {
        std::uint64_t hash; // hash_ignoring_case of the text
        std::size_t offset;
        std::size_t item;
    };

    /// An item carrying publication fields: publication/requires-auto-publish, once auto_publish is known.
    struct publication_entry
    {
        std::size_t item;
        std::size_t offset;
        bool on_status; // the finding points at publication_status, else at published_url
    };

    explicit item_facts(std::string_view source) : source_(source) {}

    void observe(const item_view& v)
    {
        ++count;
        if (v.has<&bulk_job_item::status>()) ++buckets[static_cast<std::size_t>(v.item.status)];
        else statuses_known = false;
        if (v.has<&bulk_job_item::index>())
            indexes.push_back({v.item.index, v.at<&bulk_job_item::index>(), v.i});
        else
            indexes_known = false;
        if (v.has<&bulk_job_item::tent_id>()) add_tent_id(v);
    }

    /// The text of the tent_id of `e`.
    std::string tent_id(const tent_id_entry& e) const
    {
        if (!source_.empty()) return string_at(source_, e.offset);
        const auto by_item = [](const auto& t, std::size_t item) { return t.first < item; };
        return std::lower_bound(texts_.begin(), texts_.end(), e.item, by_item)->second;
    }

    std::size_t count = 0;            // elements of items
    bool statuses_known = true;       // every element decoded, with a status
    bool indexes_known = true;        // every element decoded, with an index
    std::array<std::int64_t, 5> buckets{}; // items by item_status
    // Room for the 25 items a response holds by default (limits/total) inside the facts, so
    // that validating one costs no allocation for them.
    static constexpr std::size_t room = 32;
    // Doubling as std::vector does: a list of a million items is moved 15 times, not 25.
    template <class T>
    using list = boost::container::small_vector<
        T, room, void,
        boost::container::small_vector_options<boost::container::growth_factor<boost::container::growth_factor_100>>::type>;

    list<index_entry> indexes; // in item order
    list<tent_id_entry> tent_ids;
    list<publication_entry> publications;

    /// Forgets every item: a repeated `items` member starts again, as the last one is read.
    void clear() { *this = item_facts(source_); }

private:
    void add_tent_id(const item_view& v)
    {
        const std::string_view text = v.text<&bulk_job_item::tent_id>();
        tent_ids.push_back({hash_ignoring_case(text), v.at<&bulk_job_item::tent_id>(), v.i});
        if (source_.empty()) texts_.emplace_back(v.i, text);
    }

    std::string_view source_;
    std::vector<std::pair<std::size_t, std::string>> texts_; // (item, tent_id) without a source
};

/// What the job-level rules share: the job, where its parts stood, its items' facts, and the
/// facts derived once.
struct job_view
{
    const bulk_job& job;
    const object_shadow<bulk_job>& shadow;
    item_facts& items;

    bool items_known = false;        // items decoded and every item has a known status
    bool counters_known = false;     // total and the four counters decoded
    bool counts_consistent = false;  // items/count, counts/* hold: the counters can be trusted

    job_view(const bulk_job& j, const object_shadow<bulk_job>& s, item_facts& facts)
        : job(j), shadow(s), items(facts)
    {
        counters_known = has<&bulk_job::total>() && has<&bulk_job::queued>() &&
                         has<&bulk_job::generating>() && has<&bulk_job::completed>() &&
                         has<&bulk_job::failed>();
        items_known = has<&bulk_job::items>() && facts.statuses_known;
    }

    /// The text of the formatted member `P`, present (validation views it in the input).
    template <auto P>
    std::string_view text() const noexcept { return text_of(job.*P, child_of<P>(shadow)); }

    template <auto P>
    bool has() const noexcept { return slot_of<P>(shadow).present(); }

    template <auto P>
    std::size_t at() const noexcept
    {
        const auto& s = slot_of<P>(shadow);
        return s.state == slot_state::absent ? shadow.begin : s.offset;
    }

    std::int64_t count() const noexcept { return static_cast<std::int64_t>(items.count); }
    std::int64_t bucket(item_status s) const noexcept { return items.buckets[static_cast<std::size_t>(s)]; }
    std::int64_t rejected() const noexcept { return bucket(item_status::rejected); }
    std::int64_t accepted() const noexcept { return count() - rejected(); }
};

inline std::string items_word(std::int64_t n) { return n == 1 ? " item" : " items"; }

// ---- section 3: counts, items, limits ---------------------------------------------------------

inline void check_counts(job_view& v, sink& out)
{
    const auto& j = v.job;
    // items/count reads only the number of entries, whatever their types.
    if (!v.has<&bulk_job::items>() || !v.has<&bulk_job::total>()) return;
    const auto n = v.count();
    if (n != j.total) { // README, "What is not reported twice": the counters then cannot agree
        out.add(rule::items_count, v.at<&bulk_job::items>(), "/items",
                "items holds " + std::to_string(n) + (n == 1 ? " entry" : " entries") +
                    " but total is " + std::to_string(j.total));
        return;
    }
    if (!v.items_known || !v.counters_known) return;
    const std::int64_t sum = j.queued + j.generating + j.completed + j.failed + v.rejected();
    if (sum != j.total)
        out.add(rule::counts_sum_to_total, v.at<&bulk_job::total>(), "/total",
                "queued " + std::to_string(j.queued) + " + generating " + std::to_string(j.generating) +
                    " + completed " + std::to_string(j.completed) + " + failed " + std::to_string(j.failed) +
                    " + rejected items " + std::to_string(v.rejected()) + " = " + std::to_string(sum) +
                    ", but total is " + std::to_string(j.total));
    // Beside counts/sum-to-total: the bucket finding names the counter to fix.
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
    v.counts_consistent = sum == j.total && buckets_hold;
}

inline void check_indexes(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::items>()) return;
    auto& seen = v.items.indexes; // in item order
    bool range_ok = true, unique_ok = true;
    for (const auto& e : seen) {
        if (!v.has<&bulk_job::total>() || e.index < v.job.total) continue;
        range_ok = false;
        out.add(rule::items_index_range, e.offset, item_pointer(e.item, "index"),
                "index " + std::to_string(e.index) + " is outside [0, total) = [0, " +
                    std::to_string(v.job.total) + ")");
    }
    // Judged before `seen` is sorted, reported only when range and uniqueness hold.
    const auto disorder = std::adjacent_find(seen.begin(), seen.end(),
                                             [](const auto& a, const auto& b) { return b.index <= a.index; });
    const auto by_index = [](const auto& a, const auto& b) { return a.index < b.index || (a.index == b.index && a.item < b.item); };
    std::optional<std::pair<std::int64_t, item_facts::index_entry>> misplaced;
    if (disorder != seen.end()) misplaced.emplace(disorder->index, *std::next(disorder));
    // Items usually come in index order: then the entries are sorted already.
    if (!std::is_sorted(seen.begin(), seen.end(), by_index)) std::sort(seen.begin(), seen.end(), by_index);
    for (std::size_t k = 1; k < seen.size(); ++k) {
        if (seen[k].index != seen[k - 1].index) continue;
        unique_ok = false;
        out.add(rule::items_index_unique, seen[k].offset, item_pointer(seen[k].item, "index"),
                "index " + std::to_string(seen[k].index) + " is also the index of " + item_pointer(seen[k - 1].item));
    }
    if (!v.items.indexes_known || !range_ok || !unique_ok || !misplaced) return;
    const auto& [before, e] = *misplaced;
    out.add(rule::items_order, e.offset, item_pointer(e.item, "index"),
            "items are not in ascending index order: index " + std::to_string(e.index) + " follows index " +
                std::to_string(before));
}

inline void check_tent_id_unique(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::items>() || !out.enabled(rule::items_tent_id_unique)) return;
    // An open-addressing table holds the first entry of each hash, filled in item order; an
    // entry whose hash is there already joins that hash's group. Equal tent_ids share a hash, so
    // only a group can hold repeats: each is sorted by text, never compared pairwise, so that
    // texts built to collide cost n log n, not n^2.
    const auto& ids = v.items.tent_ids;
    std::size_t size = 2;
    while (size < 2 * ids.size()) size *= 2;
    boost::container::small_vector<std::uint32_t, 2 * item_facts::room> table(size, 0); // entry + 1; 0: empty
    std::vector<std::pair<std::uint32_t, std::uint32_t>> joined; // (first entry of the hash, entry)
    for (std::size_t k = 0; k < ids.size(); ++k) {
        auto h = static_cast<std::size_t>(ids[k].hash) & (size - 1);
        while (table[h] != 0 && ids[table[h] - 1u].hash != ids[k].hash) h = (h + 1) & (size - 1);
        if (table[h] == 0) table[h] = static_cast<std::uint32_t>(k + 1);
        else joined.emplace_back(table[h] - 1u, static_cast<std::uint32_t>(k));
    }
    std::sort(joined.begin(), joined.end());
    for (std::size_t g = 0; g < joined.size();) {
        std::vector<std::pair<std::string, std::size_t>> group{{lowercase(v.items.tent_id(ids[joined[g].first])), joined[g].first}};
        std::size_t end = g;
        for (; end < joined.size() && joined[end].first == joined[g].first; ++end)
            group.emplace_back(lowercase(v.items.tent_id(ids[joined[end].second])), joined[end].second);
        std::sort(group.begin(), group.end()); // by text, then in item order
        for (std::size_t k = 1, owner = 0; k < group.size(); ++k) {
            if (group[k].first != group[owner].first) {
                owner = k;
                continue;
            }
            const auto& repeat = ids[group[k].second];
            out.add(rule::items_tent_id_unique, repeat.offset, item_pointer(repeat.item, "tent_id"),
                    "tent_id " + v.items.tent_id(repeat) + " is also the tent_id of " +
                        item_pointer(ids[group[owner].second].item));
        }
        g = end;
    }
}

inline void check_limits(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::total>()) return;
    const auto total = v.job.total;
    const auto limit = out.opts().max_items;
    if (total >= 1 && total <= limit) return;
    const auto t = std::to_string(total), l = std::to_string(limit);
    // A limit below 1 is an option's choice, not the contract's: no range to name.
    out.add(rule::limits_total, v.at<&bulk_job::total>(), "/total",
            limit < 1 ? "total is " + t + ", but the item limit (max_items) is " + l + ": no total is within it"
                      : "total is " + t + ", outside 1.." + l + " (a bulk request holds between 1 and " + l + " items)");
}

// ---- section 4: items --------------------------------------------------------------------------

BOOST_FORCEINLINE void check_item_members(const item_view& v, sink& out)
{
    const auto& item = v.item;
    const auto s = item.status;
    const bool rejected = s == item_status::rejected;
    const bool settled_ok = s == item_status::queued || s == item_status::generating || s == item_status::completed;
    const auto tent_id = v.state<&bulk_job_item::tent_id>();
    const auto tent_name = v.state<&bulk_job_item::tent_name>();
    const auto error_code = v.state<&bulk_job_item::error_code>();
    const auto message = v.state<&bulk_job_item::message>();
    // Built only for a finding: a valid item must not pay for a message.
    const auto status_text = [s] { return "status " + quote(s); };

    if (!rejected && tent_id == slot_state::absent)
        out.add(rule::item_tent_id, v.at<&bulk_job_item::tent_id>(), v.pointer("tent_id"),
                "an accepted item (" + status_text() + ") has no tent_id (present for accepted items)");
    if (rejected && tent_id == slot_state::present)
        out.add(rule::item_tent_id, v.at<&bulk_job_item::tent_id>(), v.pointer("tent_id"),
                "a rejected item has tent_id " + std::string(v.text<&bulk_job_item::tent_id>()) + " (rejected items were never queued)");
    if (!rejected && tent_name == slot_state::absent)
        out.add(rule::item_tent_name, v.at<&bulk_job_item::tent_name>(), v.pointer("tent_name"),
                "an accepted item (" + status_text() + ") has no tent_name");
    if (rejected && error_code == slot_state::absent)
        out.add(rule::item_error_code, v.at<&bulk_job_item::error_code>(), v.pointer("error_code"),
                "a rejected item has no error_code (present for rejected items)");
    if (!rejected && error_code == slot_state::present)
        out.add(rule::item_unexpected_error_code, v.at<&bulk_job_item::error_code>(), v.pointer("error_code"),
                "an item with " + status_text() + " carries error_code " + std::string(v.text<&bulk_job_item::error_code>()) +
                    " (present for rejected items)");
    if ((rejected || s == item_status::failed) && message == slot_state::absent)
        out.add(rule::item_message, v.at<&bulk_job_item::message>(), v.pointer("message"),
                "an item with " + status_text() + " has no message (present for rejected or failed items)");
    if (settled_ok && message == slot_state::present)
        out.add(rule::item_unexpected_message, v.at<&bulk_job_item::message>(), v.pointer("message"),
                "an item with " + status_text() + " carries a message (present for rejected or failed items)");
}

// ---- section 5: publication ----------------------------------------------------------------------

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
        out.add(rule::publication_url, v.at<&bulk_job_item::published_url>(), v.pointer("published_url"),
                "published_url is present but publication_status is " + (ps_set ? quote(*p) : std::string("absent")) +
                    " (published_url appears when a tent is successfully published)");
    if (published && url == slot_state::absent)
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
        out.add(rule::publication_requires_generation, on_ps ? ps_at : v.at<&bulk_job_item::published_url>(),
                v.pointer(on_ps ? "publication_status" : "published_url"),
                "a rejected item carries publication fields (it was never generated)");
    } else if (ps_set && *p != publication_status::pending && status != item_status::completed) {
        out.add(rule::publication_requires_generation, ps_at, v.pointer("publication_status"),
                "publication_status " + quote(*p) + " on an item with status " + quote(status) +
                    " (only a completed tent is published)");
    }
    if (ps_set && *p == publication_status::pending && status == item_status::failed)
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
    facts.publications.push_back(
        {v.i, on_status ? v.at<&bulk_job_item::publication_status>() : v.at<&bulk_job_item::published_url>(), on_status});
}

/// publication/requires-auto-publish, for the items that carry publication fields: judged once
/// the job's auto_publish is known, which may follow `items`.
inline void check_auto_publish(const job_view& v, sink& out)
{
    if (!v.has<&bulk_job::auto_publish>() || v.job.auto_publish) return;
    for (const auto& p : v.items.publications)
        out.add(rule::publication_requires_auto_publish, p.offset,
                item_pointer(p.item, p.on_status ? "publication_status" : "published_url"),
                "publication fields on an item of a job whose auto_publish is false");
}

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
    const auto created_at = v.text<&bulk_job::created_at>(), updated_at = v.text<&bulk_job::updated_at>();
    const auto created = parse_timestamp(created_at);
    const auto updated = parse_timestamp(updated_at);
    if (!created || !updated || !(*updated < *created)) return;
    out.add(rule::time_order, v.at<&bulk_job::updated_at>(), "/updated_at",
            "updated_at " + std::string(updated_at) + " is earlier than created_at " + std::string(created_at));
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
