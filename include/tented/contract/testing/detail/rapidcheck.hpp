// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_RAPIDCHECK_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_RAPIDCHECK_HPP

#include <tented/contract/testing/detail/print.hpp>
#include <tented/contract/testing/rapidcheck.hpp>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <utility>

// How the generators are built: independent parts are generated member by member (seeds), then
// one deterministic function assembles a consistent job from them. Nothing is filtered, so
// generation never gives up, and shrinking a seed (fewer items, shorter strings, absent optional
// members, index 0 of a choice) always yields another consistent job.
namespace tented::contract::testing::detail {

// ---- alphabets and small generators --------------------------------------------------------------

inline constexpr std::string_view crockford_alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::string_view hex_alphabet = "0123456789abcdef";
inline constexpr std::string_view alnum_alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
inline constexpr std::string_view lower_alphabet = "abcdefghijklmnopqrstuvwxyz";
inline constexpr std::string_view upper_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
inline constexpr std::string_view upper_snake_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

// RapidCheck's elementOf and oneOf never shrink the choice, and inRange narrows with the size
// (size 0 gives only the lower bound). Choices here are uniform at every size and shrink towards
// the first alternative, which is always the simplest one.

/// An index in [0, n), uniform whatever the size, shrinking towards 0.
inline rc::Gen<std::size_t> gen_index(std::size_t n)
{
    return rc::gen::resize(rc::kNominalSize, rc::gen::inRange<std::size_t>(0, n));
}

/// One of `values`, shrinking towards the first.
template <class T>
rc::Gen<T> gen_element(std::vector<T> values)
{
    return rc::gen::map(gen_index(values.size()), [values](std::size_t i) { return values[i]; });
}

/// A value of one of `choices`, picked with the given weights, shrinking towards the first choice.
template <class T>
rc::Gen<T> gen_one_of(std::vector<std::pair<std::size_t, rc::Gen<T>>> choices)
{
    std::size_t total = 0;
    for (const auto& c : choices) total += c.first;
    return rc::gen::mapcat(gen_index(total), [choices](std::size_t i) {
        for (const auto& [weight, gen] : choices) {
            if (i < weight) return gen;
            i -= weight;
        }
        return choices.back().second;
    });
}

/// A value of one of `gens`, equally likely, shrinking towards the first.
template <class T, class... Ts>
rc::Gen<T> gen_any_of(rc::Gen<T> first, rc::Gen<Ts>... rest)
{
    return gen_one_of<T>({{1, std::move(first)}, {1, std::move(rest)}...});
}

inline rc::Gen<char> gen_char(std::string_view alphabet)
{
    return gen_element(std::vector<char>(alphabet.begin(), alphabet.end()));
}

/// Strings of `min` to `max` characters of `alphabet`; shrink to `min` copies of its first one.
inline rc::Gen<std::string> gen_word(std::string_view alphabet, std::size_t min, std::size_t max)
{
    auto chars = gen_char(alphabet);
    return rc::gen::mapcat(rc::gen::inRange(min, max + 1),
                           [chars](std::size_t n) { return rc::gen::container<std::string>(n, chars); });
}

/// Free text of at most `max` glyphs: mostly ASCII letters and spaces, one glyph in eight one a
/// serialiser must escape (quote, backslash, control characters) or several UTF-8 bytes long.
/// Never '@': the violation generators use it for markers that no generated string can hold.
inline rc::Gen<std::string> gen_prose(std::size_t max)
{
    static const std::vector<std::string> plain = {
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q",
        "r", "s", "t", "u", "v", "w", "x", "y", "z", " ", "A", "B", "C", "0", "1", "2", "-", "."};
    static const std::vector<std::string> special = {
        "\"", "\\", "/", "\t", "\n", "\x01", "\x1f", "\x7f", "'", "<", "&",
        "\xC3\xA9" /* e acute */, "\xE2\x82\xAC" /* euro */, "\xE2\x80\xA8" /* U+2028 */,
        "\xF0\x9F\x98\x80" /* U+1F600, a surrogate pair in UTF-16 */};
    auto glyph = gen_one_of<std::string>({{7, gen_element(plain)}, {1, gen_element(special)}});
    return rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, max + 1), [glyph](std::size_t n) {
        return rc::gen::map(rc::gen::container<std::vector<std::string>>(n, glyph), [](const std::vector<std::string>& gs) {
            std::string s;
            for (const auto& g : gs) s += g;
            return s;
        });
    });
}

