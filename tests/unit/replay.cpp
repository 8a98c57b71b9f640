// Mirrors replay.hpp, capture.hpp and import.hpp: JSON Lines logs, HAR captures, sequence
// folders, and the redaction of `tented-contract import`.
#include <tented/contract/inputs.hpp>
#include <tented/contract/replay.hpp>
#include <tented/contract/import.hpp>
#include <tented/contract/shard.hpp>

#include "jobs.hpp"
#include "support.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <map>
#include <random>
#include <thread>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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

TEST_CASE("a record is timed from 16 KiB on, and one under it, checked in microseconds, is not", "[replay][jsonl][time]")
{
    const auto small = compact(jobs::make({S::queued}, J::accepted));
    auto many = jobs::make(std::vector<S>(25, S::queued), J::accepted);
    many.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M"; // another job: no sequence between the two
    for (auto& item : many.items) item.tent_name = std::string(700, 'n');
    const auto large = compact(many);
    REQUIRE(small.size() < tc::detail::least_timed_bytes);
    REQUIRE(large.size() >= tc::detail::least_timed_bytes);
    for (const auto g : {tc::grouping::alone, tc::grouping::sequences}) {
        const auto reports = tc::check_json_lines(small + "\n" + large + "\n", "log.jsonl", g);
        REQUIRE(reports.size() == 2);
        CHECK(reports[0].duration.count() == 0);
        CHECK(reports[1].duration.count() > 0);
        for (const auto& r : reports) CHECK(r.findings.diagnostics.empty());
    }
}

