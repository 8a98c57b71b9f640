// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_FINDING_HPP
#define TENTED_CONTRACT_DETAIL_FINDING_HPP

#include <tented/contract/diagnostic.hpp>

namespace tented::contract {

namespace detail {

/// `MESSAGE (at /pointer) [rule/id]`: how every text form of a finding ends, with or without a file.
inline std::string finding_tail(const diagnostic& d, std::string message, std::string pointer)
{
    std::string s = std::move(message);
    if (!pointer.empty()) s.append(" (at ").append(pointer).append(")");
    s.append(" [").append(d.rule).append("]");
    return s;
}

} // namespace detail

inline std::string format_finding(const diagnostic& d)
{
    std::string s;
    if (d.line != unknown_position && d.column != unknown_position)
        s.append(std::to_string(d.line)).append(":").append(std::to_string(d.column)).append(": ");
    s.append(to_string(d.severity)).append(": ");
    return s + detail::finding_tail(d, d.message, d.pointer);
}

} // namespace tented::contract

#endif
