// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CAPTURE_HPP
#define TENTED_CONTRACT_DETAIL_CAPTURE_HPP

#include <tented/contract/capture.hpp>
#include <tented/contract/detail/parser_handler.hpp>
#include <tented/contract/detail/sink.hpp>
#include <tented/contract/detail/utf8.hpp>
#include <tented/contract/formats.hpp>

#include <boost/archive/iterators/binary_from_base64.hpp>
#include <boost/archive/iterators/transform_width.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

namespace tented::contract::detail {

/// The boost::json::basic_parser handler of `job_id_of`: it notes the string value of the last
/// top-level `bulk_job_id` member on the way past (the one a DOM keeps), and holds nothing else.
class job_id_handler : public parser_handler
{
public:
    /// The id once the whole text parsed: empty unless the top is an object whose last
    /// `bulk_job_id` member is a string.
    std::string id;

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return open(); }
    bool on_array_begin(error_code&) { return open(); }
    bool on_object_end(std::size_t, error_code&) { return --depth_, true; }
    bool on_array_end(std::size_t, error_code&) { return --depth_, true; }

    bool on_key_part(string_view s, std::size_t, error_code&)
    {
        if (depth_ == 1) key_.append(s.data(), s.size());
        return true;
    }

    bool on_key(string_view s, std::size_t n, error_code& ec)
    {
        on_key_part(s, n, ec);
        wanted_ = depth_ == 1 && key_ == "bulk_job_id";
        key_.clear();
        return true;
    }

    bool on_string_part(string_view s, std::size_t, error_code&)
    {
        if (wanted_) value_.append(s.data(), s.size());
        return true;
    }

    bool on_string(string_view s, std::size_t n, error_code& ec)
    {
        if (!wanted_) return true;
        on_string_part(s, n, ec);
        id = std::move(value_);
        value_.clear();
        wanted_ = false;
        return true;
    }

    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t, string_view, error_code&) { return other(); }
    bool on_uint64(std::uint64_t, string_view, error_code&) { return other(); }
    bool on_double(double, string_view, error_code&) { return other(); }
    bool on_bool(bool, error_code&) { return other(); }
    bool on_null(error_code&) { return other(); }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

private:
    bool open()
    {
        other();
        ++depth_;
        return true;
    }

    // A value other than a string for the member wanted: the id it held before no longer counts.
    bool other()
    {
        if (wanted_) id.clear();
        wanted_ = false;
        return true;
    }

    std::size_t depth_ = 0;
    bool wanted_ = false;
    std::string key_, value_;
};

/// The `bulk_job_id` of a JSON Lines record, read without building a DOM of the whole line (at
/// the speed of the parser alone): only a well-formed object with that member as a string counts.
/// Read as deep as any limit admits (`max_safe_depth`): a record that `--max-depth` lets through
/// keeps its job, whatever the limit.
inline std::string job_id_of(std::string_view line)
{
    boost::json::parse_options po;
    po.max_depth = max_safe_depth;
    boost::json::basic_parser<job_id_handler> parser(po);
    boost::system::error_code ec;
    const auto used = parser.write_some(false, line.data(), line.size(), ec);
    if (ec || line.find_first_not_of(" \t\r\n", used) != std::string_view::npos) return {};
    return std::move(parser.handler().id);
}

/// Calls `on(text, line)` for each whole line of `chunk` that is not blank (JSON white space
/// only: spaces, tabs and CRs, in any order), its `\n` (and a `\r` before it) cut off, numbering lines from `line`, which is left at the next line's
/// number. A line the chunk cuts off is left for the next chunk unless `last` (the end of the
/// input). Returns the bytes read: up to the end of the last whole line.
template <class On>
std::size_t each_json_line(std::string_view chunk, std::size_t& line, bool last, On&& on)
{
    std::size_t at = 0;
    while (at < chunk.size()) {
        const auto end = chunk.find('\n', at);
        if (end == std::string_view::npos && !last) break;
        auto text = chunk.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        at = end == std::string_view::npos ? chunk.size() : end + 1;
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        if (text.find_first_not_of(" \t\r") != std::string_view::npos) on(text, line);
        ++line;
    }
    return at;
}

