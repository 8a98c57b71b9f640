// The rules of docs/contract.md sections 3 to 8 (counters and items, item members, publication,
// the job status, credits, time) and what is not reported twice: each on a hand-made payload,
// with its exact findings (rule id, JSON Pointer, line, column and the key words of the message).
#include "job_text.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>

using Catch::Matchers::Contains;
using namespace rule_tests;

// ---- section 3: counts, items, limits ----------------------------------------------------------

TEST_CASE("items not holding total entries is items/count at the items array, and no counts finding", "[validate][counts]")
{
    job_text j; // total 3, queued 2 + generating 1, but 2 items: counts/buckets would also fire
    j.queued = "2";
    j.items.pop_back();
    j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "queued"})";
    j.completed = "0";
    j.credits = R"({"reserved": 3, "consumed": 0, "refunded": 0, "pending_reconciliation": 3})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/count");
    CHECK(d.pointer == "/items");
    CHECK(d.line == 11);
    CHECK(d.column == 12);
    CHECK(d.message == "items holds 2 entries but total is 3");
}

TEST_CASE("counters that do not add up to total are counts/sum-to-total, beside the bucket finding naming the counter",
          "[validate][counts]")
{
    job_text j;
    j.completed = "0"; // one completed item, counted nowhere
    const auto r = check(j);
    CHECK(r.rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    const auto d = of(r, "counts/sum-to-total").at(0);
    CHECK(d.pointer == "/total");
    CHECK(d.line == 6);
    CHECK(d.column == 12);
    CHECK(d.message == "queued 1 + generating 1 + completed 0 + failed 0 + rejected items 0 = 2, but total is 3");
    const auto b = of(r, "counts/buckets").at(0);
    CHECK(b.pointer == "/completed");
    CHECK(b.message == "completed is 0 but 1 item has status \"completed\"");
}

TEST_CASE("a rejected item counted as failed breaks counts/sum-to-total", "[validate][counts]")
{
    auto j = job_with_rejected_item(
        R"({"index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})");
    j.failed = "1";
    const auto r = check(j);
    CHECK(r.rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    CHECK_THAT(of(r, "counts/sum-to-total").at(0).message, Contains("rejected items 1 = 4, but total is 3"));
    CHECK(of(r, "counts/buckets").at(0).message == "failed is 1 but 0 items have status \"failed\"");
}

TEST_CASE("a counter that differs from its items is counts/buckets, naming the counter and both numbers", "[validate][counts]")
{
    job_text j; // items: queued, generating, generating
    j.queued = "2";
    j.generating = "1";
    j.completed = "0";
    j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "generating", "publication_status": "pending"})";
    j.credits = R"({"reserved": 3, "consumed": 0, "refunded": 0, "pending_reconciliation": 3})";
    const auto r = check(j);
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.rule_ids() == ids{"counts/buckets"});
    const auto& queued = r.diagnostics[0];
    CHECK(queued.pointer == "/queued");
    CHECK(queued.line == 7);
    CHECK(queued.column == 13);
    CHECK(queued.message == "queued is 2 but 1 item has status \"queued\"");
    const auto& generating = r.diagnostics[1];
    CHECK(generating.pointer == "/generating");
    CHECK(generating.line == 8);
    CHECK(generating.column == 17);
    CHECK(generating.message == "generating is 1 but 2 items have status \"generating\"");
}

TEST_CASE("an index outside 0 to total-1 is items/index-range at that index", "[validate][items]")
{
    job_text j;
    j.items[2] = R"({"index": 3, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/index-range");
    CHECK(d.pointer == "/items/2/index");
    CHECK(d.line == 14);
    CHECK(d.column == 15);
    CHECK(d.message == "index 3 is outside [0, total) = [0, 3)");
}

TEST_CASE("two items sharing an index are items/index-unique at the second one", "[validate][items]")
{
    job_text j;
    j.items[2] = R"({"index": 1, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/index-unique");
    CHECK(d.pointer == "/items/2/index");
    CHECK(d.line == 14);
    CHECK(d.column == 15);
    CHECK(d.message == "index 1 is also the index of /items/1");
}

