// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_LIVE_POLLER_HPP
#define TENTED_CONTRACT_LIVE_POLLER_HPP

#include <tented/contract/rules.hpp>
#include <tented/contract/types.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

/** The polling policy of `tented-contract watch`: how often to ask for a bulk job, how to wait
    after a refusal or a failure, when to stop. It knows no HTTP: a `transport` performs one
    request and says what came back, a `clock` tells the time and sleeps, so that the policy is
    tested with fakes (exact waits, no real time). */
namespace tented::contract::live {

/// Every duration of the poller: whole milliseconds.
using milliseconds = std::chrono::milliseconds;

/** One answer to `GET /v1/bulk-jobs/{bulkJobId}`, as a transport saw it.

    - `status`: the HTTP status code; 0 when no HTTP answer came (then `error` says why).
    - `body`: the response body (a 200's is the snapshot; it may be cut short: a body the
      connection ended inside is kept as far as it came, with `cut` set).
    - `cut`: the connection closed before the whole body came (fewer bytes than its
      `Content-Length`, or a chunked body without its last chunk): what came is not the answer,
      even when it happens to be whole JSON.
    - `retry_after`, `location`: the values of those headers, `""` when absent.
    - `error`: why no answer came (refused connection, timeout, certificate refused), or, with
      `status` set, why the body of the answer that came cannot be read (a `Content-Encoding`
      the transport cannot decode); `""` otherwise. No answer, and a 200 whose body cannot be
      read, are failed polls, retried; any other status means what it means without its body.
    - `fatal`: set with `error` when retrying cannot mend it (a certificate that does not
      verify, a URL the transport cannot use).
*/
struct response
{
    int status = 0;
    std::string body;
    std::string retry_after;
    std::string location;
    std::string error;
    bool fatal = false;
    bool cut = false;
};

/** Performs the request, one call a poll. `get` waits at most `timeout` for the whole answer
    (the poller passes the request timeout, cut to what is left of the run) and reports every
    failure in the `response`: it does not throw for a network failure. */
class transport
{
public:
    virtual ~transport() = default;
    /// One request; its answer, or `status == 0` and `error`.
    virtual response get(milliseconds timeout) = 0;
};

/** Time for the poller: a monotonic clock for waits and the deadline, the calendar for HTTP dates
    in `Retry-After`, and sleeping. */
class clock
{
public:
    virtual ~clock() = default;
    /// Monotonic time from an arbitrary origin.
    virtual milliseconds now() = 0;
    /// Calendar time: seconds since 1970-01-01T00:00:00Z.
    virtual std::int64_t wall_seconds() = 0;
    /// Sleeps for `d` (never negative).
    virtual void sleep_for(milliseconds d) = 0;
};

/// The clock of a real run: `std::chrono::steady_clock`, `system_clock` and `this_thread::sleep_for`.
class real_clock final : public clock
{
public:
    milliseconds now() override;
    std::int64_t wall_seconds() override;
    void sleep_for(milliseconds d) override;
};

/** When a watch stops by itself. `terminal`: the job's status is `completed`,
    `completed_with_failures` or `failed`. `settled`: terminal, and no item's
    `publication_status` is `pending` (publication finishes after generation).
    Source: the reference page, "Bulk Job Status Values" and "Publication Behavior". */
enum class until { terminal, settled };

/// True when `job` meets the stop condition `u`.
inline bool stop_reached(const bulk_job& job, until u) noexcept;

/** What an answer asks of the poller.

    - `snapshot`: 200, a body to check.
    - `throttled`: 429 or 503: wait as `Retry-After` says (within the interval bounds), retry;
      without a usable `Retry-After`, a failure as `transient` is.
    - `transient`: another 5xx, no answer (connection refused or dropped, timeout), or a 200
      whose body cannot be read (`error` with it): back off, retry; `max_errors` of these in a
      row end the run.
    - `redirect`: 3xx: reported, never followed (the bearer token would reach another address).
    - `refused`: 400, 401, 403, 404: the reference's "Common Errors"; retrying cannot help.
    - `unusable`: any other status, or a `fatal` transport failure.
*/
enum class answer { snapshot, throttled, transient, redirect, refused, unusable };

/// The kind of `r` (see `answer`).
inline answer classify(const response& r) noexcept;

/** What `r` means, as one sentence without a final period: the status with its reason phrase and,
    for a refusal, the reference's cause ("HTTP 404 Not Found: the bulk job does not exist in the
    workspace associated with your API key"); for a redirect, where it led; for no answer, the
    transport's error ("no answer: ..."), and for a 200 whose body it cannot read, why ("HTTP 200
    OK: its body cannot be read: ..."). The body is not quoted. Source: the reference page, "Common Errors". */
inline std::string explain(const response& r);

/** Parses an HTTP date (RFC 9110 section 5.6.7): the preferred IMF-fixdate
    (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete forms a recipient must accept, RFC 850
    (`Sunday, 06-Nov-94 08:49:37 GMT`, a two-digit year read as the latest year with those digits
    that is not more than 50 years after `now_year`) and asctime (`Sun Nov  6 08:49:37 1994`).

    Returns: seconds since 1970-01-01T00:00:00Z, or `std::nullopt` when `text` is none of these
    (a day the month does not have, an hour past 23, a time zone other than GMT, trailing text).
*/
inline std::optional<std::int64_t> parse_http_date(std::string_view text, std::int64_t now_year);

/** The wait a `Retry-After` value asks for (RFC 9110 section 10.2.3): a number of seconds
    (`120`), or an HTTP date measured from `now_seconds` (calendar seconds; a date in the past is
    no wait). Spaces and tabs around the value are ignored.

    Returns: the wait, at most 10^9 seconds; `std::nullopt` when the value is empty or neither
    form (then the caller backs off as for a failure).
*/
inline std::optional<milliseconds> parse_retry_after(std::string_view value, std::int64_t now_seconds);

/** How a watch polls. Every duration is in milliseconds.

    - `interval`: the least time between the starts of two polls (default 2 s).
    - `max_interval`: the longest wait between polls, whatever the backoff or `Retry-After`
      ask (default 60 s).
    - `timeout`: the whole run's deadline; no wait and no request lasts past it (none: no deadline).
    - `request_timeout`: the longest one request may take (default 30 s).
    - `max_polls`: the most requests (none: no limit).
    - `max_errors`: this many failed answers (`transient`, or `throttled` without a usable
      `Retry-After`) with no snapshot between them end the run (default 5).
    - `stop`: the stop condition.
    - `limits`: the limits (`max_bytes`, `max_depth`) a body is decoded under to judge the stop
      condition.
    - `job_id`: the job polled; a body of another job (`seq/same-job`, ids compared without
      regard to case) never meets the stop condition ("": any body may).
*/
struct poll_settings
{
    milliseconds interval{2000};
    milliseconds max_interval{60000};
    std::optional<milliseconds> timeout;
    milliseconds request_timeout{30000};
    std::optional<std::size_t> max_polls;
    std::size_t max_errors = 5;
    until stop = until::terminal;
    options limits;
    std::string job_id;
};

/** The wait before the next try after `failures` failed answers in a row (1 for the first):
    exponential backoff with jitter. The base is `interval * 2^(failures - 1)`, at most
    `max_interval`; the wait is the base less up to half of it, `base - base * jitter / 2` for
    `jitter` in [0, 1) ("equal jitter": clients that failed together do not retry together, and the
    wait still grows), and never less than `interval`. */
inline milliseconds backoff(std::size_t failures, const poll_settings& s, double jitter) noexcept;

/** Why `poll_job` returned.

    - `stopped`: the stop condition held on a snapshot.
    - `deadline`: `timeout` came first.
    - `max_polls`: the last of `max_polls` requests was answered before the stop condition held.
    - `too_many_errors`: `max_errors` failed answers with no snapshot between them.
    - `redirected`, `refused`, `unusable`: the answer of that kind (see `answer`).
*/
enum class poll_end { stopped, deadline, max_polls, too_many_errors, redirected, refused, unusable };

/// How a watch ended: why, after how many requests, and the last answer (the refusal, say).
struct poll_result
{
    poll_end end = poll_end::stopped;
    std::size_t polls = 0;
    response last;
};

/** Told of each answer as it arrives, to check, print and record it. */
class observer
{
public:
    virtual ~observer() = default;
    /** The `poll`-th request (1-based) was answered 200 with `r.body`; `job` is that body decoded
        (`decode`) when it is a JSON object and came whole (not `r.cut`), else `std::nullopt`: a
        body cut short never stops the polling. Called before the stop condition is judged, so
        the last snapshot is seen too. */
    virtual void snapshot(std::size_t poll, const response& r, const std::optional<bulk_job>& job) = 0;
    /** The `poll`-th request was answered `throttled` or `transient`; the next one starts in
        `wait` (unless the deadline comes first: then `wait` is the time left). */
    virtual void retry(std::size_t poll, const response& r, milliseconds wait) = 0;
};

/** Polls with `t` until the stop condition, the deadline, `max_polls`, `max_errors` failures in a
    row, or an answer that ends the run (redirect, refusal, unusable).

    Between polls: after a snapshot, the rest of `interval` counted from the poll's start; after
    429 or 503, what `Retry-After` asks (`parse_retry_after`, kept within `interval` and
    `max_interval`; without a usable value, as after a failure); after a transient failure,
    `backoff` with `jitter()` (a number in [0, 1)). Every wait and every request's timeout is cut
    to the time left before the deadline; a wait that reaches the deadline ends the run there.
    A throttled answer with a usable `Retry-After` neither counts as an error nor resets the
    count; one without counts as a failure does (nothing says the server will ever answer); a
    snapshot resets the count.

    Returns: why it stopped, the number of requests, the last answer.
    Errors: whatever `t`, `c` or `o` throw passes through; nothing else throws but
    `std::bad_alloc`.
    Example:
    @code
    live::poll_settings s;
    s.timeout = std::chrono::minutes(10);
    auto result = live::poll_job(my_transport, clock, my_observer, s, jitter);
    @endcode
    Source: issue 12, point 1 (watch).
*/
inline poll_result poll_job(transport& t, clock& c, observer& o, const poll_settings& s,
                            const std::function<double()>& jitter);

/// Draws jitter for `poll_job`: uniform in [0, 1), from a generator seeded by `std::random_device`.
inline std::function<double()> random_jitter();

} // namespace tented::contract::live

#include <tented/contract/detail/poller.hpp>

#endif
