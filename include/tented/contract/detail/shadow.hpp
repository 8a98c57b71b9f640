// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_SHADOW_HPP
#define TENTED_CONTRACT_DETAIL_SHADOW_HPP

#include <tented/contract/detail/described.hpp>
#include <tented/contract/diagnostic.hpp>
#include <tented/contract/formats.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

// A shadow mirrors a decoded value with what the typed value cannot hold: for each member,
// whether it was absent, present or unusable, and the byte offset where it began. Rules read it
// to skip what an earlier finding already explains, and to point at the right place.
namespace tented::contract::detail {

enum class slot_state : std::uint8_t { absent, present, invalid };

struct slot
{
    std::size_t offset = unknown_position;
    slot_state state = slot_state::absent;

    bool present() const noexcept { return state == slot_state::present; }
};

template <class T>
struct is_formatted : std::false_type {};
template <class Tag>
struct is_formatted<formatted<Tag>> : std::true_type {};

template <class T>
struct object_shadow;
template <class T>
struct array_shadow;

/// Where a formatted string member's text is when the value does not keep it (validation reads
/// without keeping): a view of the input, valid while the input is. Empty (null) when the text is
/// in the value: kept, or moved out of the input by escapes.
struct text_shadow
{
    std::string_view text{};
};

template <class T, class = void>
struct shadow_of { using type = std::monostate; };
template <class Tag>
struct shadow_of<formatted<Tag>> { using type = text_shadow; };
template <class T>
struct shadow_of<T, std::enable_if_t<is_described_struct<T>::value>> { using type = object_shadow<T>; };
template <class T>
struct shadow_of<std::vector<T>> { using type = array_shadow<T>; };
template <class T>
struct shadow_of<std::optional<T>> : shadow_of<T> {};

template <class T>
using shadow_t = typename shadow_of<T>::type;

template <class T>
struct member_types
{
    template <class D>
    using fn = shadow_t<member_type_of<T, D>>;
    using type = boost::mp11::mp_rename<boost::mp11::mp_transform<fn, members_of<T>>, std::tuple>;
};

/// Where each member of one decoded object stood; `begin` is the offset of its `{`.
template <class T>
struct object_shadow
{
    std::size_t begin = unknown_position;
    std::array<slot, member_count<T>> slots{};
    typename member_types<T>::type children{};

    /// Starts another object at `offset` in a reused shadow (a streamed element): every member
    /// absent. Offsets and children keep stale values: they are read only for a present member,
    /// and decoding a member sets them.
    void restart(std::size_t offset) noexcept
    {
        begin = offset;
        for (auto& s : slots) s.state = slot_state::absent;
    }
};

/// Where each element of one decoded array stood, and what its elements hold.
template <class T>
struct array_shadow
{
    std::size_t begin = unknown_position;
    std::vector<slot> elements;
    std::vector<shadow_t<T>> children;
};

/// The index of the member `P` in the description of `T`.
template <class T, class M>
constexpr std::size_t member_index(M T::*p) noexcept
{
    std::size_t i = 0, found = static_cast<std::size_t>(-1);
    boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
        if constexpr (std::is_same_v<std::remove_cv_t<decltype(d.pointer)>, M T::*>)
            if (d.pointer == p) found = i;
        ++i;
    });
    return found;
}

/// The slot of member `P` (a pointer to a described member) in `s`.
template <auto P, class T>
const slot& slot_of(const object_shadow<T>& s) noexcept
{
    constexpr std::size_t i = member_index(P);
    static_assert(i < member_count<T>, "not a described member");
    return s.slots[i];
}

/// The shadow of the described member `P` (a struct or vector member) in `s`.
template <auto P, class T>
const auto& child_of(const object_shadow<T>& s) noexcept
{
    constexpr std::size_t i = member_index(P);
    return std::get<i>(s.children);
}

/// The text of the formatted member whose value is `v` and shadow `sh` (present).
template <class Tag>
std::string_view text_of(const formatted<Tag>& v, const text_shadow& sh) noexcept
{
    return sh.text.data() != nullptr ? sh.text : std::string_view(v.text);
}

template <class Tag>
std::string_view text_of(const std::optional<formatted<Tag>>& v, const text_shadow& sh) noexcept
{
    return sh.text.data() != nullptr ? sh.text : std::string_view(v->text);
}

} // namespace tented::contract::detail

#endif