inline std::optional<std::string> base64_decode(std::string_view in)
{
    using namespace boost::archive::iterators;
    using decoder = transform_width<binary_from_base64<std::string::const_iterator>, 8, 6>;
    std::string clean;
    for (char c : in)
        if (c != '\n' && c != '\r' && c != ' ') clean += c;
    std::size_t pad = 0;
    while (!clean.empty() && clean.back() == '=') {
        clean.pop_back();
        ++pad;
    }
    if (pad > 2 || clean.size() % 4 == 1) return std::nullopt;
    try {
        std::string out(decoder(clean.cbegin()), decoder(clean.cend()));
        return out;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

/// The `{id}` of a URL whose path is `.../v1/bulk-jobs/{id}`, or nothing.
inline std::optional<std::string> bulk_job_url_id(std::string_view url)
{
    url = url.substr(0, url.find_first_of("?#"));
    constexpr std::string_view marker = "/v1/bulk-jobs/";
    const auto at = url.rfind(marker);
    if (at == std::string_view::npos) return std::nullopt;
    auto id = url.substr(at + marker.size());
    if (id.empty() || id.find('/') != std::string_view::npos) return std::nullopt;
    return std::string(id);
}

/// What `read_har` reads of one HAR entry: `""` for a member that is missing or no string (as
/// a DOM lookup would give), the last of a repeated member.
struct har_fields
{
    std::size_t index = 0; ///< 0-based, in `log.entries`
    std::string method, url, started, encoding;
    std::string text;          ///< `response.content.text`, unescaped; empty when past the cap
    bool has_text = false;     ///< `response.content.text` is a string
    std::size_t text_size = 0; ///< its bytes, also when past the cap and not held
    std::optional<boost::json::value> status; ///< `response.status` (an empty object or array for one)
};

/** The boost::json::basic_parser handler of HAR captures: it follows `log.entries` and keeps,
    per entry, only the members `read_har` reads (`har_fields`), handing each entry on as it
    closes. Everything else (headers, cookies, other members, a browser's deep `_initiator`
    stacks) is skipped with a counter, never held; a `text` is held up to `max_text` bytes (the
    entry's request, which says whether it is a poll, may follow it), then only counted. So a
    capture of any size costs the memory of one entry's members. */
class har_handler : public parser_handler
{
public:
    har_handler(std::size_t max_text, std::function<void(har_fields&)> on_entry)
        : max_text_(max_text), on_entry_(std::move(on_entry))
    {
    }

    /// What stands where `log.entries` should be, for the `capture/har` message; empty for an array.
    std::string shape_error() const
    {
        if (!top_object_) return "no object at the top";
        if (!saw_log_) return "no member log";
        if (!entries_) return "no member log.entries";
        switch (*entries_) {
        case boost::json::kind::array: return "";
        case boost::json::kind::object: return "an object";
        case boost::json::kind::string: return "a string";
        case boost::json::kind::null: return "null";
        case boost::json::kind::bool_: return "a boolean";
        default: return "a number";
        }
    }

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_object_begin(error_code&) { return open(boost::json::kind::object); }
    bool on_array_begin(error_code&) { return open(boost::json::kind::array); }
    bool on_object_end(std::size_t, error_code&) { return close(); }
    bool on_array_end(std::size_t, error_code&) { return close(); }

    bool on_key_part(string_view s, std::size_t, error_code&)
    {
        if (!skip_) key_.append(s.data(), std::min(s.size(), max_key - std::min(max_key, key_.size())));
        return true;
    }

    bool on_key(string_view s, std::size_t n, error_code& ec)
    {
        on_key_part(s, n, ec);
        if (!skip_ && !places_.empty()) next_ = member_of(places_.back(), n <= max_key ? key_ : std::string());
        key_.clear();
        return true;
    }

    bool on_string_part(string_view s, std::size_t, error_code&) { return string_part(s); }

    bool on_string(string_view s, std::size_t, error_code&)
    {
        string_part(s);
        in_string_ = false;
        switch (string_) {
        case place::text: e_.has_text = true; break;
        case place::status: e_.status = boost::json::value(boost::json::string(buffer_)); break;
        case place::method: e_.method = std::move(buffer_); break;
        case place::url: e_.url = std::move(buffer_); break;
        case place::started: e_.started = std::move(buffer_); break;
        case place::encoding: e_.encoding = std::move(buffer_); break;
        default: break;
        }
        buffer_.clear();
        return true;
    }

    bool on_number_part(string_view, error_code&) { return true; }
    bool on_int64(std::int64_t i, string_view, error_code&) { return scalar(boost::json::kind::int64, i); }
    bool on_uint64(std::uint64_t u, string_view, error_code&) { return scalar(boost::json::kind::uint64, u); }
    bool on_double(double d, string_view, error_code&) { return scalar(boost::json::kind::double_, d); }
    bool on_bool(bool b, error_code&) { return scalar(boost::json::kind::bool_, b); }
    bool on_null(error_code&) { return scalar(boost::json::kind::null, nullptr); }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }

private:
    /// Where a value stands: the containers followed, and the members kept.
    enum class place : unsigned char
    {
        none, top, log, entries, entry, request, response, content, // containers
        started, method, url, status, text, encoding                // members
    };
    static constexpr std::size_t max_key = 16; // longer than any member name looked for

    static place member_of(place in, std::string_view key)
    {
        static constexpr struct
        {
            place in;
            std::string_view key;
            place member;
        } members[] = {{place::top, "log", place::log},
                       {place::log, "entries", place::entries},
                       {place::entry, "startedDateTime", place::started},
                       {place::entry, "request", place::request},
                       {place::entry, "response", place::response},
                       {place::request, "method", place::method},
                       {place::request, "url", place::url},
                       {place::response, "status", place::status},
                       {place::response, "content", place::content},
                       {place::content, "text", place::text},
                       {place::content, "encoding", place::encoding}};
        for (const auto& m : members)
            if (m.in == in && m.key == key) return m.member;
        return place::none;
    }

    // The place of the value starting now; what it replaces is cleared (the last of repeated
    // members counts, as in a DOM), and the capture's shape noted.
    place begin_value(boost::json::kind k)
    {
        if (skip_) return place::none;
        place p = places_.empty() ? place::top : places_.back() == place::entries ? place::entry : next_;
        next_ = place::none;
        switch (p) {
        case place::top: top_object_ = k == boost::json::kind::object; break;
        case place::log: saw_log_ = true; break;
        case place::entries: entries_ = k; break;
        case place::entry: e_ = har_fields{}, e_.index = entries_seen_++; break;
        case place::request: e_.method.clear(), e_.url.clear(); break;
        case place::response: e_.status.reset(); [[fallthrough]];
        case place::content: e_.text.clear(), e_.encoding.clear(), e_.has_text = false, e_.text_size = 0; break;
        case place::started: e_.started.clear(); break;
        case place::method: e_.method.clear(); break;
        case place::url: e_.url.clear(); break;
        case place::status: e_.status.reset(); break;
        case place::text: e_.text.clear(), e_.has_text = false, e_.text_size = 0; break;
        case place::encoding: e_.encoding.clear(); break;
        case place::none: break;
        }
        return p;
    }

    bool open(boost::json::kind k)
    {
        const place p = begin_value(k);
        const bool followed = p == place::entries ? k == boost::json::kind::array
                                                  : k == boost::json::kind::object && p != place::none && p < place::started;
        if (p == place::status) e_.status = k == boost::json::kind::object ? boost::json::value(boost::json::object())
                                                                            : boost::json::value(boost::json::array());
        if (followed) places_.push_back(p);
        else ++skip_;
        return true;
    }

    bool close()
    {
        if (skip_) return --skip_, true;
        if (places_.back() == place::entry) on_entry_(e_);
        places_.pop_back();
        return true;
    }

    template <class T>
    bool scalar(boost::json::kind k, T v)
    {
        if (begin_value(k) == place::status) e_.status = boost::json::value(v);
        return true;
    }

    bool string_part(string_view s)
    {
        if (!in_string_) {
            in_string_ = true;
            string_ = begin_value(boost::json::kind::string);
        }
        if (string_ == place::text) {
            e_.text_size += s.size();
            if (e_.text_size <= max_text_) e_.text.append(s.data(), s.size());
            else std::string().swap(e_.text);
        } else if (string_ >= place::started) {
            buffer_.append(s.data(), s.size());
        }
        return true;
    }

    std::size_t max_text_;
    std::function<void(har_fields&)> on_entry_;
    std::vector<place> places_; // the containers followed, outermost first
    std::size_t skip_ = 0;      // depth inside a container not followed
    place next_ = place::none;  // the member the next value is
    place string_ = place::none;
    bool in_string_ = false;
    std::string key_, buffer_;
    har_fields e_;
    std::size_t entries_seen_ = 0;
    bool top_object_ = false, saw_log_ = false;
    std::optional<boost::json::kind> entries_;
};

/** A HAR capture fed to a `har_handler` a piece at a time, as it is read: what `feed` is given
    need not be kept. The parse options are `boost::json::parse`'s, depth aside: the capture's
    own nesting (a browser's _initiator stacks nest deep) is not the payload's, as bodies are
    strings here, checked later with the caller's limits. A UTF-8 byte-order mark before the
    text, which some exporters write, is skipped and said (`json/bom`), as before a payload. */
class har_reader
{
public:
    har_reader(std::size_t max_text, std::function<void(har_fields&)> on_entry)
        : parser_(options_(), max_text, std::move(on_entry))
    {
    }

    /// Feeds the next `piece`; `last` when the text ends with it. False once the text is no JSON.
    bool feed(std::string_view piece, bool last)
    {
        if (ec_) return false;
        if (!begun_ && !skip_mark(piece, last)) return true;
        if (ec_) return false;
        const std::size_t used = parser_.write_some(!last, piece.empty() ? "" : piece.data(), piece.size(), ec_);
        if (!ec_ && used < piece.size()) ec_ = boost::json::error::extra_data;
        return !ec_;
    }

    /// Adds what makes the text no HAR log (`capture/har`, at its start) to `out`, after the last
    /// piece was fed; false for such a text (its entries are then no polls).
    bool is_har(sink& out) const
    {
        const auto shape = ec_ ? std::string() : parser_.handler().shape_error();
        if (!ec_ && shape.empty()) return true;
        // capture/har
        out.add(rule::capture_har, 0, ec_ ? "" : "/log/entries",
                ec_ ? "not a HAR file: the text is not JSON (" + ec_.message() + ")"
                    : "not a HAR 1.2 log: expected an array at log.entries, got " + shape);
        return false;
    }

    /// Adds `json/bom` to `out` when a byte-order mark preceded the text (it was skipped).
    void note_mark(sink& out) const
    {
        if (marked_)
            // json/bom
            out.add(rule::json_bom, 0, "", "a UTF-8 byte-order mark precedes the capture (RFC 8259 forbids senders "
                                           "to add one); it was skipped");
    }

private:
    static boost::json::parse_options options_()
    {
        boost::json::parse_options po;
        po.max_depth = max_safe_depth;
        return po;
    }

    // Takes the bytes of a byte-order mark off the front of the text, across pieces; false while
    // they may still be one (nothing is fed yet). Bytes that begin a mark and then stop being
    // one are text: they are fed first.
    bool skip_mark(std::string_view& piece, bool last)
    {
        while (seen_ < utf8_bom.size() && !piece.empty() && piece.front() == utf8_bom[seen_]) {
            piece.remove_prefix(1);
            ++seen_;
        }
        if (seen_ == utf8_bom.size()) return begun_ = marked_ = true;
        if (piece.empty() && !last) return false;
        begun_ = true;
        if (seen_ > 0) parser_.write_some(true, utf8_bom.data(), seen_, ec_);
        return true;
    }

    boost::json::basic_parser<har_handler> parser_;
    boost::system::error_code ec_;
    std::size_t seen_ = 0; // bytes of a byte-order mark at the front of the text so far
    bool begun_ = false;   // past where a byte-order mark may be
    bool marked_ = false;  // one was there
};

/// A poll `har_poll` took out of an entry; `too_large`: the bytes of a body over the size
/// limit (`unknown_position` for a base64 one not held), which is then not in `poll.text`.
struct har_poll_entry
{
    record poll;
    std::size_t too_large = 0;
};

/** The poll entry `e` holds, if it is a bulk-job poll answered 200 with a body; what makes it
    none goes to `out` (`capture/http-status`, `capture/har`). A body that names another job
    than its request URL is `seq/same-job` and still a poll, marked `other_job`: its contents
    are checked alone, in neither job's sequence. A body over `max_bytes` is counted, not decoded or
    checked. `known`: the entry was read before and found a poll (a second pass), so the body's
    job is not read again (nor `seq/same-job` said twice). */
inline std::optional<har_poll_entry> har_poll(har_fields& e, sink& out, std::size_t max_bytes, bool known = false)
{
    const auto id = bulk_job_url_id(e.url);
    if (e.method != "GET" || !id) return std::nullopt;
    const std::string pointer = "/log/entries/" + std::to_string(e.index);
    const auto& status = e.status;
    const bool ok = status && status->is_int64() && status->get_int64() == 200;
    const bool snapshot = ok && e.has_text;
    // Every poll's entry is judged as HAR, the ones skipped below too.
    if (!parse_timestamp(e.started))
        // capture/har
        out.add(rule::capture_har, unknown_position, pointer + "/startedDateTime",
                "startedDateTime " + detail::quoted(e.started) + " is not an RFC 3339 date-time (HAR 1.2 requires one)" +
                    (snapshot ? ": this poll is ordered after the dated ones" : ""));
    if (!snapshot) {
        const std::string code = !status                ? "no status"
                                 : status->is_int64() ? std::to_string(status->get_int64())
                                                      : "a status of " + boost::json::serialize(*status) + " (not an integer)";
        // capture/http-status
        out.add(rule::capture_http_status, unknown_position, pointer,
                "the poll of job " + detail::quoted(*id) + " was answered " + code +
                    (ok ? " without a body" : ", not 200") + ": it is not a snapshot, skipped");
        return std::nullopt;
    }
    har_poll_entry p;
    record& r = p.poll;
    r.entry = e.index;
    r.job_id = *id;
    r.started = std::move(e.started);
    const bool base64 = e.encoding == "base64";
    if (e.text_size > e.text.size()) { // past the cap: not held
        p.too_large = base64 ? unknown_position : e.text_size;
        return p;
    }
    if (base64) {
        auto decoded = base64_decode(e.text);
        if (!decoded) {
            // capture/har
            out.add(rule::capture_har, unknown_position, pointer + "/response/content/text",
                    "the body is marked base64 but is not valid base64");
            return std::nullopt;
        }
        r.text = std::move(*decoded);
    } else {
        r.text = std::move(e.text);
    }
    if (r.text.size() > max_bytes) {
        p.too_large = r.text.size();
        std::string().swap(r.text);
        return p;
    }
    const auto body_id = known ? std::string() : job_id_of(r.text);
    if (!body_id.empty() && !same_job_id(body_id, r.job_id)) {
        // seq/same-job
        out.add(rule::seq_same_job, unknown_position, pointer,
                "the poll of job " + detail::quoted(r.job_id) + " (request URL) returned bulk_job_id " + detail::quoted(body_id) +
                    ": checked alone, in neither job's sequence");
        r.other_job = true;
    }
    return p;
}

/// The bytes of a body `har_handler` holds for a size limit of `max_bytes`: a base64 body
/// decodes to three quarters of its text.
constexpr std::size_t har_text_cap(std::size_t max_bytes) noexcept
{
    return max_bytes > static_cast<std::size_t>(-1) / 2 ? max_bytes : max_bytes + max_bytes / 3 + 4;
}

/// Whether a poll dated `x` comes before one dated `y`: instants in time order, undated ones last.
inline bool dated_before(const std::optional<instant>& x, const std::optional<instant>& y)
{
    if (!x || !y) return x.has_value() && !y.has_value();
    return *x < *y;
}

} // namespace tented::contract::detail

