// The generator examples of docs/library.md, compiled and run: tests/unit/readme.cpp checks that
// every ```cpp block of README.md and docs/*.md appears in tests/readme/ (or tests/consumer/)
// verbatim. Here, not in examples.cpp, because they need RapidCheck, which property_tests links.
#include <tented/contract.hpp>
#include <tented/contract/testing/rapidcheck.hpp>

#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <string>
#include <vector>

// [violation_for]
TEST_CASE("a generated violation of time/order raises that rule alone", "[generators]")
{
    namespace tc = tented::contract;
    const auto& v = tented::contract::testing::violation_for("time/order");
    rc::prop("every generated payload", [&v] {
        RC_ASSERT(tc::validate(*v.gen, v.opts).rule_ids() == std::vector<std::string>{"time/order"});
    });
}

TEST_CASE("a generated lifecycle of three items replays clean", "[generators]")
{
    namespace tc = tented::contract;
    namespace tt = tented::contract::testing;
    tt::lifecycle_options pin;
    pin.items = 3;
    rc::prop("every poll against the previous one", [&pin] {
        tc::sequence_checker polls;
        for (const tc::bulk_job& job : *tt::gen_lifecycle(pin)) RC_ASSERT(polls.add(tc::to_json(job)).ok());
    });
}
// [violation_for]
