// output.hpp: the finding line, the JSON v1 document and the escaping the CLI and the Catch2
// matcher share.
#include <tented/contract/output.hpp>

#include <tented/contract/replay.hpp>

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <sstream>

namespace tc = tented::contract;
namespace json = boost::json;

namespace {

tc::diagnostic finding(std::string rule, tc::severity s, std::string pointer, std::string message, std::size_t line,
                       std::size_t column)
{
    tc::diagnostic d;
    d.rule = std::move(rule);
    d.severity = s;
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    d.line = line;
    d.column = column;
    d.offset = line == tc::unknown_position ? tc::unknown_position : 0;
    return d;
}

tc::sourced_report one_finding(std::string source, tc::diagnostic d)
{
    tc::sourced_report r;
    r.source = std::move(source);
    r.findings.diagnostics.push_back(std::move(d));
    return r;
}

} // namespace

TEST_CASE("format_finding writes file:line:col: severity: message (at pointer) [rule]", "[output]")
{
    const auto r = one_finding("job.json", finding("counts/buckets", tc::severity::error, "/queued",
                                                   "queued is 2 but 1 item has status \"queued\"", 12, 7));
    CHECK(tc::format_finding(r, r.findings.diagnostics[0]) ==
          "job.json:12:7: error: queued is 2 but 1 item has status \"queued\" (at /queued) [counts/buckets]");
    CHECK(tc::format_finding(r.findings.diagnostics[0]) ==
          "12:7: error: queued is 2 but 1 item has status \"queued\" (at /queued) [counts/buckets]");
}

TEST_CASE("format_finding leaves out an unknown position and the whole document's pointer", "[output]")
{
    const auto r = one_finding("<stdin>", finding("json/bom", tc::severity::warning, "", "a byte-order mark",
                                                  tc::unknown_position, tc::unknown_position));
    CHECK(tc::format_finding(r, r.findings.diagnostics[0]) == "<stdin>: warning: a byte-order mark [json/bom]");
}

TEST_CASE("a JSON Lines record's finding is on the record's line of the file; a HAR entry is named by its label",
          "[output]")
{
    auto r = one_finding("polls.jsonl", finding("time/order", tc::severity::error, "/updated_at", "late", 1, 40));
    r.record = 7;
    CHECK(tc::display_line(r, r.findings.diagnostics[0]) == 7);
    CHECK(tc::format_finding(r, r.findings.diagnostics[0]) == "polls.jsonl:7:40: error: late (at /updated_at) [time/order]");
    r.har_entry = true;
    r.record = 3;
    CHECK(tc::format_finding(r, r.findings.diagnostics[0]) == "polls.jsonl#3:1:40: error: late (at /updated_at) [time/order]");
}

TEST_CASE("text output escapes control characters so a payload cannot start a line or colour a terminal", "[output]")
{
    CHECK(tc::printable("a\nb\tc\rd\x1b[31me\x7f") == "a\\nb\\tc\\rd\\x1b[31me\\x7f");
    const auto r = one_finding("x\n.json", finding("schema/enum", tc::severity::error, "/st\natus", "got \"\x1b[2J\"", 1, 1));
    CHECK(tc::format_finding(r, r.findings.diagnostics[0]) ==
          "x\\n.json:1:1: error: got \"\\x1b[2J\" (at /st\\natus) [schema/enum]");
}

