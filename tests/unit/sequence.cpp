// Mirrors sequence.hpp: every rule of docs/contract.md section 9, what a finding names, and the
// no-cascade choices.
#include <tented/contract/locate.hpp>
#include <tented/contract/position.hpp>
#include <tented/contract/sequence.hpp>

#include "jobs.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <tuple>

namespace tc = tented::contract;
using S = tc::item_status;
using J = tc::job_status;

namespace {

/// Feeds `polls` in order; returns the distinct rule ids of the last poll's report.
std::vector<std::string> last_ids(const std::vector<tc::bulk_job>& polls, tc::report* last = nullptr)
{
    tc::sequence_checker seq;
    tc::report r;
    for (std::size_t i = 0; i < polls.size(); ++i) {
        r = seq.add(jobs::text(polls[i]), "poll" + std::to_string(i + 1) + ".json");
        if (i + 1 < polls.size()) REQUIRE(r.diagnostics.empty());
    }
    if (last) *last = r;
    return r.rule_ids();
}

using ids = std::vector<std::string>;

} // namespace

TEST_CASE("a lawful lifecycle raises nothing", "[seq]")
{
    const auto a = jobs::make({S::queued, S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto b = jobs::make({S::generating, S::queued}, J::running, 1, "2026-03-25T14:30:10.000Z");
    const auto c = jobs::make({S::completed, S::failed}, J::completed_with_failures, 1, "2026-03-25T14:31:00.000Z");
    CHECK(last_ids({a, b, c}).empty());
}

TEST_CASE("a poll of another job is reported and compared with nothing else", "[seq][seq/same-job]")
{
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto other = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:31:00.000Z");
    other.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    tc::report r;
    CHECK(last_ids({a, other}, &r) == ids{"seq/same-job"});
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].pointer == "/bulk_job_id");
    CHECK_THAT(r.diagnostics[0].message, Catch::Contains(R"("01JQZB4H8A7T5B3R2W1X9Y6Z0M" differs from "01JQZB4H8A7T5B3R2W1X9Y6Z0K")") &&
                                             Catch::Contains("previous poll: poll1.json:1:"));
}

TEST_CASE("the foreign poll does not replace the previous one", "[seq][seq/same-job]")
{
    tc::sequence_checker seq;
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto other = a;
    other.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const auto b = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:05.000Z");
    CHECK(seq.add(jobs::text(a), "1").diagnostics.empty());
    CHECK(seq.add(jobs::text(other), "2").rule_ids() == ids{"seq/same-job"});
    CHECK(seq.add(jobs::text(b), "3").diagnostics.empty());
    CHECK(seq.size() == 3);
}

TEST_CASE("immutable members that change are each reported at the newer poll", "[seq][seq/immutable]")
{
    const auto a = jobs::make({S::queued, S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto b = jobs::make({S::generating, S::queued}, J::running, 1, "2026-03-25T14:30:10.000Z");
    b.template_id.text = "tpl_OTHER";
    b.items[1].tent_name = "Renamed";
    tc::report r;
    CHECK(last_ids({a, b}, &r) == ids{"seq/immutable"});
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].pointer == "/template_id");
    CHECK_THAT(r.diagnostics[0].message, Catch::Contains(R"(template_id changed from "tpl_01JABC123XYZ" to "tpl_OTHER")"));
    CHECK(r.diagnostics[1].pointer == "/items/1/tent_name");
    CHECK_THAT(r.diagnostics[1].message, Catch::Contains("changed from \"Page 1\" to \"Renamed\""));
}

