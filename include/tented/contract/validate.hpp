// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_VALIDATE_HPP
#define TENTED_CONTRACT_VALIDATE_HPP

#include <tented/contract/decode.hpp>
#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/types.hpp>

#include <boost/json/value.hpp>

#include <string_view>

namespace tented::contract {

/** Checks one bulk-job response against the whole contract (docs/contract.md sections 1 to 8).

    Reads `json` in one pass with the decoder of `decode`, but keeps no items: each item's rules
    (sections 4 and 5) run as the item closes, and the job-level rules (sections 3, 6 to 8) run at
    the end on the job's members and a few words kept per item; free text and `metadata` are
    checked, not kept. Each finding carries its rule id, severity (after `opts`), JSON Pointer, an
    "expected ..., got ..." message, the byte offset and the 1-based line and column. Findings are
    sorted by position, and at one position in catalogue order. A rule whose inputs were missing
    or unusable is skipped: the root cause is reported once, never a cascade.

    Returns: the report; `report.ok()` is true when no finding is an error.
    Errors: never throws on bad input (only `std::bad_alloc`): malformed text is `json/syntax`,
    too deep `json/depth`, too large `json/too-large`.
    Complexity: linear in the size of `json` (plus O(n log n) in the number of items, when they
    are out of index order). Memory: besides `json`, under twice its size, and each finding its
    message and pointer (docs/robustness.md, "Limits").

    Example:
    @code
    auto r = tented::contract::validate(R"({"bulk_job_id": "01JQZB4H8A7T5B3R2W1X9Y6Z0K"})");
    assert(!r.ok() && r.raises("schema/required"));
    @endcode
    Source: docs/contract.md sections 1 to 8.
*/
inline report validate(std::string_view json, const options& opts = {});

/** Checks a NUL-terminated JSON text, as `validate(std::string_view(json), opts)`: without
    this overload a string literal would be ambiguous with the parsed-value overload. */
inline report validate(const char* json, const options& opts = {}) { return validate(std::string_view(json), opts); }

/** Checks a parsed value (replayed as events through the same decoder). Findings have pointers
    but no positions. Errors: as `validate(std::string_view, const options&)`. */
inline report validate(const boost::json::value& json, const options& opts = {});

/** Checks a typed job, as its JSON encoding (`encode`) would be checked: the rules of sections 3
    to 8 and the formats. Findings have pointers but no positions. */
inline report validate(const bulk_job& job, const options& opts = {});

} // namespace tented::contract

#include <tented/contract/detail/validate.hpp>

#endif
