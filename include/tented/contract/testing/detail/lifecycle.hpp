// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_LIFECYCLE_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_LIFECYCLE_HPP

#include <tented/contract/testing/lifecycle.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>

namespace tented::contract::testing::detail {

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` of a count of milliseconds since 1970 (H. Hinnant's civil_from_days).
inline std::string canonical_time(std::int64_t ms)
{
    const std::int64_t secs = ms / 1000, days = secs / 86400, rem = secs % 86400;
    const std::int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9), y = yoe + era * 400 + (m <= 2);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", static_cast<int>(y), static_cast<int>(m),
                  static_cast<int>(d), static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                  static_cast<int>(rem % 60), static_cast<int>(ms % 1000));
    return buf;
}

inline constexpr std::int64_t lifecycle_epoch_ms = 1774449000000; // 2026-03-25T14:30:00.000Z

inline rc::Gen<std::string> gen_ulid()
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    return rc::gen::exec([] {
        std::string id(1, alphabet[*rc::gen::inRange(0, 8)]);
        for (int i = 1; i < 26; ++i) id += alphabet[*rc::gen::inRange(0, 32)];
        return id;
    });
}

// A version 4 UUID whose first group is the item index, so ids within one job never collide.
inline std::string tent_uuid(std::size_t index, std::uint32_t salt)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%08zx-%04x-4%03x-a%03x-%012x", index & 0xffffffffu, salt & 0xffffu,
                  (salt >> 4) & 0xfffu, (salt >> 8) & 0xfffu, salt);
    return buf;
}

/// Where one item stands in its lifecycle.
struct item_state
{
    bool rejected = false;
    int stage = 0;                        // accepted items: 0 queued, 1 generating, 2 finished, 3 published
    bool succeeds = true;                 // the finish: completed or failed
    publication_status outcome = publication_status::published;
};

/// One job's fixed facts and its items' states, from which each poll is drawn.
struct job_plan
{
    std::string id;
    std::string template_id;
    bool auto_publish = false;
    std::int64_t cost = 1;
    std::uint32_t salt = 0;
    std::vector<item_state> items;
};

inline bulk_job_item snapshot_item(const job_plan& plan, std::size_t i)
{
    const auto& s = plan.items[i];
    bulk_job_item it;
    it.index = static_cast<std::int64_t>(i);
    it.client_item_id = "row-" + std::to_string(i);
    if (s.rejected) {
        it.status = item_status::rejected;
        it.error_code = contract::error_code{"INSUFFICIENT_CREDITS"};
        it.message = "Insufficient credits for generation";
        return it;
    }
    it.tent_id = uuid{tent_uuid(i, plan.salt)};
    it.tent_name = "Page " + std::to_string(i);
    static constexpr item_status by_stage[] = {item_status::queued, item_status::generating};
    it.status = s.stage < 2 ? by_stage[s.stage] : s.succeeds ? item_status::completed : item_status::failed;
    if (it.status == item_status::failed) {
        it.message = "Upstream generation failed";
        return it;
    }
    if (!plan.auto_publish) return it;
    it.publication_status = s.stage == 3 ? s.outcome : publication_status::pending;
    if (it.publication_status == publication_status::published ||
        it.publication_status == publication_status::published_with_warnings)
        it.published_url = https_url{"https://acme.tented-pages.com/page-" + std::to_string(i)};
    return it;
}

/// The poll of `plan` as it stands, taken `poll` steps after creation.
inline bulk_job snapshot(const job_plan& plan, std::size_t poll)
{
    bulk_job j;
    j.bulk_job_id.text = plan.id;
    j.template_id.text = plan.template_id;
    j.auto_publish = plan.auto_publish;
    j.total = static_cast<std::int64_t>(plan.items.size());
    j.created_at.text = canonical_time(lifecycle_epoch_ms);
    j.updated_at.text = canonical_time(lifecycle_epoch_ms + 10000 * static_cast<std::int64_t>(poll + 1));
    bool started = false;
    for (std::size_t i = 0; i < plan.items.size(); ++i) {
        auto it = snapshot_item(plan, i);
        started = started || (!plan.items[i].rejected && plan.items[i].stage > 0);
        j.queued += it.status == item_status::queued;
        j.generating += it.status == item_status::generating;
        j.completed += it.status == item_status::completed;
        j.failed += it.status == item_status::failed;
        j.items.push_back(std::move(it));
    }
    const auto accepted = j.queued + j.generating + j.completed + j.failed;
    const auto k = plan.cost;
    j.credits = {k * accepted, k * j.completed, k * j.failed, k * (j.queued + j.generating)};
    if (accepted == 0) j.status = job_status::failed;
    else if (!started) j.status = job_status::accepted;
    else if (j.queued + j.generating > 0) j.status = job_status::running;
    else if (j.completed == 0) j.status = job_status::failed;
    else j.status = j.failed == 0 ? job_status::completed : job_status::completed_with_failures;
    return j;
}

/// The steps that move an item on: generating, finishing, then (if published) the outcome.
inline std::size_t steps_of(const job_plan& plan, const item_state& s)
{
    if (s.rejected) return 0;
    return s.succeeds && plan.auto_publish ? 3 : 2;
}

inline rc::Gen<job_plan> gen_plan(const lifecycle_options& opts)
{
    return rc::gen::exec([opts] {
        job_plan plan;
        plan.id = *gen_ulid();
        plan.template_id = "tpl_" + *rc::gen::container<std::string>(
                                         *rc::gen::inRange(1, 13), rc::gen::elementOf(std::string("ABCXYZ0123456789")));
        plan.auto_publish = opts.auto_publish ? *opts.auto_publish : *rc::gen::arbitrary<bool>();
        plan.cost = *rc::gen::inRange<std::int64_t>(1, std::max<std::int64_t>(opts.max_cost, 1) + 1);
        plan.salt = *rc::gen::arbitrary<std::uint32_t>();
        const std::size_t n = opts.items ? *opts.items : *rc::gen::inRange<std::size_t>(1, 26);
        for (std::size_t i = 0; i < n; ++i) {
            item_state s;
            s.rejected = *rc::gen::weightedElement<bool>({{1, true}, {5, false}});
            s.succeeds = *rc::gen::weightedElement<bool>({{4, true}, {1, false}});
            s.outcome = *rc::gen::element(publication_status::published, publication_status::published_with_warnings,
                                          publication_status::failed);
            plan.items.push_back(s);
        }
        return plan;
    });
}

// The order in which item steps happen: each item's steps in order, items interleaved at random.
inline std::vector<std::size_t> gen_step_order(const job_plan& plan)
{
    std::vector<std::pair<int, std::size_t>> keyed;
    for (std::size_t i = 0; i < plan.items.size(); ++i) {
        const auto n = steps_of(plan, plan.items[i]);
        if (n == 0) continue;
        auto keys = *rc::gen::container<std::vector<int>>(n, rc::gen::inRange(0, 1000));
        std::sort(keys.begin(), keys.end());
        for (int k : keys) keyed.emplace_back(k, i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::size_t> order;
    for (const auto& k : keyed) order.push_back(k.second);
    return order;
}

/// Polls of `plan` after the given numbers of steps (ascending, the last one all of them).
inline std::vector<bulk_job> polls_at(job_plan plan, const std::vector<std::size_t>& order,
                                      const std::vector<std::size_t>& cuts)
{
    std::vector<bulk_job> polls;
    std::size_t done = 0;
    for (std::size_t p = 0; p < cuts.size(); ++p) {
        for (; done < cuts[p]; ++done) ++plan.items[order[done]].stage;
        polls.push_back(snapshot(plan, p));
    }
    return polls;
}

inline rc::Gen<std::vector<bulk_job>> gen_lifecycle_of(const lifecycle_options& opts)
{
    return rc::gen::exec([opts] {
        const auto plan = *gen_plan(opts);
        const auto order = gen_step_order(plan);
        const std::size_t steps = order.size();
        const std::size_t wanted = *rc::gen::inRange<std::size_t>(1, std::max<std::size_t>(opts.max_polls, 1) + 1);
        auto cuts = *rc::gen::container<std::vector<std::size_t>>(wanted - 1, rc::gen::inRange<std::size_t>(0, steps + 1));
        cuts.push_back(steps);
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        return polls_at(plan, order, cuts);
    });
}

// ---- one generator per seq/* rule ------------------------------------------------------------

/// A lifecycle of at least two polls with at least one accepted item.
inline rc::Gen<std::vector<bulk_job>> gen_two_polls(const lifecycle_options& opts)
{
    return rc::gen::suchThat(gen_lifecycle_of(opts), [](const std::vector<bulk_job>& p) {
        return p.size() >= 2 && p.back().credits.reserved > 0;
    });
}

inline std::vector<bulk_job> last_two(std::vector<bulk_job> p) { return {p[p.size() - 2], p.back()}; }

inline rc::Gen<std::vector<bulk_job>> gen_same_job_violation()
{
    return rc::gen::exec([] {
        auto polls = last_two(*gen_two_polls({}));
        auto other = *gen_ulid();
        while (other == polls[0].bulk_job_id.text) other = *gen_ulid();
        polls[1].bulk_job_id.text = other;
        return polls;
    });
}

inline rc::Gen<std::vector<bulk_job>> gen_immutable_violation()
{
    return rc::gen::exec([] {
        auto polls = last_two(*gen_two_polls({}));
        polls[1].template_id.text = polls[0].template_id.text + "Z";
        return polls;
    });
}

inline rc::Gen<std::vector<bulk_job>> gen_tent_id_violation()
{
    return rc::gen::exec([] {
        auto polls = last_two(*gen_two_polls({}));
        auto& item = *std::find_if(polls[1].items.begin(), polls[1].items.end(),
                                   [](const bulk_job_item& it) { return it.tent_id.has_value(); });
        item.tent_id->text = tent_uuid(static_cast<std::size_t>(item.index) + 0x10000000, 7);
        return polls;
    });
}

inline rc::Gen<std::vector<bulk_job>> gen_time_violation()
{
    return rc::gen::exec([] {
        auto polls = last_two(*gen_two_polls({}));
        polls[0].updated_at.text = canonical_time(lifecycle_epoch_ms + 600000);
        return polls;
    });
}

inline rc::Gen<std::vector<bulk_job>> gen_stale_violation()
{
    return rc::gen::exec([] {
        auto polls = last_two(*gen_two_polls({}));
        polls[1].updated_at = polls[0].updated_at;
        return polls;
    });
}

// Running then accepted while every item is still queued: the one way back that leaves the
// items and counters lawful, so seq/job-transition is raised alone.
inline rc::Gen<std::vector<bulk_job>> gen_job_transition_violation()
{
    return rc::gen::exec([] {
        auto plan = *gen_plan({});
        for (auto& s : plan.items) s.rejected = false;
        auto first = snapshot(plan, 0), second = snapshot(plan, 1);
        first.status = job_status::running;
        return std::vector<bulk_job>{first, second};
    });
}

// An item back from generating to queued: the item rule explains the counters' move too.
inline rc::Gen<std::vector<bulk_job>> gen_item_transition_violation()
{
    return rc::gen::exec([] {
        auto plan = *gen_plan({});
        plan.items[0].rejected = false;
        plan.items[0].stage = 1;
        auto first = snapshot(plan, 0);
        plan.items[0].stage = 0;
        auto second = snapshot(plan, 1);
        if (second.status == job_status::accepted) second.status = job_status::running;
        if (first.status == job_status::accepted) first.status = job_status::running;
        return std::vector<bulk_job>{first, second};
    });
}

inline rc::Gen<std::vector<bulk_job>> gen_monotonic_violation()
{
    return rc::gen::exec([] {
        auto plan = *gen_plan({});
        plan.items[0].rejected = false;
        auto first = snapshot(plan, 0);
        ++plan.cost;
        return std::vector<bulk_job>{first, snapshot(plan, 1)};
    });
}

inline rc::Gen<std::vector<bulk_job>> gen_publication_violation()
{
    return rc::gen::exec([] {
        lifecycle_options o;
        o.auto_publish = true;
        auto plan = *gen_plan(o);
        plan.items[0] = item_state{false, 3, true, *rc::gen::element(publication_status::published,
                                                                      publication_status::published_with_warnings,
                                                                      publication_status::failed)};
        auto first = snapshot(plan, 0);
        plan.items[0].stage = 2;
        return std::vector<bulk_job>{first, snapshot(plan, 1)};
    });
}

} // namespace tented::contract::testing::detail

namespace tented::contract::testing {

TENTED_CONTRACT_TESTING_DECL rc::Gen<std::vector<bulk_job>> gen_lifecycle(const lifecycle_options& opts)
{
    return detail::gen_lifecycle_of(opts);
}

TENTED_CONTRACT_TESTING_DECL const std::vector<sequence_violation>& sequence_violations()
{
    static const std::vector<sequence_violation> all{
        {"seq/same-job", {}, detail::gen_same_job_violation()},
        {"seq/immutable", {}, detail::gen_immutable_violation()},
        {"seq/tent-id-stable", {}, detail::gen_tent_id_violation()},
        {"seq/time", {}, detail::gen_time_violation()},
        {"seq/stale-updated-at", {}, detail::gen_stale_violation()},
        {"seq/job-transition", {}, detail::gen_job_transition_violation()},
        {"seq/item-transition", {}, detail::gen_item_transition_violation()},
        {"seq/monotonic-counts", {}, detail::gen_monotonic_violation()},
        {"seq/publication-transition", {}, detail::gen_publication_violation()},
    };
    return all;
}

} // namespace tented::contract::testing

#endif
