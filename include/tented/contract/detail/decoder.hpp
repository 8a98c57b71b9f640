// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_DECODER_HPP
#define TENTED_CONTRACT_DETAIL_DECODER_HPP

#include <tented/contract/detail/events.hpp>
#include <tented/contract/detail/frames.hpp>
#include <tented/contract/detail/json_text.hpp>
#include <tented/contract/detail/parser_handler.hpp>
#include <tented/contract/detail/shadow.hpp>
#include <tented/contract/detail/typed_values.hpp>
#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The one decoder: a boost::json::basic_parser handler that fills described structs as parse
// events arrive, without a DOM. Generic over Boost.Describe: the description of a type says which
// members exist, which are optional (std::optional) and what each holds. This file holds the
// handler and its position cursor; what the events do is in typed_values.hpp and the frames.
namespace tented::contract::detail {

/** The basic_parser handler that decodes a `Root` from text, or from a parsed value replayed
    as events (then without positions). */
template <class Root>
class decoder : public decoder_base, public parser_handler
{
public:
    /// `text` is the whole input (empty when replaying a value: positions are unknown); the
    /// parser reads it from byte `start` on (past a byte-order mark), so every offset the
    /// decoder records is an offset into `text`. `root` and `shadow` are fresh (as constructed):
    /// the decoder fills them, it does not empty them first.
    decoder(Root& root, shadow_t<Root>& shadow, slot& root_slot, const options& opts,
            std::vector<diagnostic>& out, std::string_view text, std::size_t start = 0)
        : decoder_base(opts, out), root_(root), shadow_(shadow), root_slot_(root_slot), text_(text), cursor_(start)
    {
        source_ = text;
    }

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }

    bool on_object_begin(error_code&) { return value(event{token::object, structure_start()}); }
    bool on_array_begin(error_code&) { return value(event{token::array, structure_start()}); }
    bool on_object_end(std::size_t, error_code&) { return end(); }
    bool on_array_end(std::size_t, error_code&) { return end(); }

    bool on_string_part(string_view s, std::size_t, error_code&) { return part(s); }
    bool on_key_part(string_view s, std::size_t, error_code&) { return part(s); }

    bool on_string(string_view s, std::size_t, error_code&)
    {
        std::size_t at = unknown_position;
        const std::string_view text = whole_string(s, at);
        return value(event{token::string, at, text});
    }

    // The expected key is only noted (`pending_key_`): its position is needed only when the next
    // token's is, or never when that is a string or a number (placed by where the parser views it).
    bool on_key(string_view s, std::size_t, error_code&)
    {
        frame& f = top();
        if (!in_part_ && enter_next(f, s)) {
            pending_key_ = s;
            return true;
        }
        std::size_t at = unknown_position;
        const std::string_view key = whole_string(s, at);
        f.ops->on_key(*this, f, key, at);
        return true;
    }

    bool on_number_part(string_view s, error_code&) { return part(s); }

    bool on_int64(std::int64_t i, string_view s, error_code&)
    {
        event e = number_event(token::int64, s);
        e.i = i;
        return value(e);
    }

    bool on_uint64(std::uint64_t u, string_view s, error_code&)
    {
        event e = number_event(token::uint64, s);
        e.u = u;
        return value(e);
    }

    bool on_double(double v, string_view s, error_code&)
    {
        event e = number_event(token::number, s);
        e.d = v;
        return value(e);
    }

    bool on_bool(bool b, error_code&)
    {
        event e{token::boolean, token_start(b ? 4 : 5)};
        e.b = b;
        return value(e);
    }

    bool on_null(error_code&) { return value(event{token::null, token_start(4)}); }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

private:
    bool value(const event& e)
    {
        if (top_ == nullptr) {
            decode_value(*this, root_, root_slot_, shadow_, e);
        } else {
            frame& f = top();
            f.on_value(*this, f, e);
        }
        return true;
    }

    bool end()
    {
        ++passed_; // the `}` or `]`: walked past only when a later token's place needs it
        frame& f = top();
        f.ops->on_end(*this, f);
        pop();
        return true;
    }

    // The start of the next token: past white space and the separators `,` and `:`. Then the
    // cursor moves `length` bytes on (a token whose length is known only later moves it itself).
    std::size_t token_start(std::size_t length)
    {
        if (text_.empty()) return unknown_position;
        place_pending_key();
        std::size_t at = next_token(text_, cursor_);
        for (; passed_ > 0; --passed_) at = next_token(text_, at + 1);
        cursor_ = at + length;
        return at;
    }

