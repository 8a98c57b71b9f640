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

} // namespace tented::contract::detail

#endif