TEST_CASE("a record's job is the string of its last top-level bulk_job_id, as a DOM would keep it", "[replay][jsonl]")
{
    using tc::detail::job_id_of;
    CHECK(job_id_of(R"({"bulk_job_id":"01A","items":[{"bulk_job_id":"nested"}]})") == "01A");
    CHECK(job_id_of(R"({"bulk_job_id":"01A","template_id":"tpl"})") == "01A");
    CHECK(job_id_of(R"({"bulk_job_id":"\u0041b"})") == "Ab"); // escapes decoded
    CHECK(job_id_of("{\"bulk_job_id\":\"a\"}  ") == "a");
    // Repeated, the last one counts, whatever it is.
    CHECK(job_id_of(R"({"bulk_job_id":"a","bulk_job_id":"b"})") == "b");
    CHECK(job_id_of(R"({"bulk_job_id":"a","bulk_job_id":7})").empty());
    CHECK(job_id_of(R"({"bulk_job_id":"a","bulk_job_id":{"bulk_job_id":"c"}})").empty());
    CHECK(job_id_of(R"({"bulk_job_id":["a"]})").empty());
    // Not at the top of an object, or not one well-formed value.
    CHECK(job_id_of(R"({"items":{"bulk_job_id":"nested"}})").empty());
    CHECK(job_id_of(R"([{"bulk_job_id":"a"}])").empty());
    CHECK(job_id_of(R"("bulk_job_id")").empty());
    CHECK(job_id_of(R"({"bulk_job_id":"a")").empty());
    CHECK(job_id_of(R"({"bulk_job_id":"a"} {})").empty());
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

TEST_CASE("a record nested as deep as --max-depth admits keeps its job in a log's sequences", "[replay][jsonl][limits]")
{
    std::string metadata = "{}";
    for (int level = 0; level < 100; ++level) metadata = "{\"a\":" + metadata + "}";
    const auto deep = [&](const tc::bulk_job& job) {
        auto text = compact(job);
        return text.insert(text.size() - 1, ",\"metadata\":" + metadata);
    };
    const auto a1 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    const auto a2 = jobs::make({S::queued}, J::running, 1, "2026-03-25T14:30:20.000Z");
    CHECK(tc::detail::job_id_of(deep(a2)) == a2.bulk_job_id.text);
    tc::options opts;
    opts.max_depth = 200;
    const auto reports = tc::check_json_lines(deep(a1) + "\n" + deep(a2) + "\n", "log.jsonl", tc::grouping::sequences, opts);
    REQUIRE(reports.size() == 2);
    CHECK(reports[1].findings.rule_ids() == std::vector<std::string>{"seq/item-transition"});
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
    REQUIRE(capture.polls.size() == 1); // the other job's body, kept to be checked alone
    CHECK(capture.polls[0].entry == 1);
    CHECK(capture.polls[0].job_id == "01JQZB4H8A7T5B3R2W1X9Y6Z0K");
    CHECK(capture.polls[0].other_job);
    CHECK(capture.polls[0].text == compact(other));
    CHECK(capture.findings.rule_ids() == std::vector<std::string>{"capture/http-status", "seq/same-job"});
    CHECK(capture.findings.diagnostics[0].pointer == "/log/entries/0");
    CHECK_THAT(capture.findings.diagnostics[0].message, Catch::Contains("answered 404"));
    CHECK(tc::read_har("[1,2]").findings.rule_ids() == std::vector<std::string>{"capture/har"});
    CHECK(tc::read_har("{\"log\":").findings.rule_ids() == std::vector<std::string>{"capture/har"});
}

TEST_CASE("a HAR poll of the job's id in lower case is of that job: ULIDs are read without regard to case", "[replay][har]")
{
    const std::string lower = "https://api.tented.ai/v1/bulk-jobs/01jqzb4h8a7t5b3r2w1x9y6z0k";
    const auto capture = tc::read_har(har({har_entry(lower, 200, "2026-03-25T14:30:00.000Z",
                                                     compact(jobs::make({S::queued}, J::accepted)))}));
    REQUIRE(capture.polls.size() == 1);
    CHECK_FALSE(capture.polls[0].other_job);
    CHECK(capture.findings.diagnostics.empty());
}

TEST_CASE("a HAR poll whose startedDateTime is not RFC 3339 is capture/har, ordered after the dated ones",
          "[replay][har]")
{
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto a2 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    for (const std::string bad : {"2026-03-27T09:10:15.042", "2026-03-27T09:10Z", "zzz", ""}) {
        INFO(bad);
        const auto capture = tc::read_har(har({
            har_entry(url, 200, bad, compact(a2)),
            har_entry(url, 200, "2026-03-25T14:30:00.000Z", compact(a1)),
        }));
        REQUIRE(capture.findings.rule_ids() == std::vector<std::string>{"capture/har"});
        CHECK(capture.findings.diagnostics[0].pointer == "/log/entries/0/startedDateTime");
        CHECK(capture.findings.diagnostics[0].message ==
              "startedDateTime \"" + bad + "\" is not an RFC 3339 date-time (HAR 1.2 requires one): this poll is "
              "ordered after the dated ones");
        REQUIRE(capture.polls.size() == 2);
        CHECK(capture.polls[0].entry == 1);
        CHECK(capture.polls[1].entry == 0);
        // A poll answered otherwise is no snapshot, but its entry is HAR all the same.
        const auto refused = tc::read_har(har({har_entry(url, 503, bad, "")}));
        REQUIRE(refused.findings.rule_ids() == std::vector<std::string>{"capture/har", "capture/http-status"});
        CHECK(refused.findings.diagnostics[0].pointer == "/log/entries/0/startedDateTime");
        CHECK(refused.findings.diagnostics[0].message ==
              "startedDateTime \"" + bad + "\" is not an RFC 3339 date-time (HAR 1.2 requires one)");
        CHECK(refused.polls.empty());
    }
}

TEST_CASE("a HAR status that is not an integer is named as it is written", "[replay][har]")
{
    auto entry = har_entry(url, 200, "2026-03-25T14:30:00.000Z", "{}");
    for (const auto& [status, shown] : std::vector<std::pair<boost::json::value, std::string>>{
             {boost::json::value(200.5), "a status of 2.005E2 (not an integer)"},
             {boost::json::value("200"), "a status of \"200\" (not an integer)"}}) {
        entry["response"].as_object()["status"] = status;
        const auto capture = tc::read_har(har({entry}));
        REQUIRE(capture.findings.rule_ids() == std::vector<std::string>{"capture/http-status"});
        CHECK_THAT(capture.findings.diagnostics[0].message, Catch::Contains("was answered " + shown + ", not 200"));
    }
}

TEST_CASE("a HAR capture that nests deeper than a payload may is still read", "[replay][har][limits]")
{
    // Browsers record the call stack of each request in _initiator, one object a frame.
    auto entry = har_entry(url, 200, "2026-03-25T14:30:00.000Z", compact(jobs::make({S::queued}, J::accepted)));
    boost::json::value stack = boost::json::object{{"callFrames", boost::json::array{}}};
    for (int i = 0; i < 200; ++i) stack = boost::json::object{{"parent", stack}};
    entry["_initiator"] = boost::json::object{{"type", "script"}, {"stack", stack}};
    const auto capture = tc::read_har(har({entry}));
    CHECK(capture.findings.diagnostics.empty());
    CHECK(capture.polls.size() == 1);
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
    CHECK(backwards[1].findings.rule_ids() ==
          std::vector<std::string>{"seq/item-transition", "seq/job-transition", "seq/time"});
}

TEST_CASE("file names are matched in any case: .JSON, .Jsonl and .HAR are read, not passed over", "[replay][files]")
{
    CHECK(tc::kind_of("capture.HAR") == tc::file_kind::har);
    CHECK(tc::kind_of("polls.Jsonl") == tc::file_kind::json_lines);
    CHECK(tc::kind_of("polls.NDJSON") == tc::file_kind::json_lines);
    CHECK(tc::kind_of("job.JSON") == tc::file_kind::payload);
    temp_dir t;
    for (const char* name : {"A.JSON", "b.Har", "c.JsonL", "d.txt"}) std::ofstream(t.path / name) << "{}";
    std::vector<std::string> errors;
    std::vector<std::string> names;
    for (const auto& f : tc::files_below(t.path, errors)) names.push_back(f.filename().string());
    CHECK(errors.empty());
    CHECK(names == std::vector<std::string>{"A.JSON", "b.Har", "c.JsonL"});
    CHECK(tc::sequence_files(t.path, errors) == std::vector<fs::path>{t.path / "A.JSON"});
}

TEST_CASE("a folder walk passes over a corpus case's options, saying so, and validate checks one named", "[replay][files][skipped]")
{
    temp_dir t;
    fs::create_directory(t.path / "limits");
    const auto job = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    std::ofstream(t.path / "limits" / "over.json") << job;
    std::ofstream(t.path / "limits" / "over.options.json") << R"({"max_items": 3})";
    std::ofstream(t.path / "alone.options.json") << R"({"max_bytes": 10})";
    std::vector<std::string> errors;
    std::vector<tc::skipped_input> skipped;
    CHECK(tc::files_below(t.path, errors, &skipped) == std::vector<fs::path>{t.path / "limits" / "over.json"});
    CHECK(errors.empty());
    REQUIRE(skipped.size() == 2);
    CHECK(skipped[0].path == (t.path / "alone.options.json").string());
    CHECK(skipped[1].path == (t.path / "limits" / "over.options.json").string());
    for (const auto& k : skipped) CHECK(k.reason == "a corpus case's options (.options.json), not a payload");
    // Named on the command line, it is checked as what it is.
    std::size_t reports = 0;
    tc::check_inputs({(t.path / "alone.options.json").string()}, tc::grouping::alone, {},
                     {[&](tc::sourced_report r) { reports += !r.findings.ok(); }, [](std::string) {}});
    CHECK(reports == 1);
}

TEST_CASE("a folder walk lists its files in std::filesystem::path order: a folder's files before a name that extends the folder's", "[replay][files]")
{
    temp_dir t;
    for (const char* folder : {"a", "a.b", "a b"}) fs::create_directory(t.path / folder);
    const std::vector<std::string> names{"a-b.json", "a/x.json", "a/y/z.json", "a.b/c.json", "a b/c.json",
                                         "a.json",   "ab.json",  "B.json",     "\xc3\xa9.json"};
    fs::create_directory(t.path / "a" / "y");
    for (const auto& n : names) std::ofstream(t.path / n) << "{}";
    std::vector<fs::path> expected;
    for (const auto& n : names) expected.push_back(t.path / n);
    std::sort(expected.begin(), expected.end());
    std::vector<std::string> errors;
    CHECK(tc::files_below(t.path, errors) == expected);
    CHECK(errors.empty());
    std::vector<std::string> below;
    for (const auto& p : expected) below.push_back(p.lexically_relative(t.path).generic_string());
    CHECK(below == std::vector<std::string>{"B.json", "a/x.json", "a/y/z.json", "a b/c.json", "a-b.json", "a.b/c.json",
                                            "a.json", "ab.json", "\xc3\xa9.json"});

    // The files it passes over are listed in the same order.
    for (const auto& n : names) std::ofstream(t.path / (n.substr(0, n.size() - 5) + ".txt")) << "{}";
    std::vector<tc::skipped_input> skipped;
    tc::files_below(t.path, errors, &skipped);
    std::vector<std::string> skipped_below;
    for (const auto& k : skipped) skipped_below.push_back(fs::path(k.path).lexically_relative(t.path).generic_string());
    CHECK(skipped_below == std::vector<std::string>{"B.txt", "a/x.txt", "a/y/z.txt", "a b/c.txt", "a-b.txt", "a.b/c.txt",
                                                    "a.txt", "ab.txt", "\xc3\xa9.txt"});
}

TEST_CASE("many payload files go out a few a unit, each reported once and in order", "[replay][files]")
{
    temp_dir t;
    const auto job = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    for (int i = 0; i < 600; ++i) std::ofstream(t.path / (std::to_string(1000 + i) + ".json"), std::ios::binary) << job;
    tc::input_units units({t.path.string()}, tc::grouping::alone, {}, false);
    std::vector<std::string> order;
    std::vector<std::size_t> per_unit;
    tc::run_in_order(units, [&](tc::unit_result& r) {
        per_unit.push_back(r.inputs_done);
        for (const auto& s : r.reports) order.push_back(fs::path(s.source).filename().string());
    });
    CHECK(per_unit == std::vector<std::size_t>(300, 2)); // 600 / 256 = 2 files a unit
    REQUIRE(order.size() == 600);
    for (int i = 0; i < 600; ++i) CHECK(order[static_cast<std::size_t>(i)] == std::to_string(1000 + i) + ".json");
}

TEST_CASE("a log's batch of many records is checked a few hundred records a unit, each reported once and in order",
          "[replay][jsonl]")
{
    // 1,000 records of 3 bytes, one batch: each record fails many rules, and a unit's findings
    // are held until written, so one unit for the batch would hold every one of them.
    temp_dir t;
    std::string log;
    for (int i = 0; i < 1000; ++i) log += "{}\n";
    std::ofstream(t.path / "tiny.jsonl", std::ios::binary) << log;
    for (const auto g : {tc::grouping::alone, tc::grouping::sequences}) {
        tc::input_units units({(t.path / "tiny.jsonl").string()}, g, {}, false);
        std::vector<std::size_t> records, done, bytes, lines;
        tc::run_in_order(units, [&](tc::unit_result& r) {
            records.push_back(r.reports.size());
            done.push_back(r.inputs_done);
            bytes.push_back(r.bytes);
            for (const auto& s : r.reports) lines.push_back(*s.record);
        });
        // The batch's records in four units; then the read that finds the end, a unit of none.
        CHECK(records == std::vector<std::size_t>{256, 256, 256, 232, 0});
        CHECK(done == std::vector<std::size_t>{0, 0, 0, 0, 1});
        CHECK(bytes == std::vector<std::size_t>{3000, 0, 0, 0, 0}); // the batch's bytes counted once
        REQUIRE(lines.size() == 1000);
        for (std::size_t i = 0; i < lines.size(); ++i) CHECK(lines[i] == i + 1);
    }
}

TEST_CASE("a folder that holds nothing to check is an error for validate and replay, never a pass", "[replay][files]")
{
    temp_dir t;
    std::ofstream(t.path / "notes.txt") << "not a payload";
    for (const auto g : {tc::grouping::alone, tc::grouping::sequences}) {
        std::vector<std::string> errors;
        std::size_t reports = 0;
        tc::check_inputs({t.path.string()}, g, {},
                         {[&](tc::sourced_report) { ++reports; }, [&](std::string e) { errors.push_back(std::move(e)); }});
        CHECK(reports == 0);
        CHECK(errors == std::vector<std::string>{t.path.string() + ": holds no .json, .jsonl, .ndjson or .har file to check"});
    }
}

TEST_CASE("snapshot names are ordered as numbers: 9 before 10, 999 before 1000", "[replay][folder]")
{
    temp_dir t;
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto b = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    const auto c = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:30:20.000Z");
    const auto d = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:30:30.000Z");
    std::ofstream(t.path / "9.json") << compact(a);
    std::ofstream(t.path / "10.json") << compact(b);
    std::ofstream(t.path / "999.json") << compact(c);
    std::ofstream(t.path / "1000.json") << compact(d);
    std::vector<std::string> errors;
    const auto reports = tc::check_sequence_folder(t.path, {}, errors);
    REQUIRE(reports.size() == 4);
    std::vector<std::string> order;
    for (const auto& r : reports) {
        order.push_back(fs::path(r.source).filename().string());
        CHECK(r.findings.diagnostics.empty());
    }
    CHECK(order == std::vector<std::string>{"9.json", "10.json", "999.json", "1000.json"});
}

TEST_CASE("import pads snapshot numbers to the count of polls: 1,001 polls replay in order", "[import][folder]")
{
    temp_dir t;
    std::vector<boost::json::object> entries;
    const int polls = 1001;
    for (int i = 0; i < polls; ++i) {
        char started[40];
        std::snprintf(started, sizeof started, "2026-03-25T14:%02d:%02d.000Z", 30 + i / 60 % 30, i % 60);
        char updated[40];
        std::snprintf(updated, sizeof updated, "2026-03-26T%02d:%02d:%02d.000Z", i / 3600, i / 60 % 60, i % 60);
        entries.push_back(har_entry(url, 200, started, compact(jobs::make({S::queued}, J::accepted, 1, updated))));
    }
    const auto result = tc::import_har(har(entries), t.path / "out");
    REQUIRE(result.files.size() == static_cast<std::size_t>(polls));
    CHECK(result.files.front().filename() == "0001.json");
    CHECK(result.files.back().filename() == "1001.json");
    std::vector<std::string> errors;
    const auto reports = tc::check_sequence_folder(result.folders.front(), {}, errors);
    CHECK(errors.empty());
    REQUIRE(reports.size() == static_cast<std::size_t>(polls));
    std::size_t findings = 0;
    for (const auto& r : reports) findings += r.findings.diagnostics.size();
    CHECK(findings == 0);
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
    CHECK(error == "/nonexistent/x.json: no such file or folder");
    CHECK_FALSE(tc::read_file("/tmp", 10, error));
    CHECK(error == "/tmp: is a directory");
}

TEST_CASE("import that writes nothing exits 2, and prints the capture's findings as replay does", "[import][exit]")
{
    temp_dir t;
    auto other = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:05.000Z");
    other.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const auto busy = t.path / "busy.har", foreign = t.path / "foreign.har";
    std::ofstream(busy) << har({har_entry(url, 503, "2026-03-25T14:30:00.000Z", "busy")});
    std::ofstream(foreign) << har({har_entry(url, 200, "2026-03-25T14:30:00.000Z", compact(other))});
    for (const auto& [path, finding] :
         {std::pair{busy, ": warning: the poll of job \"01JQZB4H8A7T5B3R2W1X9Y6Z0K\" was answered 503, not 200: it is not a "
                          "snapshot, skipped (at /log/entries/0) [capture/http-status]\n"},
          std::pair{foreign, ": error: the poll of job \"01JQZB4H8A7T5B3R2W1X9Y6Z0K\" (request URL) returned bulk_job_id "
                             "\"01JQZB4H8A7T5B3R2W1X9Y6Z0M\": checked alone, in neither job's sequence (at /log/entries/0) "
                             "[seq/same-job]\n"}}) {
        INFO(path);
        const auto out = t.path / ("out-" + path.stem().string());
        const auto args = "import '" + path.string() + "' --out '" + out.string() + "'";
        const auto run = support::cli(args);
        CHECK(run.status == 2);
        CHECK(run.out == path.string() + finding + "0 snapshots of 0 jobs imported\n");
        CHECK(support::shell("'" + std::string(TENTED_CONTRACT_CLI) + "' " + args + " 2>&1 >/dev/null").out ==
              "tented-contract: " + path.string() + ": holds no poll of GET /v1/bulk-jobs/{bulkJobId} "
              "answered 200 with its own job's body: nothing imported\n");
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("import and watch --record say a folder they cannot write as every write is said, exit 2", "[import][exit]")
{
    temp_dir t;
    const auto capture = t.path / "polls.har";
    std::ofstream(capture) << har({har_entry(url, 200, "2026-03-25T14:30:00.000Z",
                                             compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z")))});
    const auto file = t.path / "a-file";
    std::ofstream(file) << "not a folder";
    const auto out = file / "corpus"; // below a regular file: no folder can be made there
    const std::string cli = "'" + std::string(TENTED_CONTRACT_CLI) + "' ";
    const auto import = support::shell(cli + "import '" + capture.string() + "' --out '" + out.string() + "' 2>&1 >/dev/null");
    CHECK(import.status == 2);
    CHECK(import.out == "tented-contract: " + (out / "01JQZB4H8A7T5B3R2W1X9Y6Z0K").string() + ": cannot write (Not a directory)\n");
    // The recording's folder is made before the first request: no server is needed to see it.
    const auto watch = support::shell("TENTED_API_KEY=tnt_test_FAKE0123456789 " + cli +
                                      "watch 01JQZB4H8A7T5B3R2W1X9Y6Z0K --base-url http://127.0.0.1:9 --record '" +
                                      out.string() + "' 2>&1 >/dev/null");
    CHECK(watch.status == 2);
    CHECK(watch.out == "tented-contract: " + (out / "01JQZB4H8A7T5B3R2W1X9Y6Z0K").string() + ": cannot write (Not a directory)\n");
    CHECK(fs::file_size(file) == 12); // the file in the way is left as it was
}

TEST_CASE("import refuses a capture larger than --max-bytes, saying so, and writes nothing", "[import][exit]")
{
    temp_dir t;
    const auto capture = t.path / "polls.har";
    std::ofstream(capture) << har({har_entry(url, 200, "2026-03-25T14:30:00.000Z",
                                             compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z")))});
    const auto size = std::to_string(fs::file_size(capture));
    const auto out = t.path / "out";
    const std::string cli = "'" + std::string(TENTED_CONTRACT_CLI) + "' ";
    // Read to the limit only, the capture's start would be "incomplete JSON".
    const auto big = support::shell(cli + "import '" + capture.string() + "' --out '" + out.string() + "' --max-bytes 100 2>&1 >/dev/null");
    CHECK(big.status == 2);
    CHECK(big.out == "tented-contract: " + capture.string() + ": " + size + " bytes, more than --max-bytes 100: nothing imported\n");
    CHECK_FALSE(fs::exists(out));
    const auto fits = support::cli("import '" + capture.string() + "' --out '" + out.string() + "' --max-bytes " + size);
    CHECK(fits.status == 0);
    CHECK(fs::exists(out / "01JQZB4H8A7T5B3R2W1X9Y6Z0K" / "001.json"));
}

TEST_CASE("a snapshot is written only into a file it creates: one already there is kept as it was", "[import][folder]")
{
    temp_dir t;
    const auto taken = t.path / "001.json";
    std::ofstream(taken) << "another run's snapshot";
    std::error_code why;
    try {
        tc::detail::write_snapshot(taken, "{}");
    } catch (const fs::filesystem_error& e) {
        why = e.code();
    }
    CHECK(why == std::errc::file_exists);
    CHECK(support::read(taken) == "another run's snapshot");
    tc::detail::write_snapshot(t.path / "002.json", "{}");
    CHECK(support::read(t.path / "002.json") == "{}");
}

TEST_CASE("import looks at every job's folder before it writes, and leaves no snapshot half written", "[import][exit]")
{
    temp_dir t;
    auto b = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:05.000Z");
    b.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const std::string url_b = "https://api.tented.ai/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const auto capture = t.path / "two.har";
    std::ofstream(capture) << har({har_entry(url, 200, "2026-03-25T14:30:00.000Z",
                                             compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"))),
                                   har_entry(url_b, 200, "2026-03-25T14:30:05.000Z", compact(b))});
    const std::string cli = "'" + std::string(TENTED_CONTRACT_CLI) + "' ";
    const auto out = t.path / "out";
    fs::create_directories(out);
    std::ofstream(out / "01JQZB4H8A7T5B3R2W1X9Y6Z0M") << "a file where the second job's folder goes";
    const auto clash = support::shell(cli + "import '" + capture.string() + "' --out '" + out.string() + "' 2>&1 >/dev/null");
    CHECK(clash.status == 2);
    CHECK(clash.out == "tented-contract: " + (out / "01JQZB4H8A7T5B3R2W1X9Y6Z0M").string() + ": cannot write (Not a directory)\n");
    CHECK_FALSE(fs::exists(out / "01JQZB4H8A7T5B3R2W1X9Y6Z0K")); // the first job's folder was not begun

    // A file size limit cuts the first snapshot: it is removed, not left as half a poll.
    const auto limited = t.path / "limited";
    const auto cut = support::shell("(trap '' XFSZ; ulimit -f 0; " + cli + "import '" + capture.string() + "' --out '" +
                                    limited.string() + "') 2>&1 >/dev/null");
    CHECK(cut.status == 2);
    CHECK(cut.out == "tented-contract: " + (limited / "01JQZB4H8A7T5B3R2W1X9Y6Z0K" / "001.json").string() +
                         ": cannot write (File too large)\n");
    CHECK(fs::is_empty(limited)); // the job folder made for it removed too

    // A link to nowhere where the second job's folder goes is in the way too.
    const auto linked = t.path / "linked";
    fs::create_directories(linked);
    fs::create_symlink("../nowhere", linked / "01JQZB4H8A7T5B3R2W1X9Y6Z0M");
    const auto dangling = support::shell(cli + "import '" + capture.string() + "' --out '" + linked.string() + "' 2>&1 >/dev/null");
    CHECK(dangling.status == 2);
    CHECK(dangling.out == "tented-contract: " + (linked / "01JQZB4H8A7T5B3R2W1X9Y6Z0M").string() +
                              ": cannot write (No such file or directory)\n");
    CHECK_FALSE(fs::exists(linked / "01JQZB4H8A7T5B3R2W1X9Y6Z0K"));
}

TEST_CASE("an import that fails part way removes what it wrote, so it can be run again", "[import][exit]")
{
    temp_dir t;
    // The first job's body fits in 2,048 bytes (4 blocks of 512), the second's (40 items) not in
    // 4,096 (4 of 1,024): either way a shell counts them.
    std::vector<S> many(40, S::queued);
    auto big = jobs::make(many, J::accepted, 1, "2026-03-25T14:30:05.000Z");
    big.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const auto small = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    REQUIRE(small.size() < 2048);
    REQUIRE(compact(big).size() > 4096);
    const auto capture = t.path / "two.har";
    std::ofstream(capture) << har({har_entry(url, 200, "2026-03-25T14:30:00.000Z", small),
                                   har_entry("https://api.tented.ai/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0M", 200,
                                             "2026-03-25T14:30:05.000Z", compact(big))});
    const std::string run = "'" + std::string(TENTED_CONTRACT_CLI) + "' import '" + capture.string() + "' --out '" +
                            (t.path / "out").string() + "'";
    const auto cut = support::shell("(trap '' XFSZ; ulimit -f 4; " + run + ") 2>&1 >/dev/null");
    CHECK(cut.status == 2);
    CHECK(cut.out == "tented-contract: " + (t.path / "out" / "01JQZB4H8A7T5B3R2W1X9Y6Z0M" / "001.json").string() +
                         ": cannot write (File too large)\n");
    CHECK(fs::is_empty(t.path / "out")); // the first job's folder and snapshot removed
    // Nor does one whose report of what it wrote cannot be written. A job folder that was there
    // before, empty, is left: an undo removes only what the import made.
    const auto there = t.path / "out" / "01JQZB4H8A7T5B3R2W1X9Y6Z0K";
    fs::create_directory(there);
    for (const std::string to : {" > /dev/full", " >&-"}) {
        INFO(to);
        const auto unreported = support::shell("(" + run + to + ") 2>&1");
        CHECK(unreported.status == 2);
        CHECK(unreported.out.find("tented-contract: " + capture.string() +
                                  ": nothing imported: the import was undone, as its report could not be written\n") == 0);
        CHECK(fs::is_directory(there));
        CHECK(fs::is_empty(there));
        CHECK_FALSE(fs::exists(t.path / "out" / "01JQZB4H8A7T5B3R2W1X9Y6Z0M"));
    }
    // A pipe whose reader is gone (`| head` done), not a death by SIGPIPE that keeps the import.
    const auto said = t.path / "said.txt", status = t.path / "status.txt";
    support::shell("(" + run + " 2>'" + said.string() + "'; echo $? > '" + status.string() + "') | (exec 0<&-; sleep 1)");
    CHECK(support::read(status) == "2\n");
    CHECK(support::read(said).find("tented-contract: " + capture.string() +
                                   ": nothing imported: the import was undone, as its report could not be written\n") == 0);
    CHECK(fs::is_empty(there));
    CHECK_FALSE(fs::exists(t.path / "out" / "01JQZB4H8A7T5B3R2W1X9Y6Z0M"));
    const auto again = support::shell(run);
    CHECK(again.status == 0);
    CHECK(support::read(t.path / "out" / "01JQZB4H8A7T5B3R2W1X9Y6Z0K" / "001.json") == small);
}

TEST_CASE("a job id that is no plain name gets a folder no plain id can have", "[import][folder]")
{
    using tc::detail::safe_folder_name;
    CHECK(safe_folder_name("01JQZB4H8A7T5B3R2W1X9Y6Z0K") == "01JQZB4H8A7T5B3R2W1X9Y6Z0K");
    const auto odd = safe_folder_name("01JQZB4H8A7T5B3R2W1X9Y6Z0K.v2");
    CHECK(odd.rfind("01JQZB4H8A7T5B3R2W1X9Y6Z0Kv2.", 0) == 0);
    // An id spelled as that folder's name is not plain either: it gets a folder of its own.
    CHECK(safe_folder_name(odd) != odd);
    CHECK(safe_folder_name("../../etc") != safe_folder_name("etc"));
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
    CHECK_THAT(run.out, Catch::EndsWith("2 snapshots of 1 job imported\n"));
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

// =============================================================================================
// Shards (shard.hpp): the run dealt across machines

namespace {

/// Each report of a run over `paths`, as its label and the rule ids it raised, sorted; only the
/// cases `selected` takes. Errors end the test: every input here is readable.
std::vector<std::string> run_reports(const std::vector<std::string>& paths, tc::grouping g,
                                     const tc::case_filter& selected = {})
{
    std::vector<std::string> out, errors;
    tc::input_handler on{[&](tc::sourced_report r) {
                             std::string line = r.label();
                             for (const auto& id : r.findings.rule_ids()) line += ' ' + id;
                             out.push_back(std::move(line));
                         },
                         [&](std::string e) { errors.push_back(std::move(e)); }};
    on.selected = selected;
    tc::check_inputs(paths, g, {}, on);
    CHECK(errors.empty());
    std::sort(out.begin(), out.end());
    return out;
}

/// A log of three interleaved jobs (the second one going back in time) and, on line 5, a record
/// without a readable job id.
fs::path several_jobs_log(const fs::path& folder)
{
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    auto a2 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    auto b1 = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:30:05.000Z");
    b1.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    auto b2 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:01.000Z");
    b2.bulk_job_id.text = b1.bulk_job_id.text;
    auto c1 = a1;
    c1.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0N";
    const auto log = folder / "polls.jsonl";
    std::ofstream(log) << compact(a1) << '\n' << compact(b1) << '\n' << compact(c1) << '\n' << compact(b2) << "\n[1]\n"
                       << compact(a2) << '\n';
    return log;
}

} // namespace

TEST_CASE("a replayed log's cases are its jobs, PATH#JOB, and PATH:LINE for a record without a job id",
          "[shard][replay][jsonl]")
{
    temp_dir t;
    const auto log = several_jobs_log(t.path).string();
    CHECK(tc::case_ids({log}, tc::grouping::sequences, {}) ==
          std::vector<std::string>{log + "#01JQZB4H8A7T5B3R2W1X9Y6Z0K", log + "#01JQZB4H8A7T5B3R2W1X9Y6Z0M",
                                   log + "#01JQZB4H8A7T5B3R2W1X9Y6Z0N", log + ":5"});
    CHECK(tc::case_ids({log, "-"}, tc::grouping::alone, {}) == std::vector<std::string>{log, "<stdin>"});
    // Job B alone still goes back in time: a shard checks a job's records as one sequence.
    const auto b_only = run_reports({log}, tc::grouping::sequences,
                                    [&](const std::string& id) { return id == log + "#01JQZB4H8A7T5B3R2W1X9Y6Z0M"; });
    CHECK(b_only == std::vector<std::string>{log + ":2", log + ":4 seq/item-transition seq/job-transition seq/time"});
}

TEST_CASE("replay's cases are sequence folders, runs of named payloads by their first, and captures' jobs",
          "[shard][replay]")
{
    temp_dir t;
    const auto a = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    fs::create_directories(t.path / "seq" / "empty");
    std::ofstream(t.path / "seq" / "1.json") << compact(a);
    std::ofstream(t.path / "x.json") << compact(a);
    std::ofstream(t.path / "y.json") << compact(a);
    const auto p = [&](const fs::path& rel) { return (t.path / rel).string(); };
    CHECK(tc::case_ids({p("y.json"), p("x.json"), p("seq"), p("x.json")}, tc::grouping::sequences, {}) ==
          std::vector<std::string>{p("seq"), p("x.json"), p("y.json")});
    CHECK(tc::case_ids({"corpus/sequences/valid/browser-capture.har"}, tc::grouping::sequences, {}) ==
          std::vector<std::string>{"corpus/sequences/valid/browser-capture.har#01JR8V4E6ZBVGXFG60N42ZQTT6"});
    // A capture's own findings are the case PATH.
    const std::string broken = "corpus/sequences/invalid/capture/har/entries-not-an-array.har";
    CHECK(tc::case_ids({broken}, tc::grouping::sequences, {}) == std::vector<std::string>{broken});
}

TEST_CASE("every shard of 1, 2, 3 and 7 together check each case of the run exactly once", "[shard][replay]")
{
    temp_dir t;
    const auto log = several_jobs_log(t.path).string();
    const std::vector<std::string> validate_paths{"corpus/valid", "corpus/invalid/items", "corpus/docs", log};
    const std::vector<std::string> replay_paths{"corpus/sequences", log, "corpus/docs/completed.json",
                                                "corpus/docs/in-progress.json"};
    for (const auto& [paths, g] : {std::pair{validate_paths, tc::grouping::alone}, std::pair{replay_paths, tc::grouping::sequences}}) {
        const auto whole = run_reports(paths, g);
        const auto ids = tc::case_ids(paths, g, {});
        REQUIRE(ids.size() > 7);
        for (const std::size_t count : {1, 2, 3, 7}) {
            CAPTURE(g == tc::grouping::alone, count);
            std::vector<std::string> all, all_ids;
            for (std::size_t index = 0; index < count; ++index) {
                const auto part = run_reports(paths, g, tc::shard_filter(ids, {index, count}));
                all.insert(all.end(), part.begin(), part.end());
                const auto dealt = tc::deal(ids, {index, count}, [](const std::string& id) { return id; });
                CHECK(dealt.size() == ids.size() / count + (index < ids.size() % count));
                all_ids.insert(all_ids.end(), dealt.begin(), dealt.end());
            }
            std::sort(all.begin(), all.end());
            std::sort(all_ids.begin(), all_ids.end());
            CHECK(all == whole);
            CHECK(all_ids == ids);
        }
    }
}

TEST_CASE("a file a folder walk passes over is a case of its own, named by one shard only", "[shard][replay][skipped]")
{
    temp_dir t;
    const auto a = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    for (const char* name : {"1.json", "2.json", "3.json"}) std::ofstream(t.path / name) << a;
    for (const char* name : {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"}) std::ofstream(t.path / name) << "notes";
    for (const auto g : {tc::grouping::alone, tc::grouping::sequences}) {
        const auto skipped_in = [&](const tc::case_filter& selected) {
            std::vector<std::string> skipped;
            tc::input_handler on{[](tc::sourced_report) {}, [](std::string) {}};
            on.skipped = [&](tc::skipped_input k) { skipped.push_back(fs::path(k.path).filename().string()); };
            on.selected = selected;
            tc::check_inputs({t.path.string()}, g, {}, on);
            return skipped;
        };
        CHECK(skipped_in({}) == std::vector<std::string>{"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"});
        const auto ids = tc::case_ids({t.path.string()}, g, {});
        CHECK(std::count_if(ids.begin(), ids.end(), [](const std::string& id) { return id.find(".txt") != id.npos; }) == 5);
        for (const std::size_t count : {2, 3}) {
            std::vector<std::string> all;
            for (std::size_t index = 0; index < count; ++index) {
                const auto part = skipped_in(tc::shard_filter(ids, {index, count}));
                CHECK(part.size() < 5);
                all.insert(all.end(), part.begin(), part.end());
            }
            std::sort(all.begin(), all.end());
            CHECK(all == std::vector<std::string>{"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"});
        }
    }
}

TEST_CASE("cases are dealt round-robin in byte order: case k to shard k % count", "[shard]")
{
    const std::vector<std::string> ids{"b", "a/Z", "a/z", "a", "B", "c", "\xc3\xa9"};
    const auto id = [](const std::string& s) { return s; };
    CHECK(tc::deal(ids, {0, 3}, id) == std::vector<std::string>{"B", "a/z", "\xc3\xa9"});
    CHECK(tc::deal(ids, {1, 3}, id) == std::vector<std::string>{"a", "b"});
    CHECK(tc::deal(ids, {2, 3}, id) == std::vector<std::string>{"a/Z", "c"});
    const auto filter = tc::shard_filter({"b", "a", "b"}, {1, 2});
    CHECK(filter("b"));
    CHECK_FALSE(filter("a"));
}

TEST_CASE("a shard left without a case checks nothing and is no error", "[shard][replay]")
{
    const std::vector<std::string> paths{"corpus/docs"};
    const auto ids = tc::case_ids(paths, tc::grouping::alone, {});
    REQUIRE(ids.size() == 4); // three payloads, and the expectation file the walk passes over
    CHECK(run_reports(paths, tc::grouping::alone, tc::shard_filter(ids, {5, 7})).empty());
    CHECK(run_reports({"corpus/sequences/valid"}, tc::grouping::sequences, [](const std::string&) { return false; })
              .empty());
}

namespace {

/// An environment of `vars` only.
tc::environment_lookup env_of(std::map<std::string, std::string> vars)
{
    return [vars = std::move(vars)](const char* name) -> const char* {
        const auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    };
}

std::string shard_error_of(std::optional<std::size_t> index, std::optional<std::size_t> count,
                           std::map<std::string, std::string> vars)
{
    try {
        tc::shard_from_flags(index, count, env_of(std::move(vars)));
    } catch (const tc::shard_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("the shard comes from the flags, else Bazel's variables, else GoogleTest's", "[shard][env]")
{
    const auto got = [](std::optional<std::size_t> i, std::optional<std::size_t> n, std::map<std::string, std::string> v) {
        const auto s = tc::shard_from_flags(i, n, env_of(std::move(v)));
        return s ? std::to_string(s->index) + "/" + std::to_string(s->count) : std::string("whole");
    };
    const std::map<std::string, std::string> gtest{{"GTEST_SHARD_INDEX", "2"}, {"GTEST_TOTAL_SHARDS", "5"}};
    auto both = gtest;
    both.insert({{"TEST_SHARD_INDEX", "1"}, {"TEST_TOTAL_SHARDS", "3"}});
    CHECK(got(std::nullopt, std::nullopt, {}) == "whole");
    CHECK(got(std::nullopt, std::nullopt, gtest) == "2/5");
    CHECK(got(std::nullopt, std::nullopt, both) == "1/3");
    CHECK(got(0, 4, both) == "0/4");
    CHECK(got(std::nullopt, std::nullopt, {{"TEST_SHARD_INDEX", ""}, {"TEST_TOTAL_SHARDS", ""}}) == "whole");
}

TEST_CASE("Bazel's status file is created when its variables shard the run, and only then", "[shard][env]")
{
    temp_dir t;
    const auto status = t.path / "shard-status";
    std::map<std::string, std::string> vars{{"GTEST_SHARD_INDEX", "0"}, {"GTEST_TOTAL_SHARDS", "2"},
                                            {"TEST_SHARD_STATUS_FILE", status.string()}};
    tc::shard_from_environment(env_of(vars));
    CHECK_FALSE(fs::exists(status));
    vars.insert({{"TEST_SHARD_INDEX", "0"}, {"TEST_TOTAL_SHARDS", "2"}});
    tc::shard_from_flags(0, 3, env_of(vars));
    CHECK_FALSE(fs::exists(status));
    tc::shard_from_environment(env_of(vars));
    CHECK(fs::exists(status));
    vars["TEST_SHARD_STATUS_FILE"] = (t.path / "no-such-folder" / "status").string();
    CHECK_THROWS_WITH(tc::shard_from_environment(env_of(vars)),
                      "TEST_SHARD_STATUS_FILE is \"" + vars["TEST_SHARD_STATUS_FILE"] +
                          "\", which cannot be created (No such file or directory)");
}

TEST_CASE("a shard that cannot be is an error naming the flag or the variable", "[shard][env]")
{
    CHECK(shard_error_of(4, 4, {}) == "--shard-index 4 is not below --shard-count 4 (shards are numbered from 0)");
    CHECK(shard_error_of(0, 0, {}) == "--shard-count is 0: a run has at least one shard");
    CHECK(shard_error_of(1, std::nullopt, {}) == "--shard-index is given without --shard-count: a shard needs both");
    CHECK(shard_error_of(std::nullopt, std::nullopt, {{"TEST_SHARD_INDEX", "x1"}, {"TEST_TOTAL_SHARDS", "2"}}) ==
          "TEST_SHARD_INDEX is \"x1\": expected a whole number");
    CHECK(shard_error_of(std::nullopt, std::nullopt, {{"TEST_SHARD_INDEX", "0"}, {"TEST_TOTAL_SHARDS", "-2"}}) ==
          "TEST_TOTAL_SHARDS is \"-2\": expected a whole number");
    CHECK(shard_error_of(std::nullopt, std::nullopt, {{"GTEST_SHARD_INDEX", "3"}, {"GTEST_TOTAL_SHARDS", "3"}}) ==
          "GTEST_SHARD_INDEX 3 is not below GTEST_TOTAL_SHARDS 3 (shards are numbered from 0)");
    CHECK(shard_error_of(std::nullopt, std::nullopt, {{"GTEST_TOTAL_SHARDS", "0"}, {"GTEST_SHARD_INDEX", "0"}}) ==
          "GTEST_TOTAL_SHARDS is 0: a run has at least one shard");
    CHECK(shard_error_of(std::nullopt, std::nullopt, {{"GTEST_TOTAL_SHARDS", "2"}}) ==
          "GTEST_TOTAL_SHARDS is set and GTEST_SHARD_INDEX is not: a shard needs both");
    CHECK(shard_error_of(std::nullopt, std::nullopt, {{"TEST_SHARD_INDEX", "99999999999999999999"}, {"TEST_TOTAL_SHARDS", "2"}}) ==
          "TEST_SHARD_INDEX is \"99999999999999999999\": expected a whole number");
    CHECK(shard_error_of(std::nullopt, std::nullopt, {{"TEST_SHARD_INDEX", "1\"2"}, {"TEST_TOTAL_SHARDS", "2"}}) ==
          R"(TEST_SHARD_INDEX is "1\"2": expected a whole number)");
}

namespace {

/// Every finding of `reports` as `label:line:column: message [rule]`, one a line.
std::string findings_of(const std::vector<tc::sourced_report>& reports)
{
    std::string s;
    for (const auto& r : reports) {
        s += r.label() + "\n";
        for (const auto& d : r.findings.diagnostics)
            s += "  " + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message + " [" + d.rule + "]\n";
    }
    return s;
}

/// The reports of `path` read as input_units read it, `chunk` bytes at a time.
std::vector<tc::sourced_report> read_in_chunks(const fs::path& path, tc::grouping g, const tc::options& opts,
                                               std::size_t chunk, std::vector<std::string>* errors = nullptr)
{
    std::vector<tc::sourced_report> out;
    tc::input_units units({path.string()}, g, opts, false, {}, chunk);
    tc::run_in_order(units, [&](tc::unit_result& r) {
        for (auto& s : r.reports) out.push_back(std::move(s));
        if (errors) errors->insert(errors->end(), r.errors.begin(), r.errors.end());
    });
    return out;
}

} // namespace

TEST_CASE("a log read in chunks of any size gives the findings, lines and columns of the whole text",
          "[replay][jsonl][chunks]")
{
    const auto first = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    auto back = jobs::make({S::queued}, J::running, 1, "2026-03-25T14:30:20.000Z"); // seq/time after it
    back.items.at(0).index = 7; // and items/index, deep inside the line
    // Findings on both sides of many chunk boundaries: a syntax error, a CRLF line, a blank line,
    // a record that is not an object, and a last line without its '\n'.
    const std::string log = compact(first) + "\n" + "{\"bulk_job_id\": tru}\n" + compact(back) + "\r\n" + "   \n" +
                            "[1, 2]\n" + compact(first) + "\n" + compact(back);
    temp_dir dir;
    const auto path = dir.path / "polls.jsonl";
    std::ofstream(path, std::ios::binary) << log;
    for (const auto g : {tc::grouping::alone, tc::grouping::sequences}) {
        const auto whole = findings_of(tc::check_json_lines(log, path.string(), g));
        CHECK(whole.find("polls.jsonl:2\n  1:17: expected") != std::string::npos);
        INFO(whole);
        CHECK(whole.find("[items/index-range]") != std::string::npos);
        CHECK((whole.find("[seq/time]") != std::string::npos) == (g == tc::grouping::sequences));
        CHECK(whole.find("polls.jsonl:7\n") != std::string::npos); // the last line, without '\n'
        CHECK(whole.find("polls.jsonl:4") == std::string::npos);   // the blank line is no record
        for (const std::size_t chunk : {1, 2, 7, 64, 1000, 1 << 20}) {
            INFO("chunk of " << chunk << " bytes");
            CHECK(findings_of(read_in_chunks(path, g, {}, chunk)) == whole);
        }
    }
}

TEST_CASE("a JSON Lines line of JSON white space only is blank, whatever the order of its spaces, tabs and CRs",
          "[replay][jsonl]")
{
    const auto job = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    const auto records = tc::read_json_lines(job + "\n\r\t\n\t\r\n\r \r\n\r\r\n \n" + job + "\n\r");
    REQUIRE(records.size() == 2);
    CHECK(records[0].line == 1);
    CHECK(records[1].line == 7);
    CHECK(tc::read_json_lines("\r\r\r\n\r").empty());
}

TEST_CASE("a log record over the size limit is json/too-large with its size, and the records around it are checked",
          "[replay][jsonl][chunks][limits]")
{
    const auto small = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    const std::string huge = "{\"bulk_job_id\": \"" + std::string(5000, 'x') + "\"}";
    temp_dir dir;
    const auto path = dir.path / "big.jsonl";
    std::ofstream(path, std::ios::binary) << small << "\n" << huge << "\r\n" << small << "\n" << huge;
    tc::options opts;
    opts.max_bytes = small.size() + 10;
    for (const std::size_t chunk : {3, 100, 1 << 20}) {
        INFO("chunk of " << chunk << " bytes");
        const auto reports = read_in_chunks(path, tc::grouping::alone, opts, chunk);
        REQUIRE(reports.size() == 4);
        CHECK(reports[0].findings.ok());
        CHECK(reports[2].findings.ok());
        for (const std::size_t i : {1, 3}) {
            CHECK(reports[i].record == i + 1);
            REQUIRE(reports[i].findings.diagnostics.size() == 1);
            CHECK(reports[i].findings.diagnostics[0].rule == "json/too-large");
            CHECK(reports[i].findings.diagnostics[0].message ==
                  "the input is " + std::to_string(huge.size()) + " bytes, larger than the limit of " +
                      std::to_string(opts.max_bytes) + " bytes (refused before parsing)");
        }
    }
}

TEST_CASE("a log record over the size limit has its size without its CRLF, wherever the reads cut it",
          "[replay][jsonl][chunks][limits]")
{
    temp_dir dir;
    const auto path = dir.path / "crlf.jsonl";
    std::ofstream(path, std::ios::binary) << std::string(63, 'x') << "\r\n{}\r\n";
    tc::options opts;
    opts.max_bytes = 10;
    for (const std::size_t chunk : {1, 2, 3, 62, 63, 64, 65, 1 << 16}) { // 64: the '\r' ends the first read
        INFO("chunk of " << chunk << " bytes");
        const auto reports = read_in_chunks(path, tc::grouping::alone, opts, chunk);
        REQUIRE(reports.size() == 2);
        REQUIRE(reports[0].findings.diagnostics.size() == 1);
        CHECK(reports[0].findings.diagnostics[0].message ==
              "the input is 63 bytes, larger than the limit of 10 bytes (refused before parsing)");
    }
}

TEST_CASE("a stream's log record over the size limit is handed on once it passes it, before its line ends",
          "[replay][jsonl][chunks][limits]")
{
    const auto small = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const auto write_all = [&](const std::string& text) {
        REQUIRE(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    };
    tc::detail::byte_source source;
    std::string error;
    REQUIRE(source.open("/dev/fd/" + std::to_string(fds[0]), error));
    tc::detail::json_lines_reader reader(std::move(source), "<pipe>", 1000, 1 << 16);
    write_all(small + "\n" + std::string(5000, 'x')); // the line goes on: the writer stays open
    // A reader that waited for the line's end would block here: the writer is closed after 20 s
    // so that such a reader fails the checks below rather than hanging the suite.
    std::promise<void> handed_on;
    std::thread closer([&, done = handed_on.get_future()] {
        if (done.wait_for(std::chrono::seconds(20)) != std::future_status::ready) ::close(fds[1]);
    });
    std::vector<tc::detail::line_batch::entry> records;
    tc::detail::line_batch b;
    while (records.size() < 2 && reader.next(b, error)) records.insert(records.end(), b.records.begin(), b.records.end());
    const bool open = ::fcntl(fds[1], F_GETFD) != -1;
    handed_on.set_value();
    closer.join();
    CHECK(open);
    REQUIRE(records.size() == 2);
    CHECK(records[0].size == 0);
    CHECK(records[0].line == 1);
    CHECK(records[1].line == 2);
    CHECK(records[1].size == tc::unknown_position);

    // The rest of the long line is skipped, and the next line is a record again. A long line
    // read whole is said as one cut short: what a stream's reader sees of a line depends on how
    // the writer's bytes arrived, its report must not.
    write_all(std::string(3000, 'y') + "\n" + small + "\n" + std::string(5000, 'z') + "\n" + small + "\n");
    ::close(fds[1]);
    records.clear();
    while (reader.next(b, error)) {
        for (const auto& e : b.records) {
            records.push_back(e);
            if (e.size == 0) CHECK(b.record(e) == small);
        }
    }
    CHECK(error.empty());
    REQUIRE(records.size() == 3);
    CHECK(records[0].line == 3);
    CHECK(records[0].size == 0);
    CHECK(records[1].line == 4);
    CHECK(records[1].size == tc::unknown_position);
    CHECK(records[2].line == 5);
    CHECK(records[2].size == 0);
    ::close(fds[0]);
}

TEST_CASE("a log's batches read into the buffers of the batches gone before them", "[replay][jsonl][chunks]")
{
    const auto record = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    std::string log;
    for (int i = 0; i < 40; ++i) log += record + "\n";
    temp_dir dir;
    const auto path = dir.path / "polls.jsonl";
    std::ofstream(path, std::ios::binary) << log;
    tc::detail::byte_source source;
    std::string error;
    REQUIRE(source.open(path.string(), error));
    std::optional<tc::detail::json_lines_reader> reader;
    reader.emplace(std::move(source), path.string(), 100000, 4 * (record.size() + 1)); // 4 lines a batch
    auto first = reader->make_batch();
    REQUIRE(reader->next(*first, error));
    REQUIRE(first->records.size() == 4);
    // A buffer larger than a batch needs: a fresh one would be the size of the next batch.
    const std::size_t room = 64 * record.size();
    first->text.reserve(room);
    const char* buffer = first->text.data();
    auto held = reader->make_batch(); // a batch in flight keeps its own
    REQUIRE(reader->next(*held, error));
    CHECK(held->text.data() != buffer);
    first.reset(); // checked and reported: its buffer goes back
    auto third = reader->make_batch();
    REQUIRE(reader->next(*third, error));
    CHECK(third->text.data() == buffer);
    CHECK(third->text.capacity() >= room);
    REQUIRE(third->records.size() == 4);
    CHECK(third->record(third->records.front()) == record);
    CHECK(third->records.front().line == 9);
    reader.reset(); // a batch may outlive its reader
    CHECK(held->record(held->records.back()) == record);
}

TEST_CASE("a HAR body naming another job is seq/same-job and is still checked, alone", "[replay][har]")
{
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto a2 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    auto other = jobs::make({S::completed}, J::completed, 1, "2026-03-25T14:30:05.000Z");
    other.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    other.queued = 1; // counts/sum-to-total and counts/buckets: the body's own faults
    const auto text = har({
        har_entry(url, 200, "2026-03-25T14:30:00.000Z", compact(a1)),
        har_entry(url, 200, "2026-03-25T14:30:05.000Z", compact(other)),
        har_entry(url, 200, "2026-03-25T14:30:10.000Z", compact(a2)),
    });
    temp_dir dir;
    const auto path = dir.path / "other.har";
    std::ofstream(path, std::ios::binary) << text;
    const std::string p = path.string();
    for (const auto g : {tc::grouping::alone, tc::grouping::sequences}) {
        const auto reports = tc::check_har(text, p, g);
        const auto whole = findings_of(reports);
        INFO(whole);
        std::map<std::string, std::vector<std::string>> ids;
        for (const auto& r : reports) ids[r.label()] = r.findings.rule_ids();
        REQUIRE(ids[p] == std::vector<std::string>{"seq/same-job"});
        CHECK(reports.front().findings.diagnostics[0].message ==
              "the poll of job \"01JQZB4H8A7T5B3R2W1X9Y6Z0K\" (request URL) returned bulk_job_id "
              "\"01JQZB4H8A7T5B3R2W1X9Y6Z0M\": checked alone, in neither job's sequence");
        CHECK_THAT(ids[p + "#1"], Catch::VectorContains(std::string("counts/sum-to-total")));
        CHECK_THAT(ids[p + "#1"], Catch::VectorContains(std::string("counts/buckets")));
        // Entries 0 and 2 stay one sequence, the other job's body between them compared with neither.
        CHECK(ids[p + "#0"].empty());
        CHECK(ids[p + "#2"].empty());
        std::string error;
        const auto streamed = tc::check_file(path, g, {}, error);
        REQUIRE(streamed);
        CHECK(findings_of(*streamed) == whole);
        CHECK(findings_of(read_in_chunks(path, g, {}, 7)) == whole);
    }
    // import writes the URL's job only: the other job's body belongs to neither folder.
    const auto imported = tc::import_har(text, dir.path / "imported");
    CHECK(imported.findings.rule_ids() == std::vector<std::string>{"seq/same-job"});
    REQUIRE(imported.folders.size() == 1);
    CHECK(imported.folders[0].filename() == "01JQZB4H8A7T5B3R2W1X9Y6Z0K");
    REQUIRE(imported.files.size() == 2);
    CHECK(support::read(imported.files[1]) == compact(a2));
    // A capture of that poll alone, the rule off: its body is what is left to check.
    const auto lone = dir.path / "lone.har";
    std::ofstream(lone, std::ios::binary) << har({har_entry(url, 200, "2026-03-25T14:30:05.000Z", compact(other))});
    tc::options quiet;
    quiet.disable("seq/same-job");
    std::string error;
    const auto streamed = tc::check_file(lone, tc::grouping::sequences, quiet, error);
    REQUIRE(streamed); // a poll, not "holds no poll"
    CHECK(error.empty());
    const auto found = findings_of(*streamed);
    CHECK(found.find("[seq/same-job]") == std::string::npos);
    CHECK(found.find("[counts/sum-to-total]") != std::string::npos);
}

TEST_CASE("a HAR capture after a byte-order mark is read, the mark said, whole or in pieces", "[replay][har]")
{
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto a2 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    const auto body = har({har_entry(url, 200, "2026-03-25T14:30:00.000Z", compact(a1)),
                           har_entry(url, 200, "2026-03-25T14:30:10.000Z", compact(a2))});
    const auto capture = tc::read_har("\xEF\xBB\xBF" + body);
    REQUIRE(capture.polls.size() == 2);
    CHECK(capture.polls[1].text == compact(a2));
    REQUIRE(capture.findings.rule_ids() == std::vector<std::string>{"json/bom"});
    CHECK(capture.findings.diagnostics[0].severity == tc::severity::warning);
    temp_dir dir;
    const auto path = dir.path / "bom.har";
    std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBF" << body;
    const auto whole = findings_of(tc::check_har("\xEF\xBB\xBF" + body, path.string(), tc::grouping::sequences));
    CHECK(whole == path.string() + "\n  1:1: a UTF-8 byte-order mark precedes the capture (RFC 8259 forbids senders to add "
                                   "one); it was skipped [json/bom]\n" +
                       path.string() + "#0\n" + path.string() + "#1\n");
    for (const std::size_t chunk : {1, 2, 3, 4, 1 << 16}) {
        INFO("chunk of " << chunk << " bytes");
        CHECK(findings_of(read_in_chunks(path, tc::grouping::sequences, {}, chunk)) == whole);
    }
    // Bytes that begin a mark and stop being one are text: not JSON.
    CHECK(tc::read_har("\xEF\xBB" + body).findings.rule_ids() == std::vector<std::string>{"capture/har"});
    CHECK(tc::read_har("\xEF\xBB\xBF").findings.rule_ids() == std::vector<std::string>{"capture/har"});
}

TEST_CASE("a HAR capture's own findings keep to --max-findings, the rest counted, read whole or in chunks", "[replay][har]")
{
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    std::vector<boost::json::object> entries;
    for (int i = 0; i < 30; ++i) entries.push_back(har_entry(url, 503, "2026-03-25T14:30:00.000Z", "busy"));
    entries.push_back(har_entry(url, 200, "2026-03-25T14:30:01.000Z", compact(a1)));
    const auto text = har(entries);
    temp_dir dir;
    const auto path = dir.path / "busy.har";
    std::ofstream(path, std::ios::binary) << text;
    tc::options opts;
    opts.max_findings = 4;
    const auto whole = tc::check_har(text, path.string(), tc::grouping::sequences, opts);
    std::string error;
    const auto streamed = tc::check_file(path, tc::grouping::sequences, opts, error);
    REQUIRE(streamed);
    for (const auto* reports : {&whole, &*streamed}) {
        REQUIRE(reports->size() == 2); // the capture's own findings, then its one poll
        const auto& own = reports->front().findings;
        CHECK(own.diagnostics.size() == 4);
        CHECK(own.omitted_warnings == 26);
        CHECK(own.omitted_errors == 0);
        CHECK(own.count(tc::severity::warning) == 30);
        CHECK(own.diagnostics[3].pointer == "/log/entries/3");
        CHECK(reports->back().findings.diagnostics.empty());
    }
    CHECK(findings_of(read_in_chunks(path, tc::grouping::sequences, opts, 5)) == findings_of(whole));
}

TEST_CASE("a HAR capture read in chunks of any size gives the findings and polls of the whole text, in time order",
          "[replay][har][chunks]")
{
    const auto a1 = jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z");
    const auto a2 = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
    const auto back = jobs::make({S::queued}, J::running, 1, "2026-03-25T14:30:20.000Z"); // seq/item-transition after a2
    auto other = jobs::make({S::queued}, J::accepted);
    other.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    const std::string other_url = "https://api.tented.ai/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0M";
    auto escaped = a1; // a body whose JSON string holds escapes, cut anywhere
    escaped.items.at(0).tent_name = "Caf\xC3\xA9 \"quoted\" \\ page";
    auto deep = har_entry(url, 200, "2026-03-25T14:30:05.000Z", compact(escaped));
    boost::json::value stack = boost::json::object{{"callFrames", boost::json::array{}}};
    for (int i = 0; i < 50; ++i) stack = boost::json::object{{"parent", stack}};
    deep["_initiator"] = boost::json::object{{"type", "script"}, {"stack", stack}};
    // Entries out of time order, other requests, a 404, a poll of another job, an undated poll.
    const auto text = har({
        har_entry(url, 200, "2026-03-25T14:30:20.000Z", compact(back)),
        har_entry("https://api.tented.ai/v1/templates", 200, "2026-03-25T14:29:00.000Z", "[]"),
        har_entry(url, 404, "2026-03-25T14:30:01.000Z", R"({"error":"not found"})"),
        deep,
        har_entry(other_url, 200, "2026-03-25T14:30:02.000Z", compact(other)),
        har_entry(url, 200, "2026-03-25T14:30:10.000Z", compact(a2)),
        har_entry(url, 200, "later", compact(a2)),
        har_entry(url, 200, "2026-03-25T14:30:03.000Z", compact(a1)),
        har_entry(other_url, 200, "2026-03-25T14:30:04.000Z", compact(a1)),
    });
    temp_dir dir;
    const auto path = dir.path / "capture.har";
    std::ofstream(path, std::ios::binary) << text;
    const std::string p = path.string();
    for (const auto g : {tc::grouping::alone, tc::grouping::sequences}) {
        const auto whole = findings_of(tc::check_har(text, p, g));
        INFO(whole);
        const auto labels = [&](const std::string& findings) {
            std::string out;
            for (std::size_t at = 0; (at = findings.find(p, at)) != std::string::npos; at += p.size())
                if (at == 0 || findings[at - 1] == '\n')
                    out += findings.substr(at + p.size(), findings.find('\n', at) - at - p.size()) + " ";
            return out;
        };
        CHECK(labels(whole) == " #4 #7 #8 #3 #5 #0 #6 "); // the capture's own findings, then the polls in time order
        CHECK(whole.find("answered 404, not 200: it is not a snapshot, skipped [capture/http-status]") != std::string::npos);
        CHECK(whole.find(R"(returned bulk_job_id "01JQZB4H8A7T5B3R2W1X9Y6Z0K": checked alone, in neither job's sequence [seq/same-job])") != std::string::npos);
        CHECK(whole.find("startedDateTime \"later\" is not an RFC 3339 date-time") != std::string::npos);
        CHECK((whole.find("[seq/item-transition]") != std::string::npos) == (g == tc::grouping::sequences));
        std::string error;
        const auto streamed = tc::check_file(path, g, {}, error);
        REQUIRE(streamed);
        CHECK(findings_of(*streamed) == whole);
        for (const std::size_t chunk : {1, 2, 7, 64, 1000, 1 << 20}) {
            INFO("chunk of " << chunk << " bytes");
            CHECK(findings_of(read_in_chunks(path, g, {}, chunk)) == whole);
        }
    }
    // The polls themselves, fed in pieces of any size.
    const auto capture = tc::read_har(text);
    for (const std::size_t piece : {1, 2, 7, 64}) {
        INFO("pieces of " << piece << " bytes");
        std::vector<tc::record> polls;
        tc::detail::har_reader reader(static_cast<std::size_t>(-1), [&](tc::detail::har_fields& e) {
            tc::report ignored;
            const tc::options opts;
            tc::detail::sink out(opts, ignored.diagnostics);
            if (auto poll = tc::detail::har_poll(e, out, opts.max_bytes)) polls.push_back(poll->poll);
        });
        for (std::size_t at = 0; at < text.size(); at += piece) REQUIRE(reader.feed(std::string_view(text).substr(at, piece), false));
        REQUIRE(reader.feed({}, true));
        REQUIRE(polls.size() == capture.polls.size());
        std::map<std::size_t, const tc::record*> by_entry;
        for (const auto& r : capture.polls) by_entry[r.entry] = &r;
        for (const auto& r : polls) {
            INFO("entry " << r.entry);
            REQUIRE(by_entry.count(r.entry));
            CHECK(r.text == by_entry[r.entry]->text);
            CHECK(r.job_id == by_entry[r.entry]->job_id);
            CHECK(r.other_job == by_entry[r.entry]->other_job);
            CHECK(r.started == by_entry[r.entry]->started);
        }
    }
    REQUIRE(capture.polls.at(3).entry == 3);
    CHECK(capture.polls.at(3).text == compact(escaped));
}

TEST_CASE("a HAR capture cut or replaced between its two readings is read whole from the first, or is an error",
          "[replay][har][race]")
{
    std::vector<boost::json::object> entries;
    for (int i = 0; i < 40; ++i) {
        auto j = jobs::make({S::queued}, J::accepted);
        entries.push_back(har_entry(url, 200, "2026-03-25T14:30:" + std::to_string(10 + i) + ".000Z", compact(j)));
    }
    const auto text = har(entries);
    temp_dir dir;
    const auto path = dir.path / "capture.har";
    // Its first unit comes from the first reading; the polls from the second, made unit by unit.
    const auto read_changed = [&](const std::function<void()>& change, std::vector<std::string>& errors) {
        std::ofstream(path, std::ios::binary) << text;
        tc::input_units units({path.string()}, tc::grouping::alone, {}, false, {}, 256);
        std::size_t polls = 0;
        tc::check_unit u;
        for (bool first = true; units.next(u); first = false) {
            if (first) change();
            if (u.check) u.check(u.result);
            polls += u.result.reports.size();
            errors.insert(errors.end(), u.result.errors.begin(), u.result.errors.end());
        }
        return polls;
    };
    SECTION("cut: an error naming what the second reading missed")
    {
        std::vector<std::string> errors;
        const auto polls = read_changed([&] { fs::resize_file(path, text.size() / 2); }, errors);
        CHECK(polls < 40);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0] == path.string() + ": changed while it was read: its second reading found " +
                               std::to_string(polls) + " of the 40 polls of its first");
    }
    SECTION("replaced by a rename: the file first read is read again, whole")
    {
        std::vector<std::string> errors;
        const auto polls = read_changed(
            [&] {
                std::ofstream(dir.path / "other.har", std::ios::binary) << har({});
                fs::rename(dir.path / "other.har", path);
            },
            errors);
        CHECK(polls == 40);
        CHECK(errors.empty());
    }
}

namespace {

// As the CLI's handler: a bus error in the mapping being read is mended, any other is a failure.
extern "C" void patch_or_abort(int, siginfo_t* info, void*)
{
    if (!tc::detail::patch_truncated_mapping(info->si_addr)) std::abort();
}

} // namespace

TEST_CASE("a mapped payload cut while it is read is an error naming it, not a bus error", "[replay][race]")
{
    struct sigaction patch = {}, before = {};
    patch.sa_sigaction = patch_or_abort;
    patch.sa_flags = SA_SIGINFO;
    REQUIRE(sigaction(SIGBUS, &patch, &before) == 0);
    temp_dir dir;
    const auto path = dir.path / "big.json";
    std::ofstream(path, std::ios::binary) << "{\"template_id\": \"" + std::string(std::size_t{9} << 20, 'a') + "\"}";
    tc::detail::byte_source in;
    std::string error;
    REQUIRE(in.open(path.string(), error));
    tc::detail::mapped_file mapped;
    REQUIRE(mapped.map(in, tc::detail::mapped_slice));
    // Cut to one page before a byte of it is read: every page after it is gone.
    fs::resize_file(path, 4096);
    const auto reports = tc::detail::check_mapped(mapped, path.string(), {}, {}, error);
    sigaction(SIGBUS, &before, nullptr);
    CHECK_FALSE(reports);
    CHECK(mapped.truncated());
    CHECK(error == path.string() +
                       ": shrank while it was being read (another program cut or rewrote it): check it again once it is whole");
}

TEST_CASE("a log cut while it is read is an error naming it, not a syntax finding at the cut", "[replay][race][jsonl]")
{
    const auto poll = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    temp_dir dir;
    const auto path = dir.path / "polls.jsonl";
    std::string log;
    while (log.size() < 3 * 4096) log += poll + "\n";
    std::ofstream(path, std::ios::binary) << log;
    tc::detail::byte_source source;
    std::string error;
    REQUIRE(source.open(path.string(), error));
    tc::detail::json_lines_reader reader(std::move(source), path.string(), 1 << 20, 4096);
    tc::detail::line_batch b;
    REQUIRE(reader.next(b, error));
    const auto first = b.records.size();
    CHECK(first > 0);
    fs::resize_file(path, 2 * 4096 + 100); // in the middle of a record
    std::size_t records = first;
    while (reader.next(b, error)) records += b.records.size();
    CHECK(error == path.string() +
                       ": shrank while it was being read (another program cut or rewrote it): check it again once it is whole");
    CHECK(records * (poll.size() + 1) <= 2 * 4096 + 100); // no record past the cut
}

TEST_CASE("a HAR body over the size limit is json/too-large with its size, and the capture itself has no limit",
          "[replay][har][chunks][limits]")
{
    const auto small = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    const std::string huge = "{\"bulk_job_id\": \"01JQZB4H8A7T5B3R2W1X9Y6Z0K\", \"x\": \"" + std::string(5000, 'x') + "\"}";
    std::string huge64 = "eyJ4IjoiIiwi"; // base64 of a body far over the limit, never held
    huge64.append(20000, 'A');
    temp_dir dir;
    const auto path = dir.path / "big.har";
    std::ofstream(path, std::ios::binary) << har({har_entry(url, 200, "2026-03-25T14:30:00.000Z", small),
                                                  har_entry(url, 200, "2026-03-25T14:30:01.000Z", huge),
                                                  har_entry(url, 200, "2026-03-25T14:30:02.000Z", huge64, true),
                                                  har_entry(url, 200, "2026-03-25T14:30:03.000Z", small)});
    tc::options opts;
    opts.max_bytes = small.size() + 10;
    REQUIRE(fs::file_size(path) > opts.max_bytes);
    const std::string limit = std::to_string(opts.max_bytes);
    for (const std::size_t chunk : {3, 100, 1 << 20}) {
        INFO("chunk of " << chunk << " bytes");
        for (const auto g : {tc::grouping::alone, tc::grouping::sequences}) {
            const auto reports = read_in_chunks(path, g, opts, chunk);
            REQUIRE(reports.size() == 4);
            CHECK(reports[0].findings.ok());
            CHECK(reports[3].findings.ok());
            CHECK(reports[1].label() == path.string() + "#1");
            CHECK(reports[1].findings.rule_ids() == std::vector<std::string>{"json/too-large"});
            CHECK(reports[1].findings.diagnostics.at(0).message == "the input is " + std::to_string(huge.size()) +
                                                                       " bytes, larger than the limit of " + limit +
                                                                       " bytes (refused before parsing)");
            CHECK(reports[2].findings.diagnostics.at(0).message ==
                  "the input is more than the limit of " + limit + " bytes (refused before parsing)");
        }
    }
}

TEST_CASE("input_units list every input first, and name one they cannot read in its turn", "[replay][files]")
{
    temp_dir dir;
    const auto job = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    std::ofstream(dir.path / "a.json", std::ios::binary) << job;
    std::ofstream(dir.path / "b.jsonl", std::ios::binary) << job << "\n";
    tc::input_units units({(dir.path / "a.json").string(), (dir.path / "missing.jsonl").string(), dir.path.string()},
                          tc::grouping::alone, {}, false);
    std::vector<std::string> order;
    tc::run_in_order(units, [&](tc::unit_result& r) {
        for (const auto& e : r.errors) order.push_back("error " + e);
        for (const auto& s : r.reports) order.push_back(s.label());
    });
    CHECK(units.inputs_listed() == 3);
    const auto p = [&](const char* name) { return (dir.path / name).string(); };
    CHECK(order == std::vector<std::string>{p("a.json"), "error " + p("missing.jsonl") + ": no such file or folder",
                                            p("a.json"), p("b.jsonl") + ":1"});
}

namespace {

/// The findings of a folder of payload files of `sizes` bytes, walked with `max_bytes`, and of
/// each of them named alone (`check_file`), in one order. Each is a valid job padded with spaces
/// to its size and ending with a stray `x`, whose place is exact only when the file was read
/// whole; a size too small for the job is spaces.
std::pair<std::string, std::string> walked_and_alone(const std::vector<std::size_t>& sizes, std::size_t max_bytes)
{
    temp_dir t;
    const auto job = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    std::vector<std::string> names;
    for (const std::size_t size : sizes) {
        const auto text = size <= job.size() ? std::string(size, ' ') : job + std::string(size - job.size() - 1, ' ') + "x";
        const auto name = "size-" + std::to_string(100000 + size) + ".json";
        std::ofstream(t.path / name, std::ios::binary) << text;
        names.push_back(name);
    }
    tc::options opts;
    opts.max_bytes = max_bytes;
    std::vector<tc::sourced_report> walked;
    tc::input_units units({t.path.string()}, tc::grouping::alone, opts);
    tc::run_in_order(units, [&](tc::unit_result& r) {
        CHECK(r.errors.empty());
        for (auto& s : r.reports) walked.push_back(std::move(s));
    });
    std::vector<tc::sourced_report> one_by_one;
    for (const auto& n : names) {
        std::string error;
        auto reports = tc::check_file(t.path / n, tc::grouping::alone, opts, error, false, {});
        REQUIRE(reports);
        for (auto& s : *reports) one_by_one.push_back(std::move(s));
    }
    return {findings_of(walked), findings_of(one_by_one)};
}

std::string stray_x_at(std::size_t column)
{
    return "  1:" + std::to_string(column) + ": expected the end of the input after the JSON value, got 'x' [json/syntax]";
}

std::string refused_as_too_large(const char* size, const char* limit)
{
    return std::string("1:1: the input is ") + size + " bytes, larger than the limit of " + limit +
           " bytes (refused before parsing) [json/too-large]";
}

} // namespace

TEST_CASE("a folder's payload files give what check_file gives at every size around one read of 64 KiB", "[replay][files]")
{
    const auto [walked, alone] = walked_and_alone({100, 1000, 65535, 65536, 65537, 70001, 200000}, 70000);
    CHECK(walked == alone);
    for (const std::size_t column : {1000, 65535, 65536, 65537}) CHECK_THAT(walked, Catch::Contains(stray_x_at(column)));
    for (const char* size : {"70001", "200000"}) CHECK_THAT(walked, Catch::Contains(refused_as_too_large(size, "70000")));
}

TEST_CASE("a folder's payload files give what check_file gives around a limit below one read, and empty", "[replay][files]")
{
    // A walked file of one read is read before what it is, and how big, is asked: a file over the
    // limit is still refused as too large, an empty one is still empty.
    const auto [walked, alone] = walked_and_alone({0, 1999, 2000, 2001, 30000}, 2000);
    CHECK(walked == alone);
    for (const std::size_t column : {1999, 2000}) CHECK_THAT(walked, Catch::Contains(stray_x_at(column)));
    for (const char* size : {"2001", "30000"}) CHECK_THAT(walked, Catch::Contains(refused_as_too_large(size, "2000")));
    CHECK_THAT(walked, Catch::Contains("size-100000.json\n  1:1: "));
}

TEST_CASE("a link put in the place of a listed payload is followed and read to its end, wherever it leads", "[replay][files][race]")
{
    // The folder's file system ends a file on a short read; the procfs file the link leads to
    // does not: read as the link, it is read a page at a time up to the limit, as when named.
    if (!fs::exists("/proc/self/smaps")) return;
    temp_dir t;
    const auto link = (t.path / "swapped.json").string();
    fs::create_symlink("/proc/self/smaps", link);
    tc::options opts;
    opts.max_bytes = 10000;
    std::string error;
    std::size_t size = 0;
    const auto reports = tc::detail::check_file_sized(link, tc::grouping::alone, opts, error, false, {}, size, true);
    REQUIRE(reports);
    REQUIRE(reports->size() == 1);
    CHECK(reports->front().findings.diagnostics.at(0).message ==
          "the input is more than the limit of 10000 bytes (refused before parsing)");
    CHECK(size == tc::unknown_position);
}

TEST_CASE("a listed file is read in one pread only where nothing can cut that read short", "[replay][files]")
{
    // procfs files say they hold 0 bytes and are read about a page at a time.
    CHECK(tc::detail::open_listed_file("/proc/self/smaps") == -1);
    CHECK(tc::detail::open_listed_file("/proc/self/status") == -1);
    temp_dir t;
    std::ofstream(t.path / "plain.json") << "{}";
    fs::create_symlink(t.path / "plain.json", t.path / "link.json");
    CHECK(tc::detail::open_listed_file((t.path / "link.json").string()) == -1); // a link may lead to procfs
    CHECK(tc::detail::open_listed_file((t.path / "missing.json").string()) == -1);
}

TEST_CASE("a folder walked again after the working folder changed is read where its paths now lead", "[replay][files]")
{
    // The same relative path names another folder once the program moved: the folders kept open
    // for a walk's files must be those of the walk that listed them.
    temp_dir t;
    const auto job = compact(jobs::make({S::queued}, J::accepted, 1, "2026-03-25T14:30:00.000Z"));
    for (const char* place : {"a", "b"}) fs::create_directories(t.path / place / "data");
    std::ofstream(t.path / "a" / "data" / "job.json", std::ios::binary) << job;
    std::ofstream(t.path / "b" / "data" / "job.json", std::ios::binary) << job << "x";
    // Listed and read on this one thread, whose kept folder is what the second walk must not reuse.
    const auto walked_from = [&](const char* place) {
        const auto before = fs::current_path();
        fs::current_path(t.path / place);
        std::vector<std::string> errors;
        const auto files = tc::detail::file_names_below("data", errors, nullptr);
        REQUIRE(files == std::vector<std::string>{"data/job.json"});
        std::string error;
        std::size_t size = 0;
        const auto reports = tc::detail::check_file_sized(files[0], tc::grouping::alone, {}, error, false, {}, size, true);
        fs::current_path(before);
        REQUIRE(reports);
        return findings_of(*reports);
    };
    CHECK(walked_from("a") == "data/job.json\n");
    CHECK_THAT(walked_from("b"), Catch::StartsWith("data/job.json\n  1:" + std::to_string(job.size() + 1) +
                                                   ": expected the end of the input after the JSON value, got 'x'"));
}

TEST_CASE("a procfs file bind-mounted onto a listed payload is read to its end", "[replay][files][race]")
{
    // A mount can put a file of another file system in a listed file's place, which the folder's
    // does not tell. Mounting needs a mount namespace of its own: a child process makes one, or
    // the test is skipped where that is not allowed (no CAP_SYS_ADMIN).
    if (!fs::exists("/proc/self/smaps")) return;
    temp_dir t;
    const auto file = (t.path / "mounted.json").string();
    std::ofstream(file) << "{}";
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        if (unshare(CLONE_NEWNS) != 0 || mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            mount("/proc/self/smaps", file.c_str(), nullptr, MS_BIND, nullptr) != 0)
            _exit(77);
        tc::options opts;
        opts.max_bytes = 10000;
        std::string error;
        std::size_t size = 0;
        const auto r = tc::detail::check_file_sized(file, tc::grouping::alone, opts, error, false, {}, size, true);
        const bool whole = r && r->size() == 1 && !r->front().findings.diagnostics.empty() &&
                           r->front().findings.diagnostics[0].message ==
                               "the input is more than the limit of 10000 bytes (refused before parsing)" &&
                           size == tc::unknown_position;
        _exit(whole ? 0 : 1);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        WARN("skipped: no mount namespace can be made here");
        return;
    }
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("a payload a folder walk listed is refused, never waited for, once a FIFO took its place, and one of unknown size is read to its end", "[replay][files][race]")
{
    temp_dir t;
    const auto fifo = (t.path / "swapped.json").string();
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0); // no writer: opening it to read would block
    tc::options opts;
    std::string error;
    std::size_t size = 0;
    CHECK_FALSE(tc::detail::check_file_sized(fifo, tc::grouping::alone, opts, error, false, {}, size, true));
    CHECK(error == fifo + ": no longer a regular file (a FIFO, socket or device took its place after its folder was listed): not read");
    // A regular file of procfs: its size says 0 and each read returns about a page.
    if (!fs::exists("/proc/self/smaps")) return;
    opts.max_bytes = 10000;
    error.clear();
    const auto smaps = tc::detail::check_file_sized("/proc/self/smaps", tc::grouping::alone, opts, error, false, {}, size, true);
    REQUIRE(smaps);
    REQUIRE(smaps->size() == 1);
    CHECK(smaps->front().findings.rule_ids() == std::vector<std::string>{"json/too-large"});
    // Read up to the limit, past a size that said less: how much more it held is not known.
    CHECK(smaps->front().findings.diagnostics.at(0).message ==
          "the input is more than the limit of 10000 bytes (refused before parsing)");
    CHECK(size == tc::unknown_position);
}

TEST_CASE("a log of more jobs than are kept decoded compares every job with its own previous poll, however long ago",
          "[replay][jsonl][memory]")
{
    // 200 jobs, far more than are kept decoded: each job's first poll, then each job's second in
    // the reverse order, so the jobs polled first wait longest and are decoded again.
    const std::size_t count = 200;
    const auto id = [](std::size_t k) {
        const auto n = std::to_string(1000 + k);
        return "01JQZB4H8A7T5B3R2W1X9Y" + n;
    };
    std::string log;
    for (std::size_t k = 0; k < count; ++k) {
        auto first = jobs::make({S::generating}, J::running, 1, "2026-03-25T14:30:10.000Z");
        first.bulk_job_id.text = id(k);
        log += compact(first) + "\n";
    }
    for (std::size_t k = count; k-- > 0;) {
        auto back = jobs::make({S::queued}, J::running, 1, "2026-03-25T14:30:20.000Z");
        back.bulk_job_id.text = id(k);
        log += compact(back) + "\n";
    }
    // The item's status in a first poll: the value after `"status":` inside `items`.
    const auto line = log.substr(0, log.find('\n'));
    const auto column = line.find("\"generating\"", line.find("\"items\"")) + 1;
    const auto reports = tc::check_json_lines(log, "log.jsonl", tc::grouping::sequences);
    REQUIRE(reports.size() == 2 * count);
    for (std::size_t k = 0; k < count; ++k) CHECK(reports[k].findings.diagnostics.empty());
    for (std::size_t r = count; r < 2 * count; ++r) {
        const auto job = 2 * count - 1 - r; // its first poll is on line job + 1
        REQUIRE(reports[r].findings.rule_ids() == std::vector<std::string>{"seq/item-transition"});
        CHECK_THAT(reports[r].findings.diagnostics[0].message,
                   Catch::EndsWith("(previous poll: log.jsonl:" + std::to_string(job + 1) + ":" + std::to_string(column) + ")"));
    }
}
