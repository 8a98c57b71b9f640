// Mirrors live/poller.hpp and live/redact.hpp: the polling policy of `watch` driven by a fake
// clock and a fake transport, so every wait, request timeout and ending is asserted exactly and
// no test sleeps; the HTTP date and Retry-After readers; the redactor.
#include <tented/contract/live/poller.hpp>
#include <tented/contract/live/redact.hpp>

#include "jobs.hpp"
#include "live_fakes.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <string>
#include <vector>

namespace tc = tented::contract;
namespace live = tc::live;
using S = tc::item_status;
using J = tc::job_status;
using ms = std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

using fakes::epoch_2026_03_25;
using fake_clock = fakes::clock;
using fake_transport = fakes::transport;
using step = fakes::step;

/// Writes down what the poller tells it, one line an event.
class journal final : public live::observer
{
public:
    void snapshot(std::size_t poll, const live::response&, const std::optional<tc::bulk_job>& job) override
    {
        events.push_back("snapshot " + std::to_string(poll) + (job ? " job" : " no job"));
    }
    void retry(std::size_t poll, const live::response& r, ms wait) override
    {
        events.push_back("retry " + std::to_string(poll) + " after " + live::explain(r) + ", wait " +
                         std::to_string(wait.count()) + " ms");
    }

    std::vector<std::string> events;
};

live::response ok(const tc::bulk_job& job)
{
    live::response r;
    r.status = 200;
    r.body = jobs::text(job);
    return r;
}

live::response status(int code, std::string retry_after = {})
{
    live::response r;
    r.status = code;
    r.retry_after = std::move(retry_after);
    r.body = R"({"error":"x"})";
    return r;
}

const auto running = jobs::make({S::generating, S::queued}, J::running);
const auto completed = jobs::make({S::completed, S::completed}, J::completed);

/// No jitter: every backoff is its base.
double no_jitter() { return 0.0; }

struct run
{
    fake_clock clock;
    journal seen;
    live::poll_result result;

    run(std::deque<step> script, const live::poll_settings& s, std::function<double()> jitter = no_jitter)
    {
        fake_transport t(clock, std::move(script));
        result = live::poll_job(t, clock, seen, s, jitter);
        timeouts = t.timeouts;
    }

    std::vector<ms> timeouts;
};

} // namespace

TEST_CASE("the poller stops at the first terminal snapshot, polling every interval from each poll's start", "[live][poller]")
{
    live::poll_settings s; // interval 2 s
    run r({{ok(running), ms(300)}, {ok(running), ms(2500)}, {ok(completed), ms(100)}}, s);
    CHECK(r.clock.now() == ms(300 + 1700 + 2500 + 100));
    CHECK(r.result.end == live::poll_end::stopped);
    CHECK(r.result.polls == 3);
    // 2000 - 300; the second poll took longer than the interval: the third starts at once.
    CHECK(r.clock.sleeps == std::vector<ms>{ms(1700)});
    CHECK(r.seen.events == std::vector<std::string>{"snapshot 1 job", "snapshot 2 job", "snapshot 3 job"});
    CHECK(r.timeouts == std::vector<ms>(3, ms(30000)));
}

TEST_CASE("until settled keeps polling a terminal job while an item's publication is pending", "[live][poller]")
{
    auto pending = jobs::make({S::completed}, J::completed);
    pending.auto_publish = true;
    pending.items[0].publication_status = tc::publication_status::pending;
    auto published = pending;
    published.items[0].publication_status = tc::publication_status::published;

    CHECK(live::stop_reached(pending, live::until::terminal));
    CHECK_FALSE(live::stop_reached(pending, live::until::settled));
    CHECK(live::stop_reached(published, live::until::settled));
    CHECK_FALSE(live::stop_reached(running, live::until::settled));

    live::poll_settings s;
    s.stop = live::until::settled;
    run r({{ok(pending)}, {ok(pending)}, {ok(published)}}, s);
    CHECK(r.result.end == live::poll_end::stopped);
    CHECK(r.result.polls == 3);
    CHECK(r.clock.sleeps == std::vector<ms>{ms(2000), ms(2000)});
}

TEST_CASE("a body that is not a JSON object is seen without a job and polling goes on", "[live][poller]")
{
    live::response cut;
    cut.status = 200;
    cut.body = R"({"bulk_job_id": "01JQZB4H8A7T5B)";
    live::poll_settings s;
    run r({{cut}, {ok(completed)}}, s);
    CHECK(r.result.end == live::poll_end::stopped);
    CHECK(r.seen.events == std::vector<std::string>{"snapshot 1 no job", "snapshot 2 job"});
}

