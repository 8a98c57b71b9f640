// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_LOCATE_HPP
#define TENTED_CONTRACT_LOCATE_HPP

#include <tented/contract/position.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace tented::contract {

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
    Source: RFC 6901 (JavaScript Object Notation (JSON) Pointer).
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
