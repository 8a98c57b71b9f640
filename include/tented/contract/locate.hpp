// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_LOCATE_HPP
#define TENTED_CONTRACT_LOCATE_HPP

#include <tented/contract/diagnostic.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

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
    std::size_t end = offset + 1;
    if (first == '"') {
        while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
        return std::min(end + 1, text.size()) - offset;
    }
    constexpr std::string_view delimiters = " \t\r\n,:]}[{\"";
    while (end < text.size() && delimiters.find(text[end]) == std::string_view::npos) ++end;
    return end - offset;
}

/** Fills `line`, `column`, `character` and `length` of every diagnostic of `r` that has an
    offset into `text`.

    Complexity: one pass over `text` up to the largest offset, plus a sort of the diagnostics'
    offsets; code points are counted only between findings of one line, tokens only at findings.
*/
inline void locate_all(report& r, std::string_view text)
{
    std::vector<diagnostic*> pending;
    for (auto& d : r.diagnostics)
        if (d.offset != unknown_position) pending.push_back(&d);
    std::sort(pending.begin(), pending.end(),
              [](const diagnostic* a, const diagnostic* b) { return a->offset < b->offset; });
    std::size_t line = 1, line_start = 0, i = 0;
    // Code points of the current line before byte `counted_to`: findings of one line share them.
    std::size_t counted_to = 0, characters = 0;
    for (diagnostic* d : pending) {
        const std::size_t end = std::min(d->offset, text.size());
        for (; i < end; ++i)
            if (text[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        if (counted_to < line_start) {
            counted_to = line_start;
            characters = 0;
        }
        characters += code_points(text.substr(counted_to, end - counted_to));
        counted_to = end;
        d->line = line;
        d->column = end - line_start + 1;
        d->character = characters + 1;
        d->length = token_length(text, end);
    }
}

/** The byte offset of the value that the RFC 6901 JSON Pointer `pointer` designates in `json`:
    the inverse of a diagnostic's `pointer`, for a consumer that holds only the pointer.

    `json` is read in one pass by a `boost::json::basic_parser` (every leniency option off, no
    DOM) that tracks the path to the current value. Pointer tokens are unescaped (`~1` is `/`,
    `~0` is `~`); an array index is `0` or a decimal number without leading zeros (`-`, the
    element after the last, designates nothing). When an object repeats the member name (which
    is `json/duplicate-key`), the last occurrence is designated, the one `validate` reads, and
    nothing below an earlier occurrence is (as in a DOM that keeps the last value). A
    UTF-8 byte-order mark before the document is skipped and counted in the offset, as `validate`
    does (`json/bom`), so an offset of a diagnostic and this offset agree.

    Returns: the 0-based byte offset of the first byte of the designated value (its `{`, `[`,
    `"`, first digit or `-`, or the first letter of `true` / `false` / `null`); `""` designates
    the whole document.
    Errors: never throws on bad input (only `std::bad_alloc`); returns `std::nullopt` when `json`
    is not one well-formed JSON text (or nests deeper than `max_depth`, 64 by default, the
    default of `options::max_depth`), when `pointer` is malformed (not empty and not starting
    with `/`, or `~` not followed by `0` or `1`), or when nothing is there.
    Complexity: linear in the size of `json` plus the size of `pointer`; memory in the depth.

    Example:
    @code
    auto at = tented::contract::find_pointer(R"({"items": [{"index": 0}]})", "/items/0/index");
    assert(at == 21);
    @endcode
    Source: RFC 6901 (JavaScript Object Notation (JSON) Pointer); DESIGN.md, `locate.hpp`.
*/
inline std::optional<std::size_t> find_pointer(std::string_view json, std::string_view pointer);

/** As `find_pointer(json, pointer)`, for documents validated with a raised (or lowered)
    `options::max_depth`: `json` may nest `max_depth` arrays and objects, the root counting 1
    (at most `max_safe_depth`, as `options::depth_limit`). */
inline std::optional<std::size_t> find_pointer(std::string_view json, std::string_view pointer,
                                               std::size_t max_depth);

} // namespace tented::contract

#include <tented/contract/detail/locate.hpp>

#endif
