// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_FORMATS_HPP
#define TENTED_CONTRACT_DETAIL_FORMATS_HPP

#include <tented/contract/detail/formats_fast.hpp>
#include <tented/contract/detail/utf8.hpp>
#include <tented/contract/formats.hpp>

#include <boost/config.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

// The plain definitions of the formats: each check written as the format reads, byte by byte.
// They are the specification; the public checks first try the fast paths of formats_fast.hpp,
// which only recognise the canonical spellings, and come here for anything else.
namespace tented::contract {
namespace detail {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr bool is_alnum(char c) noexcept { return is_digit(c) || is_upper(c) || is_lower(c); }
constexpr bool is_hex(char c) noexcept
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr char to_upper(char c) noexcept { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

/// Whether `s` is `tpl_` followed by one or more ASCII letters or digits (`format/template-id`).
constexpr bool is_template_id(std::string_view s) noexcept
{
    bool ok = s.size() > 4 && s.substr(0, 4) == "tpl_";
    for (std::size_t i = 4; ok && i < s.size(); ++i) ok = is_alnum(s[i]);
    return ok;
}

/// Whether `s` is UPPER_SNAKE_CASE, `[A-Z][A-Z0-9_]*` (`format/error-code`).
constexpr bool is_error_code(std::string_view s) noexcept
{
    bool ok = !s.empty() && is_upper(s[0]);
    for (std::size_t i = 1; ok && i < s.size(); ++i) ok = is_upper(s[i]) || is_digit(s[i]) || s[i] == '_';
    return ok;
}

/// Whether two job ids are one: ULIDs, read without regard to case (Crockford base32).
inline bool same_job_id(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return to_upper(x) == to_upper(y); });
}

inline format_check bad(std::string reason) { return {format_check::invalid, std::move(reason)}; }
inline format_check non_canonical(std::string reason)
{
    return {format_check::non_canonical, std::move(reason)};
}

/// A text of the input as a message shows it: between double quotes, a `"` or `\` in it escaped
/// as in JSON (so that the quotes always end where the text does), cut after `shown` bytes with
/// `...`.
inline std::string quoted(std::string_view text, std::size_t shown = 60)
{
    std::string q = "\"";
    for (const char c : utf8_prefix(text, shown)) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    if (text.size() > shown) q += "...";
    return q + '"';
}

// Reads `n` digits at `at`; -1 when any is not a digit.
constexpr int digits(std::string_view s, std::size_t at, std::size_t n) noexcept
{
    if (at + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_digit(s[at + i])) return -1;
        v = v * 10 + (s[at + i] - '0');
    }
    return v;
}

