// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_SHOW_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_SHOW_HPP

#include <tented/contract/encode.hpp>
#include <tented/contract/testing/detail/print.hpp>
#include <tented/contract/testing/show.hpp>

namespace tented::contract {

TENTED_CONTRACT_TESTING_DECL void showValue(const bulk_job& job, std::ostream& os) { os << to_json(job); }
TENTED_CONTRACT_TESTING_DECL void showValue(const bulk_job_item& item, std::ostream& os) { os << testing::detail::json_text(item); }
TENTED_CONTRACT_TESTING_DECL void showValue(const credits& c, std::ostream& os) { os << testing::detail::json_text(c); }
TENTED_CONTRACT_TESTING_DECL void showValue(job_status s, std::ostream& os) { os << testing::detail::json_text(s); }
TENTED_CONTRACT_TESTING_DECL void showValue(item_status s, std::ostream& os) { os << testing::detail::json_text(s); }
TENTED_CONTRACT_TESTING_DECL void showValue(publication_status s, std::ostream& os)
{
    os << testing::detail::json_text(s);
}

} // namespace tented::contract

#endif
