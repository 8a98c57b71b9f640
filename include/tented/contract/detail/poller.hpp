// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_POLLER_HPP
#define TENTED_CONTRACT_DETAIL_POLLER_HPP

#include <tented/contract/decode.hpp>
#include <tented/contract/detail/checks.hpp>
#include <tented/contract/live/poller.hpp>

#include <algorithm>
#include <array>
#include <random>
#include <thread>

namespace tented::contract::detail {

// The longest wait a Retry-After value may ask for: far past any max_interval, and small enough
// that no arithmetic on it overflows.
inline constexpr std::int64_t longest_retry_after_s = 1000000000;

// Reads an HTTP date left to right; every step fails for good once one has failed.
class date_reader
{
public:
    explicit date_reader(std::string_view text) : text_(text) {}

    bool ok() const noexcept { return ok_; }
    bool done() const noexcept { return ok_ && at_ == text_.size(); }

    void literal(std::string_view s) noexcept
    {
        ok_ = ok_ && text_.substr(at_, s.size()) == s;
        at_ += ok_ ? s.size() : 0;
    }

    // Exactly `n` digits (a leading space stands for a zero when `space_pad`, as asctime pads days).
    int digits(std::size_t n, bool space_pad = false) noexcept
    {
        int v = 0;
        for (std::size_t i = 0; ok_ && i < n; ++i, ++at_) {
            const char c = at_ < text_.size() ? text_[at_] : '\0';
            if (c == ' ' && space_pad && i == 0) continue;
            ok_ = c >= '0' && c <= '9';
            v = v * 10 + (c - '0');
        }
        return ok_ ? v : -1;
    }

    // One of `names`, matched case-sensitively as RFC 9110 spells them; its index.
    template <std::size_t N>
    int name(const std::array<std::string_view, N>& names) noexcept
    {
        for (std::size_t i = 0; ok_ && i < N; ++i)
            if (text_.substr(at_, names[i].size()) == names[i]) {
                at_ += names[i].size();
                return static_cast<int>(i);
            }
        ok_ = false;
        return -1;
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;
    bool ok_ = true;
};

inline constexpr std::array<std::string_view, 7> day_names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
inline constexpr std::array<std::string_view, 7> long_day_names = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                                    "Friday", "Saturday", "Sunday"};
inline constexpr std::array<std::string_view, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days from 1970-01-01 to the civil date y-m-d (month 1-12; H. Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) noexcept
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

constexpr int days_in_month(std::int64_t y, int m) noexcept
{
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

// The civil year of `seconds` since the epoch.
constexpr std::int64_t civil_year(std::int64_t seconds) noexcept
{
    std::int64_t days = seconds / 86400 - (seconds % 86400 < 0);
    std::int64_t y = 1970 + days / 366; // an underestimate; a few steps find it
    while (days_from_civil(y + 1, 1, 1) <= days) ++y;
    while (days_from_civil(y, 1, 1) > days) --y;
    return y;
}

// The date of the three forms once read: checked, then counted in seconds.
inline std::optional<std::int64_t> http_time(std::int64_t year, int month, int day, int h, int m, int s)
{
    if (month < 1 || day < 1 || day > days_in_month(year, month) || h > 23 || m > 59 || s > 60) return std::nullopt;
    return days_from_civil(year, month, day) * 86400 + h * 3600 + m * 60 + s;
}

// hour ":" minute ":" second, each two digits.
inline void read_time(date_reader& r, int& h, int& m, int& s)
{
    h = r.digits(2);
    r.literal(":");
    m = r.digits(2);
    r.literal(":");
    s = r.digits(2);
}

inline std::optional<std::int64_t> imf_fixdate(std::string_view text)
{
    date_reader r(text);
    int h, m, s;
    r.name(day_names);
    r.literal(", ");
    const int day = r.digits(2);
    r.literal(" ");
    const int month = r.name(month_names) + 1;
    r.literal(" ");
    const int year = r.digits(4);
    r.literal(" ");
    read_time(r, h, m, s);
    r.literal(" GMT");
    return r.done() ? http_time(year, month, day, h, m, s) : std::nullopt;
}

inline std::optional<std::int64_t> rfc850_date(std::string_view text, std::int64_t now_year)
{
    date_reader r(text);
    int h, m, s;
    r.name(long_day_names);
    r.literal(", ");
    const int day = r.digits(2);
    r.literal("-");
    const int month = r.name(month_names) + 1;
    r.literal("-");
    const int yy = r.digits(2);
    r.literal(" ");
    read_time(r, h, m, s);
    r.literal(" GMT");
    if (!r.done()) return std::nullopt;
    std::int64_t year = now_year - now_year % 100 + yy;
    if (year > now_year + 50) year -= 100; // RFC 9110: never more than 50 years ahead
    return http_time(year, month, day, h, m, s);
}

inline std::optional<std::int64_t> asctime_date(std::string_view text)
{
    date_reader r(text);
    int h, m, s;
    r.name(day_names);
    r.literal(" ");
    const int month = r.name(month_names) + 1;
    r.literal(" ");
    const int day = r.digits(2, true);
    r.literal(" ");
    read_time(r, h, m, s);
    r.literal(" ");
    const int year = r.digits(4);
    return r.done() ? http_time(year, month, day, h, m, s) : std::nullopt;
}

inline std::string_view trim_ows(std::string_view s) noexcept
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

inline std::string_view reason_phrase(int status) noexcept
{
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return {};
    }
}

// The reference's cause of a refusal ("Common Errors"; 403 is not in its table, but is what a
// gateway answers a key without access).
inline std::string_view refusal_cause(int status) noexcept
{
    switch (status) {
    case 400: return "the bulkJobId is missing or malformed";
    case 401: return "the bearer token is missing or invalid";
    case 403: return "the API key may not read this bulk job";
    default: return "the bulk job does not exist in the workspace associated with your API key";
    }
}

// Ends the run at the deadline: the rest of the time is slept, as every wait is cut to it.
inline void sleep_until_deadline(live::clock& c, live::milliseconds deadline)
{
    const auto left = deadline - c.now();
    if (left > live::milliseconds::zero()) c.sleep_for(left);
}

} // namespace tented::contract::detail

