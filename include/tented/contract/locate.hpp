// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_LOCATE_HPP
#define TENTED_CONTRACT_LOCATE_HPP

#include <tented/contract/diagnostic.hpp>

#include <algorithm>
#include <cstddef>
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
    lc.column = offset - line_start + 1;
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
        d->column = d->offset - line_start + 1;
    }
}

} // namespace tented::contract

#endif
