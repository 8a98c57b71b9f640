// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_SERVICE_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_SERVICE_HPP

// What the server answers to one parsed request, without sockets: the connection code
// (detail/server.hpp) and the fuzz target (tests/fuzz/fuzz_serve.cpp) share it.

#include <tented/contract/formats.hpp>
#include <tented/contract/live/redact.hpp>
#include <tented/contract/output.hpp>
#include <tented/contract/testing/server.hpp>
#include <tented/contract/version.hpp>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <map>
#include <mutex>

namespace tented::contract::testing::detail {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

/// Request bodies are never needed (the admin endpoints take none): a small bound.
constexpr std::size_t max_body_bytes = 64 * 1024;

/// Applies the server's bounds to a parser before it reads a request.
inline void bound(http::request_parser<http::string_body>& parser, const server_options& opts)
{
    parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(opts.max_header_bytes, UINT32_MAX)));
    parser.body_limit(max_body_bytes);
}

/// A whole number of `text` within [min, max], or nothing.
inline std::optional<std::uint64_t> whole_number(std::string_view text, std::uint64_t min, std::uint64_t max)
{
    if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string_view::npos) return {};
    const auto v = std::strtoull(std::string(text).c_str(), nullptr, 10);
    if (v < min || v > max) return {};
    return v;
}

/// splitmix64's finalizer: a cheap, well-mixed 64-bit hash.
inline std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/** A number in [0, 1) that depends only on the seed, the job, the request's number and what it is
    drawn for (`salt`): the same seed faults the same requests of a job however polls interleave. */
inline double draw(std::uint64_t seed, std::string_view job, std::uint64_t n, std::uint64_t salt)
{
    std::uint64_t h = 0xcbf29ce484222325ULL; // FNV-1a: stable across platforms, unlike std::hash
    for (unsigned char c : job) h = (h ^ c) * 0x100000001b3ULL;
    return static_cast<double>(mix(seed ^ mix(h ^ mix(n ^ mix(salt)))) >> 11) * 0x1.0p-53;
}

/// `{"error":{"status":S,"code":"CODE","message":"..."}}`, the code the status's reason phrase in
/// UPPER_SNAKE_CASE (the style of the API's `error_code`).
inline std::string error_body(unsigned status, std::string_view message)
{
    std::string code(http::obsolete_reason(static_cast<http::status>(status)));
    for (auto& c : code) c = c == ' ' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    boost::json::object error{{"status", status}, {"code", code}, {"message", message}};
    return boost::json::serialize(boost::json::object{{"error", std::move(error)}});
}

inline response json_response(unsigned status, std::string body)
{
    response res{static_cast<http::status>(status), 11};
    res.set(http::field::server, "tented-contract/" TENTED_CONTRACT_VERSION_STRING);
    res.set(http::field::content_type, "application/json");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

inline response error_response(unsigned status, std::string_view message)
{
    return json_response(status, error_body(status, message));
}

/// Equal texts, in a time that does not tell how much of a guess was right (only its length).
inline bool same_secret(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    unsigned diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

/// The credentials of an `Authorization: Bearer CREDENTIALS` header, or nothing.
inline std::optional<std::string_view> bearer_of(const request& req)
{
    const auto it = req.find(http::field::authorization);
    if (it == req.end()) return {};
    const std::string_view value = it->value();
    constexpr std::string_view scheme = "bearer ";
    if (value.size() < scheme.size()) return {};
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(value[i])) != scheme[i]) return {};
    return value.substr(scheme.size());
}

/// `text` with every spelling of `secret` (raw, JSON-, Pointer- or percent-encoded) replaced by
/// `[redacted]`: a token the client percent-encoded in the query is hidden as well.
inline std::string redact(std::string_view text, const std::optional<std::string>& secret)
{
    if (!secret) return std::string(text);
    return live::redactor(*secret)(text);
}