constexpr bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(int y, int m) noexcept
{
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
constexpr std::int64_t days_from_civil(int y, int m, int d) noexcept
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The instant of a valid date and time `offset` seconds east of UTC: a leap second (`second`
/// 60) is second 59 and one more in the nanoseconds (see `instant`).
constexpr instant on_time_line(std::int64_t days, int hour, int minute, int second, std::uint32_t nanos,
                               std::int64_t offset) noexcept
{
    const bool leap = second == 60;
    return instant{days * 86400 + hour * 3600 + minute * 60 + second - leap - offset,
                   nanos + (leap ? 1000000000u : 0u)};
}

/// A parsed timestamp, or what is wrong with it: a part it lacks (`missing`, "'T' between date
/// and time"), or a fact about the parts it has (`fact`, "day 30 does not exist in 2026-02").
struct timestamp_parse
{
    std::optional<instant> when;
    std::string missing;
    std::string fact;
};

inline timestamp_parse parse_rfc3339(std::string_view s)
{
    auto fail = [&](std::string part) { return timestamp_parse{std::nullopt, std::move(part), {}}; };
    auto wrong = [&](std::string fact) { return timestamp_parse{std::nullopt, {}, std::move(fact)}; };
    const int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    if (year < 0 || month < 0 || day < 0 || s[4] != '-' || s[7] != '-')
        return fail("a date YYYY-MM-DD first");
    if (month < 1 || month > 12) return wrong("month " + std::to_string(month) + " is not 01-12");
    if (day < 1 || day > days_in_month(year, month))
        return wrong("day " + std::to_string(day) + " does not exist in " + std::string(s.substr(0, 7)));
    if (s.size() < 11 || (s[10] != 'T' && s[10] != 't'))
        return fail("'T' between date and time");
    const int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (hour < 0 || minute < 0 || second < 0 || s[13] != ':' || s[16] != ':')
        return fail("a time HH:MM:SS after 'T'");
    if (hour > 23 || minute > 59 || second > 60)
        return wrong("time " + std::string(s.substr(11, 8)) + " is out of range");
    std::size_t at = 19;
    std::uint32_t nanos = 0;
    if (at < s.size() && s[at] == '.') {
        std::size_t n = 0;
        while (at + 1 + n < s.size() && is_digit(s[at + 1 + n])) ++n;
        if (n == 0 || n > 9) return fail("1 to 9 fraction digits after '.'");
        for (std::size_t i = 0; i < 9; ++i)
            nanos = nanos * 10 + (i < n ? static_cast<std::uint32_t>(s[at + 1 + i] - '0') : 0);
        at += 1 + n;
    }
    std::int64_t offset = 0;
    if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
        ++at;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        const int oh = digits(s, at + 1, 2), om = digits(s, at + 4, 2);
        if (oh < 0 || om < 0 || s[at + 3] != ':' || oh > 23 || om > 59)
            return fail("an offset Z or +HH:MM / -HH:MM");
        offset = (s[at] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        at += 6;
    } else {
        return fail("an offset Z or +HH:MM / -HH:MM");
    }
    if (at != s.size()) return fail("nothing after the offset");
    // RFC 3339 section 5.7: a leap second ends a UTC day; whatever the offset, it is 23:59:60 UTC.
    if (const auto utc = (hour * 60 + minute - offset / 60 + 1440) % 1440; second == 60 && utc != 23 * 60 + 59) {
        const auto two = [](std::int64_t v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); };
        return wrong("second 60 is a leap second only in the last minute of a UTC day (23:59:60Z), and this one is " +
                     two(utc / 60) + ":" + two(utc % 60) + " UTC");
    }
    return {on_time_line(days_from_civil(year, month, day), hour, minute, second, nanos, offset), {}, {}};
}


/// The fields of a timestamp in the documented form `YYYY-MM-DDTHH:MM:SS.mmmZ`.
struct documented_fields
{
    int year, month, day, hour, minute, second, millis;
};

/// The fields of `s` when it is in the documented form and a real date and time, else nothing
/// (then `parse_rfc3339` reads it the general way, saying why). Every response carries two
/// timestamps: the fast path of `timestamp_format::check` and of `parse_timestamp`.
BOOST_FORCEINLINE std::optional<documented_fields> documented_timestamp(std::string_view s) noexcept
{
    if (!has_documented_timestamp_shape(s)) return std::nullopt;
    const auto number = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) v = v * 10 + (s[at + i] - '0');
        return v;
    };
    const documented_fields f{number(0, 4),   number(5, 2),  number(8, 2), number(11, 2),
                              number(14, 2), number(17, 2), number(20, 3)};
    if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > days_in_month(f.year, f.month) || f.hour > 23 ||
        f.minute > 59 || f.second > 60 || (f.second == 60 && (f.hour != 23 || f.minute != 59)))
        return std::nullopt;
    return f;
}

/// Whether `s` is in the documented form and a real date and time (`documented_timestamp`):
/// what validation asks of each timestamp, without placing it on the time line.
inline bool is_documented_timestamp(std::string_view s) noexcept { return documented_timestamp(s).has_value(); }

/// The instant of `s` when it is in the documented form and a real date and time
/// (`documented_timestamp`), else nothing.
inline std::optional<instant> documented_instant(std::string_view s) noexcept
{
    const auto f = documented_timestamp(s);
    if (!f) return std::nullopt;
    return on_time_line(days_from_civil(f->year, f->month, f->day), f->hour, f->minute, f->second,
                        static_cast<std::uint32_t>(f->millis) * 1000000u, 0);
}

/// `format/ulid`, `format/ulid-canonical`.
inline format_check ulid_verdict(std::string_view s)
{
    if (s.size() != 26)
        return bad("expected a ULID of 26 characters, got " + std::to_string(s.size()) + " in " + quoted(s));
    bool lower = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = to_upper(s[i]);
        const bool base32 = is_digit(c) || (is_upper(c) && c != 'I' && c != 'L' && c != 'O' && c != 'U');
        if (!base32)
            return bad("expected Crockford base32 (0-9, A-Z without I L O U), got '" +
                       std::string(1, s[i]) + "' at character " + std::to_string(i + 1) + " of " + quoted(s));
        lower = lower || is_lower(s[i]);
    }
    if (s[0] > '7')
        return bad("expected a first character 0-7 (a larger one overflows 128 bits), got '" +
                   std::string(1, s[0]) + "' in " + quoted(s));
    if (lower) return non_canonical("expected the canonical uppercase ULID, got lowercase " + quoted(s));
    return {};
}