namespace tented::contract {

inline std::vector<record> read_json_lines(std::string_view content)
{
    std::vector<record> out;
    std::size_t line = 1;
    detail::each_json_line(content, line, true, [&](std::string_view text, std::size_t at) {
        record r;
        r.text = std::string(text);
        r.line = at;
        r.job_id = detail::job_id_of(text);
        out.push_back(std::move(r));
    });
    return out;
}

inline har_capture read_har(std::string_view content)
{
    har_capture har;
    const options opts;
    detail::sink out(opts, har.findings.diagnostics);
    constexpr auto whole = static_cast<std::size_t>(-1); // the text is held already
    detail::har_reader reader(whole, [&](detail::har_fields& e) {
        if (auto p = detail::har_poll(e, out, whole)) har.polls.push_back(std::move(p->poll));
    });
    reader.feed(content, true);
    report shape;
    detail::sink shape_out(opts, shape.diagnostics);
    if (!reader.is_har(shape_out)) { // what its entries gave is not of a HAR log
        har.polls.clear();
        har.findings = std::move(shape);
        return har;
    }
    if (!har.polls.empty() || !har.findings.diagnostics.empty()) reader.note_mark(out); // else: no poll to check
    std::stable_sort(har.polls.begin(), har.polls.end(), [](const record& a, const record& b) {
        return detail::dated_before(parse_timestamp(a.started), parse_timestamp(b.started));
    });
    return har;
}

} // namespace tented::contract

#endif