/// The value of `key` in a query string `a=1&b=2`, as written (no percent-decoding: ids are ULIDs).
inline std::optional<std::string_view> query_value(std::string_view query, std::string_view key)
{
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        if (pair.size() > key.size() && pair.substr(0, key.size()) == key && pair[key.size()] == '=')
            return pair.substr(key.size() + 1);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
    return {};
}

/// What the connection does with a request: send `res`, close without a word, send `res` cut
/// after half its body, or never answer; after waiting `delay`.
struct outcome
{
    enum class action { answer, drop, truncate, hang };
    action what = action::answer;
    response res;
    std::chrono::milliseconds delay{0};
};

/// The server's state and its answers; every member is safe to call from any thread.
class service
{
public:
    service(std::vector<served_job> jobs, server_options opts)
        : opts_(std::move(opts)), started_(std::chrono::steady_clock::now())
    {
        for (auto& j : jobs) {
            auto id = j.id;
            jobs_.emplace(std::move(id), job_state{std::move(j)});
        }
    }

    const server_options& options() const { return opts_; }

    /// The path and query of `target`: itself in origin form (`/v1/...`), the part after the
    /// authority in absolute form (`http://host:port/v1/...`), which RFC 9112 section 3.2.2 says
    /// a server must accept, as a client talking to a proxy sends it.
    static std::string_view origin_form(std::string_view target)
    {
        const auto scheme_end = target.find("://");
        if (target.empty() || target.front() == '/' || scheme_end == std::string_view::npos) return target;
        const auto path = target.find_first_of("/?", scheme_end + 3);
        return path == std::string_view::npos ? std::string_view("/") : target.substr(path);
    }

    /// The answer to `req`, read whole at `now`; journals it unless it is an admin request.
    outcome handle(const request& req, std::chrono::steady_clock::time_point now)
    {
        const std::string_view target = origin_form(req.target());
        const auto q = target.find('?');
        const auto path = target.substr(0, q);
        const auto query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
        outcome out;
        if (path.substr(0, 9) == "/__admin/") {
            out.res = admin(req.method(), path, query);
        } else {
            journal_entry e;
            e.method = redact(req.method_string(), opts_.token);
            e.target = redact(target, opts_.token);
            e.bearer = bearer_of(req).has_value();
            e.received = now;
            const std::lock_guard<std::mutex> lock(mutex_);
            out = api(req, path, e);
            record(std::move(e));
        }
        out.res.keep_alive(req.keep_alive());
        // A HEAD answer keeps its Content-Length but sends no body: a client would read one as
        // the start of the next answer on the connection.
        if (req.method() == http::verb::head) out.res.body().clear();
        return out;
    }

    std::vector<journal_entry> journal() const
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        return journal_;
    }

    std::size_t dropped() const
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        return dropped_;
    }

    std::string journal_json() const
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        return journal_json_locked();
    }

    void reset()
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        reset_locked();
    }

    bool reset(std::string_view job)
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        return reset_locked(job);
    }