/// `format/uuid`, `format/uuid-canonical`.
inline format_check uuid_verdict(std::string_view s)
{
    const auto not_uuid = [&] { return bad("expected a UUID of 8-4-4-4-12 hexadecimal digits, got " + quoted(s)); };
    if (s.size() != 36) return not_uuid();
    bool lower = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_place ? s[i] != '-' : !is_hex(s[i])) return not_uuid();
        lower = lower && !is_upper(s[i]);
    }
    if (!lower) return non_canonical("expected a lowercase UUID, got " + quoted(s));
    if (s[14] != '4')
        return non_canonical("expected a version 4 UUID, got version " + std::string(1, s[14]) + " in " + quoted(s));
    const char v = s[19];
    if (v != '8' && v != '9' && v != 'a' && v != 'b')
        return non_canonical("expected the RFC 4122 variant (8, 9, a or b), got '" + std::string(1, v) + "' in " + quoted(s));
    return {};
}

/// `format/timestamp`, `format/timestamp-canonical`.
inline format_check timestamp_verdict(std::string_view s)
{
    auto parsed = parse_rfc3339(s);
    if (!parsed.when && !parsed.fact.empty())
        return bad("expected an RFC 3339 date-time, got " + quoted(s) + ": " + parsed.fact);
    if (!parsed.when) return bad("expected an RFC 3339 date-time with " + parsed.missing + ", got " + quoted(s));
    const bool canonical = s.size() == 24 && s[10] == 'T' && s[19] == '.' && s[23] == 'Z';
    if (!canonical)
        return non_canonical("expected the documented form YYYY-MM-DDTHH:MM:SS.mmmZ, got " + quoted(s));
    return {};
}

// True when `s` holds a space, a control character or DEL. It tests every character without
// stopping early, with `|` rather than `||`: a loop the compiler vectorises (most URLs are clean).
inline bool has_space_or_control(std::string_view s) noexcept
{
    unsigned char found = 0;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        found |= (u <= 0x20) | (u == 0x7f);
    }
    return found != 0;
}

enum class authority_char : unsigned char { plain, end, at, colon };

/// What `c` means in the authority of a URL (RFC 3986 section 3.2): `/`, `?` and `#` end it,
/// `@` ends the user information, `:` starts the port.
constexpr authority_char authority_kind(char c) noexcept
{
    if (c == '/' || c == '?' || c == '#') return authority_char::end;
    if (c == '@') return authority_char::at;
    if (c == ':') return authority_char::colon;
    return authority_char::plain;
}

/// RFC 3986 reg-name characters: unreserved and sub-delims (a '%' is checked apart).
constexpr bool is_reg_name_char(char c) noexcept
{
    return is_alnum(c) || std::string_view("-._~!$&'()*+,;=").find(c) != std::string_view::npos;
}

// Where the authority that begins `rest` ends (at the first '/', '?' or '#'), and where its last
// '@' and the last ':' after that are.
struct authority_marks
{
    std::size_t length;
    std::size_t at = std::string_view::npos;
    std::size_t colon = std::string_view::npos;
};

inline authority_marks scan_authority(std::string_view rest) noexcept
{
    authority_marks m{rest.size()};
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const auto kind = classify<&authority_kind>(rest[i]);
        if (kind == authority_char::plain) continue;
        if (kind == authority_char::end) {
            m.length = i;
            break;
        }
        if (kind == authority_char::at) {
            m.at = i;
            m.colon = std::string_view::npos;
        } else {
            m.colon = i;
        }
    }
    return m;
}

/// RFC 3986 userinfo characters: those of a reg-name and ':'.
constexpr bool is_userinfo_char(char c) noexcept { return c == ':' || is_reg_name_char(c); }

// Where `text`, of characters `Allowed` and %-escapes, breaks that form: its first other
// character, or its first '%' without two hexadecimal digits after it; npos where it holds.
template <bool (*Allowed)(char)>
std::size_t escaped_text_fault(std::string_view text) noexcept
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (classify<Allowed>(text[i])) continue;
        if (text[i] != '%' || i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) return i;
        i += 2;
    }
    return std::string_view::npos;
}

