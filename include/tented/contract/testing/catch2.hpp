// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_CATCH2_HPP
#define TENTED_CONTRACT_TESTING_CATCH2_HPP

// Catch2 (v2) matchers for bulk-job responses, and printers so that described types read as
// JSON in Catch2's messages. The only header of the kit that includes Catch2.

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/output.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/testing/detail/print.hpp>
#include <tented/contract/types.hpp>
#include <tented/contract/validate.hpp>

#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace tented::contract::testing {

/** One finding as `tented-contract validate` prints it, without the file name: the writer of
    output.hpp (`tented::contract::format_finding`), named here too so a test reads
    `testing::format_finding(d)`. Example:
    `3:14: error: queued is 2 but 1 item has status "queued" (at /queued) [counts/buckets]`. */
using contract::format_finding;

/** Every finding of `r`, one a line as `format_finding` writes it, each line starting with
    `indent`; `"no findings"` (after `indent`) when there is none. Errors: none but `std::bad_alloc`. */
inline std::string format_findings(const report& r, std::string_view indent = "  ");

/** A Catch2 matcher over a bulk-job response: either "is valid" or "raises rule R".

    Matches a payload text (`std::string`, `std::string_view`, `const char*`), a parsed
    `boost::json::value` or a typed `bulk_job`, each through the matching `validate` overload.
    It is a `Catch::MatcherBase<std::string>`, so on text it composes with Catch2's own matchers
    (`&&`, `||`, `!`). A failed match describes itself with every finding, as the CLI prints
    them (`format_finding`), so the test log says what is wrong and where.

    Made by `is_valid_bulk_job` and `raises`; holds the report of the last match (a matcher is
    used by one assertion at a time).
    Errors: matching never throws on bad input (see `validate`).
*/
class bulk_job_matcher : public Catch::MatcherBase<std::string>
{
public:
    /// What the matcher asks of the report.
    enum class expectation { valid, raises };

    /// Prefer `is_valid_bulk_job()` and `raises(id)`; `rule` is used with `expectation::raises`.
    bulk_job_matcher(expectation e, std::string rule, options opts)
        : expect_(e), rule_(std::move(rule)), opts_(std::move(opts))
    {
    }

    /// Validates payload text.
    bool match(const std::string& payload) const override { return judge(validate(std::string_view(payload), opts_)); }
    /// Validates payload text.
    bool match(std::string_view payload) const { return judge(validate(payload, opts_)); }
    /// Validates payload text (a string literal).
    bool match(const char* payload) const { return judge(validate(std::string_view(payload), opts_)); }
    /// Validates a parsed value; findings have pointers but no line and column.
    bool match(const boost::json::value& payload) const { return judge(validate(payload, opts_)); }
    /// Validates a typed job, as its JSON encoding; findings have pointers but no position.
    bool match(const bulk_job& job) const { return judge(validate(job, opts_)); }

    /// The report of the last match (empty before the first).
    const report& last_report() const noexcept { return last_; }

protected:
    std::string describe() const override;

private:
    bool judge(report r) const;

    expectation expect_;
    std::string rule_;
    options opts_;
    mutable report last_;
    mutable bool ran_ = false;
    mutable bool matched_ = false;
};

/** Matches a bulk-job response that the contract accepts: no finding of severity error
    (warnings allowed, as `tented-contract validate` exits 0 on them; set
    `opts.warnings_as_errors` to refuse them too).

    Returns: a matcher for `REQUIRE_THAT` / `CHECK_THAT`.
    Errors: none. A failed match lists every finding in its description.
    Example:
    @code
    REQUIRE_THAT(client.fetch_raw(job_id), is_valid_bulk_job());
    REQUIRE_THAT(tented::contract::encode(job), is_valid_bulk_job());
    @endcode
    Source: docs/contract.md sections 1 to 8.
*/
inline bulk_job_matcher is_valid_bulk_job(const options& opts = {})
{
    return bulk_job_matcher(bulk_job_matcher::expectation::valid, {}, opts);
}