TEST_CASE("valid_utf8 keeps well-formed UTF-8 and replaces every other byte with U+FFFD", "[output]")
{
    CHECK(tc::valid_utf8("caf\xC3\xA9 \xF0\x9F\x8F\x95") == "caf\xC3\xA9 \xF0\x9F\x8F\x95");
    CHECK(tc::valid_utf8("a\xFFz") == "a\xEF\xBF\xBDz");
    CHECK(tc::valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");    // overlong '/'
    CHECK(tc::valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // a surrogate
    CHECK(tc::valid_utf8("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");    // cut short
}

TEST_CASE("the colour text writer uses bold places and bright red errors, bright magenta warnings", "[output]")
{
    const auto r = one_finding("a.json", finding("format/ulid-canonical", tc::severity::warning, "/bulk_job_id", "lower", 2, 18));
    CHECK(tc::format_finding(r, r.findings.diagnostics[0], true) ==
          "\x1b[1ma.json:2:18:\x1b[0m \x1b[1m\x1b[95mwarning:\x1b[0m lower (at /bulk_job_id) [format/ulid-canonical]");
}

TEST_CASE("the text writer prints findings as added, the omitted note, then the summary line", "[output]")
{
    std::ostringstream out;
    auto w = tc::make_report_writer(tc::output_format::text, out);
    auto r = one_finding("a.json", finding("time/order", tc::severity::error, "/updated_at", "late", 3, 4));
    r.findings.omitted_warnings = 2;
    tc::run_summary s;
    s.add(r.findings);
    w->add(r);
    CHECK(out.str() == "a.json:3:4: error: late (at /updated_at) [time/order]\n"
                       "a.json: note: 2 more findings not shown (0 errors, 2 warnings; --max-findings raises the limit)\n");
    tc::sourced_report clean;
    clean.source = "b.json";
    s.add(clean.findings);
    w->add(clean);
    w->finish(s, 1);
    CHECK(out.str().substr(out.str().rfind("a.json: note")) ==
          "a.json: note: 2 more findings not shown (0 errors, 2 warnings; --max-findings raises the limit)\n"
          "2 inputs, 1 valid, 1 invalid, 1 error, 2 warnings\n");
}

TEST_CASE("the JSON writer writes one version 1 document with results and summary", "[output]")
{
    std::ostringstream out;
    auto w = tc::make_report_writer(tc::output_format::json, out);
    auto r = one_finding("polls.jsonl", finding("time/order", tc::severity::error, "/updated_at", "bad \xFF", 1, 9));
    r.record = 4;
    tc::run_summary s;
    s.add(r.findings);
    w->add(r);
    CHECK(out.str().empty());
    w->finish(s, 1);
    const auto doc = json::parse(out.str());
    CHECK(doc.at("version") == 1);
    const auto& result = doc.at("results").at(0);
    CHECK(result.at("source") == "polls.jsonl");
    CHECK(result.at("record") == 4);
    CHECK(result.at("valid") == false);
    const auto& d = result.at("diagnostics").at(0);
    CHECK(d.at("rule") == "time/order");
    CHECK(d.at("severity") == "error");
    CHECK(d.at("line") == 4);
    CHECK(d.at("column") == 9);
    CHECK(d.at("message") == "bad \xEF\xBF\xBD");
    CHECK(doc.at("summary") == json::parse(R"({"inputs":1,"valid":0,"invalid":1,"errors":1,"warnings":0})"));
}

TEST_CASE("output formats are named as --format spells them", "[output]")
{
    CHECK(tc::output_format_named("json") == tc::output_format::json);
    CHECK(tc::output_format_named("text") == tc::output_format::text);
    CHECK_FALSE(tc::output_format_named("yaml"));
    CHECK(tc::to_string(tc::output_format::json) == "json");
}

TEST_CASE("file kinds are told by name, and --jsonl reads any file but a capture as a log", "[output][replay]")
{
    CHECK(tc::kind_of("a/b.json") == tc::file_kind::payload);
    CHECK(tc::kind_of("polls.jsonl") == tc::file_kind::json_lines);
    CHECK(tc::kind_of("polls.ndjson") == tc::file_kind::json_lines);
    CHECK(tc::kind_of("capture.har") == tc::file_kind::har);
    CHECK(tc::kind_of("polls.log", true) == tc::file_kind::json_lines);
    CHECK(tc::kind_of("capture.har", true) == tc::file_kind::har);
}

TEST_CASE("check_inputs sends each report in path order and each unreadable path as an error", "[output][replay]")
{
    std::vector<std::string> sources, errors;
    const tc::input_handler on{[&](tc::sourced_report r) { sources.push_back(r.source); },
                               [&](std::string e) { errors.push_back(std::move(e)); }};
    tc::check_inputs({"corpus/docs/in-progress.json", "no/such/file.json", "corpus/docs/completed.json"},
                     tc::grouping::alone, {}, on);
    CHECK(sources == std::vector<std::string>{"corpus/docs/in-progress.json", "corpus/docs/completed.json"});
    CHECK(errors == std::vector<std::string>{"no/such/file.json: no such file or folder"});
}
