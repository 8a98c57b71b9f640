// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_CAPTURE_HPP
#define TENTED_CONTRACT_DETAIL_CAPTURE_HPP

#include <tented/contract/capture.hpp>
#include <tented/contract/detail/sink.hpp>
#include <tented/contract/formats.hpp>

#include <boost/archive/iterators/binary_from_base64.hpp>
#include <boost/archive/iterators/transform_width.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <optional>

namespace tented::contract::detail {

// The `bulk_job_id` of a JSON Lines record, read without building a DOM of the whole line:
// only a well-formed object with that member as a string counts.
inline std::string job_id_of(std::string_view line)
{
    boost::system::error_code ec;
    boost::json::parse_options po;
    po.max_depth = 64;
    const auto v = boost::json::parse(line, ec, {}, po);
    if (ec || !v.is_object()) return {};
    const auto* id = v.get_object().if_contains("bulk_job_id");
    return id && id->is_string() ? std::string(id->get_string()) : std::string();
}

/// Calls `on(text, line)` for each whole line of `chunk` that is not blank, its `\n` (and a
/// `\r` before it) cut off, numbering lines from `line`, which is left at the next line's
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
        if (text.find_first_not_of(" \t") != std::string_view::npos) on(text, line);
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

inline const boost::json::value* member(const boost::json::value& v, std::string_view key)
{
    return v.is_object() ? v.get_object().if_contains(key) : nullptr;
}

inline std::string string_member(const boost::json::value* v, std::string_view key)
{
    const auto* m = v ? member(*v, key) : nullptr;
    return m && m->is_string() ? std::string(m->get_string()) : std::string();
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
    boost::system::error_code ec;
    // The capture's own nesting (a browser's _initiator stacks nest deep) is not the payload's:
    // bodies are strings here, checked later with the caller's limits.
    boost::json::parse_options po;
    po.max_depth = max_safe_depth;
    const auto doc = boost::json::parse(content, ec, {}, po);
    // What stood where log.entries should be, for the message.
    const auto json_kind = [](const boost::json::value& root, const boost::json::value* at) -> std::string {
        if (!root.is_object()) return "no object at the top";
        if (!detail::member(root, "log")) return "no member log";
        if (!at) return "no member log.entries";
        switch (at->kind()) {
        case boost::json::kind::object: return "an object";
        case boost::json::kind::string: return "a string";
        case boost::json::kind::null: return "null";
        case boost::json::kind::bool_: return "a boolean";
        default: return "a number";
        }
    };
    const auto* entries = ec ? nullptr : detail::member(doc, "log");
    entries = entries ? detail::member(*entries, "entries") : nullptr;
    if (!entries || !entries->is_array()) {
        // capture/har
        out.add(rule::capture_har, 0, ec ? "" : "/log/entries",
                ec ? "not a HAR file: the text is not JSON (" + ec.message() + ")"
                   : "not a HAR 1.2 log: expected an array at log.entries, got " + json_kind(doc, entries));
        return har;
    }
    std::size_t index = 0;
    for (const auto& entry : entries->get_array()) {
        const std::size_t n = index++;
        const auto* request = detail::member(entry, "request");
        const auto* response = detail::member(entry, "response");
        const auto method = detail::string_member(request, "method");
        const auto id = detail::bulk_job_url_id(detail::string_member(request, "url"));
        if (method != "GET" || !id) continue;
        const std::string pointer = "/log/entries/" + std::to_string(n);
        const auto* status = response ? detail::member(*response, "status") : nullptr;
        const auto* content_v = response ? detail::member(*response, "content") : nullptr;
        const auto* text = content_v ? detail::member(*content_v, "text") : nullptr;
        const bool ok = status && status->is_int64() && status->get_int64() == 200;
        if (!ok || !text || !text->is_string()) {
            const std::string code = !status                ? "no status"
                                     : status->is_int64() ? std::to_string(status->get_int64())
                                                          : "a status of " + boost::json::serialize(*status) + " (not an integer)";
            // capture/http-status
            out.add(rule::capture_http_status, unknown_position, pointer,
                    "the poll of job " + *id + " was answered " + code +
                        (ok ? " without a body" : ", not 200") + ": it is not a snapshot, skipped");
            continue;
        }
        record r;
        r.entry = n;
        r.job_id = *id;
        r.started = detail::string_member(&entry, "startedDateTime");
        if (!parse_timestamp(r.started))
            // capture/har
            out.add(rule::capture_har, unknown_position, pointer + "/startedDateTime",
                    "startedDateTime \"" + r.started + "\" is not an RFC 3339 date-time (HAR 1.2 requires one): "
                    "this poll is ordered after the dated ones");
        if (detail::string_member(content_v, "encoding") == "base64") {
            auto decoded = detail::base64_decode(text->get_string());
            if (!decoded) {
                // capture/har
                out.add(rule::capture_har, unknown_position, pointer + "/response/content/text",
                        "the body is marked base64 but is not valid base64");
                continue;
            }
            r.text = std::move(*decoded);
        } else {
            r.text = std::string(text->get_string());
        }
        const auto body_id = detail::job_id_of(r.text);
        if (!body_id.empty() && body_id != r.job_id) {
            // seq/same-job
            out.add(rule::seq_same_job, unknown_position, pointer,
                    "the poll of job " + r.job_id + " (request URL) returned bulk_job_id " + body_id);
            continue;
        }
        har.polls.push_back(std::move(r));
    }
    std::stable_sort(har.polls.begin(), har.polls.end(), [](const record& a, const record& b) {
        const auto x = parse_timestamp(a.started), y = parse_timestamp(b.started);
        if (!x || !y) return x.has_value() && !y.has_value();
        return *x < *y;
    });
    return har;
}

} // namespace tented::contract

#endif
