// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_FNV1A_HPP
#define TENTED_CONTRACT_DETAIL_FNV1A_HPP

#include <cstdint>
#include <string_view>

// FNV-1a, 64 bits: a hash to group names and ids whose equal hashes are then compared as text
// (json/duplicate-key, items/tent-id-unique) or to name a folder (import).
namespace tented::contract::detail {

inline constexpr std::uint64_t fnv1a_basis = 0xcbf29ce484222325ull;
inline constexpr std::uint64_t fnv1a_prime = 0x100000001b3ull;

/// The FNV-1a hash of the bytes of `s`.
constexpr std::uint64_t fnv1a(std::string_view s) noexcept
{
    std::uint64_t h = fnv1a_basis;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * fnv1a_prime;
    return h;
}

} // namespace tented::contract::detail

#endif