TEST_CASE("three items sharing an index are two items/index-unique, each naming the first", "[validate][items]")
{
    job_text j;
    j.items[1] = R"({"index": 0, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "generating", "publication_status": "pending"})";
    j.items[2] = R"({"index": 0, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto r = check(j);
    CHECK(r.rule_ids() == ids{"items/index-unique"});
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].pointer == "/items/1/index");
    CHECK(r.diagnostics[0].message == "index 0 is also the index of /items/0");
    CHECK(r.diagnostics[1].pointer == "/items/2/index");
    CHECK(r.diagnostics[1].message == "index 0 is also the index of /items/0");
}

TEST_CASE("items out of index order are one items/order warning at the first step back", "[validate][items]")
{
    job_text j; // indexes 2, 1, 0
    std::swap(j.items[0], j.items[2]);
    const auto r = check(j);
    const auto d = only(r);
    CHECK(d.rule == "items/order");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/items/1/index");
    CHECK(d.line == 13);
    CHECK(d.column == 15);
    CHECK(d.message == "items are not in ascending index order: index 1 follows index 2");
    CHECK(r.ok());
}

TEST_CASE("two items sharing a tent_id are items/tent-id-unique at the second one", "[validate][items]")
{
    job_text j;
    j.items[2] = R"({"tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "index": 2, "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "items/tent-id-unique");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.line == 14);
    CHECK(d.column == 17);
    CHECK(d.message == "tent_id " + tent_a + " is also the tent_id of /items/0");
}

TEST_CASE("distinct tent_ids whose hashes share a bit of the filter are no finding, repeats still are",
          "[validate][items]")
{
    // Validation looks for repeated tent_ids only once two of them share a bit of a filter of
    // their hashes' top 12 bits; equal ids (in any case) always share one.
    const auto filter_bit = [](const std::string& id) { return tc::detail::hash_ignoring_case(id) >> 52; };
    std::string sharing;
    for (std::size_t i = 1; sharing.empty(); ++i) {
        char id[40];
        std::snprintf(id, sizeof id, "b6f8d617-7cfe-4d63-a8e9-%012zx", i);
        if (id != tent_a && filter_bit(id) == filter_bit(tent_a)) sharing = id;
    }
    job_text j;
    j.items[1] = R"({"index": 1, "tent_id": ")" + sharing +
                 R"(", "tent_name": "Page 2", "status": "generating", "publication_status": "pending"})";
    const auto clean = check(j);
    CHECK(clean.diagnostics.empty());
    std::string upper = tent_a;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    j.items[2] = R"({"index": 2, "tent_id": ")" + upper +
                 R"(", "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto repeated = check(j);
    CHECK(repeated.rule_ids() == ids{"format/uuid-canonical", "items/tent-id-unique"});
    const auto d = of(repeated, "items/tent-id-unique").at(0);
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.message == "tent_id " + upper + " is also the tent_id of /items/0");
}

TEST_CASE("a total of 0 is limits/total", "[validate][limits]")
{
    job_text j;
    j.status = R"("failed")";
    j.total = j.queued = j.generating = j.completed = j.failed = "0";
    j.items.clear();
    j.credits = R"({"reserved": 0, "consumed": 0, "refunded": 0, "pending_reconciliation": 0})";
    const auto d = only(check(j));
    CHECK(d.rule == "limits/total");
    CHECK(d.pointer == "/total");
    CHECK(d.line == 6);
    CHECK(d.column == 12);
    CHECK_THAT(d.message, Contains("total is 0, outside 1..25"));
}

// ---- section 4: items --------------------------------------------------------------------------

TEST_CASE("an accepted item without tent_id is item/tent-id at the item's brace", "[validate][item]")
{
    job_text j;
    j.items[2] = R"({"index": 2, "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    const auto d = only(check(j));
    CHECK(d.rule == "item/tent-id");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.line == 14);
    CHECK(d.column == 5);
    CHECK_THAT(d.message, Contains("status \"queued\"") && Contains("has no tent_id"));
}

