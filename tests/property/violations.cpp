// Properties of the violation generators (testing/rapidcheck.hpp, violation_generators()): one
// per rule of docs/contract.md sections 1 to 8, each raising its rule and nothing outside its declared
// set. A failing property prints its seed: rerun with RC_PARAMS="seed=N".
#include <tented/contract/testing/rapidcheck.hpp>

#include <tented/contract/testing/catch2.hpp>
#include <tented/contract/validate.hpp>

#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace tc = tented::contract;
namespace tt = tented::contract::testing;

namespace {

bool in_sections_1_to_8(std::string_view id)
{
    return id.substr(0, 4) != "seq/" && id.substr(0, 8) != "capture/";
}

/// The property every violation generator must hold: its text raises its rule and nothing
/// outside its declared set.
auto raises_alone(const tt::violation_generator& v)
{
    return [&v] {
        const auto text = *v.gen;
        const auto r = tc::validate(text, v.opts);
        if (!r.raises(v.rule)) RC_FAIL(std::string(v.rule) + " not raised; the findings:\n" + tt::format_findings(r));
        for (const auto& id : r.rule_ids()) {
            const bool declared = id == v.rule || std::find(v.companions.begin(), v.companions.end(), id) != v.companions.end();
            if (!declared) RC_FAIL("undeclared rule " + id + " raised beside " + std::string(v.rule) + ":\n" + tt::format_findings(r));
        }
    };
}

} // namespace

TEST_CASE("every rule of sections 1 to 8 has a violation generator, in catalogue order", "[property][violations]")
{
    std::vector<std::string_view> expected, covered;
    for (const auto& r : tc::catalogue())
        if (in_sections_1_to_8(r.id)) expected.push_back(r.id);
    for (const auto& v : tt::violation_generators()) covered.push_back(v.rule);
    CHECK(expected.size() == 44);
    CHECK(covered == expected);
    for (const auto& id : expected) {
        INFO(id);
        CHECK(tt::violation_for(id).rule == id);
    }
}

TEST_CASE("companions are catalogue rules of sections 1 to 8, and every violation generator describes itself",
          "[violations]")
{
    for (const auto& v : tt::violation_generators()) {
        INFO(v.rule);
        CHECK_FALSE(v.how.empty());
        for (const auto& c : v.companions) {
            CHECK(tc::find_rule(c).has_value());
            CHECK(in_sections_1_to_8(c));
            CHECK(c != v.rule);
        }
        // Every rule but counts/sum-to-total can be raised alone (the corpus has a case of each):
        // counters that do not add up to the items cannot each match theirs.
        if (v.rule == "counts/sum-to-total")
            CHECK(v.companions == std::vector<std::string_view>{"counts/buckets"});
        else
            CHECK(v.companions.empty());
        // Only json/too-large needs other options than the defaults.
        CHECK((v.opts.max_bytes != tc::options{}.max_bytes) == (v.rule == "json/too-large"));
    }
}

TEST_CASE("every violation generator raises its rule, and nothing outside its declared set", "[property][violations]")
{
    for (const auto& v : tt::violation_generators())
        rc::prop(std::string(v.rule) + " raises " + std::string(v.rule) + " alone", raises_alone(v));
}

TEST_CASE("seed 1 of the schema/integer property holds: a fraction a double parser rounds away is still fractional",
          "[property][violations]")
{
    // RC_PARAMS="seed=1" made this property fail while integers were judged from Boost.JSON's
    // double: total 1.8014398509482002E15 read as 1801439850948200 (corpus/README.md, "Found by
    // property tests"). The same seed must keep passing.
    rc::detail::TestParams params;
    params.seed = 1;
    const auto result = rc::detail::checkTestable(raises_alone(tt::violation_for("schema/integer")),
                                                  rc::detail::TestMetadata{}, params);
    INFO([&] { std::ostringstream s; rc::detail::printResultMessage(result, s); return s.str(); }());
    CHECK(result.template is<rc::detail::SuccessResult>());
}

TEST_CASE("violation texts are one line and never blank, so they can be written as JSON Lines",
          "[property][violations]")
{
    rc::prop("no raw line feed or carriage return, some non-space byte", [] {
        const auto& table = tt::violation_generators();
        const auto& v = table[*rc::gen::inRange<std::size_t>(0, table.size())];
        const auto text = *v.gen;
        RC_ASSERT(text.find_first_of("\r\n") == std::string::npos);
        RC_ASSERT(text.find_first_not_of(" \t") != std::string::npos);
    });
}

TEST_CASE("violation_for refuses ids that are unknown or not about one payload", "[violations]")
{
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(tt::violation_for("counts/bucket"), Contains("'counts/bucket'") && Contains("tented-contract rules"));
    CHECK_THROWS_WITH(tt::violation_for("seq/time"), Contains("sections 1 to 8"));
    CHECK_THROWS_AS(tt::violation_for("capture/har"), std::invalid_argument);
}
