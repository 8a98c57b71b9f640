// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DIAGNOSTIC_HPP
#define TENTED_CONTRACT_DIAGNOSTIC_HPP

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tented::contract {

/** How bad a finding is.

    `error` contradicts a statement of the reference page or a field table; `warning` contradicts
    only what every documented example shows, or is a likely defect the reference does not forbid.
    Only errors make a payload invalid (and the CLI exit 1), unless warnings are promoted.

    Source: docs/contract.md, "Severities".
*/
enum class severity { warning, error };

/// `"warning"` or `"error"`, the spelling used in text and JSON output.
constexpr std::string_view to_string(severity s) noexcept
{
    return s == severity::error ? "error" : "warning";
}

/// Marks an offset, line or column that is not known (a finding on a parsed value has no text).
inline constexpr std::size_t unknown_position = static_cast<std::size_t>(-1);

/** One finding: which rule, how bad, where, and what was expected against what was found.

    - `rule`: a docs/contract.md rule id such as `"counts/buckets"`.
    - `pointer`: RFC 6901 JSON Pointer to the value concerned (`""` is the whole document); for a
      missing member, the pointer the member would have.
    - `offset`: 0-based byte offset in the input of the value (of its object's `{` for a missing
      member); `unknown_position` when the input was a parsed value rather than text.
    - `line`, `column`: 1-based; `column` counts bytes. `unknown_position` with `offset`.
    - `character`: `column` counted in Unicode code points instead (what SARIF and editors
      count); `unknown_position` with `column`.
    - `length`: the bytes of the token at `offset`: a whole string (with its quotes), number or
      literal, or 1 for the `{` or `[` of an object or array; `unknown_position` with `offset`.
*/
struct diagnostic
{
    std::string rule;
    contract::severity severity = severity::error;
    std::string pointer;
    std::string message;
    std::size_t offset = unknown_position;
    std::size_t line = unknown_position;
    std::size_t column = unknown_position;
    std::size_t character = unknown_position;
    std::size_t length = unknown_position;
};

/** Every finding of one validation, in the order the input and the catalogue meet them.

    A report never stops at the first finding. `ok()` is true when no finding is an error.

    Example:
    @code
    auto r = tented::contract::validate(text);
    if (!r.ok())
        for (const auto& d : r.diagnostics) std::cerr << d.rule << ' ' << d.pointer << '\n';
    @endcode
*/
struct report
{
    std::vector<diagnostic> diagnostics;
    /// Findings past `options::max_findings`: counted, not kept.
    std::size_t omitted_errors = 0;
    std::size_t omitted_warnings = 0;
    /// The distinct rule ids of those omitted findings, sorted: a rule raised only past the
    /// limit is still raised (`raises`, `rule_ids`).
    std::vector<std::string> omitted_rules;

    /// True when no finding, kept or omitted, has severity `error`.
    bool ok() const noexcept { return count(severity::error) == 0; }

    /// The number of findings of severity `s`, the omitted ones included.
    std::size_t count(contract::severity s) const noexcept
    {
        return static_cast<std::size_t>(std::count_if(
                   diagnostics.begin(), diagnostics.end(),
                   [s](const diagnostic& d) { return d.severity == s; })) +
               (s == severity::error ? omitted_errors : omitted_warnings);
    }

    /// The number of findings counted but not kept (`options::max_findings`).
    std::size_t omitted() const noexcept { return omitted_errors + omitted_warnings; }

    /// True when some finding, kept or omitted, carries rule id `id` (for example `"item/tent-id"`).
    bool raises(std::string_view id) const noexcept
    {
        return std::any_of(diagnostics.begin(), diagnostics.end(), [id](const diagnostic& d) { return d.rule == id; }) ||
               std::binary_search(omitted_rules.begin(), omitted_rules.end(), id);
    }

    /// The distinct rule ids raised, kept or omitted, sorted: what corpus expectations and tests
    /// compare.
    std::vector<std::string> rule_ids() const
    {
        std::vector<std::string> ids(omitted_rules);
        for (const auto& d : diagnostics) ids.push_back(d.rule);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    }
};

/** One finding without a file: `LINE:COL: error: MESSAGE (at /pointer) [rule/id]`, what the
    Catch2 matcher prints under a failed check. `LINE:COL: ` is left out when the finding has no
    position, ` (at ...)` when its pointer is the whole document. Text is written as found (not
    escaped; output.hpp's `format_finding` with a file escapes it). Errors: none but
    `std::bad_alloc`. Lives here rather than in output.hpp so that the Catch2 matchers can name it
    without the report writers. */
inline std::string format_finding(const diagnostic& d);

} // namespace tented::contract

#include <tented/contract/detail/finding.hpp>

#endif