namespace tented::contract::live {

inline milliseconds real_clock::now()
{
    return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now().time_since_epoch());
}

inline std::int64_t real_clock::wall_seconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

inline void real_clock::sleep_for(milliseconds d) { std::this_thread::sleep_for(d); }

inline bool stop_reached(const bulk_job& job, until u) noexcept
{
    const bool terminal = detail::is_terminal(job.status);
    if (!terminal || u == until::terminal) return terminal;
    return std::none_of(job.items.begin(), job.items.end(), [](const bulk_job_item& i) {
        return i.publication_status == publication_status::pending;
    });
}

inline answer classify(const response& r) noexcept
{
    if (r.status == 0) return r.fatal ? answer::unusable : answer::transient;
    // The status decides; only a snapshot needs its body.
    if (r.status == 200) return r.error.empty() ? answer::snapshot : answer::transient;
    if (r.status == 429 || r.status == 503) return answer::throttled;
    if (r.status >= 500 && r.status <= 599) return answer::transient;
    if (r.status >= 300 && r.status <= 399) return answer::redirect;
    if (r.status == 400 || r.status == 401 || r.status == 403 || r.status == 404) return answer::refused;
    return answer::unusable;
}

inline std::string explain(const response& r)
{
    if (r.status == 0) return "no answer: " + r.error;
    std::string s = "HTTP " + std::to_string(r.status);
    if (const auto phrase = detail::reason_phrase(r.status); !phrase.empty()) s.append(" ").append(phrase);
    if (r.status == 200 && !r.error.empty()) return s.append(": its body cannot be read: ").append(r.error);
    switch (classify(r)) {
    case answer::refused: return s.append(": ").append(detail::refusal_cause(r.status));
    case answer::redirect:
        return s + (r.location.empty() ? std::string(" without a Location") : ": redirected to " + r.location) +
               ", not followed (the bearer token goes to no other address)";
    case answer::unusable: return s + ": not an answer of this endpoint";
    default: return s;
    }
}