private:
    struct job_state
    {
        served_job job;
        std::uint64_t requests = 0;
        std::size_t served = 0;
    };

    response admin(http::verb method, std::string_view path, std::string_view query)
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (path == "/__admin/requests" && method == http::verb::get) return json_response(200, journal_json_locked());
        if (path == "/__admin/reset" && method == http::verb::post) {
            const auto job = query_value(query, "job");
            if (!job) {
                reset_locked();
                return json_response(200, R"({"reset":"all"})");
            }
            if (!reset_locked(*job)) return error_response(404, "No such bulk job to reset");
            return json_response(200, boost::json::serialize(boost::json::object{{"reset", *job}}));
        }
        if (path == "/__admin/requests" || path == "/__admin/reset") return error_response(405, "Wrong method for this admin endpoint");
        return error_response(404, "No such admin endpoint");
    }

    outcome api(const request& req, std::string_view path, journal_entry& e)
    {
        constexpr std::string_view prefix = "/v1/bulk-jobs";
        outcome out;
        if (path.substr(0, prefix.size()) != prefix || (path.size() > prefix.size() && path[prefix.size()] != '/'))
            return answer(out, e, error_response(404, "No such endpoint"));
        const auto id = path.substr(std::min(path.size(), prefix.size() + 1));
        const auto it = jobs_.find(id);
        if (it != jobs_.end()) e.job = it->first;
        const auto n = it == jobs_.end() ? 0 : it->second.requests + 1;
        out.delay = delay(id, n);
        // As the API would: who asks is checked before what is asked.
        if (opts_.token && !authorized(req)) {
            answer(out, e, error_response(401, "Missing or invalid bearer token"));
            out.res.set(http::field::www_authenticate, "Bearer");
            return out;
        }
        if (req.method() != http::verb::get) {
            answer(out, e, error_response(405, "Only GET is served here"));
            out.res.set(http::field::allow, "GET");
            return out;
        }
        if (ulid_format::check(id).outcome == format_check::invalid)
            return answer(out, e, error_response(400, "bulkJobId is missing or malformed"));
        if (it == jobs_.end())
            return answer(out, e, error_response(404, "The bulk job does not exist in the workspace associated with your API key"));
        auto& job = it->second;
        e.n = job.requests = n;
        const auto& snapshots = job.job.snapshots;
        auto snapshot = json_response(200, snapshots[std::min(job.served, snapshots.size() - 1)]);
        for (std::size_t i = 0; i < opts_.faults.size(); ++i) {
            const auto& f = opts_.faults[i];
            if (f.nth ? f.nth != n : draw(opts_.seed, id, n, i + 1) >= f.rate) continue;
            e.fault = f.text;
            return injected(out, e, f, std::move(snapshot));
        }
        ++job.served;
        return answer(out, e, std::move(snapshot));
    }

    static outcome& answer(outcome& out, journal_entry& e, response res)
    {
        e.status = res.result_int();
        out.res = std::move(res);
        return out;
    }

    static outcome& injected(outcome& out, journal_entry& e, const fault& f, response snapshot)
    {
        switch (f.what) {
        case fault::kind::status:
            answer(out, e, error_response(f.status, "Fault injected by tented-contract serve: " + f.text));
            if (f.retry_after) out.res.set(http::field::retry_after, std::to_string(*f.retry_after));
            return out;
        case fault::kind::truncate: out.what = outcome::action::truncate; return answer(out, e, std::move(snapshot));
        case fault::kind::drop: out.what = outcome::action::drop; return out;
        case fault::kind::hang: out.what = outcome::action::hang; return out;
        }
        return out;
    }

    bool authorized(const request& req) const
    {
        const auto given = bearer_of(req);
        return given && same_secret(*given, *opts_.token);
    }

    std::chrono::milliseconds delay(std::string_view job, std::uint64_t n) const
    {
        const auto [min, max] = opts_.delay;
        if (max <= min) return min;
        const auto span = static_cast<double>((max - min).count() + 1);
        return min + std::chrono::milliseconds(static_cast<std::int64_t>(draw(opts_.seed, job, n, 0) * span));
    }

    void record(journal_entry e)
    {
        if (journal_.size() < opts_.journal_limit)
            journal_.push_back(std::move(e));
        else
            ++dropped_;
    }

    std::string journal_json_locked() const
    {
        boost::json::array requests;
        for (const auto& e : journal_) {
            const auto at = std::chrono::duration_cast<std::chrono::microseconds>(e.received - started_);
            // A request's bytes need not be UTF-8: the journal must stay JSON whatever a client sends.
            requests.push_back(boost::json::object{{"method", valid_utf8(e.method)}, {"target", valid_utf8(e.target)},
                                                   {"job", valid_utf8(e.job)},
                                                   {"n", e.n}, {"bearer", e.bearer}, {"status", e.status},
                                                   {"fault", e.fault}, {"at_us", at.count()}});
        }
        return boost::json::serialize(boost::json::object{{"requests", std::move(requests)}, {"dropped", dropped_}});
    }

    void reset_locked()
    {
        for (auto& [id, job] : jobs_) job.requests = job.served = 0;
        journal_.clear();
        dropped_ = 0;
    }

    bool reset_locked(std::string_view job)
    {
        const auto it = jobs_.find(job);
        if (it == jobs_.end()) return false;
        it->second.requests = it->second.served = 0;
        return true;
    }

    const server_options opts_;
    const std::chrono::steady_clock::time_point started_;
    mutable std::mutex mutex_;
    std::map<std::string, job_state, std::less<>> jobs_;
    std::vector<journal_entry> journal_;
    std::size_t dropped_ = 0;
};

} // namespace tented::contract::testing::detail

