// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_SLICE_FEED_HPP
#define TENTED_CONTRACT_DETAIL_SLICE_FEED_HPP

#include <cstddef>
#include <functional>

namespace tented::contract::detail {

/// Where a walk over a text fed in slices has gone: `passed(offset)` is told after each slice that
/// the walk will not look before `offset` again (a mapped file drops those pages). The parser
/// walks the text so, and then the count of lines and columns for its findings.
struct slice_feed
{
    std::size_t slice = 0; ///< bytes a step; 0: the whole text at once
    std::function<void(std::size_t)> passed;
};

} // namespace tented::contract::detail

#endif
