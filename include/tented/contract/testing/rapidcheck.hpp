// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_RAPIDCHECK_HPP
#define TENTED_CONTRACT_TESTING_RAPIDCHECK_HPP

// RapidCheck generators for bulk-job responses: valid ones, valid by construction, and one-rule
// violations as payload text. The only header of the kit that includes RapidCheck; link the
// `rapidcheck` library (CMake: `find_package(rapidcheck)`, target `rapidcheck`). Under
// TENTED_CONTRACT_SEPARATE_COMPILATION it declares the generators and leaves their bodies to
// testing/rapidcheck_src.hpp (testing/detail/config.hpp says why).

#include <tented/contract/testing/detail/config.hpp>
#include <tented/contract/testing/show.hpp>
#include <tented/contract/encode.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/types.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <rapidcheck.h>

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tented::contract::testing {

/** What `gen_bulk_job` may pin; every member left empty is generated.

    - `status`: the job status of every generated job.
    - `items`: the number of items (and `total`). Above 25 a job raises `limits/total` under the
      default options (raise `options::max_items` to accept it); 0 is refused.
    - `auto_publish`: the job's `auto_publish`; publication fields appear only when it is true.
    - `must_include`: item statuses that each appear on at least one item (for example
      `{item_status::rejected}` for a job with a rejected item).

    Errors: `gen_bulk_job` throws `std::invalid_argument` when the pins contradict each other or
    the contract: an item status the job status does not allow (a `completed` job has no
    `failed` item), or fewer items than the status and `must_include` need
    (`completed_with_failures` needs 2).
    Example: `gen_bulk_job({job_status::running, 3, true, {item_status::failed}})`.
    Source: docs/contract.md sections 3 to 6 (what a consistent job is).
*/
struct generation_options
{
    std::optional<job_status> status;
    std::optional<std::size_t> items;
    std::optional<bool> auto_publish;
    std::vector<item_status> must_include;
};

/** Generates bulk-job responses that satisfy the whole contract, by construction (no filtering).

    Covers every job, item and publication status, rejected items, `auto_publish` both ways, 1 to
    25 items, optional members present and absent (`client_item_id`, a rejected item's
    `tent_name`, publication fields, `metadata` holding arbitrary JSON), a credit cost per
    accepted item k from 1 to 5, and canonical formats (uppercase ULID, lowercase v4 UUIDs,
    `YYYY-MM-DDTHH:MM:SS.mmmZ`, `tpl_...`, UPPER_SNAKE error codes, `https://` URLs). Strings
    hold escapes and non-ASCII UTF-8. Members are generated one by one (`rc::gen::build`,
    `rc::gen::apply`, `rc::gen::inRange`), so a failing property shrinks to few items, short
    strings and absent optional members.

    Returns: a generator; every value gives `validate(job)` with no diagnostic at all (under
    default options; with more than 25 items pinned, see `generation_options::items`).
    Errors: throws `std::invalid_argument` for contradicting `opts` (see `generation_options`).
    Example:
    @code
    rc::check("progress never exceeds 100%", [] {
        const auto job = *tented::contract::testing::gen_bulk_job({job_status::running});
        RC_ASSERT(job.completed + job.failed <= job.total);
    });
    @endcode
    Source: docs/contract.md sections 2 to 8.
*/
TENTED_CONTRACT_TESTING_DECL rc::Gen<bulk_job> gen_bulk_job(const generation_options& opts = {});

/** Generates texts that all spell `json`: its members in shuffled order and random JSON white
    space between tokens (space, tab, and, when `multi_line`, line feeds and CR LF). Scalars are
    written as `boost::json::serialize` writes them. Shrinks towards the compact text in the
    original member order.

    Returns: a generator of JSON texts whose parsed value equals `json`.
    Errors: none. Example: `*gen_text(encode(job))` inside a property.
    Source: RFC 8259 (member order and insignificant white space).
*/
TENTED_CONTRACT_TESTING_DECL rc::Gen<std::string> gen_text(const boost::json::value& json, bool multi_line = true);

/** Generates valid payload texts: a `gen_bulk_job(opts)` job spelt by `gen_text`.

    Returns: texts that `validate` accepts with no diagnostic at all.
    Errors: as `gen_bulk_job`. Source: docs/contract.md sections 1 to 8.
*/
TENTED_CONTRACT_TESTING_DECL rc::Gen<std::string> gen_payload(const generation_options& opts = {});

/** The violation generator of one rule of docs/contract.md sections 1 to 8.

    - `rule`: the rule id the generated texts raise, such as `"counts/buckets"`.
    - `companions`: rule ids that may be raised beside `rule` where the catalogue does not allow
      it alone: `counts/buckets` beside `counts/sum-to-total` (counters that do not add up to the
      items cannot each match theirs); empty for every other rule (each is raised alone, as the
      corpus shows).
    - `opts`: the options to check the texts with: the defaults, except for `json/too-large`,
      whose texts exceed `max_bytes` = 256 (a 64 MiB text per case would be wasteful).
    - `how`: in words, what the generator changes in a valid job.
    - `gen`: generates one-line payload texts (no raw line feed, never blank, so they can be
      written as JSON Lines) that raise `rule`, and nothing outside `rule` and `companions`.

    Source: docs/contract.md sections 1 to 8; corpus/invalid/<rule>/ shows a case of each.
*/
struct violation_generator
{
    std::string_view rule;
    std::vector<std::string_view> companions;
    options opts;
    std::string_view how;
    rc::Gen<std::string> gen;
};

/** Every violation generator, one per rule of docs/contract.md sections 1 to 8, in catalogue order.

    Each starts from a `gen_bulk_job` job and changes one thing: removes, retypes or nulls a
    member, respells an identifier or a timestamp, moves a counter or a credit, breaks the JSON
    text itself. A test can check that the table covers the catalogue:
    @code
    for (const auto& v : violation_generators())
        rc::check(std::string(v.rule), [&] { RC_ASSERT(validate(*v.gen, v.opts).raises(v.rule)); });
    @endcode
    Returns: a table built on first use (thread-safe), valid until the program ends.
    Errors: none. Source: docs/contract.md sections 1 to 8.
*/
TENTED_CONTRACT_TESTING_DECL const std::vector<violation_generator>& violation_generators();

/** The violation generator of rule `rule_id`, from `violation_generators()`.

    Returns: the table entry, valid until the program ends.
    Errors: throws `std::invalid_argument` naming the id when it is not a rule of sections 1 to
    8: an unknown id, or a sequence or capture rule (`seq/...`, `capture/...`), which is not
    about one payload.
    Example: `validate(*violation_for("time/order").gen).raises("time/order")` in a property.
    Source: docs/contract.md sections 1 to 8.
*/
TENTED_CONTRACT_TESTING_DECL const violation_generator& violation_for(std::string_view rule_id);

/** Generates arbitrary JSON values, nested at most `max_depth` arrays and objects deep: null,
    booleans, integers (also beyond 2^53 and unsigned), finite doubles, strings with escapes and
    non-ASCII UTF-8, arrays and objects of up to 3 members. For robustness properties ("the
    validator never throws") and for `metadata`-like payloads.

    Returns: a generator; values shrink towards null and towards fewer, smaller members.
    Errors: none.
    Example: `const auto r = validate(*gen_json_value());` in a property: it reports, never throws.
    Source: RFC 8259.
*/
TENTED_CONTRACT_TESTING_DECL rc::Gen<boost::json::value> gen_json_value(std::size_t max_depth = 4);

/** Generates inputs a validator must survive: arbitrary byte strings, and valid payloads
    damaged by flipped, inserted, deleted or duplicated bytes, truncation, or a random subtree
    of the JSON replaced by an arbitrary value or removed, and arbitrary JSON values as text.

    Returns: a generator of byte strings (not necessarily UTF-8, not necessarily JSON).
    Errors: none.
    Example: `const auto r = validate(*gen_hostile_payload());` in a property: it must not throw.
    Source: docs/contract.md section 1 ("reported, never a crash").
*/
TENTED_CONTRACT_TESTING_DECL rc::Gen<std::string> gen_hostile_payload();

} // namespace tented::contract::testing