TEST_CASE("a body cut short that reads as a terminal job is seen without a job and does not stop the polling", "[live][poller]")
{
    auto whole_but_cut = ok(completed);
    whole_but_cut.cut = true;
    live::poll_settings s;
    run r({{whole_but_cut}, {ok(completed)}}, s);
    CHECK(r.result.end == live::poll_end::stopped);
    CHECK(r.result.polls == 2);
    CHECK(r.seen.events == std::vector<std::string>{"snapshot 1 no job", "snapshot 2 job"});
}

TEST_CASE("with the job polled named, only a body of that job, in any case, meets the stop condition", "[live][poller]")
{
    live::poll_settings s;
    s.max_polls = 2;
    s.job_id = "01ARZ3NDEKTSV4RRFFQ69G5FAV"; // another job than the bodies'
    run other({{ok(completed)}, {ok(completed)}}, s);
    CHECK(other.result.end == live::poll_end::max_polls);
    CHECK(other.seen.events == std::vector<std::string>{"snapshot 1 job", "snapshot 2 job"});
    s.job_id = "01jqzb4h8a7t5b3r2w1x9y6z0k"; // the bodies' job, in lower case
    run same({{ok(completed)}, {ok(completed)}}, s);
    CHECK(same.result.end == live::poll_end::stopped);
    CHECK(same.result.polls == 1);
}

TEST_CASE("429 and 503 wait what Retry-After asks, kept between interval and max-interval", "[live][poller][retry-after]")
{
    live::poll_settings s;
    s.max_interval = ms(10000);
    run r({{status(429, "7")}, {status(503, " 1 ")}, {status(429, "3600")}, {ok(completed)}}, s);
    CHECK(r.result.end == live::poll_end::stopped);
    CHECK(r.clock.sleeps == std::vector<ms>{ms(7000), ms(2000), ms(10000)});
    CHECK(r.seen.events == std::vector<std::string>{
                               "retry 1 after HTTP 429 Too Many Requests, wait 7000 ms",
                               "retry 2 after HTTP 503 Service Unavailable, wait 2000 ms",
                               "retry 3 after HTTP 429 Too Many Requests, wait 10000 ms",
                               "snapshot 4 job",
                           });
}

TEST_CASE("Retry-After as an HTTP date waits until that date on the calendar clock", "[live][poller][retry-after]")
{
    live::poll_settings s;
    // The fake calendar starts at 14:30:00 and has moved 1 s by the answer.
    run r({{status(503, "Wed, 25 Mar 2026 14:30:09 GMT"), ms(1000)}, {ok(completed)}}, s);
    CHECK(r.clock.sleeps == std::vector<ms>{ms(8000)});
}

TEST_CASE("429 or 503 without a usable Retry-After backs off and counts as a failure does", "[live][poller][retry-after]")
{
    live::poll_settings s;
    s.max_errors = 4;
    SECTION("within max-errors")
    {
        run r({{status(429)}, {status(429, "soon")}, {status(500)}, {ok(running)}, {status(503, "-1")}, {ok(completed)}}, s);
        CHECK(r.result.end == live::poll_end::stopped);
        CHECK(r.clock.sleeps == std::vector<ms>{ms(2000), ms(4000), ms(8000), ms(2000), ms(2000)});
    }
    SECTION("a server throttling forever without saying until when ends the run at max-errors")
    {
        run r({{status(503)}, {status(429)}, {status(503, "later")}, {status(503)}, {ok(completed)}}, s);
        CHECK(r.result.end == live::poll_end::too_many_errors);
        CHECK(r.result.polls == 4);
        CHECK(r.result.last.status == 503);
    }
}