/// Whether `s` is an RFC 3986 `dec-octet "." dec-octet "." dec-octet "." dec-octet`: four numbers
/// 0 to 255, without leading zeros.
inline bool is_ipv4_address(std::string_view s) noexcept
{
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (s.empty() || s.front() != '.') return false;
            s.remove_prefix(1);
        }
        std::size_t n = 0;
        while (n < s.size() && n < 4 && is_digit(s[n])) ++n;
        const auto number = s.substr(0, n);
        if (n == 0 || n > 3 || (n > 1 && number.front() == '0') || (n == 3 && number > "255")) return false;
        s.remove_prefix(n);
    }
    return s.empty();
}

/// Whether `s` is an RFC 3986 `IPv6address` (RFC 4291's text form): eight groups of 1 to 4
/// hexadecimal digits separated by ':', one "::" at most standing for one or more groups of
/// zeros, and the last two groups possibly written as an IPv4 address.
inline bool is_ipv6_address(std::string_view s) noexcept
{
    int groups = 0;
    bool gap = false;
    if (s.substr(0, 2) == "::") {
        gap = true;
        s.remove_prefix(2);
    }
    while (!s.empty()) {
        if (s.find(':') == std::string_view::npos && s.find('.') != std::string_view::npos) {
            if (!is_ipv4_address(s)) return false;
            groups += 2;
            break;
        }
        std::size_t n = 0;
        while (n < s.size() && n < 4 && is_hex(s[n])) ++n;
        if (n == 0) return false;
        ++groups;
        s.remove_prefix(n);
        if (s.empty()) break;
        if (s.front() != ':' || s.size() == 1) return false; // five digits, another character, or a ':' last
        s.remove_prefix(1);
        if (s.front() == ':') {
            if (gap) return false;
            gap = true;
            s.remove_prefix(1);
        }
    }
    return gap ? groups <= 7 : groups == 8;
}

// What is wrong with the host of an https URL (RFC 3986 section 3.2.2; a reg-name is a DNS name,
// RFC 1035 section 2.3.4: labels of at most 63 octets, at most 253 in all), or an empty text.
inline const char* host_problem(std::string_view host)
{
    if (host.front() == '[') {
        const auto inside = host.substr(1, host.size() - 2);
        return is_ipv6_address(inside) ? "" : "expected an IPv6 address between '[' and ']'";
    }
    if (const auto fault = escaped_text_fault<&is_reg_name_char>(host); fault != std::string_view::npos)
        return host[fault] == '%' ? "expected '%' followed by two hexadecimal digits in the host"
                                  : "expected a host of letters, digits, '-', '.' and %-escapes";
    // A DNS name has no empty label; one final dot (a fully qualified name) is allowed.
    const auto name = host.back() == '.' ? host.substr(0, host.size() - 1) : host;
    if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos)
        return "expected a host name without empty labels between dots";
    std::size_t octets = 0, label = 0; // a %-escape is one octet
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '%') i += 2;
        ++octets;
        label = name[i] == '.' ? 0 : label + 1;
        if (label > 63) return "expected labels of at most 63 octets in the host name";
    }
    if (octets > 253) return "expected a host name of at most 253 octets";
    return "";
}

/// `format/url`.
inline format_check url_verdict(std::string_view s)
{
    constexpr std::string_view scheme = "https://";
    bool https = s.size() >= scheme.size();
    for (std::size_t i = 0; https && i < scheme.size(); ++i)
        https = (s[i] | 0x20) == scheme[i]; // the scheme is case-insensitive (RFC 3986)
    if (!https) return bad("expected an absolute https:// URL, got " + quoted(s));
    if (has_space_or_control(s)) return bad("expected a URL without spaces or control characters, got " + quoted(s));
    const auto rest = s.substr(scheme.size());
    const auto marks = scan_authority(rest);
    const std::size_t host_at = marks.at == std::string_view::npos ? 0 : marks.at + 1;
    if (host_at > 0) {
        const auto userinfo = rest.substr(0, marks.at);
        if (const auto fault = escaped_text_fault<&is_userinfo_char>(userinfo); fault != std::string_view::npos)
            return bad(userinfo[fault] == '@'
                           ? "expected one '@' at most, ending the user information, got " + quoted(s)
                           : "expected user information of letters, digits, %-escapes and -._~!$&'()*+,;=: before "
                             "'@', got " + quoted(s));
    }
    auto host = rest.substr(host_at, marks.length - host_at);
    std::string_view port;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos) return bad("expected ']' closing the IPv6 address, got " + quoted(s));
        const auto rest = host.substr(close + 1);
        if (!rest.empty() && rest.front() != ':') return bad("expected ':' and a port after ']', got " + quoted(s));
        port = rest.empty() ? rest : rest.substr(1);
        host = host.substr(0, close + 1);
    } else if (marks.colon != std::string_view::npos) {
        port = host.substr(marks.colon - host_at + 1);
        host = host.substr(0, marks.colon - host_at);
    }
    for (char c : port)
        if (!is_digit(c)) return bad("expected a numeric port after ':', got " + quoted(s));
    const auto digits = port.substr(std::min(port.find_first_not_of('0'), port.size()));
    if (digits.size() > 5 || (digits.size() == 5 && digits > "65535"))
        return bad("expected a port from 0 to 65535, got " + quoted(s));
    if (host.empty()) return bad("expected a host after https://, got " + quoted(s));
    if (const char* problem = host_problem(host); *problem) return bad(problem + (", got " + quoted(s)));
    return {};
}

