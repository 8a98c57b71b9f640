// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_CATCH2_HPP
#define TENTED_CONTRACT_TESTING_CATCH2_HPP

// Catch2 (v2) matchers for bulk-job responses, and printers so that described types read as
// JSON in Catch2's messages. The only header of the kit that includes Catch2. Under
// TENTED_CONTRACT_SEPARATE_COMPILATION it declares the matchers' functions and leaves the
// validator they call to testing/catch2_src.hpp (testing/detail/config.hpp says why).

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/testing/detail/config.hpp>
#include <tented/contract/testing/detail/print.hpp>
#include <tented/contract/types.hpp>
#ifndef TENTED_CONTRACT_SEPARATE_COMPILATION
// Header-only, a test that includes the matchers gets the validator and the report writers too
// (testing::format_finding names both overloads), as it always did.
#include <tented/contract/output.hpp>
#include <tented/contract/validate.hpp>
#endif

#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace tented::contract::testing {

/** One finding as `tented-contract validate` prints it, without the file name: the writer of
    diagnostic.hpp (`tented::contract::format_finding`), named here too so a test reads
    `testing::format_finding(d)`. Example:
    `3:14: error: queued is 2 but 1 item has status "queued" (at /queued) [counts/buckets]`. */
using contract::format_finding;

/** Every finding of `r`, one a line as `format_finding` writes it, each line starting with
    `indent`; `"no findings"` (after `indent`) when there is none. Errors: none but `std::bad_alloc`.
    Source: testing/detail/catch2.hpp. */
TENTED_CONTRACT_TESTING_DECL std::string format_findings(const report& r, std::string_view indent = "  ");

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
    bool match(const std::string& payload) const override;
    /// Validates payload text.
    bool match(std::string_view payload) const;
    /// Validates payload text (a string literal).
    bool match(const char* payload) const;
    /// Validates a parsed value; findings have pointers but no line and column.
    bool match(const boost::json::value& payload) const;
    /// Validates a typed job, as its JSON encoding; findings have pointers but no position.
    bool match(const bulk_job& job) const;

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

} // namespace tented::contract::testing

namespace Catch {

// The printers of the described types are defined in testing/detail/catch2.hpp: their bodies
// encode whole jobs, which is what separate compilation keeps out of a test file.

/// Catch2 prints a job as its compact JSON (`to_json`). Errors: none but `std::bad_alloc`.
template <>
struct StringMaker<tented::contract::bulk_job>
{
    static std::string convert(const tented::contract::bulk_job& v);
};

/// Catch2 prints an item as its compact JSON. Errors: none but `std::bad_alloc`.
template <>
struct StringMaker<tented::contract::bulk_job_item>
{
    static std::string convert(const tented::contract::bulk_job_item& v);
};

/// Catch2 prints credits as their compact JSON. Errors: none but `std::bad_alloc`.
template <>
struct StringMaker<tented::contract::credits>
{
    static std::string convert(const tented::contract::credits& v);
};

/// Catch2 prints a job status by its wire name, quoted. Errors: none but `std::bad_alloc`.
template <>
struct StringMaker<tented::contract::job_status>
{
    static std::string convert(tented::contract::job_status v);
};

/// Catch2 prints an item status by its wire name, quoted. Errors: none but `std::bad_alloc`.
template <>
struct StringMaker<tented::contract::item_status>
{
    static std::string convert(tented::contract::item_status v);
};

/// Catch2 prints a publication status by its wire name, quoted. Errors: none but `std::bad_alloc`.
template <>
struct StringMaker<tented::contract::publication_status>
{
    static std::string convert(tented::contract::publication_status v);
};

/// Catch2 prints a formatted string (ULID, UUID, timestamp, ...) as a JSON string. A template,
/// so always in the header; it costs only the translation units that print one.
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

#ifndef TENTED_CONTRACT_SEPARATE_COMPILATION
#include <tented/contract/testing/detail/catch2.hpp>
#endif

#endif
