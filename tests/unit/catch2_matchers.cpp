// testing/catch2.hpp: the matchers on text, parsed values and typed jobs; their failure
// descriptions (the findings as the CLI prints them); the printers of described types.
#include <tented/contract/testing/catch2.hpp>

#include <tented/contract/encode.hpp>
#include <tented/contract/testing/rapidcheck.hpp>

#include "support.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace tc = tented::contract;
namespace tt = tented::contract::testing;
using Catch::Matchers::Contains;
using tt::is_valid_bulk_job;
using tt::raises;

namespace {

std::string in_progress() { return support::read(support::corpus_dir() / "docs" / "in-progress.json"); }

const std::string buckets_case = "invalid/counts/buckets/completed-reported-as-failed.json";

/// The lines `tented-contract validate FILE` prints for its findings, without the `FILE:` prefix.
std::vector<std::string> cli_findings(const std::filesystem::path& file)
{
    const auto run = support::cli("validate --color never '" + file.string() + "'");
    std::vector<std::string> lines;
    std::size_t at = 0;
    const std::string prefix = file.string() + ":";
    while (at < run.out.size()) {
        const auto end = run.out.find('\n', at);
        const auto line = run.out.substr(at, end - at);
        if (line.rfind(prefix, 0) == 0) lines.push_back(line.substr(prefix.size()));
        at = end == std::string::npos ? run.out.size() : end + 1;
    }
    return lines;
}

} // namespace

TEST_CASE("is_valid_bulk_job accepts the documented in-progress example as text, value and typed job", "[catch2]")
{
    const auto text = in_progress();
    REQUIRE_THAT(text, is_valid_bulk_job());
    REQUIRE_THAT(std::string_view(text), is_valid_bulk_job());
    REQUIRE_THAT(text.c_str(), is_valid_bulk_job());
    REQUIRE_THAT(boost::json::parse(text), is_valid_bulk_job());
    REQUIRE_THAT(tc::decode_or_throw(text), is_valid_bulk_job());
}

TEST_CASE("is_valid_bulk_job refuses errors but not warnings, unless warnings are errors", "[catch2]")
{
    auto json = boost::json::parse(in_progress());
    json.as_object()["template_id"] = "template-1"; // format/template-id, a warning
    CHECK_THAT(json, is_valid_bulk_job());
    tc::options strict;
    strict.warnings_as_errors = true;
    CHECK_FALSE(is_valid_bulk_job(strict).match(json));

    json.as_object()["total"] = 4; // items/count, an error
    CHECK_FALSE(is_valid_bulk_job().match(json));
}

TEST_CASE("a failed is_valid_bulk_job describes every finding exactly as the CLI prints it", "[catch2][cli]")
{
    const auto file = support::corpus_dir() / buckets_case;
    const auto expected = cli_findings(file);
    REQUIRE(expected.size() == 2);
    CHECK(expected[0] == "9:16: error: completed is 0 but 1 item has status \"completed\" (at /completed) [counts/buckets]");

    const auto m = is_valid_bulk_job();
    CHECK_FALSE(m.match(support::read(file)));
    const auto description = m.toString();
    CHECK_THAT(description, Contains("is a valid bulk-job response; the findings:"));
    for (const auto& line : expected) CHECK_THAT(description, Contains("\n  " + line));
}

TEST_CASE("findings of a value or a typed job are described by pointer, without a position", "[catch2]")
{
    auto json = boost::json::parse(in_progress());
    json.as_object()["queued"] = 2;
    const auto m = is_valid_bulk_job();
    CHECK_FALSE(m.match(json));
    CHECK_THAT(m.toString(), Contains("\n  error: queued 2 + generating 1 + completed 1 + failed 0 + rejected items 0 = "
                                      "4, but total is 3 (at /total) [counts/sum-to-total]"));

    auto job = tc::decode_or_throw(in_progress());
    job.items[2].tent_id.reset();
    const auto typed = is_valid_bulk_job();
    CHECK_FALSE(typed.match(job));
    CHECK_THAT(typed.toString(), Contains("error: an accepted item (status \"queued\") has no tent_id (present for "
                                          "accepted items) (at /items/2/tent_id) [item/tent-id]"));
}