/// `std::nullopt` or a value of `gen`; shrinks to `std::nullopt` (an absent member).
template <class T>
rc::Gen<std::optional<T>> gen_optional(rc::Gen<T> gen, std::size_t absent_weight = 1, std::size_t present_weight = 1)
{
    return gen_one_of<std::optional<T>>(
        {{absent_weight, rc::gen::just(std::optional<T>())},
         {present_weight, rc::gen::map(std::move(gen), [](T v) { return std::optional<T>(std::move(v)); })}});
}

/// A choice among alternatives not known yet: reduce it modulo their number. Shrinks to 0.
inline rc::Gen<std::size_t> gen_pick() { return gen_index(std::size_t{1} << 16); }

// ---- identifiers and timestamps ---------------------------------------------------------------------

inline rc::Gen<ulid> gen_bulk_job_id()
{
    return rc::gen::apply([](char first, const std::string& rest) { return ulid{std::string(1, first) + rest}; },
                          gen_char("01234567"), rc::gen::container<std::string>(25, gen_char(crockford_alphabet)));
}

inline rc::Gen<contract::template_id> gen_template_id()
{
    return rc::gen::map(gen_word(alnum_alphabet, 1, 12), [](const std::string& s) { return contract::template_id{"tpl_" + s}; });
}

/// A canonical tent id: 26 random hex digits, version 4, the RFC variant, and the item's index in
/// the last four digits, so that the ids of one job differ however the random digits shrink.
inline uuid make_tent_id(const std::string& hex, char variant, std::size_t index)
{
    char tail[8];
    std::snprintf(tail, sizeof tail, "%04zx", index & 0xffff);
    std::string s;
    s.reserve(36);
    s.append(hex, 0, 8).append("-").append(hex, 8, 4).append("-4").append(hex, 12, 3);
    s.append("-").append(1, variant).append(hex, 15, 3).append("-").append(hex, 18, 8).append(tail);
    return uuid{s};
}

inline constexpr std::int64_t ms_per_day = 86400000;
inline constexpr std::int64_t year_2000_ms = 946684800000;  // 2000-01-01T00:00:00Z
inline constexpr std::int64_t year_2100_ms = 4102444800000; // 2100-01-01T00:00:00Z

struct civil_time
{
    std::int64_t year;
    int month, day, hour, minute, second, millis;
};

// H. Hinnant's civil_from_days, on milliseconds since the epoch.
inline civil_time to_civil(std::int64_t ms)
{
    std::int64_t days = ms / ms_per_day, rest = ms % ms_per_day;
    if (rest < 0) {
        rest += ms_per_day;
        --days;
    }
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    civil_time t{static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d, 0, 0, 0, 0};
    t.hour = static_cast<int>(rest / 3600000);
    t.minute = static_cast<int>(rest / 60000 % 60);
    t.second = static_cast<int>(rest / 1000 % 60);
    t.millis = static_cast<int>(rest % 1000);
    return t;
}

/// How a timestamp is spelt; all but `canonical` are valid RFC 3339 that `format/timestamp-canonical`
/// reports. `no_fraction` and `one_digit` drop precision (the instant moves earlier).
enum class time_spelling { canonical, lowercase, no_fraction, one_digit, six_digits, nine_digits, offset };

inline std::string spell_time(std::int64_t ms, time_spelling how = time_spelling::canonical, int offset_minutes = 0)
{
    const auto t = to_civil(how == time_spelling::offset ? ms + std::int64_t{offset_minutes} * 60000 : ms);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(t.year), t.month, t.day,
                  t.hour, t.minute, t.second);
    std::string s = buf;
    char frac[48];
    switch (how) {
    case time_spelling::canonical:
        std::snprintf(frac, sizeof frac, ".%03dZ", t.millis);
        return s + frac;
    case time_spelling::lowercase:
        std::snprintf(frac, sizeof frac, ".%03dz", t.millis);
        s[10] = 't';
        return s + frac;
    case time_spelling::no_fraction: return s + "Z";
    case time_spelling::one_digit:
        std::snprintf(frac, sizeof frac, ".%dZ", t.millis / 100);
        return s + frac;
    case time_spelling::six_digits:
        std::snprintf(frac, sizeof frac, ".%03d000Z", t.millis);
        return s + frac;
    case time_spelling::nine_digits:
        std::snprintf(frac, sizeof frac, ".%03d000000Z", t.millis);
        return s + frac;
    case time_spelling::offset: {
        const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
        std::snprintf(frac, sizeof frac, ".%03d%c%02d:%02d", t.millis, offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
        return s + frac;
    }
    }
    return s;
}

