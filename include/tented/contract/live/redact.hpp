// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_LIVE_REDACT_HPP
#define TENTED_CONTRACT_LIVE_REDACT_HPP

#include <string>
#include <string_view>
#include <utility>

namespace tented::contract::live {

/** Hides a secret (a bearer token) in text about to leave the process: every occurrence of its
    text, and of its text as a JSON string spells it (`"` and `\` escaped), becomes `[redacted]`.
    A server that echoes the token in a body, a header or an error cannot make `watch` print,
    log or record it.

    An empty secret hides nothing. Occurrences are replaced left to right without overlap, so
    text that merely contains a part of the secret keeps that part.
    Errors: only `std::bad_alloc`.
    Example:
    @code
    live::redactor hide(token);
    std::cerr << hide(message);
    @endcode
    Source: issue 12, point 1 (the token is never printed, logged or recorded).
*/
class redactor
{
public:
    /// What stands in for the secret.
    static constexpr std::string_view mask = "[redacted]";

    /// A redactor of `secret`.
    explicit redactor(std::string secret) : secret_(std::move(secret)), escaped_(json_escaped(secret_)) {}

    /// `text` with the secret hidden.
    std::string operator()(std::string_view text) const
    {
        return replace(replace(std::string(text), secret_), escaped_);
    }

    /// True when `text` holds the secret, as it is or JSON-escaped (what a test of leaks asks).
    bool reveals(std::string_view text) const noexcept
    {
        return !secret_.empty() &&
               (text.find(secret_) != std::string_view::npos || text.find(escaped_) != std::string_view::npos);
    }

private:
    static std::string json_escaped(std::string_view s)
    {
        std::string out;
        for (const char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        return out;
    }

    static std::string replace(std::string text, const std::string& what)
    {
        if (what.empty()) return text;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + mask.size()))
            text.replace(at, what.size(), mask);
        return text;
    }

    std::string secret_;
    std::string escaped_;
};

} // namespace tented::contract::live

#endif