TEST_CASE("a value quoted in a sequence message has its quotes and backslashes escaped", "[seq][seq/immutable]")
{
    // Values no template_id may hold (format/template-id says so too): the message must still
    // show where each ends.
    const auto with_template = [](const tc::bulk_job& j, const std::string& id) {
        auto text = jobs::text(j);
        const auto at = text.find("tpl_01JABC123XYZ");
        return text.replace(at, std::string_view("tpl_01JABC123XYZ").size(), id);
    };
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto b = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:05.000Z");
    tc::sequence_checker seq;
    seq.add(with_template(a, "x to y"), "poll1.json");
    const auto r = seq.add(with_template(b, R"(z\" to \"w\\)"), "poll2.json");
    std::vector<std::string> changed;
    for (const auto& d : r.diagnostics)
        if (d.rule == "seq/immutable") changed.push_back(d.message);
    REQUIRE(changed.size() == 1);
    CHECK_THAT(changed[0], Catch::StartsWith(R"(template_id changed from "x to y" to "z\" to \"w\\")"));
}

TEST_CASE("created_at written differently but naming the same instant has not changed", "[seq][seq/immutable]")
{
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto b = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    b.created_at.text = "2026-03-25T16:30:00.000+02:00";
    tc::report r;
    last_ids({a, b}, &r);
    CHECK(r.rule_ids() == ids{"format/timestamp-canonical"});
}

TEST_CASE("a tent_id that changes is reported with both values", "[seq][seq/tent-id-stable]")
{
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto b = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    b.items[0].tent_id = tc::uuid{jobs::tent_id(7)};
    tc::report r;
    CHECK(last_ids({a, b}, &r) == ids{"seq/tent-id-stable"});
    CHECK(r.diagnostics[0].pointer == "/items/0/tent_id");
    CHECK_THAT(r.diagnostics[0].message, Catch::Contains("changed from \"" + jobs::tent_id(0) + "\" to \"" + jobs::tent_id(7) + "\""));
}

TEST_CASE("a tent_id compared between polls ignores letter case, and a change is quoted as sent", "[seq][seq/tent-id-stable]")
{
    const auto upper = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return s;
    };
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto b = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    b.items[0].tent_id = tc::uuid{upper(jobs::tent_id(0))};
    tc::report r;
    CHECK(last_ids({a, b}, &r) == ids{"format/uuid-canonical"});
    b.items[0].tent_id = tc::uuid{upper(jobs::tent_id(7))};
    CHECK(last_ids({a, b}, &r) == ids{"format/uuid-canonical", "seq/tent-id-stable"});
    const auto changed = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                                      [](const auto& d) { return d.rule == "seq/tent-id-stable"; });
    REQUIRE(changed != r.diagnostics.end());
    CHECK_THAT(changed->message,
               Catch::Contains("changed from \"" + jobs::tent_id(0) + "\" to \"" + upper(jobs::tent_id(7)) + "\""));
}

TEST_CASE("findings name their place in a long previous poll exactly, each found from a checkpoint", "[seq][position]")
{
    // The previous poll's places are walked to from a checkpoint every 4 KiB, not from its start
    // (a walk per finding made two polls of 40,000 changed tent_ids take 44 s): each must be the
    // line and column that a walk from the start gives.
    const std::vector<S> statuses(300, S::queued);
    const auto a = jobs::make(statuses, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto b = jobs::make(std::vector<S>(300, S::generating), J::running, 1, "2026-03-25T14:30:10.000Z");
    for (std::size_t i = 0; i < 300; ++i) b.items[i].tent_id = tc::uuid{jobs::tent_id(1000 + i)};
    const auto first = jobs::text(a);
    REQUIRE(first.size() > 4 * 4096);
    tc::options opts;
    opts.max_items = 300; // limits/total: 25 by default
    tc::sequence_checker seq(opts);
    REQUIRE(seq.add(first, "poll1.json").diagnostics.empty());
    const auto r = seq.add(jobs::text(b), "poll2.json");
    std::size_t checked = 0;
    for (const auto& d : r.diagnostics) {
        if (d.rule != "seq/tent-id-stable") continue;
        const auto at = tc::find_pointer(first, d.pointer);
        REQUIRE(at);
        const auto lc = tc::locate(first, *at);
        INFO(d.message);
        CHECK_THAT(d.message, Catch::Contains("(previous poll: poll1.json:" + std::to_string(lc.line) + ":" +
                                              std::to_string(lc.column) + ")"));
        ++checked;
    }
    CHECK(checked == 300);
}

TEST_CASE("updated_at going back is seq/time, and a change without a new updated_at is seq/stale-updated-at", "[seq][seq/time]")
{
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:10.000Z");
    const auto back = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:00.000Z");
    const auto same = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    tc::report r;
    CHECK(last_ids({a, back}, &r) == ids{"seq/time"});
    CHECK(r.diagnostics[0].severity == tc::severity::error);
    CHECK(last_ids({a, same}, &r) == ids{"seq/stale-updated-at"});
    CHECK(r.diagnostics[0].severity == tc::severity::warning);
    CHECK(last_ids({a, a}).empty());
}

TEST_CASE("a leap second lies between second 59 and the next minute for seq/time and seq/stale-updated-at",
          "[seq][seq/time][seq/stale-updated-at]")
{
    const auto at = [](const char* when, S s) {
        auto j = jobs::make({s}, J::running, 1, when);
        j.created_at.text = "2016-12-31T23:00:00.000Z";
        return j;
    };
    // Forward across the leap second: nothing.
    CHECK(last_ids({at("2016-12-31T23:59:59.900Z", S::queued), at("2016-12-31T23:59:60.500Z", S::generating),
                    at("2017-01-01T00:00:00.100Z", S::generating)})
              .empty());
    // Back from the next minute into the leap second.
    tc::report r;
    CHECK(last_ids({at("2017-01-01T00:00:00.000Z", S::queued), at("2016-12-31T23:59:60.000Z", S::generating)}, &r) ==
          ids{"seq/time"});
    CHECK_THAT(r.diagnostics[0].message,
               Catch::StartsWith("updated_at went back from 2017-01-01T00:00:00.000Z to 2016-12-31T23:59:60.000Z"));
    // The leap second and the next minute's start are two times, not a stale one.
    CHECK(last_ids({at("2016-12-31T23:59:60.000Z", S::queued), at("2017-01-01T00:00:00.000Z", S::generating)}).empty());
    // The same leap second written an hour east is the same time (and not the documented form).
    CHECK(last_ids({at("2016-12-31T23:59:60.000Z", S::queued), at("2017-01-01T00:59:60.000+01:00", S::generating)}) ==
          ids{"format/timestamp-canonical", "seq/stale-updated-at"});
}

TEST_CASE("a job status that moves backwards is seq/job-transition", "[seq][seq/job-transition]")
{
    const auto running = jobs::make({S::queued, S::queued}, J::running, 1, "2026-03-25T14:30:00.000Z");
    const auto accepted = jobs::make({S::queued, S::queued}, J::accepted, 1, "2026-03-25T14:30:10.000Z");
    tc::report r;
    CHECK(last_ids({running, accepted}, &r) == ids{"seq/job-transition"});
    CHECK_THAT(r.diagnostics[0].message, Catch::Contains("from \"running\" to \"accepted\""));
    const auto running_later = jobs::make({S::queued, S::queued}, J::running, 1, "2026-03-25T14:30:20.000Z");
    CHECK(last_ids({accepted, running_later}).empty());
}

TEST_CASE("an item that moves backwards is seq/item-transition, not also counts, and the job leaving a terminal status is "
          "seq/job-transition still",
          "[seq][seq/item-transition][seq/job-transition]")
{
    const auto done = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:30:00.000Z");
    const auto again = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    tc::report r;
    CHECK(last_ids({done, again}, &r) == ids{"seq/item-transition", "seq/job-transition"});
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].pointer == "/status");
    CHECK_THAT(r.diagnostics[0].message, Catch::Contains("from \"completed\" to \"running\" (a terminal status never changes)"));
    CHECK(r.diagnostics[1].pointer == "/items/0/status");
    CHECK_THAT(r.diagnostics[1].message, Catch::Contains("\"completed\" never changes"));
}

