// Fuzz target: what `watch` does with the answers it gets: statuses, Retry-After and Location
// headers, bodies, latencies, fed to the poller (live/poller.hpp) through the fake transport and
// clock of the unit tests, each snapshot checked by a sequence_checker as watch checks it, every
// text that could be printed passed through the token's redactor.
//
// Input: a first line of six numbers, the settings (interval, max interval, timeout, max polls,
// max errors, until; each brought into range), then answers separated by the byte 0x1E (RS):
//   STATUS LATENCY_MS\nRETRY-AFTER\nLOCATION\nBODY
// STATUS is a number (0: no answer, retried) or F (no answer, fatal). The script ends with a
// fatal failure, so every run ends.
#include <tented/contract/live/poller.hpp>
#include <tented/contract/live/redact.hpp>
#include <tented/contract/sequence.hpp>

#include "../unit/live_fakes.hpp"
#include "invariants.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace {

namespace tc = tented::contract;
namespace live = tc::live;
using ms = live::milliseconds;

constexpr std::string_view token = "tok_\"fuzz\\";

/// The leading decimal number of `s` (at most 9 digits), removed from it with the spaces after it.
std::uint64_t number(std::string_view& s)
{
    std::uint64_t v = 0;
    std::size_t i = 0;
    for (; i < s.size() && i < 9 && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
    s.remove_prefix(i);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    return v;
}

/// The text up to the next line feed, removed with it from `s`.
std::string_view line(std::string_view& s)
{
    const auto end = std::min(s.find('\n'), s.size());
    const auto l = s.substr(0, end);
    s.remove_prefix(std::min(end + 1, s.size()));
    return l;
}

live::poll_settings settings(std::string_view first)
{
    live::poll_settings s;
    s.interval = ms(1 + number(first) % 5000);
    s.max_interval = s.interval + ms(number(first) % 60000);
    if (const auto t = number(first) % 600000; t > 0) s.timeout = ms(t);
    s.max_polls = 1 + number(first) % 64;
    s.max_errors = 1 + number(first) % 10;
    s.stop = number(first) % 2 ? live::until::settled : live::until::terminal;
    s.request_timeout = ms(30000);
    return s;
}

fakes::step answer(std::string_view record)
{
    fakes::step step;
    auto head = line(record);
    const bool fatal = !head.empty() && head.front() == 'F';
    if (fatal) head.remove_prefix(1);
    step.answer.status = fatal ? 0 : static_cast<int>(number(head) % 1000);
    step.latency = ms(number(head) % 120000);
    step.answer.fatal = fatal;
    if (step.answer.status == 0) step.answer.error = fatal ? "fatal" : "dropped";
    const live::redactor hide{std::string(token)};
    step.answer.retry_after = hide(line(record));
    step.answer.location = hide(line(record));
    step.answer.body = hide(record);
    return step;
}

/// Checks each snapshot as watch does, and what the poller says of each answer.
class checker final : public live::observer
{
public:
    checker(const live::poll_settings& s, fakes::clock& c) : settings_(s), clock_(c) {}

    void snapshot(std::size_t poll, const live::response& r, const std::optional<tc::bulk_job>&) override
    {
        fuzz::require(r.status == 200, "a snapshot that is not a 200");
        fuzz::require(poll == ++polls_seen_ + retries_, "a snapshot out of poll order");
        const std::string_view body = r.body;
        fuzz::check_report(seq_.add(body, "poll"), opts_, &body);
    }

    void retry(std::size_t poll, const live::response& r, ms wait) override
    {
        ++retries_;
        const auto kind = live::classify(r);
        fuzz::require(kind == live::answer::throttled || kind == live::answer::transient, "a retry of an answer that ends the run");
        fuzz::require(poll == polls_seen_ + retries_, "a retry out of poll order");
        fuzz::require(wait >= ms::zero() && wait <= settings_.max_interval, "a wait outside 0..max_interval");
        const auto asked = live::parse_retry_after(r.retry_after, clock_.wall_seconds());
        if (kind == live::answer::throttled && asked && !settings_.timeout)
            fuzz::require(wait == std::clamp(*asked, settings_.interval, settings_.max_interval),
                          "a throttled wait that is not Retry-After within the interval bounds");
        if (!settings_.timeout) fuzz::require(wait >= settings_.interval, "a retry sooner than the interval");
        fuzz::require(!hide_.reveals(live::explain(r)), "the token in a message");
    }

private:
    const live::poll_settings& settings_;
    fakes::clock& clock_;
    tc::options opts_;
    tc::sequence_checker seq_{opts_};
    live::redactor hide_{std::string(token)};
    std::size_t polls_seen_ = 0, retries_ = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const auto s = settings(line(rest));
    std::deque<fakes::step> script;
    while (!rest.empty()) {
        const auto end = std::min(rest.find('\x1e'), rest.size());
        script.push_back(answer(rest.substr(0, end)));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    script.push_back({fakes::transport::error("end of script", true), ms(0)});

    fakes::clock clock;
    fakes::transport transport(clock, script);
    checker observer(s, clock);
    const auto result = live::poll_job(transport, clock, observer, s, [] { return 0.5; });

    fuzz::require(result.polls >= 1 && result.polls <= *s.max_polls, "a number of polls outside 1..max_polls");
    fuzz::require(transport.timeouts.size() == result.polls, "a poll count that is not the number of requests");
    for (const auto t : transport.timeouts)
        fuzz::require(t > ms::zero() && t <= s.request_timeout, "a request timeout outside 0..request_timeout");
    for (const auto d : clock.sleeps) fuzz::require(d >= ms::zero(), "a negative sleep");
    if (s.timeout) fuzz::require(clock.now() <= *s.timeout, "a run that outlasted its deadline");
    const auto kind = live::classify(result.last);
    switch (result.end) {
    case live::poll_end::stopped: fuzz::require(kind == live::answer::snapshot, "stopped on an answer that is no snapshot"); break;
    case live::poll_end::redirected: fuzz::require(kind == live::answer::redirect, "redirected without a 3xx"); break;
    case live::poll_end::refused: fuzz::require(kind == live::answer::refused, "refused without a 400, 401, 403 or 404"); break;
    case live::poll_end::unusable: fuzz::require(kind == live::answer::unusable, "unusable on a usable answer"); break;
    case live::poll_end::too_many_errors:
        // A 429 or 503 without a usable Retry-After is a failure too.
        fuzz::require(kind == live::answer::transient ||
                          (kind == live::answer::throttled && !live::parse_retry_after(result.last.retry_after, clock.wall_seconds())),
                      "too many errors ended by no error");
        break;
    case live::poll_end::deadline: fuzz::require(s.timeout.has_value(), "a deadline without a timeout"); break;
    case live::poll_end::max_polls: fuzz::require(result.polls == *s.max_polls, "max_polls before max_polls requests"); break;
    }
    fuzz::require(!live::redactor(std::string(token)).reveals(live::explain(result.last)), "the token in the last message");
    return 0;
}
