// docs/testing.md, the test-suite guide, shows only what the tests compile and run: each code block
// is a verbatim excerpt of the tests/consumer file named above it (tests/consumer/run.sh builds and
// runs those files), and the failure it quotes is what the matcher prints.
#include <tented/contract/testing/catch2.hpp>

#include "docs.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace tt = tented::contract::testing;

namespace {

const std::string guide_page = "docs/testing.md";

std::string guide() { return support::read(support::source_dir() / guide_page); }

} // namespace

TEST_CASE("every code block of the test-suite guide is a verbatim excerpt of a consumer file", "[docs]")
{
    const auto blocks = docs::blocks_of(guide_page, guide());
    CHECK(blocks.size() == 16);
    for (const auto& b : blocks) {
        INFO(b.code);
        REQUIRE(b.file.rfind("tests/consumer/", 0) == 0);
        const auto file = support::read(support::source_dir() / b.file);
        CHECK(file.find(b.code) != std::string::npos);
    }
}

TEST_CASE("the failure the test-suite guide quotes is what is_valid_bulk_job prints", "[docs][catch2]")
{
    const auto doc = guide();
    const auto tests = support::read(support::source_dir() / "tests/consumer/progress_tests.cpp");
    const auto begin = tests.find("R\"({") + 3, end = tests.find("})\"", begin) + 1;
    auto fixture = tests.substr(begin, end - begin);
    const std::string queued = "\"queued\": 1,";
    REQUIRE(fixture.find(queued) != std::string::npos);
    fixture.replace(fixture.find(queued), queued.size(), "\"queued\": 2,");

    const std::string sum = "6:12: error: queued 2 + generating 1 + completed 1 + failed 0 + rejected items 0 = 4, "
                            "but total is 3 (at /total) [counts/sum-to-total]";
    const std::string bucket = "7:13: error: queued is 2 but 1 item has status \"queued\" (at /queued) [counts/buckets]";
    CHECK(doc.find("`" + sum + "`") != std::string::npos);
    CHECK(doc.find("`" + bucket + "`") != std::string::npos);
    const auto m = tt::is_valid_bulk_job();
    CHECK_FALSE(m.match(fixture));
    CHECK(m.toString() == "is a valid bulk-job response; the findings:\n  " + sum + "\n  " + bucket);
}
