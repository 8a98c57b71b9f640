// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_DECODE_HPP
#define TENTED_CONTRACT_DETAIL_DECODE_HPP

#include <tented/contract/decode.hpp>
#include <tented/contract/detail/decoder.hpp>
#include <tented/contract/detail/json_expected.hpp>
#include <tented/contract/detail/report.hpp>
#include <tented/contract/detail/slice_feed.hpp>
#include <tented/contract/detail/utf8.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace tented::contract::detail {

/// A decoded job with its shadow: what the rules read.
struct document
{
    bulk_job job;
    object_shadow<bulk_job> shadow;
    slot root;
    std::vector<diagnostic> found;
    finding_tally tally; // shared by every sink of this input

    /// Keeps only `found`: what was found before a fatal finding is dropped, and so is its count.
    void drop_pending() noexcept { tally.restart(found); }

    bool has_job() const noexcept { return root.present(); }
};

inline std::string byte_name(unsigned char c)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

// True when `\uD800`-`\uDBFF` ends just before `at`: the parser stops after a high surrogate
// that no low one follows.
inline bool follows_high_surrogate(std::string_view text, std::size_t at)
{
    if (at < 6 || text[at - 6] != '\\' || (text[at - 5] != 'u' && text[at - 5] != 'U')) return false;
    const char a = text[at - 4], b = text[at - 3];
    return (a == 'd' || a == 'D') && (b == '8' || b == '9' || b == 'a' || b == 'A' || b == 'b' || b == 'B');
}

inline std::string lone_surrogate_message()
{
    return "expected a UTF-16 surrogate pair (\\uD800-\\uDBFF, then \\uDC00-\\uDFFF), got a lone surrogate escape";
}

// What is wrong at `at`, in words a person can act on: what the grammar expected there, and
// what came instead.
inline std::string syntax_message(std::string_view text, std::size_t at, const boost::system::error_code& ec)
{
    namespace je = boost::json;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return text.empty() ? "expected one JSON value, got an empty input"
                            : "expected one JSON value, got only white space";
    if (ec == je::error::illegal_leading_surrogate || ec == je::error::illegal_trailing_surrogate ||
        ec == je::error::expected_utf16_escape)
        return lone_surrogate_message();
    const auto place = json_expected_at(text, std::min(at, text.size()));
    const auto expected = "expected " + place.expected + ", got ";
    if (at >= text.size()) return expected + "the end of the input (the JSON text is truncated)";
    const auto c = static_cast<unsigned char>(text[at]);
    if (follows_high_surrogate(text, at) || (c == '\\' && at + 2 < text.size() && text[at + 1] == 'u'))
        return lone_surrogate_message();
    if (!place.in_string && json_word_char(static_cast<char>(c))) { // a misspelt literal or number: all of it
        std::size_t end = at;
        while (end < text.size() && end - at < 32 && json_word_char(text[end])) ++end;
        return expected + "'" + std::string(text.substr(at, end - at)) + "'";
    }
    const auto control = c == 0 ? std::string("a NUL byte") : "the control character " + byte_name(c);
    if (c < 0x20 && place.in_string)
        return "expected an escape (\\n, \\t, \\u00XX) for a control character inside a string, got " + control;
    if (c < 0x20) return expected + control;
    if (c >= 0x80) {
        const auto n = utf8_sequence(text.substr(at));
        if (n == 0) return "expected UTF-8 text, got the byte " + byte_name(c) + ", which does not start or continue a sequence";
        const auto character = std::string(text.substr(at, n));
        if (character == utf8_bom) return expected + "a byte-order mark (U+FEFF), which JSON allows nowhere in the text";
        return expected + "the character '" + character + "' (JSON allows it only inside strings)";
    }
    if (place.after_comma && (c == '}' || c == ']'))
        return expected + "'" + std::string(1, static_cast<char>(c)) + "' (a trailing comma: JSON allows none)";
    return expected + "'" + std::string(1, static_cast<char>(c)) + "'";
}