namespace tented::contract::testing {

inline std::optional<fault> parse_fault(std::string_view text, std::string& error)
{
    const auto fail = [&](const std::string& why) {
        error = "fault rule \"" + std::string(text) + "\": " + why;
        return std::nullopt;
    };
    const auto at = text.rfind('@');
    if (at == std::string_view::npos) return fail("expected WHAT@WHEN, as in 429@2 or drop@rate=0.1");
    auto what = text.substr(0, at);
    const auto when = text.substr(at + 1);
    fault f;
    f.text = std::string(text);
    const auto colon = what.find(':');
    const auto param = colon == std::string_view::npos ? std::string_view() : what.substr(colon + 1);
    what = what.substr(0, colon);
    if (what == "drop") f.what = fault::kind::drop;
    else if (what == "truncate") f.what = fault::kind::truncate;
    else if (what == "hang") f.what = fault::kind::hang;
    else if (const auto status = detail::whole_number(what, 400, 599)) f.status = static_cast<unsigned>(*status);
    else return fail("expected a status from 400 to 599, drop, truncate or hang before '@'");
    if (f.what == fault::kind::status && (f.status == 429 || f.status == 503)) f.retry_after = 1;
    if (colon != std::string_view::npos) {
        constexpr std::string_view key = "retry-after=";
        const auto seconds = param.substr(0, key.size()) == key ? detail::whole_number(param.substr(key.size()), 0, 86400) : std::nullopt;
        if (f.what != fault::kind::status || !seconds) return fail("the only parameter is retry-after=SECONDS (0 to 86400), for a status");
        f.retry_after = static_cast<unsigned>(*seconds);
    }
    if (when.substr(0, 5) == "rate=") {
        const std::string p(when.substr(5));
        char* end = nullptr;
        errno = 0;
        f.rate = p.empty() || p.find_first_not_of("0123456789.") != std::string::npos ? -1 : std::strtod(p.c_str(), &end);
        if (errno || f.rate < 0 || f.rate > 1 || end != p.c_str() + p.size()) return fail("rate= takes a probability from 0 to 1");
    } else if (const auto nth = detail::whole_number(when, 1, UINT64_MAX >> 1)) {
        f.nth = *nth;
    } else {
        return fail("expected after '@' the request's number (1, 2, ...) or rate=P");
    }
    return f;
}

inline std::optional<latency> parse_latency(std::string_view text, std::string& error)
{
    const auto dots = text.find("..");
    const auto min = detail::whole_number(text.substr(0, dots), 0, 3600000);
    const auto max = dots == std::string_view::npos ? min : detail::whole_number(text.substr(dots + 2), 0, 3600000);
    if (!min || !max || *max < *min) {
        error = "latency \"" + std::string(text) + "\": expected MS or MIN..MAX, whole milliseconds up to 3600000";
        return std::nullopt;
    }
    return latency{std::chrono::milliseconds(*min), std::chrono::milliseconds(*max)};
}

} // namespace tented::contract::testing

#endif
