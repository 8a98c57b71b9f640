// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_UTF8_HPP
#define TENTED_CONTRACT_DETAIL_UTF8_HPP

#include <cstddef>
#include <string_view>

namespace tented::contract::detail {

/// The UTF-8 byte-order mark, U+FEFF: what a text may start with (`json/bom`), and nowhere
/// else in JSON. Source: RFC 8259 section 8.1.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// The longest start of `s` of at most `max` bytes that does not end inside a UTF-8 sequence:
/// a text cut short for a message keeps whole characters (a cut through one would leave its
/// first bytes, which are not UTF-8).
inline std::string_view utf8_prefix(std::string_view s, std::size_t max) noexcept
{
    if (s.size() <= max) return s;
    std::size_t n = max;
    for (int k = 0; k < 3 && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80; ++k) --n;
    return s.substr(0, n);
}

/// The length of the well-formed UTF-8 sequence that starts `s`, or 0 (RFC 3629: no overlong
/// forms, no surrogates, nothing past U+10FFFF).
inline std::size_t utf8_sequence(std::string_view s) noexcept
{
    if (s.empty()) return 0;
    const auto c = static_cast<unsigned char>(s[0]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) return 0;
    if (n == 1) return 1;
    const auto c1 = static_cast<unsigned char>(s[1]);
    const bool ok = c >= 0xC2 && c <= 0xF4 && !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) &&
                    !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    return ok ? n : 0;
}

/// A character that text output escapes though it is valid UTF-8 (`control_at`): its code point,
/// and the bytes of its UTF-8 (0: none there).
struct shown_control
{
    unsigned code_point = 0;
    std::size_t length = 0;
};

/// The C1 control (U+0080 to U+009F), line or paragraph separator (U+2028, U+2029) or
/// bidirectional formatting character (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
/// U+2069) whose UTF-8 starts at `i`, if one does. C1 controls (CSI among them) and the separators
/// end lines or drive terminals as C0 controls do; the bidirectional ones reorder how a terminal
/// shows the rest of the line, so a quoted value could make a finding read otherwise than it is
/// ("Trojan Source", CVE-2021-42574).
inline shown_control control_at(std::string_view s, std::size_t i) noexcept
{
    const auto byte = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned b0 = byte(0), b1 = byte(1), b2 = byte(2);
    if (b0 == 0xc2 && b1 >= 0x80 && b1 <= 0x9f) return {b1, 2};
    if (b0 == 0xd8 && b1 == 0x9c) return {0x61c, 2};
    if (b0 != 0xe2 || (b1 != 0x80 && b1 != 0x81) || (b2 & 0xc0) != 0x80) return {};
    const unsigned cp = 0x2000u + ((b1 & 0x3fu) << 6) + (b2 & 0x3fu);
    const bool shown_apart = cp == 0x200e || cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    return shown_apart ? shown_control{cp, 3} : shown_control{};
}

} // namespace tented::contract::detail

#endif
