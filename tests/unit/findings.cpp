// What the fuzzers found (tests/fuzz; docs/robustness.md), each kept as a test here and as a
// corpus case, written before the fix.
#include <tented/contract/validate.hpp>

#include <tented/contract/locate.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace tc = tented::contract;

TEST_CASE("fuzz finding: a zero with a huge exponent is 0 in integer notation, not a number too large", "[findings][schema]")
{
    // fuzz_locate, [-0e+9999]: Boost.JSON 1.81 computes 0 x 10^9999 as 0 x inf, NaN. As a count
    // it was schema/integer "expected an integer at most 2^53-1"; it is 0 written with an exponent.
    const auto text = support::read(support::corpus_dir() / "invalid/schema/integer-notation/failed-zero-with-exponent-9999.json");
    const auto r = tc::validate(text);
    REQUIRE(r.rule_ids() == std::vector<std::string>{"schema/integer-notation"});
    CHECK(r.diagnostics.front().pointer == "/failed");
    CHECK(r.diagnostics.front().message ==
          "expected an integer written without fraction or exponent, got 0e+9999 (typed clients refuse to read it "
          "as an integer)");
    for (const char* zero : {"0e+9999", "-0e+9999", "0.0e400", "0.000E+500"}) {
        INFO(zero);
        std::string t = text;
        t.replace(t.find("0e+9999"), 7, zero);
        CHECK(tc::validate(t).rule_ids() == std::vector<std::string>{"schema/integer-notation"});
    }
    std::string huge = text; // a number really past the double range stays schema/integer
    huge.replace(huge.find("0e+9999"), 7, "1e+9999");
    CHECK(tc::validate(huge).rule_ids() == std::vector<std::string>{"schema/integer"});
}

TEST_CASE("fuzz finding: find_pointer locates a number that Boost.JSON reads as NaN", "[findings][locate]")
{
    // The same input made fuzz_locate's own check fail (it compared the values, and NaN != NaN):
    // the locator was right, the check now compares serialized values.
    CHECK(tc::find_pointer("[-0e+9999]", "/0") == 1u);
    CHECK(tc::find_pointer(R"({"a": 0e+9999, "b": 1})", "/b") == 20u);
}

TEST_CASE("fuzz finding: an empty token is no array index, whatever Boost.JSON's find_pointer says", "[findings][locate]")
{
    // fuzz_locate, in CI's 60-second run: pointer "//0" on [["GET"]  ]. Boost.JSON 1.81's
    // value::find_pointer, the target's oracle then, returns "GET"; RFC 6901 section 4 allows only
    // "0" or digits without a leading zero as an array index, so the locator's "no such value"
    // is right. The oracle now resolves pointers on the DOM itself.
    const std::string text = R"([["GET"]  ])";
    CHECK_FALSE(tc::find_pointer(text, "//0").has_value());
    CHECK_FALSE(tc::find_pointer(text, "/").has_value());
    CHECK_FALSE(tc::find_pointer(text, "/0/").has_value());
    CHECK(tc::find_pointer(text, "/0/0") == 2u);
    // An empty member name is a name like any other.
    CHECK(tc::find_pointer(R"({"": {"": 7}})", "//") == 10u);
}
