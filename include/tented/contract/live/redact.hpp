// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_LIVE_REDACT_HPP
#define TENTED_CONTRACT_LIVE_REDACT_HPP

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tented::contract::live {

/** Hides a secret (a bearer token) in text about to leave the process: every spelling of it
    becomes `[redacted]`. A spelling writes each character of the secret as itself or in any of
    the encodings text leaving `watch` or `serve` uses, mixed freely: JSON (`\"`, `\\`, `\/`,
    `\u002F` in either case), JSON Pointer (`~0`, `~1`), percent-encoding (`%2F` or `%2f`),
    XML's named entities (`&amp;`, `&lt;`: JUnit) and numeric character references (`&#x2F;`,
    `&#47;`: HTML encoders); and those encoded once more, as a server that encodes an encoded
    text writes them (`\\\/` in JSON inside a JSON string, `%252F`, `%7E1`, `\~1`).
    A server that echoes the token in a body, a header, a Location or an error cannot make
    `watch` print, log, report or record it, nor `serve` journal it.

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
    explicit redactor(std::string secret) : secret_(std::move(secret)) {}

    /// `text` with every spelling of the secret hidden.
    std::string operator()(std::string_view text) const
    {
        std::string out;
        std::size_t at = 0;
        while (at < text.size()) {
            if (const auto n = spelling_at(text, at)) {
                out += mask;
                at += n;
            } else {
                out += text[at++];
            }
        }
        return out;
    }

    /// True when `text` holds a spelling of the secret (what a test of leaks asks).
    bool reveals(std::string_view text) const
    {
        for (std::size_t at = 0; at < text.size(); ++at)
            if (spelling_at(text, at)) return true;
        return false;
    }

private:
    static int hex(char h) noexcept
    {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
    }

    /// The value of `digits` hex digits at `at`, or -1.
    static long hex_value(std::string_view text, std::size_t at, std::size_t digits) noexcept
    {
        if (text.size() < at + digits) return -1;
        long v = 0;
        for (std::size_t i = 0; i < digits; ++i) {
            const int h = hex(text[at + i]);
            if (h < 0) return -1;
            v = v * 16 + h;
        }
        return v;
    }

    /// Adds to `ends` where each spelling of `c` that starts at `at` ends.
    static void spellings(std::string_view text, std::size_t at, char c, std::vector<std::size_t>& ends)
    {
        if (at >= text.size()) return;
        const auto code = static_cast<long>(static_cast<unsigned char>(c));
        const char first = text[at];
        const char second = at + 1 < text.size() ? text[at + 1] : '\0';
        if (first == c) ends.push_back(at + 1);
        if (first == '%' && hex_value(text, at + 1, 2) == code) ends.push_back(at + 3);
        if (first == '\\' && second == c && (c == '"' || c == '\\' || c == '/')) ends.push_back(at + 2);
        if (first == '\\' && second == 'u' && hex_value(text, at + 2, 4) == code) ends.push_back(at + 6);
        if (first == '~' && ((second == '0' && c == '~') || (second == '1' && c == '/'))) ends.push_back(at + 2);
        for (const auto& [entity, of] : {std::pair<std::string_view, char>{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}})
            if (c == of && text.substr(at, entity.size()) == entity) ends.push_back(at + entity.size());
        if (first == '&' && second == '#') numeric_reference(text, at, code, ends);
        // Percent-encoding over percent-encoding (%252F), or over a Pointer's `~` (%7E1).
        if (first == '%' && second == '2' && at + 2 < text.size() && text[at + 2] == '5' && hex_value(text, at + 3, 2) == code)
            ends.push_back(at + 5);
        if (first == '%' && hex_value(text, at + 1, 2) == '~' && at + 3 < text.size() &&
            ((text[at + 3] == '0' && c == '~') || (text[at + 3] == '1' && c == '/')))
            ends.push_back(at + 4);
    }

    /// `&#NN;` or `&#xHH;` at `at` spelling the character `code`.
    static void numeric_reference(std::string_view text, std::size_t at, long code, std::vector<std::size_t>& ends)
    {
        auto i = at + 2;
        const bool hexadecimal = i < text.size() && (text[i] == 'x' || text[i] == 'X');
        if (hexadecimal) ++i;
        long value = 0;
        std::size_t digits = 0;
        for (; i < text.size() && digits < 8; ++i, ++digits) {
            const int d = hexadecimal ? hex(text[i]) : (text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1);
            if (d < 0) break;
            value = value * (hexadecimal ? 16 : 10) + d;
        }
        if (digits > 0 && i < text.size() && text[i] == ';' && value == code) ends.push_back(i + 1);
    }

    /// The length of the longest spelling of the secret that starts at `at`, or 0. Each
    /// character may be spelled several ways from one place (`%25` is `%` then `25`, or `%`
    /// encoded), so every way is followed.
    std::size_t spelling_at(std::string_view text, std::size_t at) const
    {
        if (secret_.empty()) return 0;
        const char first = text[at]; // the common case, nothing like the secret, costs no allocation
        if (first != secret_.front() && first != '%' && first != '\\' && first != '~' && first != '&') return 0;
        std::vector<std::size_t> ends{at}, next;
        for (const char c : secret_) {
            next.clear();
            // A character may follow backslashes that escape its escape once more (`\\\/`).
            for (const auto from : ends)
                for (auto start = from; start < text.size(); ++start) {
                    spellings(text, start, c, next);
                    if (text[start] != '\\') break;
                }
            if (next.empty()) return 0;
            ends.swap(next);
        }
        std::size_t longest = 0;
        for (const auto e : ends) longest = std::max(longest, e - at);
        return longest;
    }

    std::string secret_;
};

} // namespace tented::contract::live

#endif