TEST_CASE("a rejected item with a tent_id is reported at its pointer", "[validate][item]")
{
    const auto d = only(check(job_with_rejected_item(
        R"({"tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})")));
    CHECK(d.rule == "item/tent-id");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK(d.line == 14);
    CHECK(d.column == 17);
    CHECK_THAT(d.message, Contains("a rejected item has tent_id " + tent_c));
}

TEST_CASE("a rejected item repeating another item's tent_id is item/tent-id alone, not a repeat", "[validate][item]")
{
    // A rejected item was never queued: its tent_id is wrong by itself (item/tent-id), and names
    // no tent of its own that could repeat another's (items/tent-id-unique, docs/rules.md).
    const auto d = only(check(job_with_rejected_item(
        R"({"tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})")));
    CHECK(d.rule == "item/tent-id");
    CHECK(d.pointer == "/items/2/tent_id");
    CHECK_THAT(d.message, Contains("a rejected item has tent_id " + tent_a));
}

TEST_CASE("an accepted item without tent_name is item/tent-name", "[validate][item]")
{
    auto j = completed_job();
    j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "status": "completed", "publication_status": "published", "published_url": "https://example.com/1"})";
    const auto d = only(check(j));
    CHECK(d.rule == "item/tent-name");
    CHECK(d.pointer == "/items/0/tent_name");
    CHECK(d.line == 12);
    CHECK(d.column == 5);
    CHECK_THAT(d.message, Contains("status \"completed\"") && Contains("no tent_name"));
}

TEST_CASE("a rejected item without error_code is item/error-code", "[validate][item]")
{
    const auto d = only(check(job_with_rejected_item(R"({"index": 2, "status": "rejected", "message": "Not enough credits"})")));
    CHECK(d.rule == "item/error-code");
    CHECK(d.pointer == "/items/2/error_code");
    CHECK(d.line == 14);
    CHECK(d.column == 5);
    CHECK(d.message == "a rejected item has no error_code (present for rejected items)");
}

TEST_CASE("a generating item with an error_code is item/unexpected-error-code, a warning", "[validate][item]")
{
    job_text j;
    j.items[1] = R"({"error_code": "SLOW", "index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "generating", "publication_status": "pending"})";
    const auto r = check(j);
    const auto d = only(r);
    CHECK(d.rule == "item/unexpected-error-code");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/items/1/error_code");
    CHECK(d.line == 13);
    CHECK(d.column == 20);
    CHECK_THAT(d.message, Contains("status \"generating\"") && Contains("error_code SLOW"));
    CHECK(r.ok());
}

TEST_CASE("a failed or rejected item without message is item/message", "[validate][item]")
{
    SECTION("failed")
    {
        const auto d = only(check(job_with_failed_item(
            R"({"index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "failed"})")));
        CHECK(d.rule == "item/message");
        CHECK(d.pointer == "/items/1/message");
        CHECK(d.line == 13);
        CHECK(d.column == 5);
        CHECK_THAT(d.message, Contains("status \"failed\" has no message"));
    }
    SECTION("rejected")
    {
        const auto d = only(check(
            job_with_rejected_item(R"({"index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS"})")));
        CHECK(d.rule == "item/message");
        CHECK(d.pointer == "/items/2/message");
        CHECK_THAT(d.message, Contains("status \"rejected\" has no message"));
    }
}

TEST_CASE("a completed item with a message is item/unexpected-message, a warning", "[validate][item]")
{
    auto j = completed_job();
    j.items[2] = R"({"message": "done", "index": 2, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "completed", "publication_status": "published", "published_url": "https://example.com/3"})";
    const auto d = only(check(j));
    CHECK(d.rule == "item/unexpected-message");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/items/2/message");
    CHECK(d.line == 14);
    CHECK(d.column == 17);
    CHECK_THAT(d.message, Contains("status \"completed\" carries a message"));
}

// ---- section 5: publication --------------------------------------------------------------------

TEST_CASE("published without published_url, or a url without a published status, is publication/url", "[validate][publication]")
{
    SECTION("published, no url: at the item's brace")
    {
        job_text j;
        j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "published"})";
        const auto d = only(check(j));
        CHECK(d.rule == "publication/url");
        CHECK(d.pointer == "/items/0/published_url");
        CHECK(d.line == 12);
        CHECK(d.column == 5);
        CHECK(d.message == "publication_status is \"published\" but published_url is absent");
    }
    SECTION("pending with a url: at the url")
    {
        job_text j;
        j.items[0] = R"({"published_url": "https://example.com/1", "index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "publication_status": "pending"})";
        const auto d = only(check(j));
        CHECK(d.rule == "publication/url");
        CHECK(d.pointer == "/items/0/published_url");
        CHECK(d.line == 12);
        CHECK(d.column == 23);
        CHECK_THAT(d.message, Contains("published_url is present but publication_status is \"pending\""));
    }
    SECTION("a url and no publication_status")
    {
        job_text j;
        j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "completed", "published_url": "https://example.com/1"})";
        const auto d = only(check(j));
        CHECK(d.rule == "publication/url");
        CHECK_THAT(d.message, Contains("publication_status is absent"));
    }
}

