// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_PRINT_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_PRINT_HPP

#include <tented/contract/encode.hpp>
#include <tented/contract/types.hpp>

#include <boost/describe/enum_to_string.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <string>

// One printer for the described types, shared by the RapidCheck and Catch2 integrations, so a
// value reads the same in both: compact JSON, as the wire has it.
namespace tented::contract::testing::detail {

/// The wire name of a described enumerator, such as `completed_with_failures`.
template <class E>
std::string wire_name(E value)
{
    return boost::describe::enum_to_string(value, "");
}

/// A described struct, enum or formatted string as compact JSON.
template <class T>
std::string json_text(const T& value)
{
    if constexpr (std::is_enum_v<T>) return '"' + wire_name(value) + '"';
    else return boost::json::serialize(contract::detail::encode_member(value));
}

} // namespace tented::contract::testing::detail

#endif
