// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_LOCATE_HPP
#define TENTED_CONTRACT_DETAIL_LOCATE_HPP

#include <tented/contract/detail/json_text.hpp>
#include <tented/contract/detail/parser_handler.hpp>
#include <tented/contract/detail/utf8.hpp>
#include <tented/contract/locate.hpp>
#include <tented/contract/rules.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/string_view.hpp>
#include <boost/system/error_code.hpp>

#include <cstdint>
#include <string>
#include <vector>

// find_pointer: a small basic_parser handler of its own rather than the decoder's, because it
// must follow any document (not only a bulk job) and keep nothing but the path it is on.
namespace tented::contract::detail {

/// Splits an RFC 6901 pointer into unescaped reference tokens; false when it is malformed.
inline bool split_pointer(std::string_view pointer, std::vector<std::string>& tokens)
{
    tokens.clear();
    if (pointer.empty()) return true;
    if (pointer.front() != '/') return false;
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(std::move(token));
            token.clear();
            continue;
        }
        if (pointer[i] != '~') {
            token += pointer[i];
            continue;
        }
        // RFC 6901 section 3: `~` only ever starts `~0` or `~1`.
        if (++i == pointer.size()) return false;
        if (pointer[i] == '0') token += '~';
        else if (pointer[i] == '1') token += '/';
        else return false;
    }
    return true;
}

/// The array index a token names: `0` or digits without a leading zero (RFC 6901 section 4).
inline std::optional<std::size_t> array_index(std::string_view token) noexcept
{
    if (token.empty() || (token.size() > 1 && token.front() == '0')) return std::nullopt;
    std::size_t n = 0;
    for (char c : token) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<std::size_t>(c - '0');
        if (n > (static_cast<std::size_t>(-1) - digit) / 10) return std::nullopt; // no element that far
        n = n * 10 + digit;
    }
    return n;
}

/** The basic_parser handler of `find_pointer`: it follows the path to the current value and
    remembers the offset of the last value whose path equals the pointer. Offsets come from a
    cursor into the text, moved the way `decoder` moves it: a token starts after white space and
    the separators `,` and `:`. */
class pointer_finder : public parser_handler
{
public:
    pointer_finder(const std::vector<std::string>& tokens, std::string_view text)
        : tokens_(tokens), text_(text)
    {
        indices_.reserve(tokens.size());
        for (const auto& t : tokens) indices_.push_back(array_index(t));
    }

    /// The offset of the designated value, once the whole text was parsed.
    std::optional<std::size_t> found() const noexcept { return found_; }

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code&) { return open(true); }
    bool on_array_begin(error_code&) { return open(false); }
    bool on_object_end(std::size_t, error_code&) { return close(); }
    bool on_array_end(std::size_t, error_code&) { return close(); }

    bool on_key_part(string_view s, std::size_t, error_code&)
    {
        if (!in_part_) begin_key(token_start(0));
        match_key(s);
        return true;
    }

    bool on_key(string_view s, std::size_t, error_code&)
    {
        if (!in_part_) begin_key(token_start(0));
        match_key(s);
        in_part_ = false;
        level& l = levels_.back();
        l.key_matches = key_matches_ && key_length_ == tokens_[levels_.size() - 1].size();
        skip_string(part_start_);
        return true;
    }

    bool on_string_part(string_view, std::size_t, error_code&) { return part(); }
    bool on_number_part(string_view, error_code&) { return part(); }

    bool on_string(string_view, std::size_t, error_code&)
    {
        const std::size_t at = end_part();
        skip_string(at);
        return scalar(at);
    }

    bool on_int64(std::int64_t, string_view, error_code&) { return number(); }
    bool on_uint64(std::uint64_t, string_view, error_code&) { return number(); }
    bool on_double(double, string_view, error_code&) { return number(); }
    bool on_bool(bool b, error_code&) { return scalar(token_start(b ? 4 : 5)); }
    bool on_null(error_code&) { return scalar(token_start(4)); }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