/** Matches a bulk-job response that raises rule `rule_id` (whatever else it raises).

    Returns: a matcher for `REQUIRE_THAT` / `CHECK_THAT`.
    Errors: throws `std::invalid_argument` naming `rule_id` when it is not in the catalogue (a
    typo would otherwise make the assertion fail for the wrong reason, or pass under `!`).
    Example: `REQUIRE_THAT(payload, raises("counts/buckets"));`
    Source: the rule ids of docs/contract.md.
*/
inline bulk_job_matcher raises(std::string_view rule_id, const options& opts = {})
{
    if (!find_rule(rule_id))
        throw std::invalid_argument("raises: unknown rule id '" + std::string(rule_id) + "'" +
                                    contract::detail::nearest_rule_hint(rule_id) + " (tented-contract rules lists them)");
    return bulk_job_matcher(bulk_job_matcher::expectation::raises, std::string(rule_id), opts);
}

// ---- definitions ------------------------------------------------------------------------------

inline std::string format_findings(const report& r, std::string_view indent)
{
    if (r.diagnostics.empty()) return std::string(indent) + "no findings";
    std::string s;
    for (const auto& d : r.diagnostics) {
        if (!s.empty()) s += '\n';
        s.append(indent).append(format_finding(d));
    }
    return s;
}

inline bool bulk_job_matcher::judge(report r) const
{
    last_ = std::move(r);
    ran_ = true;
    matched_ = expect_ == expectation::valid ? last_.ok() : last_.raises(rule_);
    return matched_;
}

inline std::string bulk_job_matcher::describe() const
{
    std::string s = expect_ == expectation::valid ? "is a valid bulk-job response" : "raises " + rule_;
    if (ran_ && !matched_) s += "; the findings:\n" + format_findings(last_);
    return s;
}

} // namespace tented::contract::testing

namespace Catch {

/// Catch2 prints a job as its compact JSON (`to_json`).
template <>
struct StringMaker<tented::contract::bulk_job>
{
    static std::string convert(const tented::contract::bulk_job& v) { return tented::contract::to_json(v); }
};

/// Catch2 prints an item as its compact JSON.
template <>
struct StringMaker<tented::contract::bulk_job_item>
{
    static std::string convert(const tented::contract::bulk_job_item& v)
    {
        return tented::contract::testing::detail::json_text(v);
    }
};

/// Catch2 prints credits as their compact JSON.
template <>
struct StringMaker<tented::contract::credits>
{
    static std::string convert(const tented::contract::credits& v) { return tented::contract::testing::detail::json_text(v); }
};

/// Catch2 prints a job status by its wire name, quoted.
template <>
struct StringMaker<tented::contract::job_status>
{
    static std::string convert(tented::contract::job_status v) { return tented::contract::testing::detail::json_text(v); }
};

/// Catch2 prints an item status by its wire name, quoted.
template <>
struct StringMaker<tented::contract::item_status>
{
    static std::string convert(tented::contract::item_status v) { return tented::contract::testing::detail::json_text(v); }
};

/// Catch2 prints a publication status by its wire name, quoted.
template <>
struct StringMaker<tented::contract::publication_status>
{
    static std::string convert(tented::contract::publication_status v)
    {
        return tented::contract::testing::detail::json_text(v);
    }
};

/// Catch2 prints a formatted string (ULID, UUID, timestamp, ...) as a JSON string.
template <class Tag>
struct StringMaker<tented::contract::formatted<Tag>>
{
    static std::string convert(const tented::contract::formatted<Tag>& v)
    {
        return tented::contract::testing::detail::json_text(v);
    }
};

/// Catch2 prints a report as its findings, one a line (as `format_findings`).
template <>
struct StringMaker<tented::contract::report>
{
    static std::string convert(const tented::contract::report& r)
    {
        return "{\n" + tented::contract::testing::format_findings(r) + "\n}";
    }
};

} // namespace Catch

#endif