TEST_CASE("publication on an item that is not completed is publication/requires-generation", "[validate][publication]")
{
    SECTION("published while generating")
    {
        job_text j;
        j.items[1] = R"({"publication_status": "published", "index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "generating", "published_url": "https://example.com/2"})";
        const auto d = only(check(j));
        CHECK(d.rule == "publication/requires-generation");
        CHECK(d.pointer == "/items/1/publication_status");
        CHECK(d.line == 13);
        CHECK(d.column == 28);
        CHECK(d.message ==
              "publication_status \"published\" on an item with status \"generating\" (only a completed tent is published)");
    }
    SECTION("a published_url on a rejected item, which is also a url without a published status")
    {
        const auto r = check(job_with_rejected_item(
            R"({"published_url": "https://example.com/3", "index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})"));
        CHECK(r.rule_ids() == ids{"publication/requires-generation", "publication/url"});
        const auto d = of(r, "publication/requires-generation").at(0);
        CHECK(d.pointer == "/items/2/published_url");
        CHECK(d.line == 14);
        CHECK(d.column == 23);
        CHECK_THAT(d.message, Contains("a rejected item carries publication fields"));
    }
}

TEST_CASE("publication fields in a job without auto_publish are a requires-auto-publish warning per item", "[validate][publication]")
{
    job_text j;
    j.auto_publish = "false";
    const auto r = check(j);
    CHECK(r.ok());
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.rule_ids() == ids{"publication/requires-auto-publish"});
    CHECK(r.diagnostics[0].pointer == "/items/0/publication_status");
    CHECK(r.diagnostics[0].severity == tc::severity::warning);
    CHECK(r.diagnostics[1].pointer == "/items/1/publication_status");
    CHECK(r.diagnostics[2].pointer == "/items/2/publication_status");
    CHECK(r.diagnostics[2].line == 14);
    CHECK_THAT(r.diagnostics[0].message, Contains("auto_publish is false"));
}

