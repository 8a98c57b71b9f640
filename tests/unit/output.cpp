// output.hpp: the finding line, the JSON v1 document and the escaping the CLI and the Catch2
// matcher share.
#include <tented/contract/output.hpp>

#include <tented/contract/replay.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <vector>

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

TEST_CASE("a JSON Lines record's finding is on the record's line of the file, and a HAR entry is named by its label",
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
    CHECK(tc::printable("csi\xC2\x9B" "2J nel\xC2\x85 ls\xE2\x80\xA8 \xC2\xA0\xE2\x80\x94") ==
          "csi\\u009b2J nel\\u0085 ls\\u2028 \xC2\xA0\xE2\x80\x94"); // no-break space and dash stay
    // Bidirectional formatting characters would reorder the line a terminal shows.
    CHECK(tc::printable("rlo\xE2\x80\xAE lri\xE2\x81\xA6 rlm\xE2\x80\x8F ps\xE2\x80\xA9 zwj\xE2\x80\x8D") ==
          "rlo\\u202e lri\\u2066 rlm\\u200f ps\\u2029 zwj\xE2\x80\x8D");
    // The Arabic letter mark is one too; the Arabic letters beside it in its block are not.
    CHECK(tc::printable("alm\xD8\x9C ar\xD8\xA7\xD8\x9B") == "alm\\u061c ar\xD8\xA7\xD8\x9B");
    // A lone byte of 0x80 to 0x9F is an 8-bit C1 control to some terminals (0x9B: CSI); other
    // bytes no UTF-8 holds, a Latin-1 name's, are left as they are.
    CHECK(tc::printable("raw\x9B" "2J \x85 latin1\xE9 \xC3\xA9\xC3") == "raw\\x9b2J \\x85 latin1\xE9 \xC3\xA9\xC3");
    const auto r = one_finding("x\n.json", finding("schema/enum", tc::severity::error, "/st\natus", "got \"\x1b[2J\"", 1, 1));
    CHECK(tc::format_finding(r, r.findings.diagnostics[0]) ==
          "x\\n.json:1:1: error: got \"\\x1b[2J\" (at /st\\natus) [schema/enum]");
}

