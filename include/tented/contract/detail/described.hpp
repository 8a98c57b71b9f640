// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_DESCRIBED_HPP
#define TENTED_CONTRACT_DETAIL_DESCRIBED_HPP

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

// What a member type is, as the decoder, the shadows and the encoder read it from Boost.Describe:
// a described struct, an optional member, an array.
namespace tented::contract::detail {

template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T, class = void>
struct is_described_struct : std::false_type {};
template <class T>
struct is_described_struct<T, std::void_t<members_of<T>>>
    : std::bool_constant<std::is_class_v<T>> {};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

/// The type of the member that descriptor `D` of `T` names.
template <class T, class D>
using member_type_of = std::remove_reference_t<decltype(std::declval<T&>().*D::pointer)>;

template <class T>
inline constexpr std::size_t member_count = boost::mp11::mp_size<members_of<T>>::value;

} // namespace tented::contract::detail

#endif
