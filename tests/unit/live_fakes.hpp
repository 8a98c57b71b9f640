// A fake clock and a fake transport for the poller (live/poller.hpp): time passes only by a
// sleep or a request's latency, answers come from a script. Shared by the unit tests
// (tests/unit/live.cpp) and the fuzz target of watch's response handling (tests/fuzz/fuzz_watch.cpp).
#ifndef TENTED_CONTRACT_TESTS_LIVE_FAKES_HPP
#define TENTED_CONTRACT_TESTS_LIVE_FAKES_HPP

#include <tented/contract/live/poller.hpp>

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace fakes {

namespace live = tented::contract::live;

/// 2026-03-25T14:30:00Z, the reference's `created_at`, in calendar seconds: where the fake
/// calendar starts.
constexpr std::int64_t epoch_2026_03_25 = 1774449000;

/// Time that passes only when asked: by a sleep, or by a request's latency. Every sleep is kept.
class clock final : public live::clock
{
public:
    live::milliseconds now() override { return now_; }
    std::int64_t wall_seconds() override { return epoch_2026_03_25 + now_.count() / 1000; }
    void sleep_for(live::milliseconds d) override
    {
        sleeps.push_back(d);
        now_ += d;
    }
    void pass(live::milliseconds d) { now_ += d; }

    std::vector<live::milliseconds> sleeps;

private:
    live::milliseconds now_{0};
};

/// One scripted answer and how long it takes to come.
struct step
{
    live::response answer;
    live::milliseconds latency{0};
};

/// Answers from a script, in order, the last one again once the script is spent. An answer
/// slower than the timeout given becomes the transport error "timed out", after the timeout.
/// Every timeout given is kept.
class transport final : public live::transport
{
public:
    transport(clock& c, std::deque<step> script) : clock_(c), script_(std::move(script)) {}

    live::response get(live::milliseconds timeout) override
    {
        timeouts.push_back(timeout);
        const step s = script_.front();
        if (script_.size() > 1) script_.pop_front();
        if (s.latency > timeout) {
            clock_.pass(timeout);
            return error("timed out");
        }
        clock_.pass(s.latency);
        return s.answer;
    }

    /// No answer, for `why`.
    static live::response error(std::string why, bool fatal = false)
    {
        live::response r;
        r.error = std::move(why);
        r.fatal = fatal;
        return r;
    }

    std::vector<live::milliseconds> timeouts;

private:
    clock& clock_;
    std::deque<step> script_;
};

} // namespace fakes

#endif
