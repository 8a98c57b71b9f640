// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_EDIT_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_EDIT_HPP

#include <tented/contract/testing/detail/rapidcheck.hpp>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// What every violation generator shares: a valid job, its JSON, one change (struct edit), and
// the table they are gathered in.
namespace tented::contract::testing::detail {

/// The violation generators being gathered, in catalogue order.
struct violation_table
{
    std::vector<violation_generator> entries;

    void add(std::string_view rule, std::string_view how, rc::Gen<std::string> gen, options opts = {})
    {
        entries.push_back(violation_generator{rule, {}, opts, how, std::move(gen)});
    }
};

// ---- violations: a valid job, then one change ------------------------------------------------------------

/// One change to a job's JSON: the new value, markers (string values `@@...@@`) to replace by
/// raw text in the written JSON, bytes to put before it, and a last change to the text.
struct edit
{
    boost::json::value json;
    std::vector<std::pair<std::string, std::string>> raw;
    std::string prefix;
    std::function<void(std::string&)> finish;

    boost::json::object& root() { return json.as_object(); }
    boost::json::array& items() { return root()["items"].as_array(); }
    boost::json::object& item(std::size_t i) { return items()[i].as_object(); }
    boost::json::object& credits() { return root()["credits"].as_object(); }

    /// Puts `text` verbatim (no quotes, no escaping) where `slot` is, through a marker.
    void write_raw(boost::json::value& slot, std::string text)
    {
        const std::string marker = "@@" + std::to_string(raw.size()) + "@@";
        slot = boost::json::string(marker);
        raw.emplace_back("\"" + marker + "\"", std::move(text));
    }

    std::string render(const std::vector<std::uint8_t>& bytes) const
    {
        std::string text = spell(json, bytes, false);
        for (const auto& [marker, replacement] : raw) {
            const auto at = text.find(marker);
            if (at != std::string::npos) text.replace(at, marker.size(), replacement);
        }
        text.insert(0, prefix);
        if (finish) finish(text);
        return text;
    }
};

/// Texts of jobs from `base`, each changed by `mutate(job, edit, choices...)` and written on one
/// line with a generated layout. Everything is a generator argument, so every part shrinks.
template <class Mutate, class... Ts>
rc::Gen<std::string> change(rc::Gen<bulk_job> base, Mutate mutate, rc::Gen<Ts>... choices)
{
    return rc::gen::mapcat(std::move(base), [=](const bulk_job& job) {
        return rc::gen::apply(
            [job, mutate](const std::vector<std::uint8_t>& bytes, const Ts&... c) {
                edit e{encode(job), {}, {}, {}};
                mutate(job, e, c...);
                return e.render(bytes);
            },
            gen_layout(), choices...);
    });
}

inline rc::Gen<bulk_job> any_job() { return gen_bulk_job({}); }

inline rc::Gen<bulk_job> job_with(std::optional<job_status> s, std::vector<item_status> must = {},
                                  std::optional<bool> auto_publish = std::nullopt)
{
    generation_options o;
    o.status = s;
    o.must_include = std::move(must);
    o.auto_publish = auto_publish;
    return gen_bulk_job(o);
}

/// Jobs whose status is one of `statuses` (each with the other pins).
inline rc::Gen<bulk_job> job_in(std::vector<job_status> statuses, std::vector<item_status> must = {},
                                std::optional<bool> auto_publish = std::nullopt)
{
    return rc::gen::mapcat(gen_element(statuses),
                           [must, auto_publish](job_status s) { return job_with(s, must, auto_publish); });
}

/// Jobs with at least one accepted item (every status but `failed` guarantees one).
inline rc::Gen<bulk_job> job_with_accepted(std::optional<bool> auto_publish = std::nullopt)
{
    return job_in({job_status::accepted, job_status::running, job_status::completed, job_status::completed_with_failures},
                  {}, auto_publish);
}

/// The indexes of the items `pred` holds for. The bases are chosen so that there is always one;
/// an empty answer is a bug in this file, never a property failure to shrink.
template <class Pred>
std::vector<std::size_t> items_where(const bulk_job& job, Pred pred)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < job.items.size(); ++i)
        if (pred(job.items[i])) out.push_back(i);
    if (out.empty()) throw std::logic_error("tented-contract generator: the base job lacks the item it needs");
    return out;
}

inline bool accepted(const bulk_job_item& i) { return i.status != item_status::rejected; }
inline bool in_progress_or_done(const bulk_job_item& i)
{
    return i.status == item_status::queued || i.status == item_status::generating || i.status == item_status::completed;
}

