// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_SCHEMA_HPP
#define TENTED_CONTRACT_SCHEMA_HPP

#include <tented/contract/rules.hpp>

#include <boost/json/object.hpp>

namespace tented::contract {

/** True when the JSON Schema of `json_schema(opts)` rejects every payload on which `validate`
    with `opts` reports an error of rule `r`, and accepts every payload on which it reports no
    error of such a rule: the rule is expressed by the schema.

    Expressed, when the rule is reported as an error under `opts`: `json/syntax` (a JSON reader
    refuses the text), `schema/required`, `schema/type`, `schema/null`, `schema/enum`,
    `schema/integer`, the format rules that judge a string invalid (`format/ulid`, `format/uuid`,
    `format/timestamp`, `format/url`, `format/template-id`, `format/error-code`),
    `schema/unknown-field`, `limits/total` and the conditional members of an item
    (`item/tent-id`, `item/tent-name`, `item/error-code`, `item/message`). The others need what a
    schema cannot say (sums, balances, uniqueness, order, number spelling, nesting depth, sequences).

    Source: issue 13, point 6 (the schema proved against the kit).
*/
constexpr bool schema_expresses(rule r, const options& opts = {}) noexcept;

/** The JSON Schema (draft 2020-12) of the response body of `GET /v1/bulk-jobs/{bulkJobId}`,
    generated from the Boost.Describe descriptions of `bulk_job` and its member types.

    - a described struct is an object with its members as `properties`; its non-optional
      members are `required`; members it does not name are allowed (`schema/unknown-field` is a
      warning), unless that rule is an error under `opts` (then `additionalProperties: false`);
    - an integer is `type: integer` from 0 to 2^53-1, `total` from 1 to `opts.max_items`;
    - a described enum is `enum` of its wire names;
    - a formatted string is `type: string` with its format's `pattern`, when the format's
      invalid rule is an error under `opts` (`format/template-id` and `format/error-code` are
      warnings by default, so their patterns appear with `--error` or `--werror`);
    - an item's status decides which members it must have or must not have (`if` / `then`).
    Each keyword appears only when `schema_expresses` its rule under `opts`.

    Returns: the schema document, with `$schema` and `$id`. Errors: only `std::bad_alloc`.
    Example: `boost::json::serialize(tented::contract::json_schema())`.
    Source: reference page, "Top-Level Fields", "Item Fields"; docs/contract.md sections 2 to 4.
*/
inline boost::json::object json_schema(const options& opts = {});

/** An OpenAPI 3.1 document of the endpoint: `GET /v1/bulk-jobs/{bulkJobId}` with its path
    parameter (a ULID), bearer authentication, and the responses 200 (the body of
    `json_schema(opts)`, under `components.schemas.bulk_job`, with the reference's example of a
    `completed_with_failures` job as its `example`, which a mock server answers), 400, 401 and
    404. Tools such as Prism and Schemathesis load it.

    Errors: only `std::bad_alloc`. Source: reference page, "Endpoint", "Authentication",
    "Common Errors", "Response Examples"; tests/formats/openapi.sh (Prism mocks it).
*/
inline boost::json::object openapi(const options& opts = {});

} // namespace tented::contract

#include <tented/contract/detail/schema.hpp>

#endif