// What follows a complete JSON value at `at`: a whole character when the bytes are UTF-8,
// never a lone byte of one.
inline std::string trailing_data_message(std::string_view text, std::size_t at)
{
    const std::string expected = "expected the end of the input after the JSON value, got ";
    const auto c = static_cast<unsigned char>(text[at]);
    const auto n = utf8_sequence(text.substr(at));
    if (n == 3 && text.substr(at, 3) == utf8_bom)
        return expected + "a byte-order mark (U+FEFF), which JSON allows nowhere in the text";
    if (n == 0) return expected + "the byte " + byte_name(c) + ", which is not UTF-8";
    if (c < 0x20 || c == 0x7f) return expected + "the byte " + byte_name(c);
    return expected + "'" + std::string(text.substr(at, n)) + "'";
}

// `size` is `unknown_position` when a reader of a stream stopped past the limit, not knowing more.
inline std::string too_large_message(std::size_t size, std::size_t limit)
{
    if (size == unknown_position)
        return "the input is more than the limit of " + std::to_string(limit) + " bytes (refused before parsing)";
    return "the input is " + std::to_string(size) + " bytes, larger than the limit of " + std::to_string(limit) +
           " bytes (refused before parsing)";
}

/// The items of a job checked as they stream past, for validation (see `item_facts`).
using item_stream = element_stream<bulk_job_item>;

/// Makes `d` read for validation when `items` is given: items go through `items` instead of
/// `job.items`, and free-form and free-text values are checked but not kept (`keeps_values`).
inline void read_for_validation(decoder_base& d, item_stream* items)
{
    if (!items) return;
    d.stream_elements(*items);
    d.keep_values(false);
}

/// Feeds `text` to `parser` (a slice at a time when `feed` says so); returns the bytes used, in
/// `text`, up to the end of the document or the error in `ec`.
template <class Parser>
std::size_t feed_parser(Parser& parser, std::string_view text, const slice_feed* feed, boost::system::error_code& ec)
{
    if (!feed || feed->slice == 0 || text.size() <= feed->slice) return parser.write_some(false, text.data(), text.size(), ec);
    std::size_t at = 0;
    for (;;) {
        const std::size_t n = std::min(feed->slice, text.size() - at);
        const bool last = at + n == text.size();
        const std::size_t used = parser.write_some(!last, text.data() + at, n, ec);
        if (ec || last || used < n || parser.done()) return at + used;
        at += n;
        if (feed->passed) feed->passed(at);
    }
}

/// Parses and decodes `text` into `doc`; findings go to `doc.found` with offsets into `text`.
/// With `items`, reads for validation (`read_for_validation`); with `feed`, the parser reads
/// `text` a slice at a time (a mapped file is then never resident whole).
inline void decode_text(std::string_view text, const options& opts, document& doc, item_stream* items = nullptr,
                        const slice_feed* feed = nullptr)
{
    sink out(opts, doc.found, &doc.tally);
    if (text.size() > opts.max_bytes) {
        out.add(rule::json_too_large, 0, "", too_large_message(text.size(), opts.max_bytes));
        return;
    }
    const std::string_view whole = text;
    std::size_t bias = 0;
    if (text.substr(0, utf8_bom.size()) == utf8_bom) {
        out.add(rule::json_bom, 0, "", "a UTF-8 byte-order mark precedes the document (RFC 8259 forbids "
                                       "senders to add one; many parsers reject it); it was skipped");
        text.remove_prefix(utf8_bom.size());
        bias = utf8_bom.size();
    }
    std::vector<diagnostic> shape;
    boost::json::parse_options po;
    po.max_depth = opts.depth_limit();
    boost::json::basic_parser<decoder<bulk_job>> parser(po, doc.job, doc.shadow, doc.root, opts, shape, whole, bias);
    parser.handler().count_in(&doc.tally);
    read_for_validation(parser.handler(), items);
    boost::system::error_code ec;
    std::size_t used = feed_parser(parser, text, feed, ec);
    if (ec && feed) { // fed in slices, a parser may stop elsewhere in a malformed text: the error is the whole text's
        document scratch;
        std::vector<diagnostic> ignored;
        boost::json::basic_parser<decoder<bulk_job>> again(po, scratch.job, scratch.shadow, scratch.root, opts, ignored,
                                                           whole, bias);
        ec = {};
        used = again.write_some(false, text.data(), text.size(), ec);
    }
    // After a whole value, white space may still follow; anything else is a second value.
    if (!ec) used = std::min(text.find_first_not_of(" \t\r\n", used), text.size());
    if (ec == boost::json::error::too_deep) {
        doc.drop_pending();
        out.add(rule::json_depth, used + bias, "",
                "nesting deeper than the limit of " + std::to_string(opts.depth_limit()) + " arrays and objects");
        doc.root = {};
        return;
    }
    if (ec || used < text.size()) {
        doc.drop_pending();
        const std::string message = ec ? syntax_message(text, used, ec) : trailing_data_message(text, used);
        out.add(rule::json_syntax, used + bias, "", message);
        doc.root = {};
        return;
    }
    doc.found.insert(doc.found.end(), std::make_move_iterator(shape.begin()), std::make_move_iterator(shape.end()));
}

