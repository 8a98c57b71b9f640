// Mirrors replay.hpp, capture.hpp and import.hpp: JSON Lines logs, HAR captures, sequence
// folders, and the redaction of `tented-contract import`.
#include <tented/contract/replay.hpp>
#include <tented/contract/import.hpp>

#include "jobs.hpp"
#include "support.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <random>

namespace tc = tented::contract;
namespace fs = std::filesystem;
using S = tc::item_status;
using J = tc::job_status;

namespace {

struct temp_dir
{
    fs::path path;
    temp_dir()
    {
        std::random_device rd;
        path = fs::temp_directory_path() / ("tented-replay-" + std::to_string(rd()));
        fs::create_directories(path);
    }
    ~temp_dir() { fs::remove_all(path); }
};

std::string compact(const tc::bulk_job& j) { return tc::to_json(j); }

boost::json::object har_entry(const std::string& url, int status, const std::string& started, const std::string& body,
                              bool base64 = false)
{
    boost::json::object content{{"mimeType", "application/json"}, {"text", body}};
    if (base64) content["encoding"] = "base64";
    return {
        {"startedDateTime", started},
        {"request", {{"method", "GET"}, {"url", url},
                     {"headers", boost::json::array{boost::json::object{{"name", "Authorization"}, {"value", "Bearer tnt_live_SECRET123"}}}},
                     {"cookies", boost::json::array{boost::json::object{{"name", "session"}, {"value", "COOKIESECRET"}}}},
                     {"queryString", boost::json::array{boost::json::object{{"name", "api_key"}, {"value", "QUERYSECRET"}}}}}},
        {"response", {{"status", status},
                      {"headers", boost::json::array{boost::json::object{{"name", "Set-Cookie"}, {"value", "session=COOKIESECRET"}}}},
                      {"content", content}}},
    };
}

std::string har(const std::vector<boost::json::object>& entries)
{
    boost::json::array a(entries.begin(), entries.end());
    return boost::json::serialize(boost::json::object{{"log", {{"version", "1.2"}, {"entries", a}}}});
}

const std::string url = "https://api.tented.ai/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K?api_key=QUERYSECRET";

} // namespace

TEST_CASE("a JSON Lines log groups interleaved jobs into one sequence each", "[replay][jsonl]")
{
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto a2 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    auto b1 = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:30:05.000Z");
    b1.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const std::string log = compact(a1) + "\n\n" + compact(b1) + "\r\n" + compact(a2);
    const auto reports = tc::check_json_lines(log, "polls.jsonl", tc::grouping::sequences);
    REQUIRE(reports.size() == 3);
    CHECK(reports[0].label() == "polls.jsonl:1");
    CHECK(reports[1].label() == "polls.jsonl:3");
    CHECK(reports[2].label() == "polls.jsonl:4");
    for (const auto& r : reports) CHECK(r.findings.diagnostics.empty());
}

TEST_CASE("a JSON Lines record that goes back in time names the earlier line", "[replay][jsonl]")
{
    const auto a1 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    const auto a2 = jobs::make({S::queued}, J::running, 1, "2026-03-25T14:30:20.000Z");
    const auto reports = tc::check_json_lines(compact(a1) + "\n" + compact(a2) + "\n", "log.jsonl", tc::grouping::sequences);
    REQUIRE(reports.size() == 2);
    REQUIRE(reports[1].findings.rule_ids() == std::vector<std::string>{"seq/item-transition"});
    CHECK_THAT(reports[1].findings.diagnostics[0].message, Catch::Matches(".*\\(previous poll: log\\.jsonl:1:[0-9]+\\)"));
    const auto alone = tc::check_json_lines(compact(a1) + "\n" + compact(a2) + "\n", "log.jsonl", tc::grouping::alone);
    CHECK(alone[1].findings.diagnostics.empty());
}

TEST_CASE("HAR polls are ordered by startedDateTime, base64 bodies decoded, other requests ignored", "[replay][har]")
{
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto a2 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    const std::string b64 = "eyJidWxrX2pvYl9pZCI6IjAxSlFaQjRIOEE3VDVCM1IyVzFYOVk2WjBLIn0="; // {"bulk_job_id":"01JQZB4H8A7T5B3R2W1X9Y6Z0K"}
    const auto capture = tc::read_har(har({
        har_entry(url, 200, "2026-03-25T14:30:11.000Z", compact(a2)),
        har_entry("https://api.tented.ai/v1/templates", 200, "2026-03-25T14:29:00.000Z", "[]"),
        har_entry(url, 200, "2026-03-25T16:30:01.000+02:00", compact(a1)),
        har_entry(url, 200, "2026-03-25T14:30:20.000Z", b64, true),
    }));
    CHECK(capture.findings.diagnostics.empty());
    REQUIRE(capture.polls.size() == 3);
    CHECK(capture.polls[0].entry == 2);
    CHECK(capture.polls[1].entry == 0);
    CHECK(capture.polls[2].entry == 3);
    CHECK(capture.polls[2].text == R"({"bulk_job_id":"01JQZB4H8A7T5B3R2W1X9Y6Z0K"})");
    CHECK(capture.polls[0].job_id == "01JQZB4H8A7T5B3R2W1X9Y6Z0K");
}