/// Milliseconds since the epoch of a canonical timestamp written by `spell_time`.
inline std::int64_t time_ms(const timestamp& t)
{
    const auto when = parse_timestamp(t.text);
    return when ? when->seconds * 1000 + when->nanoseconds / 1000000 : 0;
}

// ---- JSON values --------------------------------------------------------------------------------------

/// Doubles that survive text: Boost 1.81 parses numbers imprecisely (a long random double may
/// come back one unit in the last place off), so `metadata`, which must round-trip through
/// encode and decode, holds only eighths of small integers, which every parser reads exactly.
inline rc::Gen<double> gen_exact_double()
{
    return rc::gen::map(rc::gen::inRange(-80000, 80001), [](int m) { return m / 8.0; });
}

inline rc::Gen<boost::json::value> gen_scalar(bool exact)
{
    using boost::json::value;
    auto integer = exact ? rc::gen::map(rc::gen::inRange<std::int64_t>(-1000000, 1000001), [](std::int64_t i) { return value(i); })
                         : rc::gen::map(rc::gen::arbitrary<std::int64_t>(), [](std::int64_t i) { return value(i); });
    auto real = exact ? rc::gen::map(gen_exact_double(), [](double d) { return value(d); })
                      : rc::gen::map(rc::gen::arbitrary<double>(), [](double d) { return value(std::isfinite(d) ? d : 0.5); });
    std::vector<rc::Gen<value>> kinds = {
        rc::gen::just(value(nullptr)),
        rc::gen::map(rc::gen::arbitrary<bool>(), [](bool b) { return value(b); }),
        integer,
        real,
        rc::gen::map(gen_prose(12), [](const std::string& s) { return value(s); }),
    };
    if (!exact) kinds.push_back(rc::gen::map(rc::gen::arbitrary<std::uint64_t>(), [](std::uint64_t u) { return value(u); }));
    return rc::gen::mapcat(gen_index(kinds.size()), [kinds](std::size_t i) { return kinds[i]; });
}

inline rc::Gen<std::string> gen_key() { return gen_word("abcdefghijklmnopqrstuvwxyz_0123456789", 1, 10); }

inline rc::Gen<boost::json::value> gen_value(std::size_t depth, bool exact)
{
    using boost::json::value;
    auto scalar = gen_scalar(exact);
    if (depth == 0) return scalar;
    auto inner = gen_value(depth - 1, exact);
    auto array = rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, 4), [inner](std::size_t n) {
        return rc::gen::map(rc::gen::container<std::vector<value>>(n, inner),
                            [](const std::vector<value>& v) { return value(boost::json::array(v.begin(), v.end())); });
    });
    auto object = rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, 4), [inner](std::size_t n) {
        return rc::gen::map(rc::gen::container<std::vector<std::pair<std::string, value>>>(n, rc::gen::pair(gen_key(), inner)),
                            [](const std::vector<std::pair<std::string, value>>& members) {
                                boost::json::object o;
                                for (const auto& [k, v] : members) o[k] = v;
                                return value(std::move(o));
                            });
    });
    return gen_one_of<value>({{6, scalar}, {1, array}, {1, object}});
}

inline rc::Gen<std::optional<boost::json::object>> gen_metadata()
{
    auto object = rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, 5), [](std::size_t n) {
        return rc::gen::map(
            rc::gen::container<std::vector<std::pair<std::string, boost::json::value>>>(n, rc::gen::pair(gen_key(), gen_value(2, true))),
            [](const std::vector<std::pair<std::string, boost::json::value>>& members) {
                boost::json::object o;
                for (const auto& [k, v] : members) o[k] = v;
                return o;
            });
    });
    return gen_optional(object, 3, 1);
}

