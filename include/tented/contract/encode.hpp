// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_ENCODE_HPP
#define TENTED_CONTRACT_ENCODE_HPP

#include <tented/contract/detail/described.hpp>
#include <tented/contract/types.hpp>

#include <boost/describe/enum_to_string.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <string>

namespace tented::contract {

namespace detail {

template <class T>
boost::json::value encode_member(const T& v)
{
    if constexpr (is_described_struct<T>::value) {
        boost::json::object o;
        boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
            const auto& m = v.*d.pointer;
            using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
            if constexpr (is_optional<M>::value) {
                if (m) o[d.name] = encode_member(*m);
            } else {
                o[d.name] = encode_member(m);
            }
        });
        return o;
    } else if constexpr (is_vector<T>::value) {
        boost::json::array a;
        a.reserve(v.size());
        for (const auto& e : v) a.push_back(encode_member(e));
        return a;
    } else if constexpr (std::is_enum_v<T>) {
        return boost::json::string(boost::describe::enum_to_string(v, ""));
    } else if constexpr (std::is_same_v<T, bool> || std::is_arithmetic_v<T> ||
                         std::is_same_v<T, std::string> || std::is_same_v<T, boost::json::object>) {
        return boost::json::value_from(v);
    } else {
        return boost::json::string(v.text);
    }
}

} // namespace detail

/** The JSON a conforming server would send for `job`: members in description order, absent
    optional members omitted (the reference omits a field rather than sending null), enums by
    their wire names, formatted strings as their text.

    Errors: none but `std::bad_alloc`. Example: `boost::json::serialize(encode(job))`.
    Source: docs/contract.md section 2 (an absent member is omitted, never null).
*/
inline boost::json::value encode(const bulk_job& job) { return detail::encode_member(job); }

/// `encode(job)` serialised compactly, one line, as in a JSON Lines capture.
inline std::string to_json(const bulk_job& job) { return boost::json::serialize(encode(job)); }

} // namespace tented::contract

#endif