inline std::string uppercase(std::string s)
{
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

inline std::string lowercase(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

inline constexpr const char* counter_names[] = {"queued", "generating", "completed", "failed"};
inline constexpr const char* credit_names[] = {"reserved", "consumed", "refunded", "pending_reconciliation"};

/// A member of the job and the JSON types it must not have: root, an item or credits.
struct target
{
    enum where_t { root, item, credits } where;
    const char* name;
    boost::json::kind kind; // what the contract gives it (int64 for integers)
};

inline const std::vector<target>& targets()
{
    using k = boost::json::kind;
    static const std::vector<target> all = {
        {target::root, "bulk_job_id", k::string}, {target::root, "status", k::string},
        {target::root, "template_id", k::string}, {target::root, "auto_publish", k::bool_},
        {target::root, "total", k::int64}, {target::root, "queued", k::int64},
        {target::root, "generating", k::int64}, {target::root, "completed", k::int64},
        {target::root, "failed", k::int64}, {target::root, "items", k::array},
        {target::root, "credits", k::object}, {target::root, "created_at", k::string},
        {target::root, "updated_at", k::string}, {target::root, "metadata", k::object},
        {target::item, "index", k::int64}, {target::item, "status", k::string},
        {target::item, "client_item_id", k::string}, {target::item, "tent_id", k::string},
        {target::item, "tent_name", k::string}, {target::item, "publication_status", k::string},
        {target::item, "published_url", k::string}, {target::item, "error_code", k::string},
        {target::item, "message", k::string}, {target::credits, "reserved", k::int64},
        {target::credits, "consumed", k::int64}, {target::credits, "refunded", k::int64},
        {target::credits, "pending_reconciliation", k::int64},
    };
    return all;
}

/// The targets present in `e` (optional members may be absent), as (object, name) pairs.
inline std::vector<std::pair<boost::json::object*, const target*>> present_targets(edit& e, bool required_only,
                                                                                    bool integers_only = false)
{
    std::vector<std::pair<boost::json::object*, const target*>> out;
    auto add = [&](boost::json::object& o, const target& t) {
        if (!o.contains(t.name)) return;
        if (integers_only && t.kind != boost::json::kind::int64) return;
        if (required_only) {
            static constexpr std::string_view required_members[] = {
                "bulk_job_id", "status", "template_id", "auto_publish", "total", "queued", "generating", "completed",
                "failed", "items", "credits", "created_at", "updated_at", "index", "reserved", "consumed", "refunded",
                "pending_reconciliation"};
            const bool required = std::find(std::begin(required_members), std::end(required_members),
                                            std::string_view(t.name)) != std::end(required_members);
            // An item's `status` is required too, but `status` is in the list through the root.
            if (!required) return;
        }
        out.emplace_back(&o, &t);
    };
    for (const auto& t : targets()) {
        if (t.where == target::root) add(e.root(), t);
        else if (t.where == target::credits) add(e.credits(), t);
        else
            for (std::size_t i = 0; i < e.items().size(); ++i) add(e.item(i), t);
    }
    return out;
}

/// A JSON value of another type than `k` (and not null): what a retyped member becomes.
inline boost::json::value other_type(boost::json::kind k, std::size_t pick)
{
    using boost::json::value;
    std::vector<value> options;
    if (k != boost::json::kind::string) options.emplace_back("3");
    if (k != boost::json::kind::int64) options.emplace_back(std::int64_t{1700000000000});
    if (k != boost::json::kind::bool_) options.emplace_back(true);
    if (k != boost::json::kind::array) options.emplace_back(boost::json::array{});
    if (k != boost::json::kind::object) options.emplace_back(boost::json::object{});
    return options[pick % options.size()];
}

/// Integral value `v` spelt with a fraction or an exponent (`schema/integer-notation`).
inline std::string integer_notation(std::int64_t v, std::size_t pick)
{
    const std::string n = std::to_string(v);
    switch (pick % 6) {
    case 0: return n + ".0";
    case 1: return n + "e0";
    case 2: return n + "E0";
    case 3: return n + ".000";
    case 4: return v == 0 ? "0e-1" : n + "0e-1";
    default: return n + "E+0";
    }
}

inline bool status_fits(job_status s, const bulk_job& j)
{
    const std::int64_t accepted_items = j.queued + j.generating + j.completed + j.failed;
    if (accepted_items == 0) return s == job_status::failed;
    const bool idle = j.queued + j.generating == 0;
    switch (s) {
    case job_status::accepted: return j.generating == 0 && j.completed == 0 && j.failed == 0;
    case job_status::running: return !idle;
    case job_status::completed: return idle && j.failed == 0 && j.completed >= 1;
    case job_status::completed_with_failures: return idle && j.completed >= 1 && j.failed >= 1;
    case job_status::failed: return idle && j.completed == 0;
    }
    return false;
}

inline bool terminal(job_status s)
{
    return s == job_status::completed || s == job_status::completed_with_failures || s == job_status::failed;
}

} // namespace tented::contract::testing::detail

#endif
