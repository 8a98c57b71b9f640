// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_MEMBERS_HPP
#define TENTED_CONTRACT_DETAIL_MEMBERS_HPP

#include <tented/contract/detail/described.hpp>
#include <tented/contract/detail/words.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

// Member names of a described struct and their lookup: every key of the input goes through it.
namespace tented::contract::detail {

/// The names of the members of the described struct `T`, in description order, and the index
/// of a member by its name.
template <class T>
struct member_table
{
    static constexpr std::size_t n = member_count<T>;
    static constexpr std::size_t none = static_cast<std::size_t>(-1);

    static constexpr std::array<std::string_view, n> names = [] {
        std::array<std::string_view, n> t{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<members_of<T>>([&](auto m) { t[i++] = m.name; });
        return t;
    }();

    /// `names` as `text_words`, for `decoder_base::enter_next`.
    static constexpr std::array<text_words, n> words = [] {
        std::array<text_words, n> t{};
        for (std::size_t i = 0; i < n; ++i) t[i] = text_words(names[i]);
        return t;
    }();

    // Member lookup by an open-addressing table keyed on a name's length and its first and last
    // characters: a key costs one comparison, rather than a scan of the description.
    static constexpr std::size_t table_size = 128;
    static_assert(2 * n <= table_size, "the lookup table stays at most half full");

    static constexpr std::size_t home(std::string_view key) noexcept
    {
        const auto first = static_cast<unsigned char>(key.front()), last = static_cast<unsigned char>(key.back());
        return (key.size() * 31 + first * 7 + last) & (table_size - 1);
    }

    static constexpr std::array<std::uint8_t, table_size> lookup = [] {
        std::array<std::uint8_t, table_size> t{}; // member index + 1; 0 is an empty place
        for (std::size_t i = 0; i < n; ++i) {
            auto h = home(names[i]);
            while (t[h] != 0) h = (h + 1) & (table_size - 1);
            t[h] = static_cast<std::uint8_t>(i + 1);
        }
        return t;
    }();

    /// The index of the member named `key`, or `none`.
    static std::size_t member_named(std::string_view key) noexcept
    {
        if (key.empty()) return none;
        for (auto h = home(key); lookup[h] != 0; h = (h + 1) & (table_size - 1)) {
            const std::size_t i = lookup[h] - 1u;
            if (same_text(names[i], key)) return i;
        }
        return none;
    }
};

} // namespace tented::contract::detail

#endif
