// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_FACTS_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_FACTS_HPP

#include <tented/contract/detail/fnv1a.hpp>
#include <tented/contract/detail/formats_fast.hpp>
#include <tented/contract/detail/large_blocks.hpp>
#include <tented/contract/detail/json_text.hpp>
#include <tented/contract/detail/shadow.hpp>
#include <tented/contract/detail/sink.hpp>
#include <tented/contract/types.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// What the checks of every section read: one item, the facts gathered over the items, the job,
// and the words their messages share.
namespace tented::contract::detail {

template <class E>
std::string quote(E value)
{
    return std::string("\"") + boost::describe::enum_to_string(value, "") + '"';
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

/// `h` with every bit stirred into every other (MurmurHash3's finalizer, a bijection): a table
/// indexed by a hash's low bits needs them to depend on every byte hashed.
constexpr std::uint64_t avalanche(std::uint64_t h) noexcept
{
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdull;
    h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

/// A hash of `s` that ignores case: strings equal once lowered (`lowercase`) hash alike. So do a
/// few others, by design: each byte is hashed with its case bit (0x20) set, which lowers A-Z in
/// one operation a word but also joins pairs such as `[` and `{`; the rule that reads the hash
/// tells equal hashes apart by their texts (`check_tent_id_unique`). Its low bits depend on
/// every byte: tent_ids that differ only in their last characters (counters, time-ordered ids)
/// spread over a table.
inline std::uint64_t hash_ignoring_case(std::string_view s) noexcept
{
    constexpr std::uint64_t case_bits = 0x2020202020202020ull;
    if (s.size() < 8) {
        std::uint64_t h = fnv1a_basis ^ s.size();
        for (char c : s) h = (h ^ (static_cast<unsigned char>(c) | 0x20u)) * fnv1a_prime;
        return avalanche(h);
    }
    // Each word times an odd multiplier of its own place, summed: products that do not wait for
    // one another, as a chain of multiplications would (a tent_id is five words, hashed for
    // every item). The sum's high bits depend on every byte; `avalanche` brings them down.
    std::uint64_t h = fnv1a_basis ^ s.size(), multiplier = 0x9e3779b97f4a7c15ull;
    const auto mix = [&](std::uint64_t word) {
        h += (word | case_bits) * multiplier;
        multiplier += 0x6a09e667f3bcc908ull; // even: the multipliers stay odd
    };
    std::size_t k = 0;
    for (; k + 8 <= s.size(); k += 8) mix(word_at(s, k));
    if (k < s.size()) mix(word_at(s, s.size() - 8)); // the last bytes, in a word overlapping the one before
    return avalanche(h);
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

    /// Whether the item's status is present and `rejected`.
    bool is_rejected() const noexcept
    {
        return has<&bulk_job_item::status>() && item.status == item_status::rejected;
    }

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

/** What the rules of one item (sections 4 and 5) read of it: the state of each member they
    judge, and the item's status and publication_status where those are present. The rules are
    first judged on it alone, as a set of `item_finding`s: most items have none, and only those
    that do pay for building a message. */
struct item_shape
{
    slot_state status_state, tent_id, tent_name, error_code, message, publication, url;
    item_status status;             // when status_state is present
    publication_status published;   // when publication is present

    explicit item_shape(const item_view& v) noexcept
        : status_state(v.state<&bulk_job_item::status>()),
          tent_id(v.state<&bulk_job_item::tent_id>()),
          tent_name(v.state<&bulk_job_item::tent_name>()),
          error_code(v.state<&bulk_job_item::error_code>()),
          message(v.state<&bulk_job_item::message>()),
          publication(v.state<&bulk_job_item::publication_status>()),
          url(v.state<&bulk_job_item::published_url>()),
          status(v.item.status),
          // Read only when present: a streamed item may hold a stale value of an earlier one.
          published(publication == slot_state::present ? *v.item.publication_status : publication_status::pending)
    {
    }

    bool has_status() const noexcept { return status_state == slot_state::present; }
    bool has_publication() const noexcept { return publication == slot_state::present; }
    bool is_published() const noexcept
    {
        return has_publication() &&
               (published == publication_status::published || published == publication_status::published_with_warnings);
    }
};

/// A finding the rules of one item can make, as one bit of the set they are judged to (the rule
/// id it is reported under in the comment).
enum item_finding : unsigned
{
    url_without_publication = 1u << 0,     // publication/url
    publication_without_url = 1u << 1,     // publication/url
    accepted_without_tent_id = 1u << 2,    // item/tent-id
    rejected_with_tent_id = 1u << 3,       // item/tent-id
    accepted_without_tent_name = 1u << 4,  // item/tent-name
    rejected_without_error_code = 1u << 5, // item/error-code
    accepted_with_error_code = 1u << 6,    // item/unexpected-error-code
    without_message = 1u << 7,             // item/message
    settled_with_message = 1u << 8,        // item/unexpected-message
    rejected_with_publication = 1u << 9,   // publication/requires-generation
    published_uncompleted = 1u << 10,      // publication/requires-generation
    stale_pending = 1u << 11,              // publication/stale-pending
};

/// `f` when `c` holds, else nothing: the judgements of one item are or-ed, not branched on.
constexpr unsigned finding_if(bool c, item_finding f) noexcept { return c ? f : 0u; }

/** What the rules over the whole job need to know of its items, gathered one item at a time, so
    that validation keeps a few words per item rather than the items (docs/robustness.md, "Limits").

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
        if (v.has<&bulk_job_item::index>()) {
            auto& e = append(indexes);
            e.index = v.item.index;
            e.offset = v.at<&bulk_job_item::index>();
            e.item = v.i;
            indexes_ascending = indexes_ascending && (indexes.size() == 1 || e.index > largest_index);
            largest_index = indexes_ascending ? e.index : largest_index;
        } else {
            indexes_known = false;
        }
        // A rejected item's tent_id is item/tent-id already: it repeats no tent of its own.
        if (v.has<&bulk_job_item::tent_id>() && !v.is_rejected()) add_tent_id(v);
    }

    /// Expects the items that `total` announces, as far as `max_items` (a larger total is
    /// limits/total) and the source's size admit (one item per 64 bytes: an index and a tent_id
    /// alone take about 60), so that a list outgrowing its inline room is allocated once at that
    /// size rather than doubled and moved about 15 times for a million items. Without a source
    /// (a parsed value) nothing bounds `total`: nothing is expected. More items than expected
    /// still fit: the list then doubles.
    void expect(std::int64_t total, std::int64_t max_items)
    {
        const auto n = static_cast<std::size_t>(std::max<std::int64_t>(0, std::min(total, max_items)));
        expected_ = std::min(n, source_.size() / 64);
    }

    /// Records item `item` as carrying publication fields, at `offset` (on its publication_status
    /// when `on_status`, else on its published_url).
    void add_publication(std::size_t item, std::size_t offset, bool on_status)
    {
        auto& e = append(publications);
        e.item = item;
        e.offset = offset;
        e.on_status = on_status;
    }

    /// Whether no two tent_ids share a bit of the hashes' filter (`add_tent_id`): then none
    /// repeats, and items/tent-id-unique has nothing to look for.
    bool tent_ids_apart() const noexcept { return tent_ids_apart_; }

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
    bool indexes_ascending = true;    // the indexes in `indexes`, each larger than the one before
    std::int64_t largest_index = 0;   // the last of `indexes` while they ascend
    // Room for the 25 items a response holds by default (limits/total) inside the facts, so
    // that validating one costs no allocation for them.
    static constexpr std::size_t room = 32;
    // Doubling as std::vector does, when `expect` could not size it.
    template <class T>
    using list = boost::container::small_vector<
        T, room, large_block_allocator<T>,
        boost::container::small_vector_options<boost::container::growth_factor<boost::container::growth_factor_100>>::type>;

    list<index_entry> indexes; // in item order
    list<tent_id_entry> tent_ids;
    list<publication_entry> publications;

    /// Forgets every item: a repeated `items` member starts again, as the last one is read.
    void clear()
    {
        if (count != 0) *this = item_facts(source_);
        else expected_ = 0; // all else is as made until an item comes
    }

private:
    // A new last entry of `l`, for the caller to fill in member by member. An entry built whole
    // and then copied is stored in parts and loaded at once, which the processor cannot forward
    // from its store buffer: a stall of a dozen cycles, for every item.
    template <class T>
    T& append(list<T>& l)
    {
        if (l.size() == l.capacity() && l.size() < expected_) l.reserve(expected_);
        return l.emplace_back();
    }

    void add_tent_id(const item_view& v)
    {
        const std::string_view text = v.text<&bulk_job_item::tent_id>();
        auto& e = append(tent_ids);
        e.hash = hash_ignoring_case(text);
        e.offset = v.at<&bulk_job_item::tent_id>();
        e.item = v.i;
        if (source_.empty()) texts_.emplace_back(v.i, text);
        if (!tent_ids_apart_) return;
        const auto bit = e.hash >> 52; // the top 12 bits: one of 4,096
        auto& word = tent_id_bits_[bit >> 6];
        const auto mask = std::uint64_t{1} << (bit & 63);
        tent_ids_apart_ = (word & mask) == 0;
        word |= mask;
    }

    std::string_view source_;
    std::size_t expected_ = 0; // items announced by total, within the limits (`expect`)
    std::vector<std::pair<std::size_t, std::string>> texts_; // (item, tent_id) without a source
    // A bit for each tent_id's hash: while no two share one, no two tent_ids are equal (equal ones
    // hash alike) and the rule need not group them. The 25 of a response are all apart about 93
    // times in 100; past a hundred or so, two mostly share one, and the rule groups them by hash.
    std::array<std::uint64_t, 64> tent_id_bits_{};
    bool tent_ids_apart_ = true;
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

} // namespace tented::contract::detail

#endif
