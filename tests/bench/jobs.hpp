// Deterministic bulk jobs for the benchmarks, written straight as compact text (no DOM): a job
// of realistic items (client ids, names, a few rejected or failed items, publication outcomes and
// URLs) seen at any step of its life. Each snapshot is valid on its own (sections 1 to 8 of the
// contract raise nothing, not even a warning, given --max-items for a job of more than 25 items),
// and the snapshots of one job in step order are a valid poll sequence (section 9).
#ifndef TENTED_CONTRACT_BENCH_JOBS_HPP
#define TENTED_CONTRACT_BENCH_JOBS_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace bench {

/// A deterministic random source (splitmix64): the same seed gives the same text on every run.
struct splitmix
{
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// A number in [0, n), n > 0 (the modulo bias is irrelevant here).
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
};

/// A canonical tent_id: lowercase, version 4, RFC 4122 variant.
inline std::string uuid_v4(splitmix& rng)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) s += '-';
        int nibble = static_cast<int>(rng.next() & 0xF);
        if (i == 12) nibble = 4;                  // version
        if (i == 16) nibble = 8 | (nibble & 0x3); // variant 8, 9, a or b
        s += hex[nibble];
    }
    return s;
}

/// One bulk job, all of whose facts follow from its seed. Step 0 is the job just accepted (every
/// item queued); each later step moves items on (queued, generating, completed or failed, then
/// a publication outcome when the job auto-publishes); from last_step() on nothing changes.
class job
{
public:
    /// A job of `items` items (at least 1); a few of them rejected, as real requests have.
    job(std::uint64_t seed, std::size_t items) : seed_(seed), items_(items)
    {
        splitmix rng{seed};
        static constexpr char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        static constexpr char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        id_ += crockford[rng.below(8)]; // a first character above 7 would overflow 128 bits
        for (int i = 0; i < 25; ++i) id_ += crockford[rng.below(32)];
        template_ = "tpl_";
        for (int i = 0; i < 12; ++i) template_ += alnum[rng.below(sizeof alnum - 1)];
        auto_publish_ = rng.below(10) < 7;
        cost_ = rng.below(5) == 0 ? 2 : 1;
        spread_ = 1 + rng.below(6);
        created_ms_ = epoch_ms + std::int64_t{rng.below(30 * 86400)} * 1000 + rng.below(1000);
        for (std::size_t i = 0; i < items_; ++i) last_step_ = std::max(last_step_, settled_at(item_at(i)));
    }

    /// Whether the job publishes each tent once generated (items then carry publication fields).
    bool auto_publish() const { return auto_publish_; }

    /// The step from which nothing changes: every item rejected, completed or failed, every
    /// publication decided.
    std::uint32_t last_step() const { return last_step_; }

    /// Appends the compact payload of the job at `step` (any step past last_step() is the last).
    void write(std::string& out, std::uint32_t step) const
    {
        step = std::min(step, last_step_);
        std::size_t n[5] = {}; // by state
        for (std::size_t i = 0; i < items_; ++i) ++n[state_at(item_at(i), step)];
        const std::size_t accepted = items_ - n[rejected];
        out += R"({"bulk_job_id":")" + id_ + R"(","status":")" + job_status(n, accepted) + R"(","template_id":")" +
               template_ + R"(","auto_publish":)" + (auto_publish_ ? "true" : "false") +
               R"(,"total":)" + std::to_string(items_) + R"(,"queued":)" + std::to_string(n[queued]) +
               R"(,"generating":)" + std::to_string(n[generating]) + R"(,"completed":)" +
               std::to_string(n[completed]) + R"(,"failed":)" + std::to_string(n[failed]) + R"(,"items":[)";
        for (std::size_t i = 0; i < items_; ++i) {
            if (i) out += ',';
            write_item(out, i, step);
        }
        out += R"(],"credits":{"reserved":)" + std::to_string(cost_ * accepted) + R"(,"consumed":)" +
               std::to_string(cost_ * n[completed]) + R"(,"refunded":)" + std::to_string(cost_ * n[failed]) +
               R"(,"pending_reconciliation":)" + std::to_string(cost_ * (n[queued] + n[generating])) +
               R"(},"created_at":")" + timestamp(created_ms_) + R"(","updated_at":")" + timestamp(updated_ms(step)) +
               "\"}";
    }