TEST_CASE("raises matches a payload that raises the rule, and otherwise lists what it raised", "[catch2]")
{
    const auto text = support::read(support::corpus_dir() / buckets_case);
    REQUIRE_THAT(text, raises("counts/buckets"));
    REQUIRE_THAT(boost::json::parse(text), raises("counts/buckets"));

    const auto m = raises("time/order");
    CHECK_FALSE(m.match(text));
    CHECK_THAT(m.toString(), Contains("raises time/order; the findings:\n  9:16: error: completed is 0") &&
                                 Contains("[counts/buckets]"));

    const auto none = raises("counts/buckets");
    CHECK_FALSE(none.match(in_progress()));
    CHECK(none.toString() == "raises counts/buckets; the findings:\n  no findings");
    CHECK(none.last_report().diagnostics.empty());
}

TEST_CASE("raises refuses a rule id that is not in the catalogue", "[catch2]")
{
    CHECK_THROWS_WITH(raises("counts/bucket"), "raises: unknown rule id 'counts/bucket'; did you mean "
                                               "'counts/buckets'? (tented-contract rules lists them)");
}

TEST_CASE("the matchers compose with Catch2's string matchers on payload text", "[catch2]")
{
    const auto text = in_progress();
    CHECK_THAT(text, is_valid_bulk_job() && Contains("\"running\""));
    CHECK_THAT(text, !raises("time/order"));
    CHECK_THAT(text, raises("time/order") || Contains("01JQZB4H8A7T5B3R2W1X9Y6Z0K"));
}

TEST_CASE("format_finding writes the CLI's text form, leaving out what is unknown", "[catch2]")
{
    tc::diagnostic d;
    d.rule = "json/syntax";
    d.message = "expected a value, got the end of the input (the JSON text is truncated)";
    CHECK(tt::format_finding(d) == "error: expected a value, got the end of the input (the JSON text is truncated) [json/syntax]");
    d.line = 3;
    d.column = 7;
    d.pointer = "/items/0";
    d.severity = tc::severity::warning;
    CHECK(tt::format_finding(d) ==
          "3:7: warning: expected a value, got the end of the input (the JSON text is truncated) (at /items/0) [json/syntax]");
}

TEST_CASE("described types print as JSON in Catch2 and in RapidCheck", "[catch2][rapidcheck]")
{
    const auto job = tc::decode_or_throw(in_progress());
    CHECK(Catch::Detail::stringify(job) == tc::to_json(job));
    CHECK(rc::toString(job) == tc::to_json(job));
    const std::string item = R"({"index":1,"client_item_id":"acme-row-002","tent_id":"85833f2b-40ba-4af4-b820-cf13f7356d7a",)"
                             R"("tent_name":"Acme onboarding 2","status":"generating","publication_status":"pending"})";
    CHECK(Catch::Detail::stringify(job.items[1]) == item);
    CHECK(rc::toString(job.items[1]) == item);
    const std::string credits = R"({"reserved":3,"consumed":1,"refunded":0,"pending_reconciliation":2})";
    CHECK(Catch::Detail::stringify(job.credits) == credits);
    CHECK(rc::toString(job.credits) == credits);
    CHECK(Catch::Detail::stringify(tc::job_status::completed_with_failures) == "\"completed_with_failures\"");
    CHECK(rc::toString(tc::item_status::generating) == "\"generating\"");
    CHECK(Catch::Detail::stringify(tc::publication_status::published) == "\"published\"");
    CHECK(rc::toString(tc::publication_status::published_with_warnings) == "\"published_with_warnings\"");
    CHECK(Catch::Detail::stringify(job.bulk_job_id) == "\"01JQZB4H8A7T5B3R2W1X9Y6Z0K\"");
    CHECK(rc::toString(job.created_at) == "\"2026-03-25T14:30:00.000Z\"");
    CHECK(rc::toString(std::vector<tc::job_status>{tc::job_status::running}) == "[\"running\"]");
}
