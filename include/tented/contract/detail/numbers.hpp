// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_NUMBERS_HPP
#define TENTED_CONTRACT_DETAIL_NUMBERS_HPP

#include <tented/contract/detail/events.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

// Judging a JSON number against the integers the contract allows (schema/integer): exactly, from
// its text, as a double would round it.
namespace tented::contract::detail {

inline constexpr std::int64_t max_safe_integer = (std::int64_t{1} << 53) - 1;

inline std::string number_text(const event& e)
{
    if (!e.text.empty()) return e.text.size() > 60 ? std::string(e.text.substr(0, 60)) + "..." : std::string(e.text);
    switch (e.kind) {
    case token::int64: return std::to_string(e.i);
    case token::uint64: return std::to_string(e.u);
    default: {
        // A parsed value keeps no text: show a double as a double, so 3.0 reads "3.0", not "3".
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", e.d);
        std::string t = buf;
        if (t.find_first_of(".eEin") == std::string::npos) t += ".0";
        return t;
    }
    }
}

/// What a JSON number is, judged exactly from its text (a double may round `2.2` of a large
/// number to a whole one, and Boost.JSON 1.81 reads `0e+9999` as NaN).
struct number_reading
{
    enum { whole, fraction, negative, too_large } kind = whole;
    std::int64_t value = 0;
    bool notation = false; // written with a fraction or an exponent
};

inline number_reading read_number(std::string_view text)
{
    number_reading r;
    const bool minus = !text.empty() && text.front() == '-';
    if (minus) text.remove_prefix(1);
    const auto e_at = text.find_first_of("eE");
    const auto mantissa = text.substr(0, e_at);
    const auto dot = mantissa.find('.');
    const auto int_part = mantissa.substr(0, dot);
    const auto frac_part = dot == std::string_view::npos ? std::string_view{} : mantissa.substr(dot + 1);
    r.notation = e_at != std::string_view::npos || dot != std::string_view::npos;
    std::string digits(int_part);
    digits.append(frac_part);
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) return r; // zero, however written
    if (minus) return r.kind = number_reading::negative, r;
    // value = digits x 10^scale; an exponent beyond +-10^6 decides on its sign alone.
    long long exponent = 0;
    if (e_at != std::string_view::npos) {
        auto ex = text.substr(e_at + 1);
        const bool neg = !ex.empty() && ex.front() == '-';
        if (!ex.empty() && (ex.front() == '-' || ex.front() == '+')) ex.remove_prefix(1);
        for (char c : ex) exponent = std::min<long long>(exponent * 10 + (c - '0'), 1000000);
        if (neg) exponent = -exponent;
    }
    digits.erase(0, first);
    long long scale = exponent - static_cast<long long>(frac_part.size());
    while (scale < 0 && !digits.empty() && digits.back() == '0') {
        digits.pop_back();
        ++scale;
    }
    if (scale < 0) return r.kind = number_reading::fraction, r;
    if (static_cast<long long>(digits.size()) + scale > 16) return r.kind = number_reading::too_large, r;
    digits.append(static_cast<std::size_t>(scale), '0');
    r.value = std::stoll(digits);
    if (r.value > max_safe_integer) r.kind = number_reading::too_large;
    return r;
}

/// The same judgement for a number that has no text (a parsed value's double).
inline number_reading read_number(double d)
{
    number_reading r;
    r.notation = true;
    if (std::isnan(d)) return r; // JSON has no NaN: Boost.JSON's reading of a zero such as 0e+9999
    if (!std::isfinite(d) || d > static_cast<double>(max_safe_integer)) r.kind = number_reading::too_large;
    else if (d < 0) r.kind = number_reading::negative;
    else if (d != std::floor(d)) r.kind = number_reading::fraction;
    else r.value = static_cast<std::int64_t>(d);
    return r;
}

} // namespace tented::contract::detail

#endif
