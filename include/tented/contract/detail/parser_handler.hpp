// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_PARSER_HANDLER_HPP
#define TENTED_CONTRACT_DETAIL_PARSER_HANDLER_HPP

#include <boost/json/string_view.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>

namespace tented::contract::detail {

/// What a boost::json::basic_parser handler declares, alike for each of ours: the types its
/// callbacks take, and no size limit of its own (`options` and the parse options bound the input).
struct parser_handler
{
    using error_code = boost::system::error_code;
    using string_view = boost::json::string_view;

    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
};

} // namespace tented::contract::detail

#endif
