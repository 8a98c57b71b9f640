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