TEST_CASE("5xx and transport errors back off exponentially with jitter, within the interval bounds", "[live][poller][backoff]")
{
    live::poll_settings s;
    s.max_interval = ms(20000);
    s.max_errors = 10;
    SECTION("without jitter the waits double up to max-interval")
    {
        run r({{status(500)}, {status(502)}, {fake_transport::error("connection refused")}, {status(504)},
               {status(500)}, {ok(completed)}},
              s);
        CHECK(r.result.end == live::poll_end::stopped);
        CHECK(r.clock.sleeps == std::vector<ms>{ms(2000), ms(4000), ms(8000), ms(16000), ms(20000)});
        CHECK(r.seen.events[2] == "retry 3 after no answer: connection refused, wait 8000 ms");
    }
    SECTION("jitter takes up to half of each wait off, never below the interval")
    {
        run r({{status(500)}, {status(500)}, {status(500)}, {ok(completed)}}, s, [] { return 0.5; });
        CHECK(r.clock.sleeps == std::vector<ms>{ms(2000), ms(3000), ms(6000)});
    }
    SECTION("a snapshot starts the backoff again")
    {
        run r({{status(500)}, {status(500)}, {ok(running)}, {status(500)}, {ok(completed)}}, s);
        CHECK(r.clock.sleeps == std::vector<ms>{ms(2000), ms(4000), ms(2000), ms(2000)});
    }
    CHECK(live::backoff(1, s, 0.999) == ms(2000));
    CHECK(live::backoff(40, s, 0.0) == ms(20000));
    CHECK(live::backoff(1000, s, 0.5) == ms(15000));
}

TEST_CASE("max-errors failures in a row end the run, and a throttled answer neither counts nor resets", "[live][poller][backoff]")
{
    live::poll_settings s;
    s.max_errors = 3;
    SECTION("three in a row")
    {
        run r({{status(500)}, {status(429, "1")}, {status(500)}, {status(500)}, {ok(completed)}}, s);
        CHECK(r.result.end == live::poll_end::too_many_errors);
        CHECK(r.result.polls == 4);
        CHECK(r.result.last.status == 500);
        CHECK(r.clock.sleeps == std::vector<ms>{ms(2000), ms(2000), ms(4000)});
    }
    SECTION("a snapshot between them resets the count")
    {
        run r({{status(500)}, {status(500)}, {ok(running)}, {status(500)}, {status(500)}, {ok(completed)}}, s);
        CHECK(r.result.end == live::poll_end::stopped);
        CHECK(r.result.polls == 6);
    }
}

TEST_CASE("400, 401, 403 and 404 end the run at once with the reference's meaning", "[live][poller][errors]")
{
    const auto [code, meaning] = GENERATE(table<int, std::string>({
        {400, "HTTP 400 Bad Request: the bulkJobId is missing or malformed"},
        {401, "HTTP 401 Unauthorized: the bearer token is missing or invalid"},
        {403, "HTTP 403 Forbidden: the API key may not read this bulk job"},
        {404, "HTTP 404 Not Found: the bulk job does not exist in the workspace associated with your API key"},
    }));
    live::poll_settings s;
    run r({{ok(running)}, {status(code)}, {ok(completed)}}, s);
    CHECK(r.result.end == live::poll_end::refused);
    CHECK(r.result.polls == 2);
    CHECK(live::explain(r.result.last) == meaning);
    CHECK(r.clock.sleeps == std::vector<ms>{ms(2000)});
    // Whatever its body: one the transport could not decode changes nothing.
    auto undecoded = status(code);
    undecoded.error = "Unrecognized content encoding type";
    CHECK(live::classify(undecoded) == live::answer::refused);
    CHECK(live::explain(undecoded) == meaning);
}

TEST_CASE("a 200 whose body cannot be decoded is a failed poll that says so, not a snapshot", "[live][poller][errors]")
{
    auto undecoded = ok(completed);
    undecoded.body.clear();
    undecoded.error = "Unrecognized content encoding type";
    CHECK(live::classify(undecoded) == live::answer::transient);
    CHECK(live::explain(undecoded) == "HTTP 200 OK: its body cannot be read: Unrecognized content encoding type");
    live::poll_settings s;
    s.max_errors = 2;
    run r({{undecoded}, {undecoded}, {ok(completed)}}, s);
    CHECK(r.result.end == live::poll_end::too_many_errors);
    CHECK(r.result.polls == 2);
    CHECK(r.seen.events.size() == 1); // the first retried; no snapshot seen
}

TEST_CASE("a redirect ends the run, naming where it led, and is not followed", "[live][poller][errors]")
{
    auto moved = status(302);
    moved.location = "https://elsewhere.example/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K";
    run r({{moved}}, live::poll_settings{});
    CHECK(r.result.end == live::poll_end::redirected);
    CHECK(r.result.polls == 1);
    CHECK(live::explain(r.result.last) ==
          "HTTP 302 Found: redirected to https://elsewhere.example/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K, not followed "
          "(the bearer token goes to no other address)");
    CHECK(live::explain(status(307)) ==
          "HTTP 307 Temporary Redirect without a Location, not followed (the bearer token goes to no other address)");
}

