// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_HPP

#include <tented/contract/testing/detail/rapidcheck.hpp>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// The violation generators: each takes a valid job and changes one thing, chosen so that the
// validator's no-cascade policy (docs/contract.md; detail/checks.hpp) leaves exactly one rule to fire.
// The changes are made on the job's JSON value; what a value cannot say (a duplicate member, `3.0`
// for 3, broken syntax) is written through markers replaced in the text.
namespace tented::contract::testing::detail {

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

inline std::vector<violation_generator> make_violation_table()
{
    using boost::json::value;
    using is = item_status;
    using js = job_status;
    std::vector<violation_generator> t;
    auto add = [&](std::string_view rule, std::string_view how, rc::Gen<std::string> gen, options opts = {}) {
        t.push_back(violation_generator{rule, {}, opts, how, std::move(gen)});
    };

    // ---- section 1 ----
    add("json/syntax", "truncates the text, appends garbage, adds a trailing comma or a comment, or puts an invalid "
                       "token, byte or escape in place of a value or a member name",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t kind, std::size_t pick) {
            static const char* const bad_strings[] = {
                "\"tpl_\xFF\"", "\"tpl_\xC3\"", "\"tpl_\xED\xA0\x80\"", "\"tpl_\t\"", "\"tpl_\x01\"",
                "\"tpl_\\ud800\"", "\"tpl_\\udc00x\"", "\"tpl_\\x41\"", "'tpl_a'", "\"tpl_a"};
            static const char* const bad_numbers[] = {"NaN", "+1", "01", "1.", ".5", "0x1", "Infinity", "-", "1e"};
            static const char* const bad_names[] = {"status", "'status'", "\"status\" \"status\""};
            switch (kind % 7) {
            case 0:
                e.finish = [pick](std::string& s) { s.resize(1 + pick % (s.size() - 1)); };
                break;
            case 1:
                e.finish = [pick](std::string& s) {
                    static const char* const tails[] = {" x", "}", " {}", ",", "\"", " HTTP/1.1 200 OK", "]"};
                    s += tails[pick % 7];
                };
                break;
            case 2:
                e.finish = [](std::string& s) { s.insert(s.size() - 1, ","); };
                break;
            case 3:
                e.prefix = "/* comment */";
                break;
            case 4: e.write_raw(e.root()["template_id"], bad_strings[pick % 10]); break;
            case 5: e.write_raw(e.root()["total"], bad_numbers[pick % 9]); break;
            default: {
                auto& root = e.root();
                const value status = root["status"];
                root.erase("status");
                const std::string marker = "@@name@@";
                root[marker] = status;
                e.raw.emplace_back("\"" + marker + "\"", bad_names[pick % 3]);
            }
            }
        }, gen_index(7), gen_pick()));

    add("json/duplicate-key", "repeats a member of the job, of an item or of credits, with the same value",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick) {
            boost::json::object* o = &e.root();
            if (where % 3 == 1) o = &e.credits();
            if (where % 3 == 2) o = &e.item(pick % job.items.size());
            std::vector<std::string> names;
            for (const auto& kv : *o) names.emplace_back(kv.key());
            const auto& name = names[pick % names.size()];
            const std::string marker = "@@dup@@";
            const value copy = o->at(name); // a copy: inserting may move the members
            (*o)[marker] = copy;
            e.raw.emplace_back("\"" + marker + "\"", "\"" + name + "\"");
        }, gen_pick(), gen_pick()));

    add("json/depth", "nests 63 to 90 arrays or objects in metadata: the document is 65 to 92 deep (limit 64)",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t levels, bool objects) {
            value deep = std::int64_t{0};
            for (std::size_t i = 0; i < levels; ++i) {
                if (objects) deep = boost::json::object{{"a", std::move(deep)}};
                else deep = boost::json::array{std::move(deep)};
            }
            e.root()["metadata"] = boost::json::object{{"deep", std::move(deep)}};
        }, rc::gen::inRange<std::size_t>(63, 91), rc::gen::arbitrary<bool>()));

    add("json/bom", "puts a UTF-8 byte-order mark before a valid payload",
        change(any_job(), [](const bulk_job&, edit& e) { e.prefix = "\xEF\xBB\xBF"; }));

    {
        options small;
        small.max_bytes = 256;
        add("json/too-large", "a valid payload, checked with max_bytes 256 (every payload is longer)",
            change(any_job(), [](const bulk_job&, edit& e) {
                e.finish = [](std::string& s) {
                    if (s.size() <= 256) s.append(257 - s.size(), ' ');
                };
            }),
            small);
    }

    // ---- section 2 ----
    add("schema/required", "removes a required member of the job, of an item or of credits",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t pick) {
            auto candidates = present_targets(e, true);
            auto [o, tg] = candidates[pick % candidates.size()];
            o->erase(tg->name);
        }, gen_pick()));

    add("schema/type", "gives the root, a member or an item a value of another JSON type (never null)",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick) {
            const std::size_t kind = where % 8;
            if (kind == 0) {
                e.json = other_type(boost::json::kind::object, pick);
                return;
            }
            if (kind == 1) {
                e.items()[pick % job.items.size()] = other_type(boost::json::kind::object, pick / 7);
                return;
            }
            auto candidates = present_targets(e, false);
            auto [o, tg] = candidates[pick % candidates.size()];
            (*o)[tg->name] = other_type(tg->kind, pick / 7);
        }, gen_pick(), gen_pick()));

    add("schema/null", "sets the root, a member or an item to null",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick) {
            const std::size_t kind = where % 8;
            if (kind == 0) {
                e.json = nullptr;
                return;
            }
            if (kind == 1) {
                e.items()[pick % job.items.size()] = nullptr;
                return;
            }
            auto candidates = present_targets(e, false);
            auto [o, tg] = candidates[pick % candidates.size()];
            (*o)[tg->name] = nullptr;
        }, gen_pick(), gen_pick()));

    add("schema/enum", "gives the job status, an item status or a publication_status an undocumented value",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick) {
            static const char* const words[] = {"in_progress", "processing", "done", "cancelled", "", "pending ",
                                                "succeeded", "partial", "unknown", "queued_for_publication"};
            const std::string word = pick % 2 == 0 ? std::string(words[pick / 2 % 10]) : std::string();
            const std::size_t i = pick % job.items.size();
            std::vector<std::size_t> publishing;
            for (std::size_t k = 0; k < job.items.size(); ++k)
                if (job.items[k].publication_status) publishing.push_back(k);
            switch (where % 3) {
            case 0: e.root()["status"] = word.empty() ? uppercase(wire_name(job.status)) : word; break;
            case 1:
                e.item(i)["status"] = word.empty() ? uppercase(wire_name(job.items[i].status)) : word;
                break;
            default:
                if (publishing.empty()) {
                    e.root()["status"] = word.empty() ? "Running" : word;
                } else {
                    const auto k = publishing[pick % publishing.size()];
                    e.item(k)["publication_status"] =
                        word.empty() ? uppercase(wire_name(*job.items[k].publication_status)) : word;
                }
            }
        }, gen_pick(), gen_pick()));

    add("schema/integer", "gives a count, an index or a credit a negative, fractional (also past 2^50) or too large (> 2^53-1) value",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t pick, std::size_t how, std::int64_t n, std::int64_t wide) {
            auto candidates = present_targets(e, false, true);
            auto [o, tg] = candidates[pick % candidates.size()];
            value& v = (*o)[tg->name];
            switch (how % 6) {
            case 0: v = -n; break;
            case 1: v = static_cast<double>(n) + 0.5; break;
            case 2: v = (std::int64_t{1} << 53) + n - 1; break;
            case 3: v = std::uint64_t{18446744073709551615u}; break;
            case 4: v = 1e300; break;
            // Past 2^50 a quarter is the last fraction a double holds; written with 17 digits, a
            // parser that reads numbers imprecisely (Boost.JSON's default) rounds it to a whole.
            default: v = static_cast<double>((std::int64_t{1} << 50) + wide) + 0.25; break;
            }
        }, gen_pick(), gen_pick(), rc::gen::inRange<std::int64_t>(1, 1000),
           rc::gen::inRange<std::int64_t>(0, std::int64_t{1} << 50)));

    add("schema/integer-notation", "writes a count, an index or a credit as 3.0, 3e0, 3E0, 30e-1 or 3E+0",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t pick, std::size_t how) {
            auto candidates = present_targets(e, false, true);
            auto [o, tg] = candidates[pick % candidates.size()];
            value& v = (*o)[tg->name];
            e.write_raw(v, integer_notation(v.as_int64(), how));
        }, gen_pick(), gen_pick()));

    add("schema/unknown-field", "adds a member the contract does not name to the job, an item or credits",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t where, std::size_t pick, const std::string& word,
                             const value& v) {
            static const char* const names[] = {"priority", "retry_count", "currency", "progress", "clientItemId",
                                                "client_id", "tentId", "errors", "eta", "links"};
            const std::string name = pick % 3 == 2 ? "x_" + word : std::string(names[pick % 10]);
            boost::json::object* o = &e.root();
            if (where % 3 == 1) o = &e.credits();
            if (where % 3 == 2) o = &e.item(pick % job.items.size());
            (*o)[name] = v;
        }, gen_pick(), gen_pick(), gen_word(lower_alphabet, 1, 8), gen_value(2, false)));

    add("format/ulid", "gives bulk_job_id the wrong length, a letter I L O U or a hyphen, a first character above 7, or a UUID",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            std::string id = job.bulk_job_id.text;
            const std::size_t at = pick % id.size();
            switch (how % 7) {
            case 0: id.pop_back(); break;
            case 1: id += crockford_alphabet[pick % crockford_alphabet.size()]; break;
            case 2: id[at] = "ILOU"[pick % 4]; break;
            case 3: id[at] = "iloU-_*"[pick % 7]; break;
            case 4: id[0] = crockford_alphabet[8 + pick % (crockford_alphabet.size() - 8)]; break;
            case 5: id = ""; break;
            default: id = "b6f8d617-7cfe-4d63-a8e9-5d971780d57f"; break;
            }
            e.root()["bulk_job_id"] = id;
        }, gen_pick(), gen_pick()));

    add("format/ulid-canonical", "writes bulk_job_id in lowercase (wholly or partly)",
        change(any_job(), [](const bulk_job& job, edit& e, bool whole, std::size_t pick) {
            std::string id = job.bulk_job_id.text;
            if (id.find_first_of(upper_alphabet) == std::string::npos) id.back() = 'Z';
            if (whole) {
                id = lowercase(id);
            } else {
                // Lowercase one letter (at least one, scanning from `pick`).
                for (std::size_t k = 0; k < id.size(); ++k) {
                    char& c = id[(pick + k) % id.size()];
                    if (c >= 'A' && c <= 'Z') {
                        c = static_cast<char>(c - 'A' + 'a');
                        break;
                    }
                }
            }
            e.root()["bulk_job_id"] = id;
        }, rc::gen::arbitrary<bool>(), gen_pick()));

    add("format/uuid", "gives an accepted item's tent_id no hyphens, braces, a urn: prefix, a non-hex digit, one digit too few or too many",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, accepted);
            const auto i = candidates[pick % candidates.size()];
            std::string id = job.items[i].tent_id->text;
            switch (how % 7) {
            case 0: id.erase(std::remove(id.begin(), id.end(), '-'), id.end()); break;
            case 1: id = "{" + id + "}"; break;
            case 2: id = "urn:uuid:" + id; break;
            case 3: id[pick % 8] = "gxz"[pick % 3]; break;
            case 4: id.pop_back(); break;
            case 5: id += '0'; break;
            default: id = uppercase(id.substr(0, 35)); break;
            }
            e.item(i)["tent_id"] = id;
        }, gen_pick(), gen_pick()));

    add("format/uuid-canonical", "writes an accepted item's tent_id in uppercase, or makes it another version, another variant, or nil",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, accepted);
            const auto i = candidates[pick % candidates.size()];
            std::string id = job.items[i].tent_id->text;
            switch (how % 4) {
            case 0:
                id[19] = "ab"[pick % 2]; // makes sure there is a letter to uppercase
                id = uppercase(id);
                break;
            case 1: id[14] = "01235678"[pick % 8]; break;
            case 2: id[19] = "01234567cdef"[pick % 12]; break;
            default: id = "00000000-0000-0000-0000-000000000000"; break;
            }
            e.item(i)["tent_id"] = id;
        }, gen_pick(), gen_pick()));

    add("format/timestamp", "spells created_at or updated_at out of RFC 3339: a space for T, no or a bad offset, date only, "
                            "an empty or too long fraction, hour 24, minute 60, February 30, February 29 of 2023, month 13",
        change(any_job(), [](const bulk_job& job, edit& e, bool created, std::size_t how) {
            std::string c = (created ? job.created_at : job.updated_at).text;
            switch (how % 12) {
            case 0: c[10] = ' '; break;
            case 1: c.pop_back(); break;
            case 2: c = c.substr(0, 23) + "+0000"; break;
            case 3: c = c.substr(0, 23) + "+09"; break;
            case 4: c = c.substr(0, 10); break;
            case 5: c = c.substr(0, 20) + "Z"; break;
            case 6: c.replace(11, 2, "24"); break;
            case 7: c.replace(5, 5, "02-30"); break;
            case 8: c.replace(0, 10, "2023-02-29"); break;
            case 9: c.replace(5, 2, "13"); break;
            case 10: c = c.substr(0, 23) + "1234567Z"; break;
            default: c.replace(14, 2, "60"); break;
            }
            e.root()[created ? "created_at" : "updated_at"] = c;
        }, rc::gen::arbitrary<bool>(), gen_pick()));

    add("format/timestamp-canonical", "respells created_at or updated_at as valid but not YYYY-MM-DDTHH:MM:SS.mmmZ: lowercase t "
                                      "and z, another offset, 6 or 9 fraction digits; created_at also without fraction or with one digit",
        change(any_job(), [](const bulk_job& job, edit& e, bool created, std::size_t how, int offset) {
            const auto spelling = static_cast<time_spelling>(1 + how % 6);
            // Dropping digits moves an instant earlier: only created_at may, so time/order still holds.
            if (spelling == time_spelling::no_fraction || spelling == time_spelling::one_digit) created = true;
            const auto& t = created ? job.created_at : job.updated_at;
            e.root()[created ? "created_at" : "updated_at"] = spell_time(time_ms(t), spelling, offset == 0 ? 60 : offset);
        }, rc::gen::arbitrary<bool>(), gen_pick(), rc::gen::inRange(-23 * 60 - 59, 23 * 60 + 60)));

    add("format/template-id", "gives template_id another prefix, no suffix, or a suffix with characters other than letters and digits",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t how) {
            const std::string suffix = job.template_id.text.substr(4);
            static const char* const odd[] = {"_", "-", ".", " ", "\xC3\xA9"};
            std::string s;
            switch (how % 6) {
            case 0: s = "tpl-" + suffix; break;
            case 1: s = "TPL_" + suffix; break;
            case 2: s = "tpl_"; break;
            case 3: s = suffix; break;
            case 4: s = "tpl_" + suffix + odd[how / 6 % 5] + "x"; break;
            default: s = "template_" + suffix; break;
            }
            e.root()["template_id"] = s;
        }, gen_pick()));

    add("format/url", "publishes a completed item at a URL that is not absolute https:// with a host",
        change(job_with(js::completed, {}, true), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick, bool warnings) {
            static const char* const urls[] = {
                "http://acme.tented-pages.com/page", "acme.tented-pages.com/page", "https://", "/acme/page", "",
                "ftp://acme.tented-pages.com/page", "https://acme.tented-pages.com/a page", "https://:443/page",
                "https://acme.tented-pages.com:https/page", "https:/acme.tented-pages.com"};
            const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status == is::completed; });
            auto& item = e.item(candidates[pick % candidates.size()]);
            item["publication_status"] = warnings ? "published_with_warnings" : "published";
            item["published_url"] = urls[how % 10];
        }, gen_pick(), gen_pick(), rc::gen::arbitrary<bool>()));

    add("format/error-code", "gives a rejected item's error_code lowercase, camelCase, kebab-case, a leading digit or underscore, or nothing",
        change(job_with(std::nullopt, {is::rejected}), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status == is::rejected; });
            const auto i = candidates[pick % candidates.size()];
            const std::string code = job.items[i].error_code->text;
            std::string s;
            switch (how % 7) {
            case 0: s = lowercase(code) + "x"; break;
            case 1: s = "insufficientCredits"; break;
            case 2: s = "Insufficient" + code; break;
            case 3: s = code + "-X"; break;
            case 4: s = "1" + code; break;
            case 5: s = "_" + code; break;
            default: s = ""; break;
            }
            e.item(i)["error_code"] = s;
        }, gen_pick(), gen_pick()));

    // ---- section 3 ----
    add("counts/sum-to-total", "moves one counter up or down so the counters no longer add up to total",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t which, std::int64_t delta, bool down) {
            value& v = e.root()[counter_names[which % 4]];
            const auto now = v.as_int64();
            v = down && now >= delta ? now - delta : now + delta;
        }, gen_pick(), rc::gen::inRange<std::int64_t>(1, 4), rc::gen::arbitrary<bool>()));
    // Counters that do not add up to the items' count cannot all match their buckets.
    t.back().companions = {"counts/buckets"};

    add("counts/buckets", "moves items from one counter to another: the sum holds, the buckets do not",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t from, std::size_t to, std::size_t amount) {
            const std::int64_t counts[] = {job.queued, job.generating, job.completed, job.failed};
            std::size_t f = from % 4;
            while (counts[f] == 0) f = (f + 1) % 4;
            std::size_t d = to % 4;
            if (d == f) d = (d + 1) % 4;
            const auto moved = 1 + static_cast<std::int64_t>(amount % static_cast<std::size_t>(counts[f]));
            e.root()[counter_names[f]] = counts[f] - moved;
            e.root()[counter_names[d]] = counts[d] + moved;
        }, gen_pick(), gen_pick(), gen_pick()));

    add("items/count", "drops one item, or every item, from the items array",
        change(any_job(), [](const bulk_job& job, edit& e, bool all, std::size_t pick) {
            auto& items = e.items();
            if (all) items.clear();
            else items.erase(items.begin() + static_cast<std::ptrdiff_t>(pick % job.items.size()));
        }, rc::gen::arbitrary<bool>(), gen_pick()));

    add("items/index-range", "gives the last item an index at or past total, or makes every index one-based",
        change(any_job(), [](const bulk_job& job, edit& e, bool shift_all, std::int64_t extra) {
            const std::size_t n = job.items.size();
            if (shift_all) {
                for (std::size_t i = 0; i < n; ++i) e.item(i)["index"] = static_cast<std::int64_t>(i) + 1;
            } else {
                e.item(n - 1)["index"] = job.total + extra;
            }
        }, rc::gen::arbitrary<bool>(), rc::gen::inRange<std::int64_t>(0, 100)));

    auto two_or_more = rc::gen::mapcat(rc::gen::inRange<std::size_t>(2, 26), [](std::size_t n) {
        generation_options o;
        o.items = n;
        return gen_bulk_job(o);
    });

    add("items/index-unique", "gives an item the index of the item before it",
        change(two_or_more, [](const bulk_job& job, edit& e, std::size_t pick) {
            const std::size_t i = 1 + pick % (job.items.size() - 1);
            e.item(i)["index"] = job.items[i - 1].index;
        }, gen_pick()));

    add("items/order", "swaps two items, or reverses the items array",
        change(two_or_more, [](const bulk_job& job, edit& e, std::size_t a, std::size_t b, bool reverse) {
            auto& items = e.items();
            if (reverse) {
                std::reverse(items.begin(), items.end());
                return;
            }
            const std::size_t n = job.items.size();
            const std::size_t i = a % n;
            std::size_t j = b % n;
            if (j == i) j = (i + 1) % n;
            std::swap(items[i], items[j]);
        }, gen_pick(), gen_pick(), rc::gen::arbitrary<bool>()));

    add("items/tent-id-unique", "copies one accepted item's tent_id to another accepted item",
        change(gen_any_of(job_with(js::completed_with_failures), job_with(js::running, {is::generating, is::completed}),
                              job_with(js::running, {is::queued, is::failed})),
               [](const bulk_job& job, edit& e, std::size_t a, std::size_t b) {
                   const auto candidates = items_where(job, accepted);
                   const std::size_t i = candidates[a % candidates.size()];
                   std::size_t j = candidates[b % candidates.size()];
                   if (j == i) j = candidates[(b + 1) % candidates.size()];
                   e.item(j)["tent_id"] = job.items[i].tent_id->text;
               },
               gen_pick(), gen_pick()));

    add("limits/total", "a job of 26 to 30 consistent items, or a job of no item (total 0, every count and credit 0)",
        gen_any_of(
            change(rc::gen::mapcat(rc::gen::inRange<std::size_t>(26, 31), [](std::size_t n) {
                       generation_options o;
                       o.items = n;
                       return gen_bulk_job(o);
                   }),
                   [](const bulk_job&, edit&) {}),
            change(job_with(js::failed), [](const bulk_job&, edit& e) {
                auto& root = e.root();
                root["items"] = boost::json::array{};
                for (const char* n : {"total", "queued", "generating", "completed", "failed"}) root[n] = 0;
                for (const char* n : credit_names) e.credits()[n] = 0;
            })));

    // ---- section 4 ----
    add("item/tent-id", "removes an accepted item's tent_id, or gives a rejected item one",
        change(gen_any_of(job_with_accepted(), job_with(std::nullopt, {is::rejected})),
               [](const bulk_job& job, edit& e, std::size_t pick, const std::string& hex) {
                   const auto rejected = std::find_if(job.items.begin(), job.items.end(), [](const bulk_job_item& i) {
                       return i.status == is::rejected;
                   });
                   const bool any_accepted = std::any_of(job.items.begin(), job.items.end(), accepted);
                   if (rejected != job.items.end() && (pick % 2 == 0 || !any_accepted)) {
                       const auto i = static_cast<std::size_t>(rejected - job.items.begin());
                       // Index 0xf000 + i: no other item's id ends that way (they end with their index).
                       e.item(i)["tent_id"] = make_tent_id(hex, 'a', 0xf000 + i).text;
                       return;
                   }
                   const auto candidates = items_where(job, accepted);
                   e.item(candidates[pick / 2 % candidates.size()]).erase("tent_id");
               },
               gen_pick(), rc::gen::container<std::string>(26, gen_char(hex_alphabet))));

    add("item/tent-name", "removes an accepted item's tent_name",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t pick) {
            const auto candidates = items_where(job, accepted);
            e.item(candidates[pick % candidates.size()]).erase("tent_name");
        }, gen_pick()));

    add("item/error-code", "removes a rejected item's error_code",
        change(job_with(std::nullopt, {is::rejected}), [](const bulk_job& job, edit& e, std::size_t pick) {
            const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status == is::rejected; });
            e.item(candidates[pick % candidates.size()]).erase("error_code");
        }, gen_pick()));

    add("item/unexpected-error-code", "gives an accepted item an error_code",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t pick) {
            const auto candidates = items_where(job, accepted);
            e.item(candidates[pick % candidates.size()])["error_code"] = "INSUFFICIENT_CREDITS";
        }, gen_pick()));

    add("item/message", "removes the message of a rejected or a failed item",
        change(gen_any_of(job_with(std::nullopt, {is::rejected}), job_with(std::nullopt, {is::failed})),
               [](const bulk_job& job, edit& e, std::size_t pick) {
                   const auto candidates = items_where(job, [](const bulk_job_item& i) {
                       return i.status == is::rejected || i.status == is::failed;
                   });
                   e.item(candidates[pick % candidates.size()]).erase("message");
               },
               gen_pick()));

    add("item/unexpected-message", "gives a queued, generating or completed item a message",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t pick, const std::string& text) {
            const auto candidates = items_where(job, in_progress_or_done);
            e.item(candidates[pick % candidates.size()])["message"] = text;
        }, gen_pick(), gen_prose(20)));

    // ---- section 5 ----
    add("publication/url", "on an auto-publish job: a published_url without publication_status, with pending or "
                           "failed, or a published status without published_url",
        change(job_with_accepted(true), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, in_progress_or_done);
            const auto i = candidates[pick % candidates.size()];
            auto& item = e.item(i);
            const std::string url = "https://acme.tented-pages.com/page-" + std::to_string(i);
            const bool completed = job.items[i].status == is::completed;
            switch (completed ? how % 5 : how % 2) {
            case 0:
                item.erase("publication_status");
                item["published_url"] = url;
                break;
            case 1:
                item["publication_status"] = "pending";
                item["published_url"] = url;
                break;
            case 2:
                item["publication_status"] = "failed";
                item["published_url"] = url;
                break;
            case 3:
                item["publication_status"] = "published";
                item.erase("published_url");
                break;
            default:
                item["publication_status"] = "published_with_warnings";
                item.erase("published_url");
                break;
            }
        }, gen_pick(), gen_pick()));

    add("publication/requires-generation", "on an auto-publish job: gives a rejected item publication fields, or a queued, generating or failed "
                                           "item a published or failed publication",
        change(gen_any_of(job_with(std::nullopt, {is::rejected}, true), job_with(js::running, {}, true),
                              job_with(std::nullopt, {is::failed}, true)),
               [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
                   const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status != is::completed; });
                   const auto i = candidates[pick % candidates.size()];
                   auto& item = e.item(i);
                   const std::string url = "https://acme.tented-pages.com/page-" + std::to_string(i);
                   if (job.items[i].status == is::rejected) {
                       // A consistent pair: a published status without its URL is publication/url too.
                       static const char* const states[] = {"pending", "failed", "published", "published_with_warnings"};
                       item["publication_status"] = states[how % 4];
                       if (how % 4 >= 2) item["published_url"] = url;
                       return;
                   }
                   switch (how % 3) {
                   case 0:
                       item["publication_status"] = "published";
                       item["published_url"] = url;
                       break;
                   case 1:
                       item["publication_status"] = "published_with_warnings";
                       item["published_url"] = url;
                       break;
                   default:
                       item["publication_status"] = "failed";
                       item.erase("published_url");
                       break;
                   }
               },
               gen_pick(), gen_pick()));

    add("publication/requires-auto-publish", "gives an item of a job without auto_publish a valid publication state",
        change(job_with_accepted(false), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, in_progress_or_done);
            const auto i = candidates[pick % candidates.size()];
            auto& item = e.item(i);
            if (job.items[i].status == is::completed && how % 2 == 1) {
                item["publication_status"] = "published";
                item["published_url"] = "https://acme.tented-pages.com/page-" + std::to_string(i);
            } else {
                item["publication_status"] = "pending";
            }
        }, gen_pick(), gen_pick()));

    add("publication/stale-pending", "gives a failed item of an auto-publish job publication_status pending",
        change(job_with(std::nullopt, {is::failed}, true), [](const bulk_job& job, edit& e, std::size_t pick) {
            const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status == is::failed; });
            e.item(candidates[pick % candidates.size()])["publication_status"] = "pending";
        }, gen_pick()));

    // ---- section 6 ----
    add("status/consistent-with-counts", "gives the job a status its counters contradict (never a terminal one while "
                                         "credits are pending, which credits/settled would also report)",
        change(gen_any_of(job_with(js::running, {is::generating}), job_with(js::completed),
                              job_with(js::completed_with_failures), job_with(js::failed)),
               [](const bulk_job& job, edit& e, std::size_t pick) {
                   std::vector<js> wrong;
                   for (auto s : all_job_statuses)
                       if (!status_fits(s, job) && !(terminal(s) && job.credits.pending_reconciliation > 0))
                           wrong.push_back(s);
                   e.root()["status"] = wire_name(wrong.at(pick % wrong.size()));
               },
               gen_pick()));

    // ---- section 7 ----
    add("credits/balance", "moves one credit member up or down so reserved no longer balances",
        change(any_job(), [](const bulk_job&, edit& e, std::size_t which, std::int64_t delta, bool down) {
            value& v = e.credits()[credit_names[which % 4]];
            const auto now = v.as_int64();
            v = down && now >= delta ? now - delta : now + delta;
        }, gen_pick(), rc::gen::inRange<std::int64_t>(1, 6), rc::gen::arbitrary<bool>()));

    add("credits/settled", "leaves credits pending on a finished job (reserved grows by as much: the balance holds)",
        change(job_in({js::completed, js::completed_with_failures, js::failed}),
               [](const bulk_job& job, edit& e, std::int64_t delta) {
                   e.credits()["reserved"] = job.credits.reserved + delta;
                   e.credits()["pending_reconciliation"] = job.credits.pending_reconciliation + delta;
               },
               rc::gen::inRange<std::int64_t>(1, 6)));

    add("credits/unit-cost", "moves credits from one part to another (the balance holds, one part no longer matches its "
                             "counter), or reserves credits for a job of only rejected items",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t from, std::size_t to, std::int64_t amount) {
            const auto& c = job.credits;
            if (c.reserved == 0) {
                // Nothing was accepted: any credit is too many.
                e.credits()["reserved"] = amount;
                e.credits()["refunded"] = amount;
                return;
            }
            const std::int64_t parts[] = {c.consumed, c.refunded, c.pending_reconciliation};
            const bool finished = terminal(job.status);
            const std::size_t count = finished ? 2 : 3; // a finished job must keep pending 0 (credits/settled)
            std::size_t f = from % count;
            while (parts[f] == 0) f = (f + 1) % count;
            std::size_t d = to % count;
            if (d == f) d = (d + 1) % count;
            const auto moved = 1 + (amount - 1) % parts[f];
            e.credits()[credit_names[1 + f]] = parts[f] - moved;
            e.credits()[credit_names[1 + d]] = parts[d] + moved;
        }, gen_pick(), gen_pick(), rc::gen::inRange<std::int64_t>(1, 6)));

    // ---- section 8 ----
    add("time/order", "sets updated_at 1 ms to a year before created_at",
        change(any_job(), [](const bulk_job& job, edit& e, std::int64_t before) {
            e.root()["updated_at"] = spell_time(time_ms(job.created_at) - before);
        }, rc::gen::inRange<std::int64_t>(1, 366 * ms_per_day)));

    return t;
}

} // namespace tented::contract::testing::detail

namespace tented::contract::testing {

inline const std::vector<violation_generator>& violation_generators()
{
    static const std::vector<violation_generator> table = detail::make_violation_table();
    return table;
}

inline const violation_generator& violation_for(std::string_view rule_id)
{
    for (const auto& v : violation_generators())
        if (v.rule == rule_id) return v;
    const bool known = find_rule(rule_id).has_value();
    throw std::invalid_argument("no violation generator for rule id '" + std::string(rule_id) + "'" +
                                (known ? std::string(" (only the rules of docs/contract.md sections 1 to 8 have one)")
                                       : std::string(" (tented-contract rules lists the ids)")));
}

} // namespace tented::contract::testing

#endif
