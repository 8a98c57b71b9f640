// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_RULES_HPP
#define TENTED_CONTRACT_RULES_HPP

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/detail/nearest.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tented::contract {

/** Every rule of the catalogue, in docs/contract.md order; `catalogue()[static_cast<size_t>(r)]`
    describes rule `r`.

    The enumerator names follow the ids (`counts/sum-to-total` is `counts_sum_to_total`); the ids,
    not these names, are the public interface users disable, downgrade and grep.

    Source: docs/contract.md, sections 1 to 9; the two capture rules (section 11) are this kit's
    own, for findings about a capture file rather than a response.
*/
enum class rule : std::uint8_t {
    json_syntax, json_duplicate_key, json_depth, json_bom, json_too_large,
    schema_required, schema_type, schema_null, schema_enum, schema_integer,
    schema_integer_notation, schema_unknown_field,
    format_ulid, format_ulid_canonical, format_uuid, format_uuid_canonical, format_timestamp,
    format_timestamp_canonical, format_template_id, format_url, format_error_code,
    counts_sum_to_total, counts_buckets, items_count, items_index_range, items_index_unique,
    items_order, items_tent_id_unique, limits_total,
    item_tent_id, item_tent_name, item_error_code, item_unexpected_error_code, item_message,
    item_unexpected_message,
    publication_url, publication_requires_generation, publication_requires_auto_publish,
    publication_stale_pending,
    status_consistent_with_counts,
    credits_balance, credits_settled, credits_unit_cost,
    time_order,
    seq_same_job, seq_immutable, seq_tent_id_stable, seq_time, seq_stale_updated_at,
    seq_job_transition, seq_item_transition, seq_monotonic_counts, seq_publication_transition,
    capture_har, capture_http_status,
};

/// The number of rules in the catalogue.
inline constexpr std::size_t rule_count = static_cast<std::size_t>(rule::capture_http_status) + 1;

/** One catalogue entry.

    - `id`: the public rule id, `section/name`.
    - `default_severity`: as docs/contract.md gives it.
    - `summary`: one line, what the rule means.
    - `source`: the reference sentence, field table or neighbouring page the rule enforces.
*/
struct rule_info
{
    rule which;
    std::string_view id;
    severity default_severity;
    std::string_view summary;
    std::string_view source;
};

namespace detail {
using S = severity;
inline constexpr std::array<rule_info, rule_count> rule_table{{
    {rule::json_syntax, "json/syntax", S::error, "not one well-formed JSON text (RFC 8259)", "RFC 8259"},
    {rule::json_duplicate_key, "json/duplicate-key", S::error, "an object repeats a member name", "RFC 8259 section 4: names SHOULD be unique"},
    {rule::json_depth, "json/depth", S::error, "nesting deeper than the depth limit (default 64)", "RFC 8259 section 9: implementations may limit nesting; the default is docs/contract.md#json-depth"},
    {rule::json_bom, "json/bom", S::warning, "a UTF-8 byte-order mark precedes the document", "RFC 8259 section 8.1"},
    {rule::json_too_large, "json/too-large", S::error, "the input is larger than the size limit (default 64 MiB)", "RFC 8259 section 9: implementations may limit the size of texts; the default is docs/contract.md#json-too-large"},
    {rule::schema_required, "schema/required", S::error, "a required member is absent", "Response Fields tables"},
    {rule::schema_type, "schema/type", S::error, "a member (or the root) has the wrong JSON type", "Response Fields tables"},
    {rule::schema_null, "schema/null", S::error, "null where the field table gives a type", "Response Fields tables: absence, not null, omits a field"},
    {rule::schema_enum, "schema/enum", S::error, "a status or publication_status outside its documented set", "Bulk Job Status Values, Item Status Values, Publication Behavior"},
    {rule::schema_integer, "schema/integer", S::error, "a count, index or credit that is negative, not integral, or beyond 2^53-1", "Response Fields: integer"},
    {rule::schema_integer_notation, "schema/integer-notation", S::error, "an integral value written with a fraction or exponent (3.0, 3e0)", "Response Fields: integer"},
    {rule::schema_unknown_field, "schema/unknown-field", S::warning, "a member the contract does not name", "Response Fields tables"},
    {rule::format_ulid, "format/ulid", S::error, "bulk_job_id is not a ULID (26 Crockford base32 characters, first 0-7)", "Request Example: bulk job id 01JQZB4H8A7T5B3R2W1X9Y6Z0K"},
    {rule::format_ulid_canonical, "format/ulid-canonical", S::warning, "a valid ULID written in lowercase", "ULID specification: canonical form is uppercase"},
    {rule::format_uuid, "format/uuid", S::error, "tent_id is not a UUID in 8-4-4-4-12 hexadecimal form", "Item Fields: tent_id uuid"},
    {rule::format_uuid_canonical, "format/uuid-canonical", S::warning, "tent_id is uppercase, or not version 4 with the RFC variant", "[delete page]: v4 tent ids; every example is v4 lowercase"},
    {rule::format_timestamp, "format/timestamp", S::error, "created_at / updated_at is not an RFC 3339 date-time", "Top-Level Fields: created_at, updated_at timestamps"},
    {rule::format_timestamp_canonical, "format/timestamp-canonical", S::warning, "a timestamp not in the documented form YYYY-MM-DDTHH:MM:SS.mmmZ", "Response Examples"},
    {rule::format_template_id, "format/template-id", S::warning, "template_id is not tpl_ followed by ASCII letters or digits", "Response Examples: tpl_01JABC123XYZ"},
    {rule::format_url, "format/url", S::error, "published_url is not an absolute https:// URL with a host", "Item Fields: published_url"},
    {rule::format_error_code, "format/error-code", S::warning, "error_code is not UPPER_SNAKE_CASE", "Response Examples: INSUFFICIENT_CREDITS"},
    {rule::counts_sum_to_total, "counts/sum-to-total", S::error, "queued + generating + completed + failed + rejected items != total", "Top-Level Fields: counters count accepted items, total every submitted item"},
    {rule::counts_buckets, "counts/buckets", S::error, "a counter differs from the number of items with that status", "Top-Level Fields: queued, generating, completed, failed"},
    {rule::items_count, "items/count", S::error, "items does not hold exactly total entries", "Top-Level Fields: total, items"},
    {rule::items_index_range, "items/index-range", S::error, "an index outside [0, total)", "Item Fields: zero-based index from the original request"},
    {rule::items_index_unique, "items/index-unique", S::error, "two items share an index", "Item Fields: index"},
    {rule::items_order, "items/order", S::warning, "items are not in ascending index order", "Response Examples"},
    {rule::items_tent_id_unique, "items/tent-id-unique", S::error, "two items share a tent_id", "Item Fields: tent_id"},
    {rule::limits_total, "limits/total", S::error, "total outside 1..25 (the upper bound is an option)", "[create page]: a bulk request holds between 1 and 25 items"},
    {rule::item_tent_id, "item/tent-id", S::error, "an accepted item lacks tent_id, or a rejected item has one", "Item Fields: tent_id, present for accepted items"},
    {rule::item_tent_name, "item/tent-name", S::error, "an accepted item lacks tent_name", "Item Fields: tent_name"},
    {rule::item_error_code, "item/error-code", S::error, "a rejected item lacks error_code", "Item Fields: error_code, present for rejected items"},
    {rule::item_unexpected_error_code, "item/unexpected-error-code", S::warning, "a non-rejected item carries error_code", "Item Fields: error_code"},
    {rule::item_message, "item/message", S::error, "a rejected or failed item lacks message", "Item Fields: message, present for rejected or failed items"},
    {rule::item_unexpected_message, "item/unexpected-message", S::warning, "a queued, generating or completed item carries message", "Item Fields: message"},
    {rule::publication_url, "publication/url", S::error, "published_url without a published status, or a published status without published_url", "Publication Behavior: published_url appears when a tent is successfully published"},
    {rule::publication_requires_generation, "publication/requires-generation", S::error, "a published or failed publication on an item that is not completed, or publication on a rejected item", "Publication Behavior"},
    {rule::publication_requires_auto_publish, "publication/requires-auto-publish", S::warning, "publication fields on an item of a job whose auto_publish is false", "Publication Behavior: if the original bulk request used auto_publish: true"},
    {rule::publication_stale_pending, "publication/stale-pending", S::warning, "publication_status pending on a failed item", "Publication Behavior"},
    {rule::status_consistent_with_counts, "status/consistent-with-counts", S::error, "the job status contradicts the counters", "Bulk Job Status Values"},
    {rule::credits_balance, "credits/balance", S::error, "reserved != consumed + refunded + pending_reconciliation", "Response Examples: credits"},
    {rule::credits_settled, "credits/settled", S::warning, "a terminal job with pending_reconciliation > 0", "Response Examples: Completed"},
    {rule::credits_unit_cost, "credits/unit-cost", S::warning, "credits do not follow one fixed cost per accepted item", "Response Examples: credits"},
    {rule::time_order, "time/order", S::error, "updated_at earlier than created_at", "Top-Level Fields: created_at, updated_at"},
    {rule::seq_same_job, "seq/same-job", S::error, "bulk_job_id differs within one sequence", "Endpoint: GET /v1/bulk-jobs/{bulkJobId}"},
    {rule::seq_immutable, "seq/immutable", S::error, "template_id, auto_publish, total, created_at, or an item's client_item_id or tent_name changed", "Top-Level Fields, Item Fields"},
    {rule::seq_tent_id_stable, "seq/tent-id-stable", S::error, "an item's tent_id changed, appeared or disappeared", "Item Fields: tent_id"},
    {rule::seq_time, "seq/time", S::error, "updated_at went backwards", "Top-Level Fields: updated_at, last aggregate update"},
    {rule::seq_stale_updated_at, "seq/stale-updated-at", S::warning, "the aggregate state changed but updated_at did not", "Top-Level Fields: updated_at, last aggregate update"},
    {rule::seq_job_transition, "seq/job-transition", S::error, "the job status moved backwards", "Bulk Job Status Values"},
    {rule::seq_item_transition, "seq/item-transition", S::error, "an item status moved backwards", "Item Status Values"},
    {rule::seq_monotonic_counts, "seq/monotonic-counts", S::error, "a counter or credit moved against the lifecycle", "Top-Level Fields, credits"},
    {rule::seq_publication_transition, "seq/publication-transition", S::error, "publication_status went back to pending, or a set published_url changed", "Publication Behavior"},
    {rule::capture_har, "capture/har", S::error, "a .har file is not a HAR 1.2 log (log.entries)", "HAR 1.2 (log.entries); the kit's own rule about a capture file: docs/contract.md#capture-har"},
    {rule::capture_http_status, "capture/http-status", S::warning, "a captured poll was not answered 200 with a body (it is not a snapshot)", "Common Errors; the kit's own rule about a capture file: docs/contract.md#capture-http-status"},
}};

// The table holds rule r at position r, so that info(r) is an index: checked here, not at run time.
static_assert([] {
    for (std::size_t i = 0; i < rule_count; ++i)
        if (rule_table[i].which != static_cast<rule>(i)) return false;
    return true;
}(), "rule_table must list the rules in the order of enum class rule");
} // namespace detail

/** The whole catalogue, one entry per rule of docs/contract.md, in its order.

    Example: `for (const auto& r : tented::contract::catalogue()) std::puts(r.id.data());`
*/
constexpr const std::array<rule_info, rule_count>& catalogue() noexcept { return detail::rule_table; }

/// The catalogue entry of `r`.
constexpr const rule_info& info(rule r) noexcept { return detail::rule_table[static_cast<std::size_t>(r)]; }

/// The public id of `r`, such as `"counts/buckets"`.
constexpr std::string_view id(rule r) noexcept { return info(r).id; }

/** The rule whose public id is `id`, or `std::nullopt` when no rule has that id.

    Complexity: linear in the catalogue size.
*/
constexpr std::optional<rule> find_rule(std::string_view id) noexcept
{
    for (const auto& r : detail::rule_table)
        if (r.id == id) return r.which;
    return std::nullopt;
}

namespace detail {

/// `"; did you mean 'ID'?"` naming the rule id nearest to the unknown `id`, or an empty string.
inline std::string nearest_rule_hint(std::string_view id)
{
    std::array<std::string_view, rule_count> ids{};
    for (std::size_t i = 0; i < rule_count; ++i) ids[i] = rule_table[i].id;
    return did_you_mean(id, ids);
}

} // namespace detail

/** What a validation checks, and how strictly.

    Defaults follow docs/contract.md: every rule on at its catalogue severity, a 64 MiB size limit, a
    nesting limit of 64 and an item limit of 25.

    Per-rule settings (`disable`, `set_severity`) win over `warnings_as_errors`, the way
    `-Wno-error=NAME` wins over `-Werror` in a compiler.

    Errors: the setters taking a rule id throw `std::invalid_argument` naming the id when it is not
    in the catalogue (they are the edge where users type ids).

    Example:
    @code
    tented::contract::options o;
    o.disable("items/order").set_severity("credits/unit-cost", severity::error);
    o.max_items = 100;
    @endcode
*/
/** True for the rules after which nothing of an input is checked: it is not read as JSON
    (`json/syntax`), not read past the depth limit (`json/depth`) or not read at all
    (`json/too-large`). They are errors whatever the options: a disabled one would let any input
    pass unchecked. */
constexpr bool stops_checking(rule r) noexcept
{
    return r == rule::json_syntax || r == rule::json_depth || r == rule::json_too_large;
}

/** The deepest nesting any limit admits. Boost.JSON's parser recurses once per level of arrays
    and objects, and a level costs at most about 210 bytes of stack with GCC (-O0 or -O2) but up
    to 1.7 KiB with clang -O0 and AddressSanitizer: 1,000 levels stay within 2 MiB in every
    build, 10,000 overflowed an 8 MiB stack under AddressSanitizer. A larger `options::max_depth`
    counts as this value (`options::depth_limit`), so that no input can crash the validator
    whatever the options say. Source: issue "Robustness", limits. */
inline constexpr std::size_t max_safe_depth = 1000;

class options
{
public:
    /// Inputs larger than this many bytes are refused before parsing (`json/too-large`).
    std::size_t max_bytes = std::size_t{64} << 20;
    /// Arrays and objects nested deeper than this are refused (`json/depth`); the root counts 1.
    /// Values above `max_safe_depth` count as `max_safe_depth` (see `depth_limit`).
    std::size_t max_depth = 64;
    /// The upper bound of `total` (`limits/total`); the create page allows 25.
    std::int64_t max_items = 25;
    /// At most this many findings are kept for one input; the rest are counted
    /// (`report::omitted_errors`, `report::omitted_warnings`), so validity and the counts stay
    /// exact while memory stays bounded: a payload of a million empty items would otherwise hold
    /// two findings for every three bytes. A compiler's error limit, in effect: errors are kept
    /// first (the first `max_findings` errors, then the first warnings as room is left), so
    /// that a cut input shows its errors however many warnings came before them.
    std::size_t max_findings = 10000;
    /// Report every warning as an error, unless its severity was set by rule.
    bool warnings_as_errors = false;

    /// The nesting limit in force: `max_depth`, at most `max_safe_depth`.
    std::size_t depth_limit() const noexcept { return max_depth < max_safe_depth ? max_depth : max_safe_depth; }

    /// Turn rule `id` off. Throws `std::invalid_argument` for an unknown id, and for the rules
    /// that stop all checking (`json/syntax`, `json/depth`, `json/too-large`: see `stops_checking`).
    options& disable(std::string_view id) { return set(lookup(id), setting::off); }

    /// Report rule `id` at severity `s`. Throws `std::invalid_argument` for an unknown id, and for
    /// a warning of a rule that stops all checking.
    options& set_severity(std::string_view id, severity s)
    {
        return set(lookup(id), s == severity::error ? setting::error : setting::warning);
    }

    /// Turn rule `r` off. Throws `std::invalid_argument` for a rule that stops all checking.
    options& disable(rule r) { return set(r, setting::off); }

    /// Report rule `r` at severity `s`. Throws as `set_severity(id, s)`.
    options& set_severity(rule r, severity s)
    {
        return set(r, s == severity::error ? setting::error : setting::warning);
    }

    /// The severity `r` is reported at, or `std::nullopt` when it is disabled.
    std::optional<severity> effective(rule r) const noexcept
    {
        switch (settings_[static_cast<std::size_t>(r)]) {
        case setting::off: return std::nullopt;
        case setting::error: return severity::error;
        case setting::warning: return severity::warning;
        case setting::catalogue: break;
        }
        const auto s = info(r).default_severity;
        return warnings_as_errors ? severity::error : s;
    }

    /// True when `r` is reported at all.
    bool enabled(rule r) const noexcept { return settings_[static_cast<std::size_t>(r)] != setting::off; }

private:
    enum class setting : std::uint8_t { catalogue, off, warning, error };

    static rule lookup(std::string_view id)
    {
        if (auto r = find_rule(id)) return *r;
        throw std::invalid_argument("unknown rule id '" + std::string(id) + "'" + detail::nearest_rule_hint(id) +
                                    " (tented-contract rules lists them)");
    }

    options& set(rule r, setting s)
    {
        if (stops_checking(r) && s != setting::error)
            throw std::invalid_argument(std::string(info(r).id) + " cannot be turned off or made a warning: when it "
                                        "fires nothing else is checked, so the input would pass unchecked");
        settings_[static_cast<std::size_t>(r)] = s;
        return *this;
    }

    std::array<setting, rule_count> settings_{};
};

} // namespace tented::contract

#endif
