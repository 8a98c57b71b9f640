// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_ITEM_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_ITEM_HPP

#include <tented/contract/detail/checks/facts.hpp>

#include <boost/config.hpp>

#include <string>

// docs/contract.md section 4: which members each item status carries.
namespace tented::contract::detail {

BOOST_FORCEINLINE void check_item_members(const item_view& v, sink& out)
{
    const auto& item = v.item;
    const auto s = item.status;
    const bool rejected = s == item_status::rejected;
    const bool settled_ok = s == item_status::queued || s == item_status::generating || s == item_status::completed;
    const auto tent_id = v.state<&bulk_job_item::tent_id>();
    const auto tent_name = v.state<&bulk_job_item::tent_name>();
    const auto error_code = v.state<&bulk_job_item::error_code>();
    const auto message = v.state<&bulk_job_item::message>();
    // Built only for a finding: a valid item must not pay for a message.
    const auto status_text = [s] { return "status " + quote(s); };

    if (!rejected && tent_id == slot_state::absent)
        // item/tent-id
        out.add(rule::item_tent_id, v.at<&bulk_job_item::tent_id>(), v.pointer("tent_id"),
                "an accepted item (" + status_text() + ") has no tent_id (present for accepted items)");
    if (rejected && tent_id == slot_state::present)
        // item/tent-id
        out.add(rule::item_tent_id, v.at<&bulk_job_item::tent_id>(), v.pointer("tent_id"),
                "a rejected item has tent_id " + std::string(v.text<&bulk_job_item::tent_id>()) + " (rejected items were never queued)");
    if (!rejected && tent_name == slot_state::absent)
        // item/tent-name
        out.add(rule::item_tent_name, v.at<&bulk_job_item::tent_name>(), v.pointer("tent_name"),
                "an accepted item (" + status_text() + ") has no tent_name");
    if (rejected && error_code == slot_state::absent)
        // item/error-code
        out.add(rule::item_error_code, v.at<&bulk_job_item::error_code>(), v.pointer("error_code"),
                "a rejected item has no error_code (present for rejected items)");
    if (!rejected && error_code == slot_state::present)
        // item/unexpected-error-code
        out.add(rule::item_unexpected_error_code, v.at<&bulk_job_item::error_code>(), v.pointer("error_code"),
                "an item with " + status_text() + " carries error_code " + std::string(v.text<&bulk_job_item::error_code>()) +
                    " (present for rejected items)");
    if ((rejected || s == item_status::failed) && message == slot_state::absent)
        // item/message
        out.add(rule::item_message, v.at<&bulk_job_item::message>(), v.pointer("message"),
                "an item with " + status_text() + " has no message (present for rejected or failed items)");
    if (settled_ok && message == slot_state::present)
        // item/unexpected-message
        out.add(rule::item_unexpected_message, v.at<&bulk_job_item::message>(), v.pointer("message"),
                "an item with " + status_text() + " carries a message (present for rejected or failed items)");
}

} // namespace tented::contract::detail

#endif