TEST_CASE("text output doubles a path's and a pointer's backslashes: an escaped control byte and four characters differ",
          "[output]")
{
    const auto newline = one_finding("a\nb.json", finding("schema/required", tc::severity::error, "", "m", 1, 1));
    const auto backslash = one_finding("a\\nb.json", finding("schema/required", tc::severity::error, "", "m", 1, 1));
    CHECK(tc::format_finding(newline, newline.findings.diagnostics[0]) == "a\\nb.json:1:1: error: m [schema/required]");
    CHECK(tc::format_finding(backslash, backslash.findings.diagnostics[0]) == "a\\\\nb.json:1:1: error: m [schema/required]");
    const auto control = one_finding("x.json", finding("schema/unknown-field", tc::severity::error, "/a\x01" "b", "m", 1, 1));
    const auto characters = one_finding("x.json", finding("schema/unknown-field", tc::severity::error, "/a\\x01b", "m", 1, 1));
    CHECK(tc::format_finding(control, control.findings.diagnostics[0]) == "x.json:1:1: error: m (at /a\\x01b) [schema/unknown-field]");
    CHECK(tc::format_finding(characters, characters.findings.diagnostics[0]) ==
          "x.json:1:1: error: m (at /a\\\\x01b) [schema/unknown-field]");
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

TEST_CASE("the omitted note of a JSON Lines record names its line, as its findings do", "[output]")
{
    auto r = one_finding("polls.jsonl", finding("time/order", tc::severity::error, "/updated_at", "late", 1, 4));
    r.record = 7;
    r.findings.omitted_errors = 3;
    CHECK(tc::format_omitted(r) == "polls.jsonl:7: note: 3 more findings not shown (3 errors, 0 warnings; --max-findings raises the limit)");
    r.har_entry = true; // a HAR entry is named by its label, line and all
    r.record = 2;
    CHECK(tc::format_omitted(r) == "polls.jsonl#2: note: 3 more findings not shown (3 errors, 0 warnings; --max-findings raises the limit)");
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

TEST_CASE("the JSON writer writes one version 1 document with results and summary, each result as it is added",
          "[output]")
{
    std::ostringstream out;
    auto w = tc::make_report_writer(tc::output_format::json, out);
    auto r = one_finding("polls.jsonl", finding("time/order", tc::severity::error, "/updated_at", "bad \xFF", 1, 9));
    r.record = 4;
    tc::run_summary s;
    s.add(r.findings);
    w->add(r);
    // Written now, not kept to the end: a run's findings are not all held in memory.
    const auto head = std::string(R"({"version":1,"results":[{"source":"polls.jsonl","record":4,)");
    CHECK(out.str().substr(0, head.size()) == head);
    CHECK(out.str().find("summary") == std::string::npos);
    const auto first = out.str().size();
    w->add(r);
    CHECK(out.str().substr(first, 2) == ",{");
    w->finish(s, 1);
    CHECK(json::parse(out.str()).at("results").as_array().size() == 2);
    out.str("");
    w = tc::make_report_writer(tc::output_format::json, out);
    w->add(r);
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
    CHECK(doc.at("summary") == json::parse(R"({"inputs":1,"valid":0,"invalid":1,"errors":1,"warnings":0,"skipped":[],"input_errors":[]})"));
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

namespace {

std::string written(tc::output_format f, const std::vector<tc::sourced_report>& reports, tc::writer_options w = {})
{
    std::ostringstream out;
    auto writer = tc::make_report_writer(f, out, w);
    tc::run_summary s;
    for (const auto& r : reports) {
        writer->add(r);
        s.add(r.findings);
    }
    writer->finish(s, s.errors ? 1 : 0);
    return out.str();
}

// A message quoting a payload's string that tries to end the line and start a command of its own.
const std::string forged = "got \"x%0A\r\n::error file=a.json,line=1::forged\"";

} // namespace

TEST_CASE("a GitHub annotation escapes its data and properties, so no payload can forge a command", "[output][github]")
{
    auto d = finding("format/uuid", tc::severity::error, "/items/0/tent_id", forged, 3, 14);
    d.character = 12;
    const auto text = written(tc::output_format::github, {one_finding("a,b:c%.json", d)});
    CHECK(text == "::error file=a%2Cb%3Ac%25.json,line=3,col=12,title=format/uuid::got \"x%250A%0D%0A::error "
                  "file=a.json,line=1::forged\" (at /items/0/tent_id)\n"
                  "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
}

TEST_CASE("a GitHub annotation %-encodes C1 controls, the Unicode line separators and bidirectional controls",
          "[output][github]")
{
    const auto d = finding("schema/enum", tc::severity::error, "/status", "got \"\xC2\x9B" "2J\xC2\x85\xE2\x80\xA9\xC2\xA0\"", 1, 2);
    CHECK(written(tc::output_format::github, {one_finding("a.json", d)}).rfind(
              "::error file=a.json,line=1,col=2,title=schema/enum::got \"%C2%9B2J%C2%85%E2%80%A9\xC2\xA0\" (at /status)\n", 0) == 0);
    // Right-to-left override, isolate, mark and the Arabic letter mark, in a file name and a message.
    const auto bidi = finding("schema/enum", tc::severity::error, "", "got \"a\xE2\x80\xAE" "b\xE2\x81\xA7\xE2\x80\x8F\xD8\x9C\"", 1, 2);
    CHECK(written(tc::output_format::github, {one_finding("x\xE2\x80\xAE.json", bidi)}).rfind(
              "::error file=x%E2%80%AE.json,line=1,col=2,title=schema/enum::got \"a%E2%80%AEb%E2%81%A7%E2%80%8F%D8%9C\"\n", 0) == 0);
}

TEST_CASE("a finding without a position is annotated on its file alone, a warning as ::warning", "[output][github]")
{
    const auto d = finding("capture/http-status", tc::severity::warning, "", "poll 2 was answered 404", tc::unknown_position,
                           tc::unknown_position);
    CHECK(written(tc::output_format::github, {one_finding("c.har", d)}).rfind(
              "::warning file=c.har,title=capture/http-status::poll 2 was answered 404\n", 0) == 0);
}

TEST_CASE("a live poll kept in no file is placed at its URL in SARIF, on no file in GitHub and JUnit", "[output][live]")
{
    auto r = one_finding("poll 2", finding("seq/time", tc::severity::error, "/updated_at",
                                           "updated_at went back (previous poll: poll 1:1:40)", 1, 40));
    r.uri = "https://api.example/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K";
    const auto result = json::parse(written(tc::output_format::sarif, {r})).at("runs").at(0).at("results").at(0);
    const auto place = R"({"uri":"https://api.example/v1/bulk-jobs/01JQZB4H8A7T5B3R2W1X9Y6Z0K","description":{"text":)";
    CHECK(json::serialize(result.at("locations").at(0).at("physicalLocation").at("artifactLocation")) ==
          std::string(place) + R"("poll 2"}})");
    CHECK(json::serialize(result.at("relatedLocations").at(0).at("physicalLocation").at("artifactLocation")) ==
          std::string(place) + R"("poll 1"}})");
    CHECK(written(tc::output_format::github, {r}).rfind(
              "::error title=seq/time::poll 2: updated_at went back (previous poll: poll 1:1:40) (at /updated_at)\n", 0) == 0);
    const auto xml = written(tc::output_format::junit, {r});
    const auto tag = xml.find(R"(<testcase name="poll 2" classname=")");
    REQUIRE(tag != std::string::npos);
    const auto attributes = xml.substr(tag, xml.find('>', tag) - tag);
    CHECK(attributes.find(" file=") == std::string::npos);
    CHECK(attributes.find(" line=") == std::string::npos);
    CHECK(json::parse(written(tc::output_format::json, {r})).at("results").at(0).at("uri") == r.uri.c_str());
}

TEST_CASE("JUnit XML has a test case an input, a failure typed by its first error, everything escaped", "[output][junit]")
{
    auto bad = one_finding("x.json", finding("format/uuid", tc::severity::error, "/a", "got \"]]><&\x01\xEF\xBF\xBF\"", 2, 5));
    bad.duration = std::chrono::milliseconds(1250);
    const tc::sourced_report good{"y.json", std::nullopt, false, {}, std::chrono::milliseconds(3), {}};
    tc::writer_options w;
    w.command = "replay";
    const auto xml = written(tc::output_format::junit, {bad, good, good}, w);
    CHECK(xml.find(R"(<testsuites name="tented-contract" tests="3" failures="1" errors="0" time="1.256">)") != std::string::npos);
    CHECK(xml.find(R"(<testsuite name="tented-contract replay" tests="3" failures="1" errors="0" skipped="0" time="1.256">)") !=
          std::string::npos);
    CHECK(xml.find(R"(<testcase name="x.json" classname="tented-contract.replay" file="x.json" line="2" time="1.250">)") !=
          std::string::npos);
    CHECK(xml.find(R"(<failure type="format/uuid" message="1 error, the first: got &quot;]]&gt;&lt;&amp;\x01)"
                   "\xEF\xBF\xBD" R"(&quot;">)") != std::string::npos);
    CHECK(xml.find(R"x(<testcase name="y.json (2)")x") != std::string::npos); // names are unique
    CHECK(xml.find("]]>") == std::string::npos);
}

TEST_CASE("JUnit types a failure that kept none of its errors as omitted, its note counting them", "[output][junit]")
{
    // An unknown member (a warning) before 13 missing members (errors): errors are kept first, so
    // only a max_findings of 0 keeps none of them.
    const std::string text = R"({"extra": 1})";
    tc::options none;
    none.max_findings = 0;
    tc::sourced_report r;
    r.source = "z.json";
    r.findings = tc::validate(text, none);
    REQUIRE(r.findings.diagnostics.empty());
    CHECK(r.findings.omitted_errors == 13);
    CHECK(r.findings.omitted_warnings == 1);
    const auto xml = written(tc::output_format::junit, {r});
    CHECK(xml.find(R"(<failure type="omitted" message="13 errors">)"
                   "z.json: note: 14 more findings not shown (13 errors, 1 warning; --max-findings raises the limit)&#10;"
                   "</failure>") != std::string::npos);
    tc::options one;
    one.max_findings = 1;
    const auto kept = tc::validate(text, one);
    REQUIRE(kept.diagnostics.size() == 1);
    CHECK(kept.diagnostics[0].rule == "schema/required");
    CHECK(kept.omitted_warnings == 1);
}

TEST_CASE("JUnit test case names stay unique when an input is itself named like a repeat", "[output][junit]")
{
    const tc::sourced_report a{"a.json", std::nullopt, false, {}, {}, {}};
    const tc::sourced_report a2{"a.json (2)", std::nullopt, false, {}, {}, {}};
    const auto xml = written(tc::output_format::junit, {a, a, a2, a});
    std::vector<std::string> names;
    for (auto at = xml.find("<testcase name=\""); at != std::string::npos; at = xml.find("<testcase name=\"", at + 1)) {
        const auto from = at + std::string_view("<testcase name=\"").size();
        names.push_back(xml.substr(from, xml.find('"', from) - from));
    }
    CHECK(names == std::vector<std::string>{"a.json", "a.json (2)", "a.json (2) (2)", "a.json (3)"});
}

TEST_CASE("SARIF lists the catalogue as rules and places each result, on line 1 when it has no position", "[output][sarif]")
{
    auto placed = finding("counts/buckets", tc::severity::error, "/queued", "queued is 2", 7, 13);
    placed.offset = 120;
    placed.character = 11;
    placed.length = 1;
    const auto unplaced = finding("capture/http-status", tc::severity::warning, "", "not 200", tc::unknown_position,
                                  tc::unknown_position);
    tc::writer_options w;
    w.opts.disable("items/order");
    w.opts.set_severity("credits/unit-cost", tc::severity::error);
    w.source_root = "file:///work/";
    const auto log = json::parse(written(tc::output_format::sarif,
                                         {one_finding("dir/a b.json", placed), one_finding("/abs/c.har", unplaced)}, w));
    const auto& run = log.at("runs").at(0);
    const auto& rules = run.at("tool").at("driver").at("rules").as_array();
    REQUIRE(rules.size() == tc::rule_count);
    CHECK(rules[22].at("id") == "counts/buckets");
    CHECK(rules[22].at("helpUri").as_string() == std::string(tc::catalogue_uri) + "#counts-buckets");
    CHECK(rules[static_cast<std::size_t>(tc::rule::items_order)].at("defaultConfiguration").at("enabled") == false);
    CHECK(run.at("invocations").at(0).at("ruleConfigurationOverrides").at(0).at("configuration").at("level") == "error");
    CHECK(run.at("invocations").at(0).at("exitCode") == 1);
    const auto& first = run.at("results").at(0);
    CHECK(first.at("ruleIndex") == 22);
    CHECK(json::serialize(first.at("locations").at(0)) ==
          R"({"physicalLocation":{"artifactLocation":{"uri":"dir/a%20b.json","uriBaseId":"%SRCROOT%"},)"
          R"("region":{"startLine":7,"startColumn":11,"byteOffset":120,"byteLength":1}},)"
          R"("logicalLocations":[{"fullyQualifiedName":"/queued","kind":"member"}]})");
    const auto& second = run.at("results").at(1);
    CHECK(json::serialize(second.at("locations").at(0).at("physicalLocation")) ==
          R"({"artifactLocation":{"uri":"file:///abs/c.har"},"region":{"startLine":1}})");
    // The same findings give the same fingerprints in every run.
    CHECK(first.at("partialFingerprints") ==
          json::parse(written(tc::output_format::sarif, {one_finding("dir/a b.json", placed)}, w))
              .at("runs").at(0).at("results").at(0).at("partialFingerprints"));
}

TEST_CASE("SARIF fingerprints tell apart the findings of one input alike in rule and pointer", "[output][sarif]")
{
    const auto alike = finding("counts/buckets", tc::severity::error, "/queued", "queued is 2", 7, 13);
    auto twice = one_finding("a.json", alike);
    twice.findings.diagnostics.push_back(alike);
    const auto log = json::parse(written(tc::output_format::sarif, {twice, one_finding("b.json", alike)}));
    std::vector<std::string> prints;
    for (const auto& r : log.at("runs").at(0).at("results").as_array())
        prints.emplace_back(r.at("partialFingerprints").at("tentedContract/v1").as_string());
    REQUIRE(prints.size() == 3);
    CHECK(prints[0].substr(16) == ":1");
    CHECK(prints[1] == prints[0].substr(0, 16) + ":2");
    CHECK(prints[2].substr(16) == ":1"); // another input: its own count
    CHECK(prints[2] != prints[0]);
}

TEST_CASE("a spool gives back what was appended, in order, whatever its size", "[output][junit]")
{
    tc::detail::spool cases;
    const std::string big(200000, 'x');
    cases.append("<a/>\n");
    cases.append(big);
    cases.append("<b/>\n");
    std::ostringstream out;
    cases.copy_to(out);
    CHECK(out.str() == "<a/>\n" + big + "<b/>\n");
}

TEST_CASE("a spool whose file cannot give back what it took fails the output it is copied to", "[output][junit]")
{
    // /dev/full takes writes into the stdio buffer, then refuses the flush that must precede
    // reading them back (ENOSPC), as a full disk would.
    std::FILE* full = std::fopen("/dev/full", "w+");
    REQUIRE(full);
    tc::detail::spool cases(full);
    cases.append("<a/>\n");
    std::ostringstream out;
    cases.copy_to(out);
    CHECK(out.bad());
    tc::detail::spool in_memory(nullptr);
    in_memory.append("<a/>\n");
    std::ostringstream kept;
    in_memory.copy_to(kept);
    CHECK(kept.good());
    CHECK(kept.str() == "<a/>\n");
}

TEST_CASE("a GitHub notice of a JSON Lines record's omitted findings is annotated on its line", "[output][github]")
{
    auto r = one_finding("polls.jsonl", finding("time/order", tc::severity::error, "/updated_at", "late", 1, 4));
    r.record = 7;
    r.findings.omitted_errors = 3;
    CHECK(written(tc::output_format::github, {r}).find("::notice file=polls.jsonl,line=7::polls.jsonl:7: note: 3 more findings") !=
          std::string::npos);
    r.record.reset(); // a payload file: the note is on the file
    CHECK(written(tc::output_format::github, {r}).find("::notice file=polls.jsonl::polls.jsonl: note: 3 more findings") !=
          std::string::npos);
}

TEST_CASE("SARIF says in a notification how many findings --max-findings left out of an input", "[output][sarif]")
{
    auto r = one_finding("polls.jsonl", finding("counts/buckets", tc::severity::error, "/queued", "queued is 2", 1, 3));
    r.record = 4;
    r.findings.omitted_errors = 2;
    r.findings.omitted_warnings = 1;
    const auto invocation = json::parse(written(tc::output_format::sarif, {r})).at("runs").at(0).at("invocations").at(0);
    CHECK(json::serialize(invocation.at("toolExecutionNotifications")) ==
          R"([{"level":"error","message":{"text":"3 more findings not shown (2 errors, 1 warning; --max-findings raises the limit)."},)"
          R"("locations":[{"physicalLocation":{"artifactLocation":{"uri":"polls.jsonl","uriBaseId":"%SRCROOT%"},"region":{"startLine":4}}}]}])");
    CHECK_FALSE(json::parse(written(tc::output_format::sarif, {one_finding("a.json", r.findings.diagnostics.front())}))
                    .at("runs").at(0).at("invocations").at(0).as_object().contains("toolExecutionNotifications"));
}

TEST_CASE("a HAR sequence finding's previous poll is the capture file, its entry a property", "[output][sarif]")
{
    const auto d = finding("seq/time", tc::severity::error, "/updated_at",
                           "updated_at went back (previous poll: cap#1.har#12:1:707)", 1, 707);
    auto r = one_finding("cap#1.har", d);
    r.record = 3;
    r.har_entry = true;
    const auto result = json::parse(written(tc::output_format::sarif, {r})).at("runs").at(0).at("results").at(0);
    CHECK(json::serialize(result.at("relatedLocations")) ==
          R"([{"id":1,"message":{"text":"The previous poll."},"properties":{"harEntry":12},)"
          R"("physicalLocation":{"artifactLocation":{"uri":"cap%231.har","uriBaseId":"%SRCROOT%"},"region":{"startLine":1}}}])");
    CHECK(result.at("properties") == json::parse(R"({"harEntry":3})"));
}

TEST_CASE("a sequence finding's previous poll is its SARIF related location", "[output][sarif]")
{
    const auto d = finding("seq/time", tc::severity::error, "/updated_at", "updated_at went back (previous poll: x:y/001.json:12:3)",
                           12, 3);
    const auto log = json::parse(written(tc::output_format::sarif, {one_finding("x:y/002.json", d)}));
    CHECK(json::serialize(log.at("runs").at(0).at("results").at(0).at("relatedLocations")) ==
          R"([{"id":1,"message":{"text":"The previous poll."},"physicalLocation":)"
          R"({"artifactLocation":{"uri":"x%3Ay/001.json","uriBaseId":"%SRCROOT%"},"region":{"startLine":12}}}])");
}

TEST_CASE("the summary counts skipped files by reason, in the order first met", "[output][skipped]")
{
    tc::run_summary s;
    s.inputs = s.valid = 2;
    CHECK(tc::format_summary(s) == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings");
    s.skipped = {{"a.txt", "not named .json, .jsonl, .ndjson or .har"},
                 {"p", "not a regular file (a FIFO, socket or device)"},
                 {"b.md", "not named .json, .jsonl, .ndjson or .har"}};
    CHECK(tc::format_summary(s) == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings, 3 files skipped (2 not named "
                                   ".json, .jsonl, .ndjson or .har; 1 not a regular file (a FIFO, socket or device))");
    s.skipped.resize(1);
    CHECK(tc::format_summary(s) == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings, 1 file skipped (1 not named "
                                   ".json, .jsonl, .ndjson or .har)");
    CHECK(tc::to_json(s).at("skipped") == json::parse(R"([{"path": "a.txt", "reason": "not named .json, .jsonl, .ndjson or .har"}])"));
}

TEST_CASE("JUnit XML lists each skipped file as a skipped test case", "[output][junit][skipped]")
{
    const tc::sourced_report good{"y.json", std::nullopt, false, {}, std::chrono::milliseconds(3), {}};
    std::ostringstream out;
    auto writer = tc::make_report_writer(tc::output_format::junit, out, {});
    tc::run_summary s;
    writer->add(good);
    s.add(good.findings);
    s.skipped = {{"notes.txt", "not named .json, .jsonl, .ndjson or .har"}, {"y.json", "a <reason> & more"}};
    writer->finish(s, 0);
    const auto xml = out.str();
    CHECK(xml.find(R"(<testsuites name="tented-contract" tests="3" failures="0" errors="0" time="0.003">)") !=
          std::string::npos);
    CHECK(xml.find(R"(tests="3" failures="0" errors="0" skipped="2" time="0.003">)") != std::string::npos);
    CHECK(xml.find("    <testcase name=\"notes.txt\" classname=\"tented-contract.validate\" file=\"notes.txt\" "
                   "time=\"0.000\">\n      <skipped message=\"not named .json, .jsonl, .ndjson or .har\"/>\n"
                   "    </testcase>\n") != std::string::npos);
    // A skipped file's name stays unique beside a checked one of the same name.
    CHECK(xml.find(R"x(<testcase name="y.json (2)" classname="tented-contract.validate" file="y.json")x") !=
          std::string::npos);
    CHECK(xml.find(R"(<skipped message="a &lt;reason&gt; &amp; more"/>)") != std::string::npos);
}

TEST_CASE("SARIF notes each skipped file in the invocation's notifications", "[output][sarif][skipped]")
{
    std::ostringstream out;
    auto writer = tc::make_report_writer(tc::output_format::sarif, out, {});
    tc::run_summary s;
    s.skipped = {{"dir/notes.txt", "not named .json, .jsonl, .ndjson or .har"}};
    writer->finish(s, 0);
    const auto invocation = json::parse(out.str()).at("runs").at(0).at("invocations").at(0);
    CHECK(json::serialize(invocation.at("toolExecutionNotifications")) ==
          R"([{"level":"note","message":{"text":"Skipped: not named .json, .jsonl, .ndjson or .har."},)"
          R"("locations":[{"physicalLocation":{"artifactLocation":{"uri":"dir/notes.txt","uriBaseId":"%SRCROOT%"}}}]}])");
}

TEST_CASE("an input that could not be checked is in every report format, not only on standard error",
          "[output][input-errors]")
{
    const tc::sourced_report good{"y.json", std::nullopt, false, {}, std::chrono::milliseconds(2), {}};
    tc::run_summary s;
    s.add(good.findings);
    s.input_errors = {"missing.json: no such file or folder", "logs/empty.jsonl: holds no JSON Lines record <&>"};
    const auto written = [&](tc::output_format f) {
        std::ostringstream out;
        auto writer = tc::make_report_writer(f, out, {});
        writer->add(good);
        writer->finish(s, 2);
        return out.str();
    };

    CHECK(tc::to_json(s).at("input_errors") ==
          json::parse(R"(["missing.json: no such file or folder", "logs/empty.jsonl: holds no JSON Lines record <&>"])"));

    const auto xml = written(tc::output_format::junit);
    CHECK(xml.find(R"(<testsuites name="tented-contract" tests="3" failures="0" errors="2" time="0.002">)") !=
          std::string::npos);
    CHECK(xml.find(R"(tests="3" failures="0" errors="2" skipped="0" time="0.002">)") != std::string::npos);
    CHECK(xml.find("    <testcase name=\"missing.json: no such file or folder\" classname=\"tented-contract.validate\" "
                   "time=\"0.000\">\n      <error type=\"input\" message=\"missing.json: no such file or folder\"/>\n"
                   "    </testcase>\n") != std::string::npos);
    CHECK(xml.find(R"(<error type="input" message="logs/empty.jsonl: holds no JSON Lines record &lt;&amp;&gt;"/>)") !=
          std::string::npos);

    const auto invocation = json::parse(written(tc::output_format::sarif)).at("runs").at(0).at("invocations").at(0);
    CHECK(invocation.at("exitCode") == 2);
    CHECK(invocation.at("executionSuccessful") == false);
    CHECK(json::serialize(invocation.at("toolExecutionNotifications")) ==
          R"([{"level":"error","message":{"text":"missing.json: no such file or folder."}},)"
          R"({"level":"error","message":{"text":"logs/empty.jsonl: holds no JSON Lines record <&>."}}])");

    CHECK(written(tc::output_format::github) ==
          "::error title=tented-contract::missing.json: no such file or folder\n"
          "::error title=tented-contract::logs/empty.jsonl: holds no JSON Lines record <&>\n"
          "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 2 inputs not checked\n");
}

TEST_CASE("SARIF rule descriptions name a member as the payload spells it", "[output][sarif]")
{
    const auto log = json::parse(written(tc::output_format::sarif, {}));
    const auto& rules = log.at("runs").at(0).at("tool").at("driver").at("rules").as_array();
    REQUIRE(rules.size() == tc::catalogue().size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto& summary = tc::catalogue()[i].summary;
        INFO(summary);
        CHECK(rules[i].at("shortDescription").at("text").as_string() == std::string(summary) + ".");
    }
    CHECK(rules[static_cast<std::size_t>(tc::rule::format_ulid)].at("shortDescription").at("text") ==
          "bulk_job_id is not a ULID (26 Crockford base32 characters, first 0-7).");
}