// ---- valid jobs -----------------------------------------------------------------------------------------

/// The item statuses a job status allows, the first being what shrinking goes towards; the
/// non-rejected ones repeated so that most items are accepted.
inline std::vector<item_status> allowed_items(job_status s)
{
    using is = item_status;
    switch (s) {
    case job_status::accepted: return {is::queued, is::queued, is::queued, is::rejected};
    case job_status::running:
        return {is::queued, is::queued, is::queued, is::generating, is::generating, is::generating,
                is::completed, is::completed, is::completed, is::failed, is::failed, is::rejected};
    case job_status::completed: return {is::completed, is::completed, is::completed, is::rejected};
    case job_status::completed_with_failures:
        return {is::completed, is::completed, is::completed, is::failed, is::failed, is::rejected};
    case job_status::failed: return {is::failed, is::failed, is::failed, is::rejected};
    }
    return {};
}

inline bool allows(job_status s, item_status i)
{
    const auto a = allowed_items(s);
    return std::find(a.begin(), a.end(), i) != a.end();
}

/// What a job of status `s` needs beyond `must`: each entry is a set of item statuses of which
/// at least one item must have one (docs/contract.md section 6), `must` first, deduplicated.
inline std::vector<std::vector<item_status>> requirements(job_status s, const std::vector<item_status>& must)
{
    using is = item_status;
    std::vector<std::vector<is>> reqs;
    for (auto m : must)
        if (std::none_of(reqs.begin(), reqs.end(), [m](const auto& r) { return r.front() == m; })) reqs.push_back({m});
    std::vector<std::vector<is>> own;
    switch (s) {
    case job_status::accepted: own = {{is::queued}}; break;
    case job_status::running: own = {{is::queued, is::generating}}; break;
    case job_status::completed: own = {{is::completed}}; break;
    case job_status::completed_with_failures: own = {{is::completed}, {is::failed}}; break;
    case job_status::failed: break;
    }
    for (const auto& r : own) {
        const bool implied = std::any_of(must.begin(), must.end(),
                                         [&](is m) { return std::find(r.begin(), r.end(), m) != r.end(); });
        if (!implied) reqs.push_back(r);
    }
    return reqs;
}

/// Makes `statuses` meet `reqs`: a missing requirement takes over the first position, scanning
/// from `offset`, that no other met requirement depends on alone. There is always one when
/// `statuses.size() >= reqs.size()` (each met requirement protects at most one position).
inline void meet(std::vector<item_status>& statuses, const std::vector<std::vector<item_status>>& reqs, std::size_t offset)
{
    const std::size_t n = statuses.size();
    auto holders = [&](const std::vector<item_status>& r) {
        std::size_t k = 0;
        for (auto s : statuses) k += std::find(r.begin(), r.end(), s) != r.end();
        return k;
    };
    for (std::size_t q = 0; q < reqs.size(); ++q) {
        if (holders(reqs[q]) > 0) continue;
        for (std::size_t step = 0; step < n; ++step) {
            const std::size_t p = (offset + step) % n;
            bool protected_position = false;
            for (std::size_t o = 0; o < q && !protected_position; ++o) {
                const auto& r = reqs[o];
                protected_position = std::find(r.begin(), r.end(), statuses[p]) != r.end() && holders(r) == 1;
            }
            if (protected_position) continue;
            // `running` needs queued or generating: take the one the offset's parity says.
            statuses[p] = reqs[q].size() > 1 && offset % 2 == 1 ? reqs[q][1] : reqs[q][0];
            break;
        }
    }
}

/// What an item is made of before its status is final: every member it might need, generated
/// independently of the others.
struct item_seed
{
    item_status status = item_status::queued;
    std::optional<std::string> client_item_id;
    std::string tent_hex;           // 26 random hex digits of the tent_id
    char variant = '8';
    std::string tent_name;
    bool rejected_keeps_name = false; // a rejected item may still carry its tent_name
    std::string error_code;
    std::string message;
    std::size_t publication = 0;    // which allowed publication state; 0 is none
    std::string url_host;
    std::string url_path;
};