private:
    /// One open object or array; `on_path` when its path is the pointer's first tokens.
    struct level
    {
        bool is_object = false;
        bool on_path = false;
        bool key_matches = false;   // objects: the current key is the next token
        std::size_t next_index = 0; // arrays: the index of the next element
    };

    // Whether the value starting now is on the pointer's path; records it when it is the end.
    bool on_path(std::size_t offset)
    {
        bool path = true;
        if (!levels_.empty()) {
            level& l = levels_.back();
            const std::size_t k = levels_.size() - 1; // the token this level's children match
            if (l.is_object) {
                path = l.on_path && l.key_matches;
            } else {
                path = l.on_path && indices_[k] && *indices_[k] == l.next_index;
                ++l.next_index;
            }
        }
        if (path) {
            // A repeated member name starts its value again: whatever was found below the earlier
            // occurrence is gone, as it is for a parser that keeps the last one.
            if (levels_.size() < tokens_.size()) found_.reset();
            else found_ = offset;
        }
        return path;
    }

    bool scalar(std::size_t offset)
    {
        on_path(offset);
        return true;
    }

    bool open(bool is_object)
    {
        const bool path = on_path(token_start(1));
        level l;
        l.is_object = is_object;
        // Below the pointer's end nothing more can match: children need not compare keys.
        l.on_path = path && levels_.size() < tokens_.size();
        levels_.push_back(l);
        return true;
    }

    bool close()
    {
        token_start(1);
        levels_.pop_back();
        return true;
    }

    void begin_key(std::size_t at)
    {
        in_part_ = true;
        part_start_ = at;
        key_length_ = 0;
        key_matches_ = levels_.back().on_path;
    }

    // Compares a piece of the current key with the token, without keeping the key.
    void match_key(string_view s)
    {
        if (!key_matches_) return;
        const std::string& token = tokens_[levels_.size() - 1];
        key_matches_ = token.size() - key_length_ >= s.size() &&
                       token.compare(key_length_, s.size(), s.data(), s.size()) == 0;
        key_length_ += s.size();
    }

    bool part()
    {
        if (!in_part_) {
            in_part_ = true;
            part_start_ = token_start(0);
        }
        return true;
    }

    std::size_t end_part()
    {
        if (!in_part_) return token_start(0);
        in_part_ = false;
        return part_start_;
    }

    bool number()
    {
        const std::size_t at = end_part();
        std::size_t end = at;
        while (end < text_.size() && is_number_char(text_[end])) ++end;
        cursor_ = end;
        return scalar(at);
    }

    static bool is_number_char(char c) noexcept
    {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    // Moves the cursor past the string whose opening quote is at `at`: the source text is walked
    // because escapes make the parser's copy shorter than the text.
    void skip_string(std::size_t at) { cursor_ = string_end(text_, at); }

    // The start of the next token: past white space and the separators `,` and `:`. Then the
    // cursor moves `length` bytes on (strings and numbers move it themselves).
    std::size_t token_start(std::size_t length) noexcept
    {
        const std::size_t at = next_token(text_, cursor_);
        cursor_ = at + length;
        return at;
    }

    const std::vector<std::string>& tokens_;
    std::vector<std::optional<std::size_t>> indices_;
    std::string_view text_;
    std::vector<level> levels_;
    std::size_t cursor_ = 0;
    std::size_t part_start_ = 0;
    std::size_t key_length_ = 0;
    bool key_matches_ = false;
    bool in_part_ = false;
    std::optional<std::size_t> found_;
};

} // namespace tented::contract::detail

namespace tented::contract {

inline std::optional<std::size_t> find_pointer(std::string_view json, std::string_view pointer,
                                               std::size_t max_depth)
{
    std::vector<std::string> tokens;
    if (!detail::split_pointer(pointer, tokens)) return std::nullopt;
    // As validate: a byte-order mark is skipped, and offsets still count it.
    std::size_t bias = 0;
    if (json.substr(0, detail::utf8_bom.size()) == detail::utf8_bom) {
        json.remove_prefix(detail::utf8_bom.size());
        bias = detail::utf8_bom.size();
    }
    boost::json::parse_options po;
    po.max_depth = max_depth < max_safe_depth ? max_depth : max_safe_depth;
    boost::json::basic_parser<detail::pointer_finder> parser(po, tokens, json);
    boost::system::error_code ec;
    const std::size_t used = parser.write_some(false, json.data(), json.size(), ec);
    if (ec || used < json.size()) return std::nullopt;
    const auto at = parser.handler().found();
    if (!at) return std::nullopt;
    return *at + bias;
}

inline std::optional<std::size_t> find_pointer(std::string_view json, std::string_view pointer)
{
    return find_pointer(json, pointer, 64);
}

} // namespace tented::contract

#endif