private:
    enum state { rejected, queued, generating, completed, failed };

    struct item
    {
        bool rejected = false;
        bool fails = false;             // its generation ends in failure
        std::uint32_t generating_at = 0; // the step it starts generating at
        std::uint32_t done_at = 0;       // the step its generation ends at
        std::uint32_t published_at = 0;  // the step its publication is decided at
        std::uint32_t pick = 0;          // chooses its texts
        splitmix rng{0};                 // what is left of its random source, for its texts
    };

    static constexpr std::int64_t epoch_ms = 1775455200000; // 2026-04-06T06:00:00Z

    // Every fact of item i from its own random source, so that no item is ever stored.
    item item_at(std::size_t i) const
    {
        item it;
        it.rng.state = seed_ ^ (0xD1B54A32D192ED03ull * (i + 1));
        it.rejected = it.rng.below(100) < 3;
        it.fails = it.rng.below(100) < 8;
        it.generating_at = 1 + it.rng.below(spread_);
        it.done_at = it.generating_at + 1 + it.rng.below(3);
        it.published_at = it.done_at + 1 + it.rng.below(2);
        it.pick = it.rng.below(1u << 30);
        return it;
    }

    std::uint32_t settled_at(const item& it) const
    {
        if (it.rejected) return 0;
        return auto_publish_ && !it.fails ? it.published_at : it.done_at;
    }

    static state state_at(const item& it, std::uint32_t step)
    {
        if (it.rejected) return rejected;
        if (step < it.generating_at) return queued;
        if (step < it.done_at) return generating;
        return it.fails ? failed : completed;
    }

    // Section 6 of the contract: the status the counters imply.
    static const char* job_status(const std::size_t (&n)[5], std::size_t accepted)
    {
        if (accepted == 0) return "failed";
        if (n[queued] == accepted) return "accepted";
        if (n[queued] + n[generating] > 0) return "running";
        if (n[failed] == 0) return "completed";
        return n[completed] == 0 ? "failed" : "completed_with_failures";
    }

    void write_item(std::string& out, std::size_t i, std::uint32_t step) const
    {
        static constexpr const char* companies[] = {"Acme", "Globex", "Initech", "Umbrella",
                                                    "Hooli", "Stark", "Wayne", "Wonka"};
        static constexpr const char* pages[] = {"onboarding page", "welcome page", "renewal offer", "webinar invite",
                                                "product tour", "case study", "proposal", "event recap"};
        static constexpr const char* people[] = {"jane", "michael", "sarah", "david", "emma", "lucas", "olivia", "noah"};
        static constexpr const char* rejections[][2] = {
            {"INVALID_VARIABLES", "Variable 'first_name' is required"},
            {"TEMPLATE_VARIABLE_MISSING", "Missing variable 'company'"},
            {"DUPLICATE_ITEM", "Duplicate of item 0"}};
        static constexpr const char* failures[] = {"Generation timed out", "Upstream generation failed",
                                                   "Content policy violation"};
        static constexpr const char* states[] = {"rejected", "queued", "generating", "completed", "failed"};
        item it = item_at(i);
        const std::uint32_t p = it.pick;
        const state s = state_at(it, step);
        const char* company = companies[p % 8];
        out += R"({"index":)" + std::to_string(i);
        if (p % 7 != 0) out += R"(,"client_item_id":"crm-)" + std::to_string(100000 + p % 900000) + '"';
        if (s == rejected) {
            const auto& why = rejections[p % 3];
            out += R"(,"status":"rejected","error_code":")" + std::string(why[0]) + R"(","message":")" + why[1] + "\"}";
            return;
        }
        out += R"(,"tent_id":")" + uuid_v4(it.rng) + R"(","tent_name":")" + company + ' ' + pages[(p >> 3) % 8] +
               ' ' + std::to_string(i + 1) + R"(","status":")" + states[s] + '"';
        if (s == failed) out += R"(,"message":")" + std::string(failures[(p >> 6) % 3]) + '"';
        if (auto_publish_ && s != failed) {
            // Pending until decided; then published (with or without warnings) or failed.
            const std::uint32_t outcome = (p >> 9) % 20;
            if (step < it.published_at || s != completed) out += R"(,"publication_status":"pending")";
            else if (outcome == 0) out += R"(,"publication_status":"failed")";
            else
                out += std::string(R"(,"publication_status":")") + (outcome < 3 ? "published_with_warnings" : "published") +
                       R"(","published_url":"https://your-workspace.tented-pages.com/)" + companies[p % 8] + '-' +
                       people[(p >> 14) % 8] + '-' + std::to_string(i) + '"';
        }
        out += '}';
    }

    // Later at every step, by at least half a second: a change always comes with a later time.
    std::int64_t updated_ms(std::uint32_t step) const
    {
        splitmix jitter{seed_ + step};
        return created_ms_ + std::int64_t{step} * 1500 + jitter.below(1000);
    }

    // The documented form, YYYY-MM-DDTHH:MM:SS.mmmZ.
    static std::string timestamp(std::int64_t ms)
    {
        const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
        std::tm utc{};
        gmtime_r(&seconds, &utc);
        char text[80]; // room for any int the compiler cannot rule out
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                      utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(ms % 1000));
        return text;
    }

    std::uint64_t seed_;
    std::size_t items_;
    std::string id_, template_;
    bool auto_publish_ = false;
    std::size_t cost_ = 1;
    std::uint32_t spread_ = 1;
    std::int64_t created_ms_ = 0;
    std::uint32_t last_step_ = 0;
};

} // namespace bench

#endif