inline rc::Gen<item_seed> gen_item_seed(job_status s)
{
    return rc::gen::build<item_seed>(
        rc::gen::set(&item_seed::status, gen_element(allowed_items(s))),
        rc::gen::set(&item_seed::client_item_id, gen_optional(gen_prose(16), 1, 3)),
        rc::gen::set(&item_seed::tent_hex, rc::gen::container<std::string>(26, gen_char(hex_alphabet))),
        rc::gen::set(&item_seed::variant, gen_char("89ab")),
        rc::gen::set(&item_seed::tent_name, gen_prose(24)),
        rc::gen::set(&item_seed::rejected_keeps_name, rc::gen::arbitrary<bool>()),
        rc::gen::set(&item_seed::error_code,
                     rc::gen::apply([](char c, const std::string& rest) { return std::string(1, c) + rest; },
                                    gen_char(upper_alphabet), gen_word(upper_snake_alphabet, 0, 20))),
        rc::gen::set(&item_seed::message, gen_prose(32)),
        rc::gen::set(&item_seed::publication, gen_index(5)),
        rc::gen::set(&item_seed::url_host, gen_word("abcdefghijklmnopqrstuvwxyz0123456789-", 1, 12)),
        rc::gen::set(&item_seed::url_path, gen_word("abcdefghijklmnopqrstuvwxyz0123456789-", 0, 20)));
}

inline https_url make_url(const item_seed& seed)
{
    return https_url{"https://" + seed.url_host + ".tented-pages.com/" + seed.url_path};
}

/// The publication states an item may show (section 5), the first being none.
inline std::vector<std::optional<publication_status>> allowed_publication(item_status s, bool auto_publish)
{
    using ps = publication_status;
    if (!auto_publish) return {std::nullopt};
    switch (s) {
    case item_status::queued:
    case item_status::generating: return {std::nullopt, ps::pending};
    case item_status::completed: return {std::nullopt, ps::pending, ps::published, ps::published_with_warnings, ps::failed};
    default: return {std::nullopt};
    }
}

inline bulk_job_item make_item(std::size_t index, item_status s, const item_seed& seed, bool auto_publish)
{
    bulk_job_item item;
    item.index = static_cast<std::int64_t>(index);
    item.status = s;
    item.client_item_id = seed.client_item_id;
    const bool rejected = s == item_status::rejected;
    if (!rejected) item.tent_id = make_tent_id(seed.tent_hex, seed.variant, index);
    if (!rejected || seed.rejected_keeps_name) item.tent_name = seed.tent_name;
    if (rejected) item.error_code = contract::error_code{seed.error_code};
    if (rejected || s == item_status::failed) item.message = seed.message;
    const auto choices = allowed_publication(s, auto_publish);
    item.publication_status = choices[seed.publication % choices.size()];
    if (item.publication_status == publication_status::published ||
        item.publication_status == publication_status::published_with_warnings)
        item.published_url = make_url(seed);
    return item;
}

/// Sets the counters and the credits from the items, at `k` credits per accepted item.
inline void settle(bulk_job& job, std::int64_t k)
{
    job.total = static_cast<std::int64_t>(job.items.size());
    job.queued = job.generating = job.completed = job.failed = 0;
    std::int64_t rejected = 0;
    for (const auto& item : job.items) {
        switch (item.status) {
        case item_status::rejected: ++rejected; break;
        case item_status::queued: ++job.queued; break;
        case item_status::generating: ++job.generating; break;
        case item_status::completed: ++job.completed; break;
        case item_status::failed: ++job.failed; break;
        }
    }
    job.credits.reserved = k * (job.total - rejected);
    job.credits.consumed = k * job.completed;
    job.credits.refunded = k * job.failed;
    job.credits.pending_reconciliation = k * (job.queued + job.generating);
}

struct job_shape
{
    job_status status;
    std::vector<item_status> must;
};