inline std::optional<std::int64_t> parse_http_date(std::string_view text, std::int64_t now_year)
{
    if (auto t = detail::imf_fixdate(text)) return t;
    if (auto t = detail::rfc850_date(text, now_year)) return t;
    return detail::asctime_date(text);
}

inline std::optional<milliseconds> parse_retry_after(std::string_view value, std::int64_t now_seconds)
{
    value = detail::trim_ows(value);
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        std::int64_t s = 0;
        for (const char c : value) s = std::min(detail::longest_retry_after_s, s * 10 + (c - '0'));
        return std::chrono::seconds(s);
    }
    const auto date = parse_http_date(value, detail::civil_year(now_seconds));
    if (!date) return std::nullopt;
    return std::chrono::seconds(std::clamp<std::int64_t>(*date - now_seconds, 0, detail::longest_retry_after_s));
}

inline milliseconds backoff(std::size_t failures, const poll_settings& s, double jitter) noexcept
{
    auto base = s.interval;
    for (std::size_t i = 1; i < failures && base < s.max_interval; ++i) base *= 2;
    base = std::min(base, s.max_interval);
    const auto cut = milliseconds(static_cast<milliseconds::rep>(static_cast<double>(base.count()) * jitter / 2));
    return std::max(s.interval, base - cut);
}

inline poll_result poll_job(transport& t, clock& c, observer& o, const poll_settings& s,
                            const std::function<double()>& jitter)
{
    const auto deadline = s.timeout ? c.now() + *s.timeout : milliseconds::max();
    poll_result result;
    std::size_t failures = 0, errors = 0;
    const auto end = [&](poll_end e) {
        result.end = e;
        return result;
    };
    for (;;) {
        const auto began = c.now();
        if (began >= deadline) return end(poll_end::deadline);
        ++result.polls;
        result.last = t.get(std::min(s.request_timeout, deadline - began));
        const auto kind = classify(result.last);
        milliseconds wait{};
        switch (kind) {
        case answer::snapshot: {
            failures = errors = 0;
            // A body cut short is not the answer, though it may read as a job: never its state.
            std::optional<bulk_job> job;
            if (!result.last.cut) job = decode(result.last.body, s.limits).job;
            o.snapshot(result.polls, result.last, job);
            const bool polled_job = s.job_id.empty() || (job && detail::same_job_id(job->bulk_job_id.text, s.job_id));
            if (job && polled_job && stop_reached(*job, s.stop)) return end(poll_end::stopped);
            wait = s.interval - (c.now() - began);
            break;
        }
        case answer::throttled: {
            const auto asked = parse_retry_after(result.last.retry_after, c.wall_seconds());
            if (asked) {
                wait = std::clamp(*asked, s.interval, s.max_interval);
                break;
            }
            // Without a usable Retry-After, nothing says the server will ever answer: a failed
            // poll, so that one throttling forever ends the run rather than holding it.
            if (++errors >= s.max_errors) return end(poll_end::too_many_errors);
            wait = backoff(++failures, s, jitter());
            break;
        }
        case answer::transient:
            if (++errors >= s.max_errors) return end(poll_end::too_many_errors);
            wait = backoff(++failures, s, jitter());
            break;
        case answer::redirect: return end(poll_end::redirected);
        case answer::refused: return end(poll_end::refused);
        case answer::unusable: return end(poll_end::unusable);
        }
        if (s.max_polls && result.polls >= *s.max_polls) return end(poll_end::max_polls);
        const auto left = deadline - c.now();
        if (kind != answer::snapshot) o.retry(result.polls, result.last, std::max(std::min(wait, left), milliseconds::zero()));
        if (wait >= left) {
            detail::sleep_until_deadline(c, deadline);
            return end(poll_end::deadline);
        }
        if (wait > milliseconds::zero()) c.sleep_for(wait);
    }
}

inline std::function<double()> random_jitter()
{
    return [engine = std::mt19937_64(std::random_device{}()), uniform = std::uniform_real_distribution<double>(0, 1)]() mutable {
        return uniform(engine);
    };
}

} // namespace tented::contract::live

#endif