    // Where an object or array begins, deferred (`deferred_offset`): in pretty-printed text, the
    // indentation before `{` and before `}` is most of what placing tokens would walk, and the
    // next string or number is placed by where the parser views it, past all of it.
    std::size_t structure_start()
    {
        if (text_.empty()) return unknown_position;
        place_pending_key();
        if (passed_ >= deferred_offset::max_passed || cursor_ > deferred_offset::from_mask) return token_start(1);
        return deferred_offset::make(cursor_, passed_++);
    }

    bool part(string_view s)
    {
        if (!in_part_) {
            part_start_ = token_start(0);
            parts_.clear();
            in_part_ = true;
        }
        parts_.append(s.data(), s.size());
        return true;
    }

    // Moves the cursor past the key noted by `on_key`, if any.
    void place_pending_key()
    {
        if (pending_key_.data() == nullptr) return;
        const string_view key = std::exchange(pending_key_, {});
        place_whole(key);
    }

    // Where the number viewed by `s` begins. Given whole, the parser views `text_` itself, so the
    // offset is pointer arithmetic and the white space before the token is not walked (in
    // pretty-printed text, most of the cost of positions); otherwise, as any token.
    std::size_t number_start(string_view s)
    {
        if (in_part_) return part_start_;
        const auto at = reinterpret_cast<std::uintptr_t>(s.data()) - reinterpret_cast<std::uintptr_t>(text_.data());
        if (text_.empty() || s.data() == nullptr || at < cursor_ || at >= text_.size() || s.size() > text_.size() - at)
            return token_start(0);
        pending_key_ = {}; // before the number, so passed
        passed_ = 0;
        return cursor_ = at;
    }

    // The whole text of the string or key that `last` ends, and in `offset` where its opening
    // quote is; the cursor moves past its closing quote.
    std::string_view whole_string(string_view last, std::size_t& offset)
    {
        if (!in_part_) {
            offset = place_whole(last);
            pending_key_ = {}; // before the string, so passed
            return std::string_view(last.data(), last.size());
        }
        offset = part_start_;
        parts_.append(last.data(), last.size());
        in_part_ = false;
        skip_source_string();
        return parts_;
    }

    // Where the string given whole in `s` has its opening quote; the cursor moves past its
    // closing one. Given whole, the parser views `text_` itself (rel below is then the white
    // space, a key noted by `on_key` and the `{`, `}`, `[`, `]` not walked to, between the cursor
    // and the quote); with escapes it views its own buffer, and the source string is walked instead.
    std::size_t place_whole(string_view s)
    {
        const std::size_t room = text_.size() - cursor_; // 0 when replaying a value
        const std::size_t rel =
            reinterpret_cast<std::uintptr_t>(s.data()) - reinterpret_cast<std::uintptr_t>(text_.data()) - cursor_ - 1;
        if (rel < room && s.size() < room - rel - 1) {
            const std::size_t at = cursor_ + rel;
            cursor_ = at + s.size() + 2;
            passed_ = 0;
            return at;
        }
        const std::size_t at = token_start(0);
        skip_source_string();
        return at;
    }

    // Moves the cursor, at an opening quote, past the closing one.
    void skip_source_string()
    {
        if (!text_.empty()) cursor_ = string_end(text_, cursor_);
    }

    event number_event(token kind, string_view s)
    {
        const std::size_t at = number_start(s);
        std::string_view text(s.data(), s.size());
        if (in_part_) {
            parts_.append(s.data(), s.size());
            text = parts_;
            in_part_ = false;
        }
        if (!text_.empty()) cursor_ = at + text.size();
        return event{kind, at, text};
    }

    Root& root_;
    shadow_t<Root>& shadow_;
    slot& root_slot_;
    std::string_view text_;
    std::size_t cursor_;
    string_view pending_key_; // a key past the cursor, whose place no token needed yet
    std::size_t passed_ = 0;  // `{`, `}`, `[`, `]` past the cursor, not walked to (`structure_start`)
    std::string parts_;
    std::size_t part_start_ = 0;
    bool in_part_ = false;
};

} // namespace tented::contract::detail

#endif