inline bulk_job assemble(const job_shape& shape, bulk_job job, bool auto_publish, const std::vector<item_seed>& seeds,
                         std::int64_t created_ms, std::int64_t age_ms, std::int64_t k, std::size_t offset)
{
    std::vector<item_status> statuses;
    for (const auto& s : seeds) statuses.push_back(s.status);
    meet(statuses, requirements(shape.status, shape.must), offset);
    job.status = shape.status;
    job.auto_publish = auto_publish;
    job.items.clear();
    for (std::size_t i = 0; i < seeds.size(); ++i) job.items.push_back(make_item(i, statuses[i], seeds[i], auto_publish));
    settle(job, k);
    job.created_at = timestamp{spell_time(created_ms)};
    job.updated_at = timestamp{spell_time(created_ms + age_ms)};
    return job;
}

inline constexpr std::array<job_status, 5> all_job_statuses = {
    job_status::accepted, job_status::running, job_status::completed, job_status::completed_with_failures,
    job_status::failed};

/// The job statuses `opts` leaves possible; throws `std::invalid_argument` when there is none.
inline std::vector<job_status> possible_statuses(const generation_options& opts)
{
    if (opts.items && *opts.items == 0)
        throw std::invalid_argument("gen_bulk_job: items must be at least 1 (a job of 0 items raises limits/total)");
    std::vector<job_status> out;
    std::string why;
    for (auto s : all_job_statuses) {
        if (opts.status && *opts.status != s) continue;
        bool ok = true;
        for (auto m : opts.must_include)
            if (!allows(s, m)) {
                ok = false;
                why = "a job with status \"" + wire_name(s) + "\" has no item with status \"" + wire_name(m) + '"';
            }
        const auto need = requirements(s, opts.must_include).size();
        if (ok && opts.items && *opts.items < need) {
            ok = false;
            why = "a job with status \"" + wire_name(s) + "\" and these must_include statuses needs at least " +
                  std::to_string(need) + " items, not " + std::to_string(*opts.items);
        }
        if (ok) out.push_back(s);
    }
    if (out.empty())
        throw std::invalid_argument("gen_bulk_job: no job fits these options" + (why.empty() ? std::string() : ": " + why));
    return out;
}

inline rc::Gen<bulk_job> gen_job_of(const job_shape& shape, std::optional<std::size_t> items, std::optional<bool> auto_publish)
{
    const std::size_t least = std::max<std::size_t>(1, requirements(shape.status, shape.must).size());
    auto count = items ? rc::gen::just(*items) : rc::gen::inRange<std::size_t>(least, 26);
    auto publish = auto_publish ? rc::gen::just(*auto_publish) : rc::gen::arbitrary<bool>();
    auto base = rc::gen::build<bulk_job>(rc::gen::set(&bulk_job::bulk_job_id, gen_bulk_job_id()),
                                         rc::gen::set(&bulk_job::template_id, gen_template_id()),
                                         rc::gen::set(&bulk_job::metadata, gen_metadata()));
    return rc::gen::mapcat(count, [=](std::size_t n) {
        return rc::gen::apply(
            [shape](const bulk_job& job, bool ap, const std::vector<item_seed>& seeds, std::int64_t created,
                    std::int64_t age, std::int64_t k, std::size_t offset) {
                return assemble(shape, job, ap, seeds, created, age, k, offset);
            },
            base, publish, rc::gen::container<std::vector<item_seed>>(n, gen_item_seed(shape.status)),
            rc::gen::inRange<std::int64_t>(year_2000_ms, year_2100_ms),
            gen_one_of<std::int64_t>({{1, rc::gen::just(std::int64_t{0})},
                                                  {4, rc::gen::inRange<std::int64_t>(0, 90 * ms_per_day)}}),
            rc::gen::inRange<std::int64_t>(1, 6), rc::gen::inRange<std::size_t>(0, n));
    });
}

// ---- spelling JSON ---------------------------------------------------------------------------------------

/// Layout decisions, read one byte at a time (cyclically) from a generated vector; all zeros is
/// the compact text in the original member order, so layouts shrink towards it.
class layout
{
public:
    layout(const std::vector<std::uint8_t>& bytes, bool multi_line) : bytes_(bytes), multi_line_(multi_line) {}

    std::uint8_t next()
    {
        if (bytes_.empty()) return 0;
        return bytes_[at_++ % bytes_.size()];
    }

