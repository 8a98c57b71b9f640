// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CHECKS_ITEM_HPP
#define TENTED_CONTRACT_DETAIL_CHECKS_ITEM_HPP

#include <tented/contract/detail/checks/facts.hpp>

#include <string>

// docs/contract.md section 4: which members each item status carries.
namespace tented::contract::detail {

/// The findings of section 4 that `s` makes: which members its status carries.
inline unsigned item_member_findings(const item_shape& s) noexcept
{
    if (!s.has_status()) return 0;
    const bool rejected = s.status == item_status::rejected;
    const bool settled_ok =
        s.status == item_status::queued || s.status == item_status::generating || s.status == item_status::completed;
    unsigned found = 0;
    // item/tent-id
    found |= finding_if(!rejected && s.tent_id == slot_state::absent, accepted_without_tent_id);
    found |= finding_if(rejected && s.tent_id == slot_state::present, rejected_with_tent_id);
    // item/tent-name
    found |= finding_if(!rejected && s.tent_name == slot_state::absent, accepted_without_tent_name);
    // item/error-code
    found |= finding_if(rejected && s.error_code == slot_state::absent, rejected_without_error_code);
    // item/unexpected-error-code
    found |= finding_if(!rejected && s.error_code == slot_state::present, accepted_with_error_code);
    // item/message
    found |= finding_if((rejected || s.status == item_status::failed) && s.message == slot_state::absent, without_message);
    // item/unexpected-message
    found |= finding_if(settled_ok && s.message == slot_state::present, settled_with_message);
    return found;
}

/// Reports the findings of section 4 among `found` (`item_member_findings`).
inline void report_item_members(const item_view& v, const item_shape& s, unsigned found, sink& out)
{
    const auto status_text = [&] { return "status " + quote(s.status); };
    if (found & accepted_without_tent_id)
        out.add(rule::item_tent_id, v.at<&bulk_job_item::tent_id>(), v.pointer("tent_id"),
                "an accepted item (" + status_text() + ") has no tent_id (present for accepted items)");
    if (found & rejected_with_tent_id)
        out.add(rule::item_tent_id, v.at<&bulk_job_item::tent_id>(), v.pointer("tent_id"),
                "a rejected item has tent_id " + std::string(v.text<&bulk_job_item::tent_id>()) + " (rejected items were never queued)");
    if (found & accepted_without_tent_name)
        out.add(rule::item_tent_name, v.at<&bulk_job_item::tent_name>(), v.pointer("tent_name"),
                "an accepted item (" + status_text() + ") has no tent_name");
    if (found & rejected_without_error_code)
        out.add(rule::item_error_code, v.at<&bulk_job_item::error_code>(), v.pointer("error_code"),
                "a rejected item has no error_code (present for rejected items)");
    if (found & accepted_with_error_code)
        out.add(rule::item_unexpected_error_code, v.at<&bulk_job_item::error_code>(), v.pointer("error_code"),
                "an item with " + status_text() + " carries error_code " + std::string(v.text<&bulk_job_item::error_code>()) +
                    " (present for rejected items)");
    if (found & without_message)
        out.add(rule::item_message, v.at<&bulk_job_item::message>(), v.pointer("message"),
                "an item with " + status_text() + " has no message (present for rejected or failed items)");
    if (found & settled_with_message)
        out.add(rule::item_unexpected_message, v.at<&bulk_job_item::message>(), v.pointer("message"),
                "an item with " + status_text() + " carries a message (present for rejected or failed items)");
}

} // namespace tented::contract::detail

#endif