namespace rc {

/** `rc::gen::arbitrary<bulk_job>()` and property arguments of type `bulk_job`: the valid jobs of
    `tented::contract::testing::gen_bulk_job()`.

    Example: `rc::check([](const tented::contract::bulk_job& job) { ... });`
*/
template <>
struct Arbitrary<tented::contract::bulk_job>
{
    static Gen<tented::contract::bulk_job> arbitrary();
};

/// Every job status, shrinking towards `accepted`.
template <>
struct Arbitrary<tented::contract::job_status>
{
    static Gen<tented::contract::job_status> arbitrary();
};

/// Every item status, shrinking towards `rejected`.
template <>
struct Arbitrary<tented::contract::item_status>
{
    static Gen<tented::contract::item_status> arbitrary();
};

/// Every publication status, shrinking towards `pending`.
template <>
struct Arbitrary<tented::contract::publication_status>
{
    static Gen<tented::contract::publication_status> arbitrary();
};

} // namespace rc

// Whole poll sequences: gen_lifecycle() and one generator per seq/... rule.
#include <tented/contract/testing/lifecycle.hpp>

#ifndef TENTED_CONTRACT_SEPARATE_COMPILATION
#include <tented/contract/testing/detail/rapidcheck.hpp>
#include <tented/contract/testing/detail/violations.hpp>
#endif

#endif