    std::string_view space()
    {
        static constexpr std::string_view one_line[] = {"", " ", "  ", "\t", " \t ", "", " ", "    "};
        static constexpr std::string_view lines[] = {"", " ", "\n", "\t", "\r\n", "\n  ", " \n\t", "\n    "};
        const auto b = next() % 8;
        return multi_line_ ? lines[b] : one_line[b];
    }

private:
    const std::vector<std::uint8_t>& bytes_;
    std::size_t at_ = 0;
    bool multi_line_;
};

inline void write_json(const boost::json::value& v, std::string& out, layout& l)
{
    switch (v.kind()) {
    case boost::json::kind::object: {
        std::vector<const boost::json::key_value_pair*> members;
        for (const auto& kv : v.get_object()) members.push_back(&kv);
        // A Fisher-Yates shuffle in which byte 0 keeps every member in place.
        for (std::size_t i = members.size(); i > 1; --i) std::swap(members[i - 1], members[i - 1 - l.next() % i]);
        out += '{';
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i > 0) out += ',';
            out += l.space();
            out += boost::json::serialize(boost::json::string(members[i]->key()));
            out += l.space();
            out += ':';
            out += l.space();
            write_json(members[i]->value(), out, l);
        }
        out += l.space();
        out += '}';
        return;
    }
    case boost::json::kind::array: {
        out += '[';
        bool first = true;
        for (const auto& e : v.get_array()) {
            if (!first) out += ',';
            first = false;
            out += l.space();
            write_json(e, out, l);
        }
        out += l.space();
        out += ']';
        return;
    }
    default: out += boost::json::serialize(v);
    }
}

inline std::string spell(const boost::json::value& v, const std::vector<std::uint8_t>& bytes, bool multi_line)
{
    layout l(bytes, multi_line);
    std::string out;
    write_json(v, out, l);
    return out;
}

inline rc::Gen<std::vector<std::uint8_t>> gen_layout() { return rc::gen::arbitrary<std::vector<std::uint8_t>>(); }

// ---- hostile inputs -------------------------------------------------------------------------------------

/// Walks down `v` along `path` (each step picks a member or an element) and replaces what it
/// reaches by `replacement`, or removes it from its object when `remove`.
inline void damage(boost::json::value& v, const std::vector<std::size_t>& path, std::size_t step,
                   const boost::json::value& replacement, bool remove)
{
    boost::json::value* parent = nullptr;
    boost::json::value* at = &v;
    std::string key;
    for (; step < path.size(); ++step) {
        const std::size_t p = path[step];
        if (at->is_object() && !at->get_object().empty()) {
            auto it = at->get_object().begin() + static_cast<std::ptrdiff_t>(p % at->get_object().size());
            parent = at;
            key = std::string(it->key());
            at = &it->value();
        } else if (at->is_array() && !at->get_array().empty()) {
            parent = at;
            key.clear();
            at = &at->get_array()[p % at->get_array().size()];
        } else {
            break;
        }
    }
    if (remove && parent && parent->is_object()) parent->get_object().erase(key);
    else *at = replacement;
}

inline rc::Gen<boost::json::value> gen_damaged_job()
{
    return rc::gen::apply(
        [](const bulk_job& job, const std::vector<std::size_t>& path, const boost::json::value& replacement, bool remove) {
            auto v = encode(job);
            damage(v, path, 0, replacement, remove);
            return v;
        },
        gen_bulk_job({}), rc::gen::container<std::vector<std::size_t>>(rc::gen::inRange<std::size_t>(0, 64)),
        gen_value(3, false), rc::gen::arbitrary<bool>());
}

/// One byte-level change: what, where, which byte, how many.
struct byte_change
{
    std::uint8_t kind = 0;
    std::size_t at = 0;
    std::uint8_t byte = 0;
    std::size_t length = 1;
};

inline void apply_change(std::string& s, const byte_change& c)
{
    if (s.empty()) {
        s.push_back(static_cast<char>(c.byte));
        return;
    }
    const std::size_t at = c.at % s.size();
    switch (c.kind % 5) {
    case 0: s[at] = static_cast<char>(c.byte); break;
    case 1: s.insert(at, 1, static_cast<char>(c.byte)); break;
    case 2: s.erase(at, c.length); break;
    case 3: s.insert(at, s.substr(at, c.length)); break;
    default: s.resize(at); break;
    }
}

