// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_FORMATS_FAST_HPP
#define TENTED_CONTRACT_DETAIL_FORMATS_FAST_HPP

#include <tented/contract/detail/words.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

// The fast paths of the format checks: every response carries a ULID and two timestamps, every
// item a UUID and often a URL, so their canonical spellings are recognised eight bytes at a time
// (SWAR: SIMD within a register), URL characters are classified by table, and the part of a URL
// past a remembered authority is scanned for spaces and controls a word at a time. Each answers
// only "is this the canonical form" (or "is this clean"); anything else goes to the plain
// definition in formats.hpp, which is the specification. tests/property/formats.cpp checks that
// both agree.
namespace tented::contract::detail {

/// The answer of `Classify` (a constexpr function of a byte) for each of the 256 byte values.
template <auto Classify>
inline constexpr auto byte_table = [] {
    std::array<decltype(Classify(char{})), 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = Classify(static_cast<char>(c));
    return t;
}();

/// `Classify(c)`, read from its table.
template <auto Classify>
constexpr auto classify(char c) noexcept
{
    return byte_table<Classify>[static_cast<unsigned char>(c)];
}

/// Whether `s` is a canonical ULID: 26 characters of uppercase Crockford base32, the first
/// `0`-`7` (the last word overlaps the one before).
inline bool is_canonical_ulid(std::string_view s) noexcept
{
    if (s.size() != 26 || s[0] < '0' || s[0] > '7') return false;
    std::uint64_t ok = byte_highs;
    for (const std::size_t at : {0, 8, 16, 18}) {
        const std::uint64_t w = word_at(s, at);
        const auto excluded = bytes_in(w, 'I', 'I') | bytes_in(w, 'L', 'L') | bytes_in(w, 'O', 'O') | bytes_in(w, 'U', 'U');
        ok &= (bytes_in(w, '0', '9') | bytes_in(w, 'A', 'Z')) & ~excluded & ~w; // ~w: no byte above 0x7f
    }
    return ok == byte_highs;
}

/// Whether `s` is a canonical UUID: 8-4-4-4-12 lowercase hexadecimal digits, version 4, the
/// RFC 4122 variant. Its 32 digits are read as four words, in an order of their own (every digit
/// is judged alike).
inline bool is_canonical_uuid(std::string_view s) noexcept
{
    if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return false;
    const auto half = [&](std::size_t at) {
        std::uint32_t w;
        std::memcpy(&w, s.data() + at, 4);
        return std::uint64_t{w};
    };
    const auto lower_hex = [](std::uint64_t w) { return (bytes_in(w, '0', '9') | bytes_in(w, 'a', 'f')) & ~w; };
    // Four words judged apart, not an array of them: its words stored one by one and loaded two at
    // a time (as vectorised code does) would stall the processor.
    const std::uint64_t all = lower_hex(word_at(s, 0)) & lower_hex(half(9) | half(14) << 32) &
                              lower_hex(half(19) | half(24) << 32) & lower_hex(word_at(s, 28));
    const char v = s[19];
    return all == byte_highs && s[14] == '4' && (v == '8' || v == '9' || v == 'a' || v == 'b');
}

/// Whether `s` has the shape of the documented timestamp `YYYY-MM-DDTHH:MM:SS.mmmZ`: digits and
/// those separators where they stand (whether the date and time exist is not judged here).
inline bool has_documented_timestamp_shape(std::string_view s) noexcept
{
    static constexpr std::string_view form = "0000-00-00T00:00:00.000Z"; // '0': any digit
    if (s.size() != form.size()) return false;
    for (std::size_t at = 0; at < s.size(); at += 8) {
        const std::uint64_t w = word_at(s, at), f = word_at(form, at);
        const std::uint64_t digit_places = bytes_in(f, '0', '0');
        const std::uint64_t other_bytes = ~((digit_places >> 7) * 0xff);
        if ((w & byte_highs) || (bytes_in(w, '0', '9') & digit_places) != digit_places || ((w ^ f) & other_bytes))
            return false;
    }
    return true;
}

/// Whether `s` holds a space, a control character or DEL, as `has_space_or_control` (formats.hpp,
/// the definition) says, eight bytes at a time: the part of a URL past a remembered authority
/// is checked for nothing else.
inline bool any_space_or_control(std::string_view s) noexcept
{
    const auto flagged = [](std::uint64_t w) {
        const std::uint64_t low = w & ~byte_highs; // bytes_in needs every byte below 0x80
        return (bytes_in(low, 0, 0x20) | bytes_in(low, 0x7f, 0x7f)) & ~w; // ~w: a byte at or above 0x80 is neither
    };
    std::uint64_t found = 0;
    if (s.size() < 8) {
        for (const char c : s) found |= flagged(static_cast<unsigned char>(c) | 0x6161616161616100ull); // among 'a's
        return found != 0;
    }
    std::size_t at = 0;
    for (; at + 8 <= s.size(); at += 8) found |= flagged(word_at(s, at));
    if (at < s.size()) found |= flagged(word_at(s, s.size() - 8)); // the last bytes, overlapping the word before
    return found != 0;
}

enum class plain_host_char : unsigned char { label, dot, end, other };

/// What `c` is in the host of a plain URL (`plain_https_authority`): a lowercase letter, a digit
/// or '-' (a label's), '.', what ends the authority ('/', '?', '#'), or anything else.
constexpr plain_host_char plain_host_kind(char c) noexcept
{
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') return plain_host_char::label;
    if (c == '.') return plain_host_char::dot;
    if (c == '/' || c == '?' || c == '#') return plain_host_char::end;
    return plain_host_char::other;
}

/// The length of the scheme and authority of `s` when it has the form of nearly every URL an
/// API sends: `https://`, then a host name of 1 to 63 lowercase letters, digits and '-' a label,
/// separated by single dots, at most 253 in all, ended by '/', '?', '#' or the end of `s`; no
/// user information or port. 0 for any other form, which the plain definition (formats.hpp)
/// judges.
inline std::size_t plain_https_authority(std::string_view s) noexcept
{
    constexpr std::size_t scheme = 8, longest_label = 63, longest_name = 253;
    if (s.size() <= scheme || word_at(s, 0) != word_at("https://", 0)) return 0;
    std::size_t label = 0; // characters of the label since the last dot
    std::size_t at = scheme;
    for (; at < s.size(); ++at) {
        const auto kind = classify<&plain_host_kind>(s[at]);
        if (kind == plain_host_char::label && label < longest_label) ++label;
        else if (kind == plain_host_char::dot && label > 0) label = 0;
        else if (kind == plain_host_char::end) break;
        else return 0;
    }
    return label > 0 && at - scheme <= longest_name ? at : 0;
}

/** The scheme and authority (`https://host:port`) of the last URL found good while reading one
    input: the URLs of one job mostly share them, and a URL that starts with them followed by
    '/', '?', '#' or nothing has the same verdict for them, so only the rest need be checked.
    State of one reading (the decoder holds one), passed to the check explicitly: a check keeps
    nothing between calls. Held in place, as every validation has one: an authority longer than
    `room` is not remembered (its URLs are each checked whole). */
class url_memo
{
public:
    static constexpr std::size_t room = 128;

    /// The length of the remembered prefix when `s` starts with it and then '/', '?', '#' or
    /// ends; 0 otherwise.
    std::size_t shared_prefix(std::string_view s) const noexcept
    {
        const std::size_t n = size_;
        if (n == 0 || s.size() < n || !same_bytes(s.data(), prefix_, n)) return 0;
        return s.size() == n || s[n] == '/' || s[n] == '?' || s[n] == '#' ? n : 0;
    }

    /// Remembers `prefix`, the scheme and authority of a URL found good, when it fits.
    void remember(std::string_view prefix) noexcept
    {
        if (prefix.size() > room) return;
        std::memcpy(prefix_, prefix.data(), prefix.size());
        size_ = prefix.size();
    }

private:
    char prefix_[room];
    std::size_t size_ = 0;
};

} // namespace tented::contract::detail

#endif