TEST_CASE("items are matched by index whatever their order in each poll", "[seq][seq/item-transition]")
{
    // Matched through lists sorted by index, not a hash table of indexes, which a sender can
    // crowd into one bucket (multiples of its size: 100,000 items took 82 s to compare).
    const auto a = jobs::make({S::completed, S::queued, S::queued}, J::running, 1, "2026-03-25T14:30:00.000Z");
    auto b = jobs::make({S::generating, S::queued, S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    std::reverse(b.items.begin(), b.items.end());
    tc::report r;
    last_ids({a, b}, &r);
    std::vector<tc::diagnostic> transitions;
    for (const auto& d : r.diagnostics)
        if (d.rule == "seq/item-transition") transitions.push_back(d);
    REQUIRE(transitions.size() == 1);
    CHECK(transitions[0].pointer == "/items/2/status");
    CHECK_THAT(transitions[0].message, Catch::StartsWith("item 0 moved from \"completed\" to \"generating\""));
}

TEST_CASE("a credit reservation that changes is seq/monotonic-counts", "[seq][seq/monotonic-counts]")
{
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto b = jobs::make({S::generating}, J::running, 2, "2026-03-25T14:30:10.000Z");
    tc::report r;
    CHECK(last_ids({a, b}, &r) == ids{"seq/monotonic-counts"});
    CHECK(r.diagnostics[0].pointer == "/credits/reserved");
    CHECK_THAT(r.diagnostics[0].message, Catch::Contains("credits.reserved changed from 1 to 2"));
}

TEST_CASE("publication that goes back to pending, or a URL that changes, is seq/publication-transition", "[seq][seq/publication-transition]")
{
    auto a = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:30:00.000Z");
    a.auto_publish = true;
    a.items[0].publication_status = tc::publication_status::published;
    a.items[0].published_url = tc::https_url{"https://acme.tented-pages.com/a"};
    auto b = a;
    b.updated_at.text = "2026-03-25T14:30:10.000Z";
    b.items[0].published_url = tc::https_url{"https://acme.tented-pages.com/b"};
    tc::report r;
    CHECK(last_ids({a, b}, &r) == ids{"seq/publication-transition"});
    CHECK(r.diagnostics[0].pointer == "/items/0/published_url");
    auto c = a;
    c.updated_at.text = "2026-03-25T14:30:10.000Z";
    c.items[0].publication_status = tc::publication_status::pending;
    c.items[0].published_url.reset();
    CHECK(last_ids({a, c}, &r) == ids{"seq/publication-transition"});
}

TEST_CASE("with the job polled named, a poll of another is seq/same-job from the first on, and not kept", "[seq][seq/same-job]")
{
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto other = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:31:00.000Z");
    other.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const auto later = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:05.000Z");
    tc::sequence_checker seq;
    seq.expect_job("01jqzb4h8a7t5b3r2w1x9y6z0k"); // ULIDs are read without regard to case
    const auto first = seq.add(jobs::text(other), "1");
    REQUIRE(first.rule_ids() == ids{"seq/same-job"});
    CHECK(first.diagnostics[0].pointer == "/bulk_job_id");
    CHECK(first.diagnostics[0].message ==
          "bulk_job_id 01JQZB4H8A7T5B3R2W1X9Y6Z0M is not the job polled, 01jqzb4h8a7t5b3r2w1x9y6z0k: checked alone, not in its sequence");
    CHECK(first.diagnostics[0].line == 1);
    CHECK(first.diagnostics[0].column == jobs::text(other).find("\"01JQZB4H8A7T5B3R2W1X9Y6Z0M\"") + 1);
    CHECK(seq.add(jobs::text(a), "2").diagnostics.empty());
    CHECK(seq.add(jobs::text(other), "3").rule_ids() == ids{"seq/same-job"});
    CHECK(seq.add(jobs::text(later), "4").diagnostics.empty()); // compared with 2, not 3
    tc::sequence_checker any; // without it, only successive polls are compared
    CHECK(any.add(jobs::text(other), "1").diagnostics.empty());
}

TEST_CASE("a malformed poll is reported alone and the sequence goes on from the previous one", "[seq]")
{
    tc::sequence_checker seq;
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto b = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    CHECK(seq.add(jobs::text(a), "1").diagnostics.empty());
    CHECK(seq.add("{\"bulk_job_id\": ", "2").rule_ids() == ids{"json/syntax"});
    CHECK(seq.add(jobs::text(b), "3").diagnostics.empty());
}

TEST_CASE("options apply to sequence rules too", "[seq][options]")
{
    tc::options o;
    o.disable("seq/time");
    tc::sequence_checker seq(o);
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:10.000Z");
    const auto back = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:00.000Z");
    seq.add(jobs::text(a));
    CHECK(seq.add(jobs::text(back)).diagnostics.empty());
}

TEST_CASE("a compacted checker decodes its last poll again and reports what it would have, positions included", "[seq][memory]")
{
    auto a = jobs::make({S::completed, S::queued}, J::running, 1, "2026-03-25T14:30:10.000Z");
    a.auto_publish = true;
    a.items[0].publication_status = tc::publication_status::published;
    a.items[0].published_url = tc::https_url{"https://acme.tented-pages.com/a"};
    auto b = a; // every member the sequence rules compare, changed the wrong way
    b.updated_at.text = "2026-03-25T14:30:00.000Z";
    b.template_id.text = "tpl_OTHER";
    b.items[0].status = S::generating;
    b.items[0].published_url = tc::https_url{"https://acme.tented-pages.com/b"};
    b.items[1].tent_name = "Renamed";
    b.items[1].tent_id = tc::uuid{jobs::tent_id(7)};
    auto c = b;
    c.updated_at.text = "2026-03-25T14:31:00.000Z";
    c.status = J::accepted;
    c.credits.reserved = 2;
    const std::vector<std::string> polls{jobs::text(a), jobs::text(b), jobs::text(c), jobs::text(a)};

    tc::sequence_checker kept, compacted;
    compacted.compact(); // nothing to compact yet: a no-op
    std::size_t compared = 0;
    for (std::size_t i = 0; i < polls.size(); ++i) {
        const auto name = "poll" + std::to_string(i + 1) + ".json";
        const auto want = kept.add(polls[i], name, 3);
        const auto got = compacted.add(polls[i], name, 3);
        compacted.compact();
        compacted.compact();
        REQUIRE(got.diagnostics.size() == want.diagnostics.size());
        for (std::size_t k = 0; k < want.diagnostics.size(); ++k) {
            const auto& x = want.diagnostics[k];
            const auto& y = got.diagnostics[k];
            CHECK(std::tie(y.rule, y.pointer, y.message, y.line, y.column) == std::tie(x.rule, x.pointer, x.message, x.line, x.column));
            compared += x.message.find("(previous poll: poll" + std::to_string(i) + ".json:") != std::string::npos;
        }
    }
    // The sequence findings the comparison rests on: each names the poll before it, on its line.
    CHECK(compared >= 10);
    CHECK(compacted.size() == 4);
}
