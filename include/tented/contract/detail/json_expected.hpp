// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_JSON_EXPECTED_HPP
#define TENTED_CONTRACT_DETAIL_JSON_EXPECTED_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// What a JSON text needed where its parser stopped. Boost.JSON says only "syntax error"; a
// message must say what was expected, so the text before the error is read again (only on
// error, so its cost does not matter) for the grammar's state there.
namespace tented::contract::detail {

/// Where in the grammar of RFC 8259 a syntax error at some byte stands.
struct json_syntax_place
{
    std::string expected;     ///< what the grammar allows there, in words ("',' or '}'")
    bool in_string = false;   ///< the byte is inside a string
    bool after_comma = false; ///< a ',' came last: a '}' or ']' there is a trailing comma
};

inline bool json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A number or literal goes on while these come.
inline bool json_word_char(char c) noexcept
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '-' ||
           c == '.';
}

/// Inside a string that began at `open` and is cut at `at`: what may come at `at`.
inline json_syntax_place string_place(std::string_view text, std::size_t open, std::size_t at)
{
    std::size_t backslashes = 0;
    for (std::size_t i = at; i > open + 1 && text[i - 1] == '\\'; --i) ++backslashes;
    if (backslashes % 2) return {"an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)", true};
    const auto u = text.rfind("\\u", at);
    if (u != std::string_view::npos && u > open && at - u <= 5) return {"4 hexadecimal digits after \\u", true};
    return {"a character of the string, or '\"' ending it (control characters escaped)", true};
}

/// Whether a number or literal that the end of the text stops is complete as it stands.
inline bool whole_word(std::string_view w)
{
    if (w == "true" || w == "false" || w == "null") return true;
    return !w.empty() && w.back() >= '0' && w.back() <= '9' && (w.front() == '-' || (w.front() >= '0' && w.front() <= '9'));
}

/// Inside a number or literal that began at `start` and is cut at `at`.
inline json_syntax_place word_place(std::string_view text, std::size_t start)
{
    const char c = text[start];
    if (c == 't' || c == 'f' || c == 'n') return {"true, false or null", false};
    return {"a number as RFC 8259 writes one (-?digits, .digits, e+digits)", false};
}

/** The grammar's state at byte `at` of `text` (where a parser stopped): the expectation a
    syntax message names. Assumes `text[0, at)` is a well-formed prefix, as a parser that stopped
    at `at` has found it. */
inline json_syntax_place json_expected_at(std::string_view text, std::size_t at)
{
    enum class after { start, open_object, open_array, name, colon, comma, value };
    std::vector<char> open;
    after last = after::start;
    std::size_t i = 0;
    while (i < at) {
        const char c = text[i];
        if (json_space(c)) {
            ++i;
        } else if (c == '"') {
            std::size_t j = i + 1;
            while (j < at && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
            if (j >= at) return string_place(text, i, at);
            const bool object = !open.empty() && open.back() == '{';
            last = object && (last == after::open_object || last == after::comma) ? after::name : after::value;
            i = j + 1;
        } else if (c == '{' || c == '[') {
            open.push_back(c);
            last = c == '{' ? after::open_object : after::open_array;
            ++i;
        } else if (c == '}' || c == ']') {
            if (!open.empty()) open.pop_back();
            last = after::value;
            ++i;
        } else if (c == ':' || c == ',') {
            last = c == ':' ? after::colon : after::comma;
            ++i;
        } else if (!json_word_char(c)) {
            ++i; // a byte the grammar has no place for (a byte-order mark before the text): passed over
        } else {
            std::size_t j = i;
            while (j < at && json_word_char(text[j])) ++j;
            // A word the error cuts, or one the end of a truncated text cuts short.
            if (j >= at && (at < text.size() || !whole_word(text.substr(i, j - i)))) return word_place(text, i);
            last = after::value;
            i = j;
        }
    }
    const bool object = !open.empty() && open.back() == '{';
    switch (last) {
    case after::start: return {"a JSON value", false};
    case after::open_object: return {"a member name in double quotes, or '}'", false};
    case after::open_array: return {"a value, or ']'", false};
    case after::name: return {"':' after the member name", false};
    case after::colon: return {"a value", false};
    case after::comma: return {object ? "a member name in double quotes" : "a value", false, true};
    case after::value: break;
    }
    if (open.empty()) return {"the end of the input after the JSON value", false};
    return {object ? "',' or '}'" : "',' or ']'", false};
}

} // namespace tented::contract::detail

#endif
