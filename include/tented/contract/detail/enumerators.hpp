// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_ENUMERATORS_HPP
#define TENTED_CONTRACT_DETAIL_ENUMERATORS_HPP

#include <tented/contract/detail/members.hpp>
#include <tented/contract/detail/nearest.hpp>

#include <boost/config.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Enumerators by their wire names, for the decoder. Boost.Describe's enum_from_string takes a
// NUL-terminated name and compares every enumerator; the decoder's names are views of the input
// and every status of every item is looked up, so these tables are built from the same
// descriptions, chained by name length.
namespace tented::contract::detail {

template <class E>
std::string enum_choices()
{
    std::string list;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto en) {
        if (!list.empty()) list += ", ";
        list += '"';
        list += en.name;
        list += '"';
    });
    return list;
}

/// ` (did you mean "NAME"?)` naming the wire name of `E` nearest to `wrong`, or an empty string.
template <class E>
std::string enum_suggestion(std::string_view wrong)
{
    std::vector<std::string_view> names;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto en) { names.emplace_back(en.name); });
    const auto near = nearest_name(wrong, names);
    return near.empty() ? std::string() : " (did you mean \"" + near + "\"?)";
}

/// The enumerators of `E` by name, from its description, chained by the length of their names:
/// the names of one enumeration mostly differ in length, so a value is mostly one comparison.
template <class E>
struct enum_names
{
    struct entry
    {
        std::string_view name;
        E value{};
    };
    using list = boost::describe::describe_enumerators<E>;
    static constexpr std::size_t size = boost::mp11::mp_size<list>::value;
    static constexpr std::size_t classes = 32;
    static_assert(size < 255, "an enumeration of fewer than 255 enumerators");

    static constexpr std::array<entry, size> table = [] {
        std::array<entry, size> t{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<list>([&](auto en) { t[i++] = entry{en.name, en.value}; });
        return t;
    }();

    // For each length class, its first entry + 1 (0: none); for each entry, the next of its
    // class + 1.
    static constexpr auto chains = [] {
        std::array<std::uint8_t, classes> first{};
        std::array<std::uint8_t, size> next{};
        for (std::size_t i = size; i-- > 0;) {
            auto& head = first[table[i].name.size() % classes];
            next[i] = head;
            head = static_cast<std::uint8_t>(i + 1);
        }
        return std::pair{first, next};
    }();
};

template <class E>
BOOST_FORCEINLINE bool enum_from_name(std::string_view name, E& out) noexcept
{
    using names = enum_names<E>;
    for (auto i = names::chains.first[name.size() % names::classes]; i != 0; i = names::chains.second[i - 1u]) {
        const auto& en = names::table[i - 1u];
        if (same_text(en.name, name)) {
            out = en.value;
            return true;
        }
    }
    return false;
}

} // namespace tented::contract::detail

#endif