// Replays `v` into the decoder as parse events, depth first.
template <class Handler>
bool replay(const boost::json::value& v, Handler& h, std::size_t depth, std::size_t max_depth)
{
    boost::system::error_code ec;
    switch (v.kind()) {
    case boost::json::kind::object: {
        if (depth + 1 > max_depth) return false;
        h.on_object_begin(ec);
        for (const auto& kv : v.get_object()) {
            h.on_key(kv.key(), kv.key().size(), ec);
            if (!replay(kv.value(), h, depth + 1, max_depth)) return false;
        }
        h.on_object_end(v.get_object().size(), ec);
        return true;
    }
    case boost::json::kind::array: {
        if (depth + 1 > max_depth) return false;
        h.on_array_begin(ec);
        for (const auto& e : v.get_array())
            if (!replay(e, h, depth + 1, max_depth)) return false;
        h.on_array_end(v.get_array().size(), ec);
        return true;
    }
    case boost::json::kind::string: h.on_string(v.get_string(), v.get_string().size(), ec); return true;
    case boost::json::kind::int64: h.on_int64(v.get_int64(), {}, ec); return true;
    case boost::json::kind::uint64: h.on_uint64(v.get_uint64(), {}, ec); return true;
    case boost::json::kind::double_: h.on_double(v.get_double(), {}, ec); return true;
    case boost::json::kind::bool_: h.on_bool(v.get_bool(), ec); return true;
    case boost::json::kind::null: h.on_null(ec); return true;
    }
    return true;
}

/// Decodes a parsed value into `doc`, without positions; `items` as for `decode_text`.
inline void decode_value(const boost::json::value& v, const options& opts, document& doc, item_stream* items = nullptr)
{
    sink out(opts, doc.found, &doc.tally);
    std::vector<diagnostic> shape;
    decoder<bulk_job> h(doc.job, doc.shadow, doc.root, opts, shape, {});
    h.count_in(&doc.tally);
    read_for_validation(h, items);
    if (!replay(v, h, 0, opts.depth_limit())) {
        doc.drop_pending();
        out.add(rule::json_depth, unknown_position, "",
                "nesting deeper than the limit of " + std::to_string(opts.depth_limit()) + " arrays and objects");
        doc.root = {};
        return;
    }
    doc.found.insert(doc.found.end(), std::make_move_iterator(shape.begin()), std::make_move_iterator(shape.end()));
}

inline decode_result finish(document& doc, std::string_view text)
{
    decode_result r;
    r.findings = finished_report(std::move(doc.found), doc.tally, text);
    if (doc.has_job()) r.job = std::move(doc.job);
    return r;
}

} // namespace tented::contract::detail

namespace tented::contract {

inline decode_result decode(std::string_view json, const options& opts)
{
    detail::document doc;
    detail::decode_text(json, opts, doc);
    return detail::finish(doc, json);
}

inline decode_result decode(const boost::json::value& value, const options& opts)
{
    detail::document doc;
    detail::decode_value(value, opts, doc);
    return detail::finish(doc, {});
}

inline bulk_job decode_or_throw(std::string_view json, const options& opts)
{
    auto r = decode(json, opts);
    for (const auto& d : r.findings.diagnostics)
        if (d.severity == severity::error)
            throw decode_error(std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message +
                                   " [" + d.rule + "]",
                               std::move(r.findings));
    // The rule that would explain it may be disabled: there is still no job to return.
    if (!r.job) throw decode_error("the input holds no bulk job object", std::move(r.findings));
    return std::move(*r.job);
}

} // namespace tented::contract

#endif
