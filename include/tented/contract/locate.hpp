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

/** Fills `line` and `column` of every diagnostic of `r` that has an offset into `text`.

    Complexity: one pass over `text` up to the largest offset, plus a sort of the diagnostics'
    offsets.
*/
inline void locate_all(report& r, std::string_view text)
{
    std::vector<diagnostic*> pending;
    for (auto& d : r.diagnostics)
        if (d.offset != unknown_position) pending.push_back(&d);
    std::sort(pending.begin(), pending.end(),
              [](const diagnostic* a, const diagnostic* b) { return a->offset < b->offset; });
    std::size_t line = 1, line_start = 0, i = 0;
    for (diagnostic* d : pending) {
        const std::size_t end = std::min(d->offset, text.size());
        for (; i < end; ++i)
            if (text[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        d->line = line;
        d->column = end - line_start + 1;
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