TEST_CASE("publication pending on a failed item is publication/stale-pending, a warning", "[validate][publication]")
{
    const auto d = only(check(job_with_failed_item(
        R"({"publication_status": "pending", "index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "failed", "message": "Generation failed"})")));
    CHECK(d.rule == "publication/stale-pending");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/items/1/publication_status");
    CHECK(d.line == 13);
    CHECK(d.column == 28);
    CHECK_THAT(d.message, Contains("\"pending\" on a failed item"));
}

// ---- section 6: job status ---------------------------------------------------------------------

TEST_CASE("a job status the counters contradict names the status they imply", "[validate][status]")
{
    SECTION("running, but nothing is queued or generating")
    {
        auto j = completed_job();
        j.status = R"("running")";
        const auto d = only(check(j));
        CHECK(d.rule == "status/consistent-with-counts");
        CHECK(d.pointer == "/status");
        CHECK(d.line == 3);
        CHECK(d.column == 13);
        CHECK(d.message == "status \"running\" contradicts the counters: queued 0, generating 0, completed 3, "
                           "failed 0 of 3 accepted items imply \"completed\"");
    }
    SECTION("accepted while items are generating and completed")
    {
        job_text j;
        j.status = R"("accepted")";
        const auto d = only(check(j));
        CHECK(d.rule == "status/consistent-with-counts");
        CHECK_THAT(d.message, Contains("status \"accepted\" contradicts") && Contains("imply \"running\""));
    }
    SECTION("completed while every item is still queued: credits/settled holds as well")
    {
        job_text j;
        j.status = R"("completed")";
        j.queued = "3";
        j.generating = j.completed = "0";
        j.items[0] = R"({"index": 0, "tent_id": "b6f8d617-7cfe-4d63-a8e9-5d971780d57f", "tent_name": "Page 1", "status": "queued", "publication_status": "pending"})";
        j.items[1] = R"({"index": 1, "tent_id": "85833f2b-40ba-4af4-b820-cf13f7356d7a", "tent_name": "Page 2", "status": "queued", "publication_status": "pending"})";
        j.credits = R"({"reserved": 3, "consumed": 0, "refunded": 0, "pending_reconciliation": 3})";
        const auto r = check(j);
        CHECK(r.rule_ids() == ids{"credits/settled", "status/consistent-with-counts"});
        const auto status = of(r, "status/consistent-with-counts");
        REQUIRE(status.size() == 1);
        CHECK(status[0].message == "status \"completed\" contradicts the counters: queued 3, generating 0, completed 0, "
                                   "failed 0 of 3 accepted items imply \"accepted\" or \"running\"");
    }
    SECTION("every item rejected, but not failed: the message says the reference leaves it open")
    {
        job_text j;
        j.status = R"("completed")";
        j.total = "2";
        j.queued = j.generating = j.completed = j.failed = "0";
        j.items = {R"({"index": 0, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})",
                   R"({"index": 1, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})"};
        j.credits = R"({"reserved": 0, "consumed": 0, "refunded": 0, "pending_reconciliation": 0})";
        const auto d = only(check(j));
        CHECK(d.rule == "status/consistent-with-counts");
        CHECK_THAT(d.message, Contains("every item was rejected") && Contains("leaves this case open") &&
                                  Contains("\"failed\""));
    }
}

// ---- section 7: credits ------------------------------------------------------------------------

TEST_CASE("credits that do not balance are credits/balance at reserved, and no unit-cost finding", "[validate][credits]")
{
    job_text j; // pending_reconciliation 1 would also break the unit cost (expected 2)
    j.credits = R"({"reserved": 3, "consumed": 1, "refunded": 0, "pending_reconciliation": 1})";
    const auto d = only(check(j));
    CHECK(d.rule == "credits/balance");
    CHECK(d.pointer == "/credits/reserved");
    CHECK(d.line == 16);
    CHECK(d.column == 27);
    CHECK(d.message == "reserved 3 != consumed 1 + refunded 0 + pending_reconciliation 1 = 2");
}

TEST_CASE("a terminal job with credits pending is credits/settled at pending_reconciliation", "[validate][credits]")
{
    auto j = completed_job();
    j.credits = R"({"reserved": 4, "consumed": 3, "refunded": 0, "pending_reconciliation": 1})";
    const auto r = check(j);
    const auto d = only(r);
    CHECK(d.rule == "credits/settled");
    CHECK(d.severity == tc::severity::warning);
    CHECK(d.pointer == "/credits/pending_reconciliation");
    CHECK(d.line == 16);
    CHECK(d.column == 86);
    CHECK_THAT(d.message, Contains("\"completed\" is terminal") && Contains("pending_reconciliation is 1"));
    CHECK(r.ok());
}

TEST_CASE("credits that follow no fixed cost per item are credits/unit-cost, naming the expected value", "[validate][credits]")
{
    SECTION("consumed at 1 per item where reserved says 2")
    {
        auto j = completed_job();
        j.credits = R"({"reserved": 6, "consumed": 3, "refunded": 3, "pending_reconciliation": 0})";
        const auto d = only(check(j));
        CHECK(d.rule == "credits/unit-cost");
        CHECK(d.severity == tc::severity::warning);
        CHECK(d.pointer == "/credits/consumed");
        CHECK(d.line == 16);
        CHECK(d.column == 42);
        CHECK(d.message == "consumed is 3 but at 2 credits per accepted item (reserved 6 for 3) it should be "
                           "2 x completed 3 = 6");
    }
    SECTION("reserved not a multiple of the accepted items")
    {
        auto j = job_with_rejected_item(
            R"({"index": 2, "status": "rejected", "error_code": "INSUFFICIENT_CREDITS", "message": "Not enough credits"})");
        j.credits = R"({"reserved": 3, "consumed": 1, "refunded": 1, "pending_reconciliation": 1})";
        const auto d = only(check(j));
        CHECK(d.rule == "credits/unit-cost");
        CHECK(d.pointer == "/credits/reserved");
        CHECK_THAT(d.message, Contains("reserved 3 is not a positive multiple of the 2 accepted items"));
    }
}

// ---- section 8: time ---------------------------------------------------------------------------

TEST_CASE("updated_at earlier than created_at is time/order at updated_at", "[validate][time]")
{
    job_text j;
    j.updated_at = R"("2026-03-25T14:29:59.999Z")";
    const auto d = only(check(j));
    CHECK(d.rule == "time/order");
    CHECK(d.pointer == "/updated_at");
    CHECK(d.line == 18);
    CHECK(d.column == 17);
    CHECK(d.message == "updated_at 2026-03-25T14:29:59.999Z is earlier than created_at 2026-03-25T14:30:00.000Z");
}

TEST_CASE("time/order compares instants, not texts, across offsets", "[validate][time]")
{
    SECTION("15:00+01:00 is 14:00Z, before 14:30Z")
    {
        job_text j;
        j.updated_at = R"("2026-03-25T15:00:00.000+01:00")";
        const auto r = check(j);
        CHECK(r.rule_ids() == ids{"format/timestamp-canonical", "time/order"});
    }
    SECTION("13:30-01:00 is 14:30Z, the same instant: only the canonical-form warning")
    {
        job_text j;
        j.updated_at = R"("2026-03-25T13:30:00.000-01:00")";
        const auto r = check(j);
        CHECK(r.rule_ids() == ids{"format/timestamp-canonical"});
    }
    SECTION("an invalid updated_at is format/timestamp alone")
    {
        job_text j;
        j.updated_at = R"("2026-03-25T24:00:00.000Z")";
        CHECK(check(j).rule_ids() == ids{"format/timestamp"});
    }
    SECTION("a leap second lies after second 59 and before the next minute, as its text does")
    {
        job_text j;
        j.created_at = R"("2026-03-26T00:00:00.000Z")";
        j.updated_at = R"("2026-03-25T23:59:60.999Z")";
        CHECK(check(j).rule_ids() == ids{"time/order"});
        j.created_at = R"("2026-03-25T23:59:59.999Z")";
        CHECK(check(j).rule_ids().empty());
        j.created_at = R"("2026-03-26T00:59:60.000+01:00")"; // the same leap second, an hour east
        j.updated_at = R"("2026-03-25T23:59:60.000Z")";
        CHECK(check(j).rule_ids() == ids{"format/timestamp-canonical"});
    }
    SECTION("a leap second's fraction is before the next minute: texts in order are instants in order")
    {
        job_text j; // a hostile trial had 23:59:60.500 and 00:00:00.100 out of order
        j.created_at = R"("2016-12-31T23:59:60.500Z")";
        j.updated_at = R"("2017-01-01T00:00:00.100Z")";
        CHECK(check(j).rule_ids().empty());
        j.updated_at = R"("2016-12-31T23:59:60.499Z")";
        CHECK(check(j).rule_ids() == ids{"time/order"});
    }
    SECTION("a date that does not exist is format/timestamp alone, whatever its text's order")
    {
        job_text j;
        j.created_at = R"("2026-03-01T00:00:00.000Z")";
        j.updated_at = R"("2026-02-30T00:00:00.000Z")"; // as a count of days, March 2nd: later
        CHECK(check(j).rule_ids() == ids{"format/timestamp"});
    }
    SECTION("a millisecond later is in order")
    {
        job_text j;
        j.updated_at = R"("2026-03-25T14:30:00.001Z")";
        CHECK(check(j).rule_ids().empty());
        j.updated_at = R"("2026-03-25T14:30:00.000Z")";
        CHECK(check(j).rule_ids().empty());
    }
}

// ---- no cascade --------------------------------------------------------------------------------

TEST_CASE("a root cause is reported once: the rules that would only restate it stay silent", "[validate][cascade]")
{
    SECTION("items/count suppresses counts/buckets and credits/unit-cost")
    {
        job_text j; // total 4 = queued 2 + generating 1 + completed 1, but 3 items, 1 of them queued
        j.total = "4";
        j.queued = "2";
        j.credits = R"({"reserved": 4, "consumed": 1, "refunded": 0, "pending_reconciliation": 3})";
        CHECK(check(j).rule_ids() == ids{"items/count"});
    }
    SECTION("counts/sum-to-total comes with counts/buckets; they suppress status and credits/unit-cost")
    {
        auto j = completed_job();
        j.completed = "2";
        j.status = R"("running")";
        CHECK(check(j).rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    }
    SECTION("counts/buckets suppresses status/consistent-with-counts and credits/unit-cost")
    {
        auto j = completed_job(); // 3 completed items counted as completed 2, failed 1
        j.completed = "2";
        j.failed = "1";
        CHECK(check(j).rule_ids() == ids{"counts/buckets"});
    }
    SECTION("credits/balance suppresses credits/unit-cost and credits/settled")
    {
        auto j = completed_job();
        j.credits = R"({"reserved": 5, "consumed": 3, "refunded": 0, "pending_reconciliation": 1})";
        CHECK(check(j).rule_ids() == ids{"credits/balance"});
    }
    SECTION("publication/requires-generation does not suppress publication/url: both hold")
    {
        job_text j; // published while queued, without a url
        j.items[2] = R"({"index": 2, "tent_id": "53e8237e-0c87-495d-8d10-946db64dbf8d", "tent_name": "Page 3", "status": "queued", "publication_status": "published"})";
        CHECK(check(j).rule_ids() == ids{"publication/requires-generation", "publication/url"});
    }
    SECTION("an item status outside its set suppresses the counts and that item's rules")
    {
        job_text j;
        j.items[2] = R"({"index": 2, "status": "waiting"})";
        CHECK(check(j).rule_ids() == ids{"schema/enum"});
    }
    SECTION("a missing counter suppresses every rule that needs it")
    {
        job_text j; // "accepted" contradicts generating 1, completed 1: not reported without queued
        j.queued.clear();
        j.status = R"("accepted")";
        CHECK(check(j).rule_ids() == ids{"schema/required"});
    }
    SECTION("an unparsable created_at suppresses time/order")
    {
        job_text j;
        j.created_at = R"("yesterday")";
        j.updated_at = R"("2000-01-01T00:00:00.000Z")";
        CHECK(check(j).rule_ids() == ids{"format/timestamp"});
    }
}

TEST_CASE("a rule off or a warning holds nothing back: issue 11's payload still names the wrong counter",
          "[validate][cascade][options]")
{
    // status completed, completed 2, failed 1, total 2; the items: one completed, one failed.
    const auto text = support::read(support::corpus_dir() / "invalid/counts/buckets/completed-2-failed-1-of-total-2-one-item-each.json");
    const std::string buckets = "completed is 2 but 1 item has status \"completed\"";
    const auto r = tc::validate(text);
    CHECK(r.rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    CHECK(of(r, "counts/buckets").at(0).message == buckets);
    tc::options off;
    off.disable("counts/sum-to-total");
    const auto d = only(tc::validate(text, off));
    CHECK(d.rule == "counts/buckets");
    CHECK(d.message == buckets);
    tc::options warning;
    warning.set_severity("counts/sum-to-total", tc::severity::warning);
    const auto w = tc::validate(text, warning);
    CHECK(w.rule_ids() == ids{"counts/buckets", "counts/sum-to-total"});
    CHECK(of(w, "counts/sum-to-total").at(0).severity == tc::severity::warning);
    CHECK_FALSE(w.ok());
}

TEST_CASE("independent findings are all collected, sorted by position", "[validate]")
{
    job_text j;
    j.bulk_job_id = R"("01jqzb4h8a7t5b3r2w1x9y6z0k")";
    j.items[2] = R"({"index": 2, "tent_name": "Page 3", "status": "queued", "publication_status": "pending"})";
    j.credits = R"({"reserved": 3, "consumed": 1, "refunded": 0, "pending_reconciliation": 1})";
    j.extra = {R"("priority": "high")"};
    const auto r = check(j);
    CHECK(r.rule_ids() == ids{"credits/balance", "format/ulid-canonical", "item/tent-id", "schema/unknown-field"});
    REQUIRE(r.diagnostics.size() == 4);
    CHECK(r.diagnostics[0].rule == "format/ulid-canonical");
    CHECK(r.diagnostics[1].rule == "item/tent-id");
    CHECK(r.diagnostics[2].rule == "credits/balance");
    CHECK(r.diagnostics[3].rule == "schema/unknown-field");
    for (std::size_t i = 1; i < r.diagnostics.size(); ++i) CHECK(r.diagnostics[i - 1].offset <= r.diagnostics[i].offset);
    CHECK(r.count(tc::severity::error) == 2);
    CHECK(r.count(tc::severity::warning) == 2);
}
