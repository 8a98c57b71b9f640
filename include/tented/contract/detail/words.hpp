// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_WORDS_HPP
#define TENTED_CONTRACT_DETAIL_WORDS_HPP

#include <boost/config.hpp>
#include <boost/predef/other/endian.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

// Text read eight bytes at a time (SWAR: SIMD within a register), for the short strings every
// response repeats: member names, enumerations, identifiers, URLs.
namespace tented::contract::detail {

// `bytes_in` sets the high bit of each byte of `w` that lies in [lo, hi]; it needs every byte
// below 0x80, so that no sum carries into the next byte (callers mask bytes at or above 0x80 out
// with `& ~w`, or test them first).
constexpr std::uint64_t byte_ones = 0x0101010101010101ull, byte_highs = 0x8080808080808080ull;

constexpr std::uint64_t bytes_in(std::uint64_t w, unsigned char lo, unsigned char hi) noexcept
{
    return (w + (0x80u - lo) * byte_ones) & ~(w + (0x7fu - hi) * byte_ones) & byte_highs;
}

/// The eight bytes of `s` from `at` (which has eight bytes left) as one word.
inline std::uint64_t word_at(std::string_view s, std::size_t at) noexcept
{
    std::uint64_t w;
    std::memcpy(&w, s.data() + at, 8);
    return w;
}

/// Whether the `n` bytes at `a` and `b` are equal. Names of a description and of an enumeration
/// are short: a word or two loaded and compared costs less than a call to memcmp, and this runs
/// for every key and every enumeration value of the input.
BOOST_FORCEINLINE bool same_bytes(const char* a, const char* b, std::size_t n) noexcept
{
    const auto word = [](const char* p) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        return w;
    };
    const auto half = [](const char* p) {
        std::uint32_t w;
        std::memcpy(&w, p, 4);
        return w;
    };
    if (n >= 8) {
        for (std::size_t k = 0; k + 8 < n; k += 8)
            if (word(a + k) != word(b + k)) return false;
        return word(a + n - 8) == word(b + n - 8); // the last word may overlap the one before
    }
    if (n >= 4) return half(a) == half(b) && half(a + n - 4) == half(b + n - 4);
    for (std::size_t k = 0; k < n; ++k)
        if (a[k] != b[k]) return false;
    return true;
}

BOOST_FORCEINLINE bool same_text(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

/// A name as the words `same_text` compares a key with, made at compile time: its first and
/// last eight bytes (of a name of 8 or more; they overlap below 16) or four (of 4 to 7), as
/// `same_bytes` loads them. The key is then the only text loaded: every key of the input is
/// compared with the name of the member expected next.
struct text_words
{
    std::string_view text;
    std::uint64_t first = 0, last = 0;

    constexpr text_words() noexcept = default;
    constexpr explicit text_words(std::string_view s) noexcept : text(s)
    {
        const std::size_t n = s.size() >= 8 ? 8 : s.size() >= 4 ? 4 : 0;
        if (n == 0) return;
        first = load(s, 0, n);
        last = load(s, s.size() - n, n);
    }

private:
    // The `n` bytes of `s` from `at` as memcpy loads them into a word of this machine.
    static constexpr std::uint64_t load(std::string_view s, std::size_t at, std::size_t n) noexcept
    {
        std::uint64_t w = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto byte = static_cast<std::uint64_t>(static_cast<unsigned char>(s[at + i]));
            w |= byte << (8 * (BOOST_ENDIAN_BIG_BYTE ? n - 1 - i : i));
        }
        return w;
    }
};

/// Whether `key` is the name `name`.
BOOST_FORCEINLINE bool same_text(const text_words& name, std::string_view key) noexcept
{
    const std::size_t n = name.text.size();
    if (key.size() != n) return false;
    const char* k = key.data();
    if (n >= 8) {
        std::uint64_t first, last;
        std::memcpy(&first, k, 8);
        std::memcpy(&last, k + n - 8, 8);
        if (((first ^ name.first) | (last ^ name.last)) != 0) return false;
        return n <= 16 || same_bytes(k + 8, name.text.data() + 8, n - 16);
    }
    if (n >= 4) {
        std::uint32_t first, last;
        std::memcpy(&first, k, 4);
        std::memcpy(&last, k + n - 4, 4);
        return ((first ^ name.first) | (last ^ name.last)) == 0;
    }
    return same_bytes(k, name.text.data(), n);
}

} // namespace tented::contract::detail

#endif