TEST_CASE("HAR polls answered 404, or whose body is another job, are findings, not crashes", "[replay][har]")
{
    auto other = jobs::make({S::queued}, J::accepted);
    other.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const auto capture = tc::read_har(har({
        har_entry(url, 404, "2026-03-25T14:30:00.000Z", R"({"error":"not found"})"),
        har_entry(url, 200, "2026-03-25T14:30:01.000Z", compact(other)),
    }));
    CHECK(capture.polls.empty());
    CHECK(capture.findings.rule_ids() == std::vector<std::string>{"capture/http-status", "seq/same-job"});
    CHECK(capture.findings.diagnostics[0].pointer == "/log/entries/0");
    CHECK_THAT(capture.findings.diagnostics[0].message, Catch::Contains("answered 404"));
    CHECK(tc::read_har("[1,2]").findings.rule_ids() == std::vector<std::string>{"capture/har"});
    CHECK(tc::read_har("{\"log\":").findings.rule_ids() == std::vector<std::string>{"capture/har"});
}

TEST_CASE("a folder of snapshots is one sequence in name order", "[replay][folder]")
{
    temp_dir t;
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto b = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:30:10.000Z");
    std::ofstream(t.path / "002.json") << compact(a);
    std::ofstream(t.path / "010.json") << compact(b);
    std::ofstream(t.path / "notes.txt") << "ignored";
    std::vector<std::string> errors;
    const auto reports = tc::check_sequence_folder(t.path, {}, errors);
    CHECK(errors.empty());
    REQUIRE(reports.size() == 2);
    CHECK(fs::path(reports[0].source).filename() == "002.json");
    CHECK(reports[1].findings.diagnostics.empty());
    std::ofstream(t.path / "001.json") << compact(b);
    const auto backwards = tc::check_sequence_folder(t.path, {}, errors);
    CHECK(backwards[1].findings.rule_ids() == std::vector<std::string>{"seq/item-transition", "seq/time"});
}

TEST_CASE("read_file stops at the size limit and names what it cannot read", "[replay][files]")
{
    std::string error;
    const auto zero = tc::read_file("/dev/zero", 1000, error);
    REQUIRE(zero);
    CHECK(zero->size() == 1001);
    CHECK(tc::validate(*zero, [] { tc::options o; o.max_bytes = 1000; return o; }()).rule_ids() ==
          std::vector<std::string>{"json/too-large"});
    CHECK_FALSE(tc::read_file("/nonexistent/x.json", 10, error));
    CHECK_THAT(error, Catch::Contains("/nonexistent/x.json: cannot open"));
    CHECK_FALSE(tc::read_file("/tmp", 10, error));
    CHECK(error == "/tmp: is a directory");
}

TEST_CASE("import writes only response bodies: no header, cookie or query string leaks", "[import][redaction]")
{
    temp_dir t;
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto a2 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    const auto capture = har({har_entry(url, 200, "2026-03-25T14:30:11.000Z", compact(a2)),
                              har_entry(url, 200, "2026-03-25T14:30:01.000Z", compact(a1))});
    const auto har_path = t.path / "capture.har";
    std::ofstream(har_path) << capture;
    REQUIRE(capture.find("tnt_live_SECRET123") != std::string::npos);

    const auto run = support::cli("import '" + har_path.string() + "' --out '" + (t.path / "out").string() + "'", true);
    CHECK(run.status == 0);
    CHECK_THAT(run.out, Catch::EndsWith("2 snapshots of 1 jobs imported\n"));
    const auto folder = t.path / "out" / "01JQZB4H8A7T5B3R2W1X9Y6Z0K";
    CHECK(support::read(folder / "001.json") == compact(a1));
    CHECK(support::read(folder / "002.json") == compact(a2));
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(t.path / "out")) {
        if (!e.is_regular_file()) continue;
        ++files;
        const auto content = support::read(e.path());
        for (const char* secret : {"SECRET123", "COOKIESECRET", "QUERYSECRET", "Authorization", "Bearer"})
            CHECK(content.find(secret) == std::string::npos);
    }
    CHECK(files == 2);
    for (const char* secret : {"SECRET123", "COOKIESECRET", "QUERYSECRET", "Bearer"})
        CHECK(run.out.find(secret) == std::string::npos);

    const auto again = support::cli("import '" + har_path.string() + "' --out '" + (t.path / "out").string() + "'", true);
    CHECK(again.status == 2);
    CHECK_THAT(again.out, Catch::Contains("exists and is not empty"));
}
