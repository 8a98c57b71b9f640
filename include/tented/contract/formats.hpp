// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_FORMATS_HPP
#define TENTED_CONTRACT_FORMATS_HPP

#include <tented/contract/rules.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tented::contract {

/** The outcome of checking a string against its documented format.

    - `ok`: the text has the format in its documented (canonical) spelling.
    - `non_canonical`: the text has the format but not the spelling every example shows.
    - `invalid`: the text does not have the format.
    `reason` says what was expected and what was found; it is empty when `ok`.
*/
struct format_check
{
    enum verdict { ok, non_canonical, invalid };
    verdict outcome = ok;
    std::string reason;
};

/** A JSON string member that has a documented format: the text as received, plus the rules its
    format enforces through `Tag`.

    The text is kept even when it breaks the format, so a payload decodes whole and every other
    rule can still be checked (docs/contract.md, "One root cause, one finding").

    Constraints: `Tag` provides `static format_check check(std::string_view)` and the rule ids
    `invalid_rule` and `non_canonical_rule`.
*/
template <class Tag>
struct formatted
{
    using tag = Tag; ///< the format: its `check` and its two rule ids

    std::string text;

    /// The verdict of `Tag` on `text`.
    format_check check() const { return Tag::check(text); }

    friend bool operator==(const formatted& a, const formatted& b) { return a.text == b.text; }
    friend bool operator!=(const formatted& a, const formatted& b) { return a.text != b.text; }
    friend bool operator<(const formatted& a, const formatted& b) { return a.text < b.text; }
};

/** An instant on the UTC time line: seconds since 1970-01-01T00:00:00Z and nanoseconds.
    A leap second `:60.x` reads as second `:59` and 1.x seconds (`nanoseconds` 1,000,000,000 or
    more): after every instant of `:59` and before the next minute, where the text puts it.
    Ordered like the time line. */
struct instant
{
    std::int64_t seconds = 0;
    std::uint32_t nanoseconds = 0;

    friend bool operator<(const instant& a, const instant& b)
    {
        return a.seconds != b.seconds ? a.seconds < b.seconds : a.nanoseconds < b.nanoseconds;
    }
    friend bool operator==(const instant& a, const instant& b)
    {
        return a.seconds == b.seconds && a.nanoseconds == b.nanoseconds;
    }
};

/** `bulk_job_id`: a ULID, 26 Crockford base32 characters (no I L O U), the first `0`-`7`.
    Lowercase is accepted as a ULID but is not canonical. Source: `format/ulid`,
    `format/ulid-canonical`. */
struct ulid_format
{
    static constexpr rule invalid_rule = rule::format_ulid;
    static constexpr rule non_canonical_rule = rule::format_ulid_canonical;
    inline static format_check check(std::string_view text);
    /// The texts `check` does not call invalid, as an ECMA-262 regular expression (JSON Schema's
    /// `pattern`: `schema.hpp`).
    static constexpr std::string_view pattern = R"re(^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$)re";
};

/** `tent_id`: a UUID, 8-4-4-4-12 hexadecimal digits; canonical is lowercase, version 4, RFC
    variant (`8`, `9`, `a`, `b`). Source: `format/uuid`, `format/uuid-canonical`. */
struct uuid_format
{
    static constexpr rule invalid_rule = rule::format_uuid;
    static constexpr rule non_canonical_rule = rule::format_uuid_canonical;
    inline static format_check check(std::string_view text);
    /// The texts `check` does not call invalid, as an ECMA-262 regular expression (JSON Schema's
    /// `pattern`: `schema.hpp`).
    static constexpr std::string_view pattern = R"re(^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$)re";
};

/** `created_at`, `updated_at`: an RFC 3339 date-time; canonical is `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    Source: `format/timestamp`, `format/timestamp-canonical`. */
struct timestamp_format
{
    static constexpr rule invalid_rule = rule::format_timestamp;
    static constexpr rule non_canonical_rule = rule::format_timestamp_canonical;
    inline static format_check check(std::string_view text);
    /// The texts `check` does not call invalid, as an ECMA-262 regular expression (JSON Schema's
    /// `pattern`: `schema.hpp`), but for one: a leap second with an offset other than Z is taken
    /// in any minute, where `check` takes only the minute that is 23:59 UTC (no pattern of a
    /// sensible size says which local minute that is for every offset).
    static constexpr std::string_view pattern = R"re(^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)[Tt](?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,9})?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])|23:59:60(?:\.[0-9]{1,9})?[Zz]|(?:[01][0-9]|2[0-3]):[0-5][0-9]:60(?:\.[0-9]{1,9})?[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$)re";
};

/** `published_url`: an absolute `https://` URL with a host. Source: `format/url`. */
struct https_url_format
{
    static constexpr rule invalid_rule = rule::format_url;
    static constexpr rule non_canonical_rule = rule::format_url;
    inline static format_check check(std::string_view text);
    /// The texts `check` does not call invalid, as an ECMA-262 regular expression (JSON Schema's
    /// `pattern`: `schema.hpp`).
    static constexpr std::string_view pattern = R"re(^[Hh][Tt][Tt][Pp][Ss]://(?:[^\x00-\x20\x7f/?#]*@)?(?:\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]|(?:[A-Za-z0-9\-_~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+(?:\.(?:[A-Za-z0-9\-_~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+)*\.?)(?::0*(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])?)?(?:[/?#][^\x00-\x20\x7f]*)?$)re";
};

/** `template_id`: `tpl_` then one or more ASCII letters or digits. Source: `format/template-id`
    (a warning: the reference shows the form but never states it). */
struct template_id_format
{
    static constexpr rule invalid_rule = rule::format_template_id;
    static constexpr rule non_canonical_rule = rule::format_template_id;
    inline static format_check check(std::string_view text);
    /// The texts `check` does not call invalid, as an ECMA-262 regular expression (JSON Schema's
    /// `pattern`: `schema.hpp`).
    static constexpr std::string_view pattern = R"re(^tpl_[A-Za-z0-9]+$)re";
};

/** `error_code`: UPPER_SNAKE_CASE, `[A-Z][A-Z0-9_]*`. Source: `format/error-code` (a warning). */
struct error_code_format
{
    static constexpr rule invalid_rule = rule::format_error_code;
    static constexpr rule non_canonical_rule = rule::format_error_code;
    inline static format_check check(std::string_view text);
    /// The texts `check` does not call invalid, as an ECMA-262 regular expression (JSON Schema's
    /// `pattern`: `schema.hpp`).
    static constexpr std::string_view pattern = R"re(^[A-Z][A-Z0-9_]*$)re";
};

/// A bulk job identifier (ULID text).
using ulid = formatted<ulid_format>;
/// A tent identifier (UUID text).
using uuid = formatted<uuid_format>;
/// An RFC 3339 date-time text.
using timestamp = formatted<timestamp_format>;
/// A published page address.
using https_url = formatted<https_url_format>;
/// A template identifier such as `tpl_01JABC123XYZ`.
using template_id = formatted<template_id_format>;
/// A machine-readable rejection reason such as `INSUFFICIENT_CREDITS`.
using error_code = formatted<error_code_format>;

/** The instant an RFC 3339 date-time names, or `std::nullopt` when `text` is not one (the
    `format/timestamp` rules). Offsets are applied: `12:00:00+02:00` is `10:00:00Z`.

    Example: `parse_timestamp("2026-03-25T14:30:00.000Z")->seconds == 1774449000`.
*/
inline std::optional<instant> parse_timestamp(std::string_view text);

} // namespace tented::contract

#include <tented/contract/detail/formats.hpp>

#endif
