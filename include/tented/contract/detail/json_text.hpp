// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_JSON_TEXT_HPP
#define TENTED_CONTRACT_DETAIL_JSON_TEXT_HPP

#include <boost/json/parse.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

// Walking the text of a JSON document that parsed, for positions: the parser hands a handler the
// values, not where they stood, so the decoder and the pointer locator find them in the text.
namespace tented::contract::detail {

/// What may stand between two tokens: white space and the separators `,` and `:`.
inline constexpr auto between_tokens = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {' ', '\t', '\n', '\r', ',', ':'}) t[c] = true;
    return t;
}();

/// The offset of the first token at or after `at` in `text`: past white space and separators.
constexpr std::size_t next_token(std::string_view text, std::size_t at) noexcept
{
    while (at < text.size() && between_tokens[static_cast<unsigned char>(text[at])]) ++at;
    return at;
}

/** The offset of a `{` or `[` that the decoder has not walked to: the token that follows `passed`
    one-byte tokens (`{`, `}`, `[`, `]`) after byte `from`, white space and separators between.
    Walking to it costs a few instructions a byte of pretty-printed indentation, for every object
    and array, while only a finding reads it; so the walk waits for `resolve_offset`. Bit 63 tags
    it; bits 48 to 62 hold `passed`, bits 0 to 47 `from` (no text in memory reaches 2^48 bytes). */
struct deferred_offset
{
    static constexpr std::size_t tag = std::size_t{1} << 63;
    static constexpr int passed_shift = 48;
    static constexpr std::size_t from_mask = (std::size_t{1} << passed_shift) - 1;
    // Below the bits that would make a deferred offset equal unknown_position (all ones).
    static constexpr std::size_t max_passed = 0x7ffe;

    static constexpr std::size_t make(std::size_t from, std::size_t passed) noexcept
    {
        return tag | passed << passed_shift | from;
    }
};

static_assert(sizeof(std::size_t) == 8, "deferred offsets take the high bits of a 64-bit offset");

/// The offset that `offset` stands for in `text`, the text it was found in: a deferred one
/// (`deferred_offset`) walked to, any other as it is (unknown_position included).
constexpr std::size_t resolve_offset(std::string_view text, std::size_t offset) noexcept
{
    if ((offset & deferred_offset::tag) == 0 || offset == static_cast<std::size_t>(-1)) return offset;
    std::size_t passed = (offset & ~deferred_offset::tag) >> deferred_offset::passed_shift;
    std::size_t at = next_token(text, offset & deferred_offset::from_mask);
    for (; passed > 0; --passed) at = next_token(text, at + 1);
    return at;
}

/// The offset just past the closing quote of the JSON string whose opening quote is at `quote`
/// in `text` (escapes skipped, so an escaped quote does not end it).
constexpr std::size_t string_end(std::string_view text, std::size_t quote) noexcept
{
    std::size_t at = quote + 1;
    while (at < text.size() && text[at] != '"') at += text[at] == '\\' ? 2 : 1;
    return at + 1;
}

/// The value of the JSON string whose opening quote is at `offset` in `text`, escapes resolved.
/// `text` holds a whole JSON text that parsed, so the string is well-formed.
inline std::string string_at(std::string_view text, std::size_t offset)
{
    const std::size_t end = string_end(text, offset);
    const auto inside = text.substr(offset + 1, end - offset - 2);
    if (inside.find('\\') == std::string_view::npos) return std::string(inside);
    return std::string(boost::json::parse(text.substr(offset, end - offset)).get_string());
}

} // namespace tented::contract::detail

#endif
