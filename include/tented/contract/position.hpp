// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_POSITION_HPP
#define TENTED_CONTRACT_POSITION_HPP

#include <tented/contract/detail/json_text.hpp>
#include <tented/contract/detail/slice_feed.hpp>
#include <tented/contract/diagnostic.hpp>

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

// Byte offsets as lines and columns: what every report's findings carry. Apart from locate.hpp
// (which finds the value of a JSON Pointer with a parser of its own), so that what makes a report
// does not include that parser.
namespace tented::contract {

/// A 1-based line and column; the column counts bytes, as compilers do.
struct line_column
{
    std::size_t line = 1;
    std::size_t column = 1;
};

/** The line and column of byte `offset` in `text`. Lines end at `\n` (a `\r\n` pair counts
    once). An offset past the end gives the position just after the last byte.

    Complexity: linear in `offset`.
    Example: `locate("{\n  \"a\": 1}", 4)` is line 2, column 3.
*/
inline line_column locate(std::string_view text, std::size_t offset) noexcept
{
    const std::size_t end = std::min(offset, text.size());
    line_column lc;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++lc.line;
            line_start = i + 1;
        }
    }
    lc.column = end - line_start + 1;
    return lc;
}

/** The number of Unicode code points `utf8` holds: its bytes that do not continue a sequence
    (a byte that is not UTF-8 counts as one, as a decoder's U+FFFD would). */
constexpr std::size_t code_points(std::string_view utf8) noexcept
{
    std::size_t n = 0;
    for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

/** The bytes of the JSON token that begins at byte `offset` of `text`: a string with its quotes
    (to the end of `text` when it is not closed), a number or literal, or 1 for a `{` or `[`
    (an object or array is pointed at by its opening bracket); 0 at or past the end.

    Complexity: linear in the token's length, not in the value's. */
constexpr std::size_t token_length(std::string_view text, std::size_t offset) noexcept
{
    if (offset >= text.size()) return 0;
    const char first = text[offset];
    if (first == '{' || first == '[') return 1;
    if (first == '"') return std::min(detail::string_end(text, offset), text.size()) - offset;
    std::size_t end = offset + 1;
    constexpr std::string_view delimiters = " \t\r\n,:]}[{\"";
    while (end < text.size() && delimiters.find(text[end]) == std::string_view::npos) ++end;
    return end - offset;
}

/** Fills `line`, `column`, `character` and `length` of every diagnostic of `r` that has an
    offset into `text`. With `feed`, tells `feed->passed` what the walk has left behind after
    each slice (a mapped file then drops those pages: a finding near the end of a big payload
    costs no more memory than its parse).

    Complexity: one pass over `text` up to the largest offset, plus a sort of the diagnostics'
    offsets; tokens are measured only at findings.
*/
inline void locate_all(report& r, std::string_view text, const detail::slice_feed* feed = nullptr)
{
    std::vector<diagnostic*> pending;
    for (auto& d : r.diagnostics)
        if (d.offset != unknown_position) pending.push_back(&d);
    std::sort(pending.begin(), pending.end(),
              [](const diagnostic* a, const diagnostic* b) { return a->offset < b->offset; });
    const bool dropping = feed && feed->slice && feed->passed;
    const std::size_t step = dropping ? feed->slice : text.size() + 1;
    std::size_t line = 1, line_start = 0, i = 0;
    std::size_t characters = 0; // code points of the current line before byte `i`
    for (diagnostic* d : pending) {
        const std::size_t end = std::min(d->offset, text.size());
        while (i < end) {
            const std::size_t stop = std::min(end, (i / step + 1) * step);
            for (; i < stop; ++i) {
                const auto c = static_cast<unsigned char>(text[i]);
                if (c == '\n') {
                    ++line;
                    line_start = i + 1;
                    characters = 0;
                } else {
                    characters += (c & 0xC0) != 0x80;
                }
            }
            if (dropping && i % step == 0) feed->passed(i);
        }
        d->line = line;
        d->column = end - line_start + 1;
        d->character = characters + 1;
        d->length = token_length(text, end);
    }
}

} // namespace tented::contract

#endif
