// The client's tests, written with tented-contract: fixtures checked against the contract by the
// Catch2 matchers, properties over the responses the RapidCheck generators make, and the client's
// polling against recorded responses served over HTTP by the kit's in-process server.
#include "progress.hpp"

#include <tented/contract/corpus.hpp>
#include <tented/contract/testing/catch2.hpp>
#include <tented/contract/testing/rapidcheck.hpp>
#include <tented/contract/testing/server.hpp>

#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

namespace tc = tented::contract;
using namespace tented::contract::testing;

// The reference page's In-Progress response, kept as a fixture.
const char* const in_progress = R"({
  "bulk_job_id": "01JQZB4H8A7T5B3R2W1X9Y6Z0K",
  "status": "running",
  "template_id": "tpl_01JABC123XYZ",
  "auto_publish": true,
  "total": 3,
  "queued": 1,
  "generating": 1,
  "completed": 1,
  "failed": 0,
  "items": [
    {"index": 0, "client_item_id": "acme-row-001", "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f",
     "tent_name": "Acme Onboarding Page 1", "status": "completed", "publication_status": "published",
     "published_url": "https://your-workspace.tented-pages.com/acme-onboarding-jane"},
    {"index": 1, "client_item_id": "acme-row-002", "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a",
     "tent_name": "Acme onboarding 2", "status": "generating", "publication_status": "pending"},
    {"index": 2, "client_item_id": "acme-row-003", "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d",
     "tent_name": "Acme onboarding 3", "status": "queued", "publication_status": "pending"}
  ],
  "credits": {"reserved": 3, "consumed": 1, "refunded": 0, "pending_reconciliation": 2},
  "created_at": "2026-03-25T14:30:00.000Z",
  "updated_at": "2026-03-25T14:31:10.000Z"
})";

TEST_CASE("progress reads the documented in-progress response", "[progress]")
{
    REQUIRE_THAT(in_progress, is_valid_bulk_job()); // the fixture itself keeps to the contract
    CHECK(progress(tc::decode_or_throw(in_progress)) == "1/3 done");
}

TEST_CASE("a fixture edited by hand is checked against the contract too", "[progress]")
{
    auto job = tc::decode_or_throw(in_progress);
    job.items[1].status = tc::item_status::failed; // the counters still say 1 generating, 0 failed
    job.items[1].message = "Upstream generation failed";
    REQUIRE_THAT(job, raises("counts/buckets"));
}

TEST_CASE("progress never shows more finished items than accepted ones", "[progress][property]")
{
    rc::prop("for every valid job", [](const tc::bulk_job& job) {
        const auto line = progress(job);
        const auto slash = line.find('/');
        RC_ASSERT(std::stoll(line.substr(0, slash)) <= std::stoll(line.substr(slash + 1)));
        RC_ASSERT((line.find(" failed") != std::string::npos) == (job.failed > 0));
    });
}

TEST_CASE("progress shows the failed and the rejected items of a finished job", "[progress][property]")
{
    rc::prop("completed_with_failures, 3 items, one rejected", [] {
        generation_options pin;
        pin.status = tc::job_status::completed_with_failures;
        pin.items = 3;
        pin.must_include = {tc::item_status::rejected};
        RC_ASSERT(progress(*gen_bulk_job(pin)) == "2/2 done, 1 failed, 1 rejected");
    });
}

TEST_CASE("progress_of shows nothing for a response that breaks the contract", "[progress][property]")
{
    rc::prop("any text that raises an error rule", [] {
        std::vector<const violation_generator*> errors;
        for (const auto& v : violation_generators())
            if (tc::info(*tc::find_rule(v.rule)).default_severity == tc::severity::error && v.rule != "json/too-large")
                errors.push_back(&v);
        const auto* v = *rc::gen::elementOf(errors);
        RC_ASSERT(progress_of(*v->gen) == "unavailable");
    });
    rc::prop("any valid text", [] { RC_ASSERT(progress_of(*gen_payload()) != "unavailable"); });
}

TEST_CASE("progress_of reads every recorded response, and refuses those that break the contract", "[progress][corpus]")
{
    const auto recorded = GENERATE(from_range(tc::load_corpus(RECORDED_RESPONSES "/docs")));
    CAPTURE(recorded.name);
    std::string error;
    const auto body = tc::read_file(recorded.path, recorded.opts.max_bytes, error);
    REQUIRE(body);
    const bool keeps_contract = tc::replay_case(recorded).raised.empty();
    CHECK((progress_of(*body) != "unavailable") == keeps_contract);
}

TEST_CASE("the fixture is still the reference page's example, as the kit installs it", "[progress][corpus]")
{
    std::string error;
    const auto documented = tc::read_file(tc::installed_corpus_dir() / "docs/in-progress.json", tc::options{}.max_bytes, error);
    REQUIRE(documented);
    CHECK(tc::decode_or_throw(*documented) == tc::decode_or_throw(in_progress));
}

TEST_CASE("poll_progress follows a served recording to the end, one poll a snapshot, with the token", "[progress][server]")
{
    server_options opts;
    opts.token = "tnt_test_consumer";
    server api({RECORDED_RESPONSES "/sequences/valid/reference-in-progress-then-completed"}, opts);
    const auto lines = poll_progress(api.base_url(), "01JQZB4H8A7T5B3R2W1X9Y6Z0K", "tnt_test_consumer", std::chrono::milliseconds(50));
    CHECK(lines == std::vector<std::string>{"1/3 done", "3/3 done"});
    const auto polls = api.journal();
    REQUIRE(polls.size() == 2);
    CHECK(polls[0].bearer);
    CHECK(polls[1].status == 200);
    CHECK(polls[1].received - polls[0].received >= std::chrono::milliseconds(50)); // it waited between polls
}

TEST_CASE("poll_progress stops at an answer that is not a snapshot", "[progress][server]")
{
    server api({RECORDED_RESPONSES "/sequences/valid/reference-in-progress-then-completed"});
    CHECK(poll_progress(api.base_url(), "01JQZB4H8A7T5B3R2W1X9Y6Z0A", "", std::chrono::milliseconds(0)) ==
          std::vector<std::string>{"error HTTP 404"});
    CHECK(poll_progress(api.base_url(), "not-a-job", "", std::chrono::milliseconds(0)) ==
          std::vector<std::string>{"error HTTP 400"});
}