/// Whether `s` is a good URL as judged past the scheme and authority `memo` remembers, when `s`
/// shares them, or past an authority of the plain form (`plain_https_authority`), judged in one
/// pass and then remembered. False says nothing: `url_verdict(s)` judges such a URL.
inline bool known_good_url(std::string_view s, url_memo& memo) noexcept
{
    const auto clean_past = [&](std::size_t n) {
        auto rest = s;
        rest.remove_prefix(n); // not substr, whose bounds check keeps it a call out of line
        return !any_space_or_control(rest);
    };
    if (const auto shared = memo.shared_prefix(s); shared > 0 && clean_past(shared)) return true;
    const auto plain = plain_https_authority(s);
    if (plain == 0 || !clean_past(plain)) return false;
    memo.remember(s.substr(0, plain));
    return true;
}

/// `url_verdict(s)`, given what `memo` remembers of this input's earlier URLs
/// (`known_good_url`); remembering the scheme and authority of `s` when it is good.
inline format_check url_verdict(std::string_view s, url_memo& memo)
{
    constexpr std::size_t scheme = 8; // "https://"
    if (known_good_url(s, memo)) return {};
    auto verdict = url_verdict(s);
    if (verdict.outcome == format_check::ok) memo.remember(s.substr(0, scheme + scan_authority(s.substr(scheme)).length));
    return verdict;
}

/// Whether `s` is a text of the format `Tag` that its check finds good, as the fast paths alone
/// can tell: every canonical identifier, documented timestamp and plain URL, every template id
/// and error code (whose checks judge nothing else). False says nothing:
/// `Tag::check` (or `url_verdict` with `memo`) judges such a text.
template <class Tag>
bool known_good(std::string_view s, url_memo& memo) noexcept
{
    if constexpr (std::is_same_v<Tag, ulid_format>) return is_canonical_ulid(s);
    else if constexpr (std::is_same_v<Tag, uuid_format>) return is_canonical_uuid(s);
    else if constexpr (std::is_same_v<Tag, timestamp_format>) return is_documented_timestamp(s);
    else if constexpr (std::is_same_v<Tag, https_url_format>) return known_good_url(s, memo);
    else if constexpr (std::is_same_v<Tag, template_id_format>) return is_template_id(s);
    else if constexpr (std::is_same_v<Tag, error_code_format>) return is_error_code(s);
    else return false;
}

} // namespace detail

inline std::optional<instant> parse_timestamp(std::string_view text)
{
    if (auto when = detail::documented_instant(text)) return when;
    return detail::parse_rfc3339(text).when;
}

inline format_check ulid_format::check(std::string_view s)
{
    return detail::is_canonical_ulid(s) ? format_check{} : detail::ulid_verdict(s);
}

inline format_check uuid_format::check(std::string_view s)
{
    return detail::is_canonical_uuid(s) ? format_check{} : detail::uuid_verdict(s);
}

inline format_check timestamp_format::check(std::string_view s)
{
    return detail::is_documented_timestamp(s) ? format_check{} : detail::timestamp_verdict(s);
}

inline format_check https_url_format::check(std::string_view s) { return detail::url_verdict(s); }

/// `format/template-id`.
inline format_check template_id_format::check(std::string_view s)
{
    using namespace detail;
    if (!is_template_id(s)) return bad("expected tpl_ followed by ASCII letters or digits, got " + quoted(s));
    return {};
}

/// `format/error-code`.
inline format_check error_code_format::check(std::string_view s)
{
    using namespace detail;
    if (!is_error_code(s)) return bad("expected UPPER_SNAKE_CASE ([A-Z][A-Z0-9_]*), got " + quoted(s));
    return {};
}

} // namespace tented::contract

#endif