inline rc::Gen<byte_change> gen_byte_change()
{
    return rc::gen::build<byte_change>(rc::gen::set(&byte_change::kind, rc::gen::inRange<std::uint8_t>(0, 5)),
                                       rc::gen::set(&byte_change::at, rc::gen::arbitrary<std::size_t>()),
                                       rc::gen::set(&byte_change::byte, rc::gen::arbitrary<std::uint8_t>()),
                                       rc::gen::set(&byte_change::length, rc::gen::inRange<std::size_t>(1, 40)));
}

} // namespace tented::contract::testing::detail

namespace tented::contract::testing {

TENTED_CONTRACT_TESTING_DECL rc::Gen<bulk_job> gen_bulk_job(const generation_options& opts)
{
    const auto statuses = detail::possible_statuses(opts);
    const auto items = opts.items;
    const auto publish = opts.auto_publish;
    const auto must = opts.must_include;
    return rc::gen::mapcat(detail::gen_element(statuses), [items, publish, must](job_status s) {
        return detail::gen_job_of(detail::job_shape{s, must}, items, publish);
    });
}

TENTED_CONTRACT_TESTING_DECL rc::Gen<std::string> gen_text(const boost::json::value& json, bool multi_line)
{
    return rc::gen::map(detail::gen_layout(), [json, multi_line](const std::vector<std::uint8_t>& bytes) {
        return detail::spell(json, bytes, multi_line);
    });
}

TENTED_CONTRACT_TESTING_DECL rc::Gen<std::string> gen_payload(const generation_options& opts)
{
    return rc::gen::mapcat(gen_bulk_job(opts), [](const bulk_job& job) { return gen_text(encode(job)); });
}

TENTED_CONTRACT_TESTING_DECL rc::Gen<boost::json::value> gen_json_value(std::size_t max_depth) { return detail::gen_value(max_depth, false); }

TENTED_CONTRACT_TESTING_DECL rc::Gen<std::string> gen_hostile_payload()
{
    auto bytes = rc::gen::map(rc::gen::arbitrary<std::vector<std::uint8_t>>(), [](const std::vector<std::uint8_t>& b) {
        return std::string(b.begin(), b.end());
    });
    auto damaged_text = rc::gen::apply(
        [](std::string text, const std::vector<detail::byte_change>& changes) {
            for (const auto& c : changes) detail::apply_change(text, c);
            return text;
        },
        gen_payload({}), rc::gen::resize(8, rc::gen::nonEmpty(rc::gen::container<std::vector<detail::byte_change>>(detail::gen_byte_change()))));
    auto damaged_value = rc::gen::map(detail::gen_damaged_job(), [](const boost::json::value& v) {
        return boost::json::serialize(v);
    });
    auto any_value = rc::gen::map(gen_json_value(4), [](const boost::json::value& v) { return boost::json::serialize(v); });
    return detail::gen_any_of(bytes, damaged_text, damaged_value, any_value);
}

} // namespace tented::contract::testing

namespace rc {

TENTED_CONTRACT_TESTING_DECL Gen<tented::contract::bulk_job> Arbitrary<tented::contract::bulk_job>::arbitrary()
{
    return tented::contract::testing::gen_bulk_job();
}

TENTED_CONTRACT_TESTING_DECL Gen<tented::contract::job_status> Arbitrary<tented::contract::job_status>::arbitrary()
{
    using s = tented::contract::job_status;
    return tented::contract::testing::detail::gen_element<s>(
        {s::accepted, s::running, s::completed, s::completed_with_failures, s::failed});
}

TENTED_CONTRACT_TESTING_DECL Gen<tented::contract::item_status> Arbitrary<tented::contract::item_status>::arbitrary()
{
    using s = tented::contract::item_status;
    return tented::contract::testing::detail::gen_element<s>(
        {s::rejected, s::queued, s::generating, s::completed, s::failed});
}

TENTED_CONTRACT_TESTING_DECL Gen<tented::contract::publication_status> Arbitrary<tented::contract::publication_status>::arbitrary()
{
    using s = tented::contract::publication_status;
    return tented::contract::testing::detail::gen_element<s>(
        {s::pending, s::published, s::published_with_warnings, s::failed});
}

} // namespace rc

#endif
