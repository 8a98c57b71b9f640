// Properties of whole poll sequences: generated lifecycles replay clean, and each seq/*
// violation generator raises its rule (and nothing outside its declared companions).
#include <tented/contract/testing/lifecycle.hpp>

#include <tented/contract/encode.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/sequence.hpp>

#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <set>

namespace tc = tented::contract;
namespace tt = tented::contract::testing;

namespace {

/// The distinct rule ids of replaying `polls`, and whether every poll but the last was clean.
std::set<std::string> replay(const std::vector<tc::bulk_job>& polls)
{
    tc::sequence_checker seq;
    std::set<std::string> ids;
    for (const auto& p : polls)
        for (const auto& id : seq.add(tc::to_json(p)).rule_ids()) ids.insert(id);
    return ids;
}

} // namespace


TEST_CASE("a translation unit with lifecycle.hpp alone prints the enums by their wire names", "[lifecycle][rapidcheck]")
{
    // RapidCheck decides once per type whether a showValue exists; this file used
    // publication_status before rapidcheck.hpp declared one, printed "<???>", and the linker kept
    // that printer for the whole property_tests program (CI, clang -O0).
    CHECK(rc::toString(tented::contract::publication_status::published_with_warnings) == "\"published_with_warnings\"");
    CHECK(rc::toString(tented::contract::item_status::failed) == "\"failed\"");
    CHECK(rc::toString(tented::contract::job_status::running) == "\"running\"");
}

TEST_CASE("generated lifecycles replay with zero findings", "[property][lifecycle]")
{
    rc::prop("every poll valid alone and the sequence lawful", [] {
        const auto polls = *tt::gen_lifecycle();
        RC_ASSERT(!polls.empty());
        RC_ASSERT(replay(polls).empty());
    });
}

TEST_CASE("lifecycles end in a terminal state with settled credits", "[property][lifecycle]")
{
    rc::prop("the last poll is terminal and pending_reconciliation is 0", [] {
        const auto polls = *tt::gen_lifecycle();
        const auto& last = polls.back();
        RC_ASSERT(last.status != tc::job_status::accepted);
        RC_ASSERT(last.status != tc::job_status::running);
        RC_ASSERT(last.credits.pending_reconciliation == 0);
    });
}

TEST_CASE("pinned lifecycle options are honoured", "[property][lifecycle]")
{
    tt::lifecycle_options o;
    o.items = 25;
    o.auto_publish = true;
    rc::prop("25 items, auto_publish, lawful", [o] {
        const auto polls = *tt::gen_lifecycle(o);
        RC_ASSERT(polls.front().items.size() == 25u);
        RC_ASSERT(polls.front().auto_publish);
        RC_ASSERT(replay(polls).empty());
    });
}

TEST_CASE("every seq rule of the catalogue has a violation generator", "[property][coverage]")
{
    std::set<std::string> covered;
    for (const auto& v : tt::sequence_violations()) covered.insert(std::string(v.rule));
    for (const auto& r : tc::catalogue())
        if (r.id.substr(0, 4) == "seq/") CHECK(covered.count(std::string(r.id)) == 1);
}

TEST_CASE("each sequence violation raises its rule and only its declared companions", "[property][violation]")
{
    for (const auto& v : tt::sequence_violations()) {
        const std::string rule(v.rule);
        std::set<std::string> allowed{rule};
        for (auto c : v.companions) allowed.insert(std::string(c));
        rc::prop(rule, [&] {
            const auto polls = *v.gen;
            RC_ASSERT(polls.size() >= 2u);
            tc::sequence_checker seq;
            for (std::size_t i = 0; i + 1 < polls.size(); ++i) RC_ASSERT(seq.add(tc::to_json(polls[i])).diagnostics.empty());
            RC_ASSERT(tc::validate(polls.back()).diagnostics.empty());
            const auto ids = seq.add(tc::to_json(polls.back())).rule_ids();
            RC_ASSERT(std::find(ids.begin(), ids.end(), rule) != ids.end());
            for (const auto& id : ids) RC_ASSERT(allowed.count(id) == 1u);
        });
    }
}
