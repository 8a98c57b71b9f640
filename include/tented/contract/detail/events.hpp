// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_EVENTS_HPP
#define TENTED_CONTRACT_DETAIL_EVENTS_HPP

#include <tented/contract/diagnostic.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

// A parse event as the decoder's frames read it: the basic_parser's many callbacks made one value.
namespace tented::contract::detail {

enum class token : std::uint8_t { object, array, string, int64, uint64, number, boolean, null };

/// One value event: its kind, its scalar payload (the member `kind` names), its raw text
/// (strings, numbers) and where it began.
struct event
{
    explicit event(token k, std::size_t at = unknown_position) noexcept : kind(k), offset(at) {}
    // A string or number event made whole: the decoder passes it by reference to a call it cannot
    // see through, so each member assigned after construction is one more store per value.
    event(token k, std::size_t at, std::string_view t) noexcept : kind(k), offset(at), text(t) {}

    token kind;
    std::size_t offset;
    std::string_view text{};
    union {
        std::int64_t i = 0;
        std::uint64_t u;
        double d;
        bool b;
    };
};

constexpr std::string_view json_type_name(token t) noexcept
{
    switch (t) {
    case token::object: return "object";
    case token::array: return "array";
    case token::string: return "string";
    case token::boolean: return "boolean";
    case token::null: return "null";
    default: return "number";
    }
}

} // namespace tented::contract::detail

#endif