TEST_CASE("any other status, or a transport failure retrying cannot mend, ends the run as unusable", "[live][poller][errors]")
{
    CHECK(live::classify(status(204)) == live::answer::unusable);
    CHECK(live::classify(status(418)) == live::answer::unusable);
    CHECK(live::classify(status(101)) == live::answer::unusable);
    CHECK(live::classify(status(599)) == live::answer::transient);
    CHECK(live::classify(status(301)) == live::answer::redirect);
    CHECK(live::explain(status(418)) == "HTTP 418: not an answer of this endpoint");
    const auto refused = fake_transport::error("SSL certificate problem: unable to get local issuer certificate", true);
    run r({{refused}, {ok(completed)}}, live::poll_settings{});
    CHECK(r.result.end == live::poll_end::unusable);
    CHECK(r.result.polls == 1);
    CHECK(live::explain(r.result.last) == "no answer: SSL certificate problem: unable to get local issuer certificate");
}

TEST_CASE("the deadline cuts every wait and every request to the time left, and ends the run there", "[live][poller][deadline]")
{
    live::poll_settings s;
    s.timeout = ms(9000);
    s.request_timeout = ms(5000);
    SECTION("a wait that reaches the deadline is slept to it")
    {
        run r({{ok(running), ms(1000)}, {status(503, "30")}}, s);
        CHECK(r.result.end == live::poll_end::deadline);
        CHECK(r.result.polls == 2);
        CHECK(r.clock.sleeps == std::vector<ms>{ms(1000), ms(7000)});
        CHECK(r.clock.now() == ms(9000));
        CHECK(r.seen.events.back() == "retry 2 after HTTP 503 Service Unavailable, wait 7000 ms");
    }
    SECTION("a request is given only the time left")
    {
        run r({{ok(running), ms(1000)}, {ok(running), ms(1000)}, {ok(running), ms(1000)}, {ok(running), ms(60000)}}, s);
        CHECK(r.result.end == live::poll_end::deadline);
        CHECK(r.timeouts == std::vector<ms>{ms(5000), ms(5000), ms(5000), ms(3000)});
        CHECK(r.clock.now() == ms(9000));
    }
    SECTION("no deadline: the run goes on until the stop condition")
    {
        s.timeout.reset();
        run r({{ok(running), ms(100000)}, {ok(completed)}}, s);
        CHECK(r.result.end == live::poll_end::stopped);
        CHECK(r.timeouts == std::vector<ms>{ms(5000), ms(5000)});
    }
}

TEST_CASE("max-polls ends the run after that many requests, without waiting after the last", "[live][poller]")
{
    live::poll_settings s;
    s.max_polls = 2;
    run r({{ok(running)}, {status(500)}, {ok(completed)}}, s);
    CHECK(r.result.end == live::poll_end::max_polls);
    CHECK(r.result.polls == 2);
    CHECK(r.clock.sleeps == std::vector<ms>{ms(2000)});
    s.max_polls = 1;
    run one({{ok(completed)}}, s);
    CHECK(one.result.end == live::poll_end::stopped);
}

