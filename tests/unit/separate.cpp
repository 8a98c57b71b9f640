// The testing headers under TENTED_CONTRACT_SEPARATE_COMPILATION, as a consumer that links
// tented::contract_testing uses them: this file sees declarations only (checked below, at compile
// time), and the matchers, generators and printers it calls are the ones testing/src.hpp compiled
// into the library.
#include <tented/contract/testing/catch2.hpp>
#include <tented/contract/testing/rapidcheck.hpp>

#ifndef TENTED_CONTRACT_SEPARATE_COMPILATION
#error "separate_tests must be built with TENTED_CONTRACT_SEPARATE_COMPILATION (tented::contract_testing defines it)"
#endif
#if defined(TENTED_CONTRACT_VALIDATE_HPP) || defined(TENTED_CONTRACT_DECODE_HPP) || defined(TENTED_CONTRACT_OUTPUT_HPP) || \
    defined(TENTED_CONTRACT_TESTING_DETAIL_CATCH2_HPP) || defined(TENTED_CONTRACT_TESTING_DETAIL_RAPIDCHECK_HPP) ||     \
    defined(TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_HPP) || defined(TENTED_CONTRACT_TESTING_DETAIL_LIFECYCLE_HPP) ||   \
    defined(TENTED_CONTRACT_TESTING_DETAIL_SHOW_HPP)
#error "a body of the validator or of the testing headers reached a translation unit built for separate compilation"
#endif

#include "support.hpp"

#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>

namespace tc = tented::contract;
namespace tt = tented::contract::testing;
using Catch::Matchers::Contains;

namespace {

std::string corpus_file(const std::string& relative) { return support::read(support::corpus_dir() / relative); }

} // namespace

TEST_CASE("separately compiled matchers accept the documented example and name a broken rule", "[separate]")
{
    REQUIRE_THAT(corpus_file("docs/in-progress.json"), tt::is_valid_bulk_job());

    const auto broken = corpus_file("invalid/counts/buckets/completed-reported-as-failed.json");
    REQUIRE_THAT(broken, tt::raises("counts/buckets"));
    auto valid = tt::is_valid_bulk_job();
    CHECK_FALSE(valid.match(broken));
    CHECK(valid.last_report().raises("counts/buckets"));
    CHECK_THAT(valid.toString(), Contains("is a valid bulk-job response; the findings:\n  ") &&
                                     Contains("[counts/buckets]"));
    CHECK(tt::format_findings(valid.last_report(), "> ") ==
          "> 9:16: error: completed is 0 but 1 item has status \"completed\" (at /completed) [counts/buckets]\n"
          "> 10:13: error: failed is 2 but 1 item has status \"failed\" (at /failed) [counts/buckets]");
    CHECK_THROWS_AS(tt::raises("counts/bucket"), std::invalid_argument);
}

TEST_CASE("separately compiled printers show described values as JSON in Catch2 and RapidCheck", "[separate]")
{
    CHECK(Catch::Detail::stringify(tc::job_status::completed_with_failures) == "\"completed_with_failures\"");
    CHECK(Catch::Detail::stringify(tc::item_status::rejected) == "\"rejected\"");
    CHECK(rc::toString(tc::publication_status::published_with_warnings) == "\"published_with_warnings\"");
    CHECK(Catch::Detail::stringify(tc::ulid{"01JQZB4H8A7T5B3R2W1X9Y6Z0K"}) == "\"01JQZB4H8A7T5B3R2W1X9Y6Z0K\"");
    CHECK(rc::toString(tc::credits{3, 1, 0, 2}) ==
          R"({"reserved":3,"consumed":1,"refunded":0,"pending_reconciliation":2})");
}

TEST_CASE("separately compiled generators make jobs and payloads the separately compiled matchers accept", "[separate]")
{
    tt::generation_options running;
    running.status = tc::job_status::running;
    running.items = 3;
    const bool held = rc::check("generated running jobs are valid and print alike in both frameworks", [&running] {
        const auto job = *tt::gen_bulk_job(running);
        RC_ASSERT(job.status == tc::job_status::running);
        RC_ASSERT(job.items.size() == 3u);
        RC_ASSERT(tt::is_valid_bulk_job().match(job));
        const auto printed = Catch::Detail::stringify(job);
        RC_ASSERT(printed == rc::toString(job));
        RC_ASSERT(printed.rfind("{\"bulk_job_id\":\"", 0) == 0u);
        RC_ASSERT(tt::is_valid_bulk_job().match(printed));
    });
    CHECK(held);
    CHECK(rc::check("generated payload texts are valid", [] { RC_ASSERT(tt::is_valid_bulk_job().match(*tt::gen_payload())); }));
    CHECK(rc::check("time/order's generator raises time/order",
                    [] { RC_ASSERT(tt::raises("time/order").match(*tt::violation_for("time/order").gen)); }));
}

TEST_CASE("separately compiled tables cover the catalogue", "[separate]")
{
    const auto payload_rules = std::count_if(tc::catalogue().begin(), tc::catalogue().end(), [](const tc::rule_info& r) {
        return r.id.substr(0, 4) != "seq/" && r.id.substr(0, 8) != "capture/";
    });
    CHECK(tt::violation_generators().size() == static_cast<std::size_t>(payload_rules));
    const auto sequence_rules = std::count_if(tc::catalogue().begin(), tc::catalogue().end(),
                                              [](const tc::rule_info& r) { return r.id.substr(0, 4) == "seq/"; });
    CHECK(tt::sequence_violations().size() == static_cast<std::size_t>(sequence_rules));
    tt::lifecycle_options two_items;
    two_items.items = 2;
    CHECK(rc::check("a generated lifecycle of two items is valid poll by poll", [&two_items] {
        const auto polls = *tt::gen_lifecycle(two_items);
        RC_ASSERT(!polls.empty());
        for (const auto& p : polls) {
            RC_ASSERT(p.items.size() == 2u);
            RC_ASSERT(tt::is_valid_bulk_job().match(p));
        }
    }));
}
