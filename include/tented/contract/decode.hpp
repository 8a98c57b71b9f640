// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DECODE_HPP
#define TENTED_CONTRACT_DECODE_HPP

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/types.hpp>

#include <boost/json/value.hpp>

#include <optional>
#include <stdexcept>
#include <string_view>

namespace tented::contract {

/** What decoding produced: the typed job when there is one, and the shape findings.

    - `job`: present when the input is well-formed JSON whose root is an object. Members that
      were missing or unusable keep their default values (and are reported); optional members
      absent or unusable are `std::nullopt`.
    - `findings`: the `json`, `schema` and `format` findings, positioned. The rules of
      sections 3 to 8 are not run (that is `validate`).
*/
struct decode_result
{
    std::optional<bulk_job> job;
    report findings;
};

/** Decodes a bulk-job response from JSON text in one pass, without building a DOM.

    The text is parsed by a `boost::json::basic_parser` whose handler fills a `bulk_job` through
    its Boost.Describe description; every problem becomes a finding with a JSON Pointer and a
    line and column.

    Errors: never throws on bad input (only `std::bad_alloc`). Reports `json/too-large` (before
    parsing), `json/bom`, `json/syntax`, `json/depth`, `json/duplicate-key`, the `schema`
    and `format` rules.
    Complexity: linear in the size of `json`.
    Source: docs/contract.md sections 1 and 2.
*/
inline decode_result decode(std::string_view json, const options& opts = {});

/** Decodes a NUL-terminated JSON text, as `decode(std::string_view(json), opts)` (a string
    literal would otherwise be ambiguous with the parsed-value overload). */
inline decode_result decode(const char* json, const options& opts = {}) { return decode(std::string_view(json), opts); }

/** Decodes a bulk-job response from a parsed value, replayed through the same decoder as
    events. Findings carry pointers but no positions (`unknown_position`); the distinction
    between `3` and `3.0` is the one the value keeps (an integral double reads as `3.0`).

    Errors: never throws on bad input; `json/depth` when `value` nests deeper than
    `opts.max_depth`.
*/
inline decode_result decode(const boost::json::value& value, const options& opts = {});

/// Thrown by `decode_or_throw`: the findings that made the input unusable, in `findings`.
class decode_error : public std::runtime_error
{
public:
    decode_error(const std::string& what, report findings)
        : std::runtime_error(what), findings(std::move(findings))
    {
    }
    report findings;
};

/** Decodes `json` into a `bulk_job`, for code that wants a typed value or an exception (the
    edge flavour, like Boost.JSON's `value_to`).

    Errors: throws `decode_error` when decoding reports any error-severity finding; its message
    is the first finding as `LINE:COLUMN: MESSAGE [RULE]`.
*/
inline bulk_job decode_or_throw(std::string_view json, const options& opts = {});

} // namespace tented::contract

#include <tented/contract/detail/decode.hpp>

#endif