TEST_CASE("HTTP dates are read in the three forms RFC 9110 names, and nothing else", "[live][http-date]")
{
    // RFC 9110's own example: 1994-11-06T08:49:37Z.
    constexpr std::int64_t example = 784111777;
    CHECK(live::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", 2026) == example);
    CHECK(live::parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", 2026) == example);
    CHECK(live::parse_http_date("Sun Nov  6 08:49:37 1994", 2026) == example);
    // A two-digit year is never more than 50 years ahead: 76 is 2076 in 2026, 77 is 1977.
    CHECK(live::parse_http_date("Wednesday, 01-Jan-76 00:00:00 GMT", 2026) == 3345062400);
    CHECK(live::parse_http_date("Saturday, 01-Jan-77 00:00:00 GMT", 2026) == 220924800);
    CHECK(live::parse_http_date("Thu, 29 Feb 2024 23:59:60 GMT", 2026) == 1709251200);
    for (const char* bad : {"Thu, 29 Feb 2025 00:00:00 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                            "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 GMT ", "Sun, 6 Nov 1994 08:49:37 GMT",
                            "sun, 06 nov 1994 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994", ""})
        CHECK_FALSE(live::parse_http_date(bad, 2026));
}

TEST_CASE("Retry-After is whole seconds or an HTTP date, and a date in the past is no wait", "[live][retry-after]")
{
    const std::int64_t now = epoch_2026_03_25;
    CHECK(live::parse_retry_after("120", now) == ms(120000));
    CHECK(live::parse_retry_after("\t0 ", now) == ms(0));
    CHECK(live::parse_retry_after("99999999999999999999999", now) == seconds(1000000000));
    CHECK(live::parse_retry_after("Wed, 25 Mar 2026 14:31:00 GMT", now) == ms(60000));
    CHECK(live::parse_retry_after("Wed, 25 Mar 2026 14:29:00 GMT", now) == ms(0));
    for (const char* bad : {"", "  ", "1.5", "-1", "+3", "3 s", "0x10", "tomorrow"})
        CHECK_FALSE(live::parse_retry_after(bad, now));
}

TEST_CASE("the redactor hides the token JSON-, Pointer- and percent-encoded, in either case and mixed", "[live][redact]")
{
    const live::redactor hide("tnt_S3cr3t/+=%zz&<>");
    CHECK(hide("a tnt_S3cr3t/+=%zz&<> b") == "a [redacted] b");
    CHECK(hide(R"({"t":"tnt_S3cr3t\/+=%zz&<>"})") == R"({"t":"[redacted]"})");
    CHECK(hide(R"({"t":"\u0074nt_S3cr3t\u002f\u002B=%zz&\u003c\u003E"})") == R"({"t":"[redacted]"})");
    CHECK(hide("/tent_name/tnt_S3cr3t~1+=%zz&<>/x") == "/tent_name/[redacted]/x");
    CHECK(hide("?api_key=tnt_S3cr3t%2F%2B%3D%25zz%26%3C%3E&x=1") == "?api_key=[redacted]&x=1");
    CHECK(hide("Location: /v1?k=tnt_S3cr3t%2f%2b%3d%25zz%26%3c%3e") == "Location: /v1?k=[redacted]");
    CHECK(hide("::error title=tnt_S3cr3t/+=%25zz&<>::") == "::error title=[redacted]::");
    CHECK(hide("<failure message=\"tnt_S3cr3t/+=%zz&amp;&lt;&gt;\"/>") == "<failure message=\"[redacted]\"/>");
    CHECK(hide("tnt_S3cr3t/+=%zz&<") == "tnt_S3cr3t/+=%zz&<");
    CHECK(hide("tnt_S3cr3t%2G+=%zz&<>") == "tnt_S3cr3t%2G+=%zz&<>");
    CHECK(hide.reveals("x tnt_S3cr3t%2F+=%zz&<>"));
    CHECK_FALSE(hide.reveals("tnt_S3cr3t/+=%zz&<"));
    // A literal "%25" in a token is found raw or encoded.
    const live::redactor percent("a%25b");
    CHECK(percent("a%25b a%2525b a%2525%62") == "[redacted] [redacted] [redacted]");
}

TEST_CASE("the redactor hides the token as numeric character references and encoded twice", "[live][redact]")
{
    const live::redactor hide("abc/def~ghi");
    CHECK(hide("got abc&#x2F;def~ghi.") == "got [redacted].");
    CHECK(hide("got abc&#47;def&#126;ghi.") == "got [redacted].");
    CHECK(hide(R"({"d":"{\"a\": \"Bearer abc\\\/def~ghi\"}"})") == R"({"d":"{\"a\": \"Bearer [redacted]\"}"})");
    CHECK(hide("(at /k0abc\\~1def~0ghi)") == "(at /k0[redacted])");
    CHECK(hide("q=abc%252Fdef~ghi&p=abc%7E1def%7Eghi") == "q=[redacted]&p=[redacted]");
    CHECK(hide("abc&#47def~ghi") == "abc&#47def~ghi"); // no ';': no reference
    CHECK(hide("abc&#48;def~ghi") == "abc&#48;def~ghi"); // '0', not '/'
}

TEST_CASE("the redactor hides every occurrence of the token, raw or JSON-escaped", "[live][redact]")
{
    const live::redactor hide("s3cr\"t\\tok");
    CHECK(hide("Bearer s3cr\"t\\tok and again s3cr\"t\\tok.") == "Bearer [redacted] and again [redacted].");
    CHECK(hide(R"({"echo":"s3cr\"t\\tok"})") == R"({"echo":"[redacted]"})");
    CHECK(hide("s3cr") == "s3cr");
    CHECK(hide.reveals(R"(x s3cr\"t\\tok)"));
    CHECK_FALSE(hide.reveals("s3cr\"t"));
    const live::redactor none("");
    CHECK(none("anything") == "anything");
    CHECK_FALSE(none.reveals("anything"));
    CHECK(live::redactor("aa")("aaaaa") == "[redacted][redacted]a");
}
