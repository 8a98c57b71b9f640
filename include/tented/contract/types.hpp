// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TYPES_HPP
#define TENTED_CONTRACT_TYPES_HPP

#include <tented/contract/formats.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/operators.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tented::contract {

/** The status of a bulk job. Names are the wire spellings.

    - `accepted`: admitted and about to start processing
    - `running`: one or more accepted items are still queued or generating
    - `completed`: all accepted items finished successfully
    - `completed_with_failures`: some accepted items completed and some failed
    - `failed`: no accepted items completed successfully

    Source: reference page, "Bulk Job Status Values".
*/
enum class job_status { accepted, running, completed, completed_with_failures, failed };
BOOST_DESCRIBE_ENUM(job_status, accepted, running, completed, completed_with_failures, failed)

/** The status of one item of a bulk job. Names are the wire spellings.

    - `rejected`: rejected during admission and never queued
    - `queued`: accepted, generation has not started yet
    - `generating`: Tented is actively generating the tent
    - `completed`: the tent generation finished successfully
    - `failed`: generation failed after the item was accepted

    Source: reference page, "Item Status Values".
*/
enum class item_status { rejected, queued, generating, completed, failed };
BOOST_DESCRIBE_ENUM(item_status, rejected, queued, generating, completed, failed)

/** The publication state of an item's tent, present when the job asked for auto-publish.

    Source: reference page, "Publication Behavior".
*/
enum class publication_status { pending, published, published_with_warnings, failed };
BOOST_DESCRIBE_ENUM(publication_status, pending, published, published_with_warnings, failed)

/** Aggregate credit accounting of a bulk job, in credits (whole numbers, never negative).

    Invariant (`credits/balance`): `reserved == consumed + refunded + pending_reconciliation`.
    Source: reference page, "Top-Level Fields": credits; Response Examples.
*/
struct credits
{
    std::int64_t reserved = 0;
    std::int64_t consumed = 0;
    std::int64_t refunded = 0;
    std::int64_t pending_reconciliation = 0;
};
BOOST_DESCRIBE_STRUCT(credits, (), (reserved, consumed, refunded, pending_reconciliation))

/** One item of a bulk job, as the endpoint reports it.

    `index` and `status` are required; the others are absent (`std::nullopt`) when the response
    omits them. Which of them must be present depends on `status` (docs/contract.md section 4):
    accepted items carry `tent_id` and `tent_name`; rejected items carry `error_code` and
    `message` and no `tent_id`; failed items carry `message`.

    Source: reference page, "Item Fields".
*/
struct bulk_job_item
{
    std::int64_t index = 0;
    std::optional<std::string> client_item_id;
    std::optional<uuid> tent_id;
    std::optional<std::string> tent_name;
    item_status status = item_status::queued;
    std::optional<contract::publication_status> publication_status;
    std::optional<https_url> published_url;
    std::optional<contract::error_code> error_code;
    std::optional<std::string> message;
};
BOOST_DESCRIBE_STRUCT(bulk_job_item, (),
                      (index, client_item_id, tent_id, tent_name, status, publication_status,
                       published_url, error_code, message))

/** The response body of `GET /v1/bulk-jobs/{bulkJobId}`.

    Every member is required except `metadata` (the create page: metadata is "echoed back in
    responses"). Counts are numbers of items; `total` counts every submitted item, the four
    counters count accepted items only (`counts/sum-to-total`).

    Source: reference page, "Top-Level Fields".
*/
struct bulk_job
{
    ulid bulk_job_id;
    job_status status = job_status::accepted;
    contract::template_id template_id;
    bool auto_publish = false;
    std::int64_t total = 0;
    std::int64_t queued = 0;
    std::int64_t generating = 0;
    std::int64_t completed = 0;
    std::int64_t failed = 0;
    std::vector<bulk_job_item> items;
    contract::credits credits;
    timestamp created_at;
    timestamp updated_at;
    std::optional<boost::json::object> metadata;
};
BOOST_DESCRIBE_STRUCT(bulk_job, (),
                      (bulk_job_id, status, template_id, auto_publish, total, queued, generating,
                       completed, failed, items, credits, created_at, updated_at, metadata))

// Member-wise comparison of the described structs.
using boost::describe::operators::operator==;
using boost::describe::operators::operator!=;

} // namespace tented::contract

#endif
