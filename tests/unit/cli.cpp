// Transcript tests of the `tented-contract` command line: each test writes its inputs to a fresh
// temporary folder, runs the built CLI through the shell (arguments, standard input, environment)
// and checks the exit status and the exact output. Paths are normalised: the CLI runs inside the
// folder `$TMP/in` and is given relative paths, and any absolute path of the temporary folder
// that still reaches the output is printed as `$TMP`.
//
// Colour and NO_COLOR (https://no-color.org): NO_COLOR only changes what `--color auto` decides.
// `--color always` is an explicit request on the command line and wins over the environment (it
// forces ANSI escapes even with NO_COLOR set); `--color auto` colours only a terminal without
// NO_COLOR; `--color never` never colours. The terminal cases run the CLI under util-linux
// `script`, which gives it a pseudo-terminal.
#include <tented/contract/rules.hpp>
#include <tented/contract/version.hpp>

#include "support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace tc = tented::contract;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// ---------------------------------------------------------------------------------------------
// Inputs

constexpr const char* job_a = "01JV8TQ5XH3M6N9P2R4S7T0W1Y";
constexpr const char* job_b = "01JV8TQ5XH3M6N9P2R4S7T0W2Z";

/// A consistent bulk job, pretty-printed with two-space indentation: `total` items, the first
/// `completed` of them completed and the others queued, no auto-publish, one credit per item.
/// With `total` items the layout puts `total` on line 6, `items` on line 11, each item on six
/// lines, and `updated_at` on line 20 + 6 * total (column 17).
struct job
{
    std::string id = job_a;
    int total = 2;
    int completed = 2;
    std::string updated_at = "2026-05-04T10:00:05.000Z";

    std::string text() const
    {
        const int queued = total - completed;
        const char* status = completed == total ? "completed" : completed == 0 ? "accepted" : "running";
        std::string s = "{\n";
        s += "  \"bulk_job_id\": \"" + id + "\",\n";
        s += std::string("  \"status\": \"") + status + "\",\n";
        s += "  \"template_id\": \"tpl_cli\",\n";
        s += "  \"auto_publish\": false,\n";
        s += "  \"total\": " + std::to_string(total) + ",\n";
        s += "  \"queued\": " + std::to_string(queued) + ",\n";
        s += "  \"generating\": 0,\n";
        s += "  \"completed\": " + std::to_string(completed) + ",\n";
        s += "  \"failed\": 0,\n";
        s += "  \"items\": [\n";
        for (int i = 0; i < total; ++i) {
            char tent_id[40];
            std::snprintf(tent_id, sizeof tent_id, "5f0c6a2e-1b7d-4c3e-9a10-%012d", i);
            s += "    {\n";
            s += "      \"index\": " + std::to_string(i) + ",\n";
            s += std::string("      \"tent_id\": \"") + tent_id + "\",\n";
            s += "      \"tent_name\": \"Page " + std::to_string(i) + "\",\n";
            s += std::string("      \"status\": \"") + (i < completed ? "completed" : "queued") + "\"\n";
            s += i + 1 < total ? "    },\n" : "    }\n";
        }
        s += "  ],\n";
        s += "  \"credits\": {\n";
        s += "    \"reserved\": " + std::to_string(total) + ",\n";
        s += "    \"consumed\": " + std::to_string(completed) + ",\n";
        s += "    \"refunded\": 0,\n";
        s += "    \"pending_reconciliation\": " + std::to_string(queued) + "\n";
        s += "  },\n";
        s += "  \"created_at\": \"2026-05-04T10:00:00.000Z\",\n";
        s += "  \"updated_at\": \"" + updated_at + "\"\n";
        s += "}\n";
        return s;
    }

    /// The same payload on one line, as a JSON Lines log or a HAR body holds it.
    std::string compact() const { return json::serialize(json::parse(text())); }
};

/// A valid job (two completed items).
std::string valid_job() { return job{}.text(); }

/// One error only: `updated_at` one second before `created_at` (time/order at 32:17).
std::string late_job()
{
    job j;
    j.updated_at = "2026-05-04T09:59:59.000Z";
    return j.text();
}

/// One warning only: the job id in lowercase (format/ulid-canonical at 2:18).
std::string lowercase_job()
{
    job j;
    j.id = "01jv8tq5xh3m6n9p2r4s7t0w1y";
    return j.text();
}

/// Not JSON at all: the text stops after the first member name.
const std::string truncated = "{\"bulk_job_id\": \n";

/// A HAR 1.2 capture of the given polls of `id`, `{startedDateTime, body}` in file order, plus an
/// unrelated request that must be ignored.
std::string har(const std::string& id, const std::vector<std::pair<std::string, std::string>>& polls)
{
    json::array entries;
    entries.push_back(json::object{
        {"startedDateTime", "2026-05-04T10:00:00.100Z"},
        {"request", json::object{{"method", "GET"}, {"url", "https://api.tented.ai/v1/templates"}}},
        {"response", json::object{{"status", 200}, {"content", json::object{{"text", "[]"}}}}}});
    for (const auto& [started, body] : polls)
        entries.push_back(json::object{
            {"startedDateTime", started},
            {"request", json::object{{"method", "GET"}, {"url", "https://api.tented.ai/v1/bulk-jobs/" + id}}},
            {"response", json::object{{"status", 200},
                                      {"content", json::object{{"mimeType", "application/json"}, {"text", body}}}}}});
    return json::serialize(json::object{{"log", json::object{{"version", "1.2"}, {"entries", std::move(entries)}}}}) +
           "\n";
}

// ---------------------------------------------------------------------------------------------
// Running the CLI

struct transcript
{
    int status = -1;
    std::string out; ///< standard output
    std::string err; ///< standard error
};

std::string shell_quote(const std::string& s)
{
    std::string q = "'";
    for (const char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string replace_all(std::string s, const std::string& from, const std::string& to)
{
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

/// Replaces the one occurrence of `from` in `s` (a test input edit that must hit exactly once).
std::string replace_once(const std::string& s, const std::string& from, const std::string& to)
{
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    REQUIRE(s.find(from, at + 1) == std::string::npos);
    return s.substr(0, at) + to + s.substr(at + from.size());
}

std::string read_all(FILE* p)
{
    std::string out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    return out;
}

bool have_command(const std::string& name)
{
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

/// Runs a shell command (not the CLI); its standard output and exit status.
support::run_result shell(const std::string& cmd)
{
    support::run_result r;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    r.out = read_all(p);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

/// A fresh temporary folder (`$TMP`), removed at the end of the test. Inputs go to `$TMP/in`,
/// where the CLI runs.
class scratch
{
public:
    scratch() { fs::create_directories(in()); }

    const fs::path& root() const { return root_.path(); }
    fs::path in() const { return root() / "in"; }

    /// Writes `text` to `$TMP/in/REL` (folders created), byte for byte.
    fs::path write(const std::string& rel, const std::string& text) const
    {
        const auto p = in() / rel;
        fs::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out << text;
        REQUIRE(out.good());
        return p;
    }

    /// Runs `ENV tented-contract ARGS` in `$TMP/in` (NO_COLOR unset unless ENV sets it); stdout
    /// and stderr are captured apart. `$TMP` in ARGS is the (quoted) temporary folder.
    transcript run(const std::string& args, const std::string& env = "") const
    {
        FILE* p = popen(command(args, env).c_str(), "r");
        REQUIRE(p != nullptr);
        transcript t;
        t.out = read_all(p);
        const int st = pclose(p);
        t.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        return finish(t);
    }

    /// The same, with stdout (and stdin) a terminal: a pseudo-terminal from util-linux `script`.
    /// The terminal's `\r\n` line ends are read back as `\n`.
    transcript run_on_terminal(const std::string& args, const std::string& env = "") const
    {
        const auto cmd = "script -eqc " + shell_quote(command(args, env)) + " /dev/null </dev/null";
        FILE* p = popen(cmd.c_str(), "r");
        REQUIRE(p != nullptr);
        transcript t;
        t.out = replace_all(read_all(p), "\r\n", "\n");
        const int st = pclose(p);
        t.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        return finish(t);
    }

private:
    std::string command(const std::string& args, const std::string& env) const
    {
        return "cd " + shell_quote(in().string()) + " && env -u NO_COLOR " + env + " " +
               shell_quote(TENTED_CONTRACT_CLI) + " " + replace_all(args, "$TMP", shell_quote(root().string())) +
               " 2>" + shell_quote((root() / "stderr.txt").string());
    }

    transcript finish(transcript t) const
    {
        t.err = support::read(root() / "stderr.txt");
        t.out = replace_all(t.out, root().string(), "$TMP");
        t.err = replace_all(t.err, root().string(), "$TMP");
        return t;
    }

    support::temp_folder root_{"tented-contract-cli"};
};

/// The names of an object's members, sorted.
std::set<std::string> keys(const json::value& v)
{
    std::set<std::string> out;
    for (const auto& m : v.as_object()) out.insert(std::string(m.key()));
    return out;
}

/// The rule ids of every diagnostic of a `--format json` document, in output order.
std::vector<std::string> rules_of(const json::value& doc)
{
    std::vector<std::string> out;
    for (const auto& r : doc.at("results").as_array())
        for (const auto& d : r.at("diagnostics").as_array()) out.emplace_back(d.at("rule").as_string());
    return out;
}

const std::string esc = "\x1b[";

} // namespace

// =============================================================================================
// validate: inputs

TEST_CASE("validate prints only the summary for a valid file and exits 0", "[cli][validate]")
{
    scratch s;
    s.write("good.json", valid_job());
    const auto t = s.run("validate good.json");
    CHECK(t.status == 0);
    CHECK(t.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
    CHECK(t.err == "");
}

TEST_CASE("validate prints one compiler-style line per finding, then the summary, and exits 1", "[cli][validate]")
{
    scratch s;
    s.write("good.json", valid_job());
    s.write("late.json", late_job());
    s.write("lower.json", lowercase_job());
    const auto t = s.run("validate good.json late.json lower.json");
    CHECK(t.status == 1);
    CHECK(t.out ==
          "late.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
          "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
          "lower.json:2:18: warning: expected the canonical uppercase ULID, got lowercase "
          "\"01jv8tq5xh3m6n9p2r4s7t0w1y\" (at /bulk_job_id) [format/ulid-canonical]\n"
          "3 inputs, 2 valid, 1 invalid, 1 error, 1 warning\n");
    CHECK(t.err == "");
}

TEST_CASE("validate --max-findings N keeps N findings of an input, notes the rest and counts them all", "[cli][validate]")
{
    scratch s; // 12 root members missing and each of 3 empty items without index and status: 18 errors
    s.write("empty-items.json", "{\"items\": [{}, {}, {}]}\n");
    const auto t = s.run("validate --max-findings 2 empty-items.json");
    CHECK(t.status == 1);
    // The first two found: the items close before the root does.
    CHECK(t.out == "empty-items.json:1:12: error: missing required member \"index\" (an integer) (at /items/0/index) "
                   "[schema/required]\n"
                   "empty-items.json:1:12: error: missing required member \"status\" (a string) (at /items/0/status) "
                   "[schema/required]\n"
                   "empty-items.json: note: 16 more findings not shown (16 errors, 0 warnings; --max-findings "
                   "raises the limit)\n"
                   "1 input, 0 valid, 1 invalid, 18 errors, 0 warnings\n");
    const auto j = json::parse(s.run("validate --format json --max-findings 2 empty-items.json").out);
    CHECK(j.at("results").at(0).at("omitted") == 16);
    CHECK(j.at("results").at(0).at("omitted_by_severity") == json::parse(R"({"error": 16, "warning": 0})"));
    CHECK(j.at("results").at(0).at("diagnostics").as_array().size() == 2);
    CHECK(j.at("summary").at("errors") == 18);
    CHECK_FALSE(json::parse(s.run("validate --format json empty-items.json").out).at("results").at(0).as_object().contains("omitted"));
    CHECK(s.run("validate --max-findings 0 empty-items.json").status == 2);
}

TEST_CASE("validate --max-findings keeps errors before warnings, however many warnings come first", "[cli][validate]")
{
    scratch s; // 3 warnings (a lowercase ULID, 2 unknown members) found before 13 errors
    s.write("late-errors.json", R"({"bulk_job_id": "01js3a4b5c6d7e8f9g0h1j2k3m", "extra1": 1, "extra2": 2, "items": [{}]})"
                                "\n");
    const auto t = s.run("validate --max-findings 2 late-errors.json");
    CHECK(t.status == 1);
    CHECK(t.out == "late-errors.json:1:83: error: missing required member \"index\" (an integer) (at /items/0/index) "
                   "[schema/required]\n"
                   "late-errors.json:1:83: error: missing required member \"status\" (a string) (at /items/0/status) "
                   "[schema/required]\n"
                   "late-errors.json: note: 14 more findings not shown (11 errors, 3 warnings; --max-findings raises "
                   "the limit)\n"
                   "1 input, 0 valid, 1 invalid, 13 errors, 3 warnings\n");
    // Room the errors leave goes to the first warnings, in document order.
    const auto room = s.run("validate --max-findings 14 late-errors.json");
    CHECK(room.out.find("late-errors.json:1:17: warning: ") != std::string::npos);
    CHECK(room.out.find("[format/ulid-canonical]") != std::string::npos);
    CHECK(room.out.find("error: ") != std::string::npos);
    CHECK(room.out.find("extra1") == std::string::npos);
    CHECK(room.out.find("late-errors.json: note: 2 more findings not shown (0 errors, 2 warnings;") != std::string::npos);
}

TEST_CASE("a missing member is reported at its object's opening brace", "[cli][validate]")
{
    scratch s;
    s.write("no-total.json", replace_once(valid_job(), "  \"total\": 2,\n", ""));
    const auto t = s.run("validate no-total.json");
    CHECK(t.status == 1);
    CHECK(t.out == "no-total.json:1:1: error: missing required member \"total\" (an integer) (at /total) "
                   "[schema/required]\n"
                   "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
}

TEST_CASE("malformed JSON is an invalid input: a json/syntax error and exit 1", "[cli][validate][exit]")
{
    scratch s;
    s.write("cut.json", truncated);
    s.write("good.json", valid_job());
    const auto t = s.run("validate cut.json good.json");
    CHECK(t.status == 1);
    CHECK(t.out == "cut.json:2:1: error: expected a value, got the end of the input (the JSON text is truncated) [json/syntax]\n"
                   "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n");
    CHECK(t.err == "");
}

TEST_CASE("validate recurses into folders and reads only .json, .jsonl, .ndjson and .har files", "[cli][validate]")
{
    scratch s;
    s.write("tree/a.json", valid_job());
    s.write("tree/deeper/still/b.json", late_job());
    s.write("tree/deeper/c.jsonl", job{}.compact() + "\n" + job{}.compact() + "\n");
    s.write("tree/deeper/d.ndjson", job{}.compact() + "\n");
    s.write("tree/e.har", har(job_a, {{"2026-05-04T10:00:06.000Z", job{}.compact()}}));
    s.write("tree/notes.txt", "not a payload\n");
    s.write("tree/payload.json.bak", truncated);
    s.write("tree/README", truncated);

    SECTION("a folder argument")
    {
        const auto t = s.run("validate tree");
        CHECK(t.status == 1);
        CHECK(t.out == "tree/deeper/still/b.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than "
                       "created_at 2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                       "6 inputs, 5 valid, 1 invalid, 1 error, 0 warnings, 3 files skipped (3 not named .json, "
                       ".jsonl, .ndjson or .har)\n");
        CHECK(t.err == "");
    }
    SECTION("the JSON output lists every input in path order")
    {
        const auto t = s.run("validate --format json tree");
        CHECK(t.status == 1);
        const auto doc = json::parse(t.out);
        std::vector<std::string> seen;
        for (const auto& r : doc.at("results").as_array()) {
            auto label = std::string(r.at("source").as_string());
            if (!r.at("record").is_null()) label += "@" + std::to_string(r.at("record").to_number<long>());
            seen.push_back(label);
        }
        CHECK(seen == std::vector<std::string>{"tree/a.json", "tree/deeper/c.jsonl@1", "tree/deeper/c.jsonl@2",
                                               "tree/deeper/d.ndjson@1", "tree/deeper/still/b.json", "tree/e.har@1"});
    }
    SECTION("an absolute folder path is printed as given")
    {
        const auto t = s.run("validate $TMP/in/tree/deeper/still");
        CHECK(t.status == 1);
        CHECK(t.out == "$TMP/in/tree/deeper/still/b.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier "
                       "than created_at 2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    }
}

TEST_CASE("validate reads standard input for '-'", "[cli][validate][stdin]")
{
    scratch s;
    const auto late = s.write("late.json", late_job());
    const auto good = s.write("good.json", valid_job());
    const auto r = support::cli("validate - < " + shell_quote(late.string()));
    CHECK(r.status == 1);
    CHECK(r.out == "<stdin>:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                   "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                   "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");

    SECTION("'-' among files is read in its place")
    {
        const auto t = s.run("validate good.json - good.json < late.json");
        CHECK(t.status == 1);
        CHECK(t.out == "<stdin>:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                       "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                       "3 inputs, 2 valid, 1 invalid, 1 error, 0 warnings\n");
    }
    SECTION("a valid payload on standard input exits 0")
    {
        const auto ok = support::cli("validate - < " + shell_quote(good.string()));
        CHECK(ok.status == 0);
        CHECK(ok.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
    }
}

TEST_CASE("standard input past 8 MiB, piped or redirected, is checked as the file is, to the line and column",
          "[cli][validate][stdin]")
{
    scratch s;
    job j;
    j.total = j.completed = 60000;
    j.updated_at = "2026-05-04T09:59:59.000Z";
    const auto text = j.text();
    REQUIRE(text.size() > (std::size_t{8} << 20)); // past one slice: a pipe is copied to a temporary file
    s.write("big.json", text);
    // updated_at on line 20 + 6 * total, at the very end of the text.
    const std::string finding = ":360020:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                                "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                                "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n";
    const auto cli = shell_quote(TENTED_CONTRACT_CLI) + " validate --max-items 60000";
    const auto in = "cd " + shell_quote(s.in().string()) + " && ";

    CHECK(support::shell(in + cli + " big.json").out == "big.json" + finding);
    CHECK(support::shell(in + cli + " - < big.json").out == "<stdin>" + finding);
    CHECK(support::shell(in + "cat big.json | " + cli + " -").out == "<stdin>" + finding);
    // No temporary file to be had: read whole instead, the same findings.
    CHECK(support::shell(in + "cat big.json | TMPDIR=" + shell_quote((s.root() / "none").string()) + " " + cli + " -").out ==
          "<stdin>" + finding);
    // Past the size limit, a pipe is cut there, its size unknown.
    const auto cut = support::shell(in + "cat big.json | " + cli + " --max-bytes 9000000 - 2>/dev/null");
    CHECK(cut.status == 1);
    CHECK(cut.out.rfind("<stdin>:1:1: error: the input is more than the limit of 9000000 bytes (refused before "
                        "parsing) [json/too-large]\n",
                        0) == 0);
}

TEST_CASE("validate without a path reads standard input when it is not a terminal", "[cli][validate][stdin]")
{
    scratch s;
    const auto late = s.write("late.json", late_job());
    const auto log = s.write("log.jsonl", job{}.compact() + "\n" + truncated);

    SECTION("a payload piped in")
    {
        const auto r = support::cli("validate < " + shell_quote(late.string()));
        CHECK(r.status == 1);
        CHECK(r.out == "<stdin>:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                       "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    }
    SECTION("an empty pipe is an empty input: json/syntax")
    {
        const auto r = support::cli("validate < /dev/null");
        CHECK(r.status == 1);
        CHECK(r.out == "<stdin>:1:1: error: expected one JSON value, got an empty input [json/syntax]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    }
    SECTION("--jsonl reads the pipe as JSON Lines, records named by line")
    {
        const auto r = support::cli("validate --jsonl < " + shell_quote(log.string()));
        CHECK(r.status == 1);
        CHECK(r.out == "<stdin>:2:17: error: expected a value, got the end of the input (the JSON text is truncated) [json/syntax]\n"
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n");
    }
}

TEST_CASE("validate without a path on a terminal is a usage error: exit 2", "[cli][validate][stdin][exit]")
{
    if (!have_command("script")) {
        WARN("util-linux `script` is not installed: no pseudo-terminal to test with");
        return;
    }
    scratch s;
    const auto t = s.run_on_terminal("validate");
    CHECK(t.status == 2);
    CHECK(t.out == "");
    CHECK(t.err == "tented-contract: no input: give files or folders, or '-' for standard input\n");
}

TEST_CASE("a JSON Lines file holds one payload a line and findings name the file's line", "[cli][validate][jsonl]")
{
    scratch s;
    // Line 1 valid, line 2 an error, line 3 blank (skipped), line 4 a warning, line 5 malformed
    // and without a final newline.
    const auto late = json::serialize(json::parse(late_job()));
    const auto lower = json::serialize(json::parse(lowercase_job()));
    const std::string log = job{}.compact() + "\n" + late + "\n\n" + lower + "\n" + "{\"bulk_job_id\": ";
    const auto late_col = std::to_string(late.find("\"2026-05-04T09:59:59.000Z\"") + 1);
    const std::string expected_text = ":2:" + late_col +
                                      ": error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                                      "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n";

    // The same findings whatever the log is called: each line of the log, then the summary.
    const auto expected_log = [&](const std::string& name) {
        return name + expected_text + name +
               ":4:16: warning: expected the canonical uppercase ULID, got lowercase "
               "\"01jv8tq5xh3m6n9p2r4s7t0w1y\" (at /bulk_job_id) [format/ulid-canonical]\n" +
               name + ":5:17: error: expected a value, got the end of the input (the JSON text is truncated) [json/syntax]\n"
                      "4 inputs, 2 valid, 2 invalid, 2 errors, 1 warning\n";
    };
    SECTION(".jsonl")
    {
        s.write("polls.jsonl", log);
        const auto t = s.run("validate polls.jsonl");
        CHECK(t.status == 1);
        CHECK(t.out == expected_log("polls.jsonl"));
    }
    SECTION(".ndjson")
    {
        s.write("polls.ndjson", log);
        const auto t = s.run("validate polls.ndjson");
        CHECK(t.status == 1);
        CHECK(t.out == expected_log("polls.ndjson"));
    }
    SECTION("--jsonl on a file of another name")
    {
        s.write("polls.log", log);
        const auto t = s.run("validate --jsonl polls.log");
        CHECK(t.status == 1);
        CHECK(t.out == expected_log("polls.log"));
    }
    SECTION("without --jsonl the same file named .json is one document with trailing data")
    {
        s.write("polls.json", log);
        const auto t = s.run("validate polls.json");
        CHECK(t.status == 1);
        CHECK(t.out == "polls.json:2:1: error: expected the end of the input after the JSON value, got '{' (a JSON value on "
                       "each line is JSON Lines: give --jsonl, or name the file .jsonl) [json/syntax]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    }
    SECTION("the JSON output gives each record its line number")
    {
        s.write("polls.jsonl", log);
        const auto t = s.run("validate --format json polls.jsonl");
        CHECK(t.status == 1);
        const auto doc = json::parse(t.out);
        std::vector<long> records, lines;
        std::vector<bool> valid;
        for (const auto& r : doc.at("results").as_array()) {
            CHECK(r.at("source") == "polls.jsonl");
            records.push_back(r.at("record").to_number<long>());
            valid.push_back(r.at("valid").as_bool());
            for (const auto& d : r.at("diagnostics").as_array()) lines.push_back(d.at("line").to_number<long>());
        }
        CHECK(records == std::vector<long>{1, 2, 4, 5});
        CHECK(valid == std::vector<bool>{true, false, true, false});
        CHECK(lines == std::vector<long>{2, 4, 5});
    }
}

TEST_CASE("validate checks each bulk-job poll of a .har capture alone and names its entry", "[cli][validate][har]")
{
    scratch s;
    job late;
    late.updated_at = "2026-05-04T09:59:59.000Z";
    // Entry 0 is an unrelated request; entry 1 a valid poll, entry 2 a poll with an error.
    s.write("capture.har",
            har(job_a, {{"2026-05-04T10:00:06.000Z", job{}.compact()}, {"2026-05-04T10:00:07.000Z", late.compact()}}));
    const auto col = std::to_string(late.compact().find("\"2026-05-04T09:59:59.000Z\"") + 1);

    const auto t = s.run("validate capture.har");
    CHECK(t.status == 1);
    CHECK(t.out == "capture.har#2:1:" + col +
                       ": error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                       "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n");

    SECTION("a .har file that is not a HAR log is a capture/har error")
    {
        s.write("not-a-log.har", "{\"entries\": []}\n");
        const auto u = s.run("validate not-a-log.har");
        CHECK(u.status == 1);
        CHECK(u.out == "not-a-log.har:1:1: error: not a HAR 1.2 log: expected an array at log.entries, got no member "
                       "log (at /log/entries) "
                       "[capture/har]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    }
}

// =============================================================================================
// validate: output formats and colour

TEST_CASE("validate --format json prints exactly one JSON document with exactly the documented keys", "[cli][validate][json]")
{
    scratch s;
    s.write("good.json", valid_job());
    s.write("late.json", late_job());
    s.write("lower.json", lowercase_job());
    s.write("polls.jsonl", job{}.compact() + "\n" + truncated);
    const auto t = s.run("validate --format json good.json late.json lower.json polls.jsonl");
    CHECK(t.status == 1);
    CHECK(t.err == "");

    // One document: one line, and Boost.JSON parses all of it (trailing data would throw).
    REQUIRE(!t.out.empty());
    CHECK(std::count(t.out.begin(), t.out.end(), '\n') == 1);
    CHECK(t.out.back() == '\n');
    json::value doc;
    REQUIRE_NOTHROW(doc = json::parse(t.out));

    CHECK(keys(doc) == std::set<std::string>{"version", "results", "summary"});
    CHECK(doc.at("version") == 1);
    CHECK(keys(doc.at("summary")) == std::set<std::string>{"inputs", "valid", "invalid", "errors", "warnings", "skipped",
                                                           "input_errors"});
    CHECK(doc.at("summary") == json::parse(R"j({"inputs":5,"valid":3,"invalid":2,"errors":2,"warnings":1,"skipped":[],"input_errors":[]})j"));

    const auto& results = doc.at("results").as_array();
    REQUIRE(results.size() == 5);
    for (const auto& r : results) {
        CHECK(keys(r) == std::set<std::string>{"source", "record", "valid", "diagnostics"});
        CHECK(r.at("source").is_string());
        CHECK(r.at("valid").is_bool());
        for (const auto& d : r.at("diagnostics").as_array()) {
            CHECK(keys(d) == std::set<std::string>{"rule", "severity", "pointer", "line", "column", "message"});
            CHECK((d.at("severity") == "error" || d.at("severity") == "warning"));
        }
    }
    CHECK(results[0] == json::parse(R"j({"source":"good.json","record":null,"valid":true,"diagnostics":[]})j"));
    CHECK(results[1] == json::parse(R"j({"source":"late.json","record":null,"valid":false,"diagnostics":[
        {"rule":"time/order","severity":"error","pointer":"/updated_at","line":32,"column":17,
         "message":"updated_at 2026-05-04T09:59:59.000Z is earlier than created_at 2026-05-04T10:00:00.000Z"}]})j"));
    CHECK(results[2] == json::parse(R"j({"source":"lower.json","record":null,"valid":true,"diagnostics":[
        {"rule":"format/ulid-canonical","severity":"warning","pointer":"/bulk_job_id","line":2,"column":18,
         "message":"expected the canonical uppercase ULID, got lowercase \"01jv8tq5xh3m6n9p2r4s7t0w1y\""}]})j"));
    CHECK(results[3] == json::parse(R"j({"source":"polls.jsonl","record":1,"valid":true,"diagnostics":[]})j"));
    CHECK(results[4] == json::parse(R"j({"source":"polls.jsonl","record":2,"valid":false,"diagnostics":[
        {"rule":"json/syntax","severity":"error","pointer":"","line":2,"column":17,
         "message":"expected a value, got the end of the input (the JSON text is truncated)"}]})j"));
}

TEST_CASE("validate --output never overwrites an input nor shows up as one", "[cli][validate][output]")
{
    scratch s;
    s.write("late.json", late_job());
    s.write("tree/good.json", valid_job());
    SECTION("an input named as the output is refused, exit 2, and left as it was")
    {
        const auto t = s.run("validate late.json --output ./late.json");
        CHECK(t.status == 2);
        CHECK(t.out.empty());
        CHECK(t.err == "tented-contract: --output ./late.json is the input late.json: a report never overwrites what it checks\n");
        CHECK(support::read(s.in() / "late.json") == late_job());
    }
    SECTION("a report the next run would read is refused the first time; one it passes over is written, its temporary file not skipped")
    {
        const auto t = s.run("validate --format json --output tree/report.json tree");
        CHECK(t.status == 2);
        CHECK(t.out.empty());
        CHECK(t.err == "tented-contract: --output tree/report.json would be a file of the folder tree, which this run "
                       "checks, and the next run would read it too: give it a name a folder walk passes over (not "
                       ".json, .jsonl, .ndjson or .har), or put it outside tree\n");
        CHECK_FALSE(fs::exists(s.in() / "tree" / "report.json"));
        for (int run = 0; run < 2; ++run) { // the same command twice, as a CI job run again in its workspace
            const auto ok = s.run("validate --format json --output tree/report.txt tree");
            CHECK(ok.status == 0);
            const auto doc = json::parse(support::read(s.in() / "tree" / "report.txt"));
            CHECK(doc.at("summary").at("inputs") == 1);
            // The first run skips nothing (no temporary file shows); the second, the first's report.
            const auto skipped = run == 0 ? json::array{}
                                          : json::array{json::object{{"path", "tree/report.txt"},
                                                                     {"reason", "not named .json, .jsonl, .ndjson or .har"}}};
            CHECK(doc.at("summary").at("skipped") == skipped);
            CHECK(doc.at("results").at(0).at("source") == "tree/good.json");
        }
    }
    SECTION("a report named without a folder, in the working folder that the run checks, is refused the first time")
    {
        // A bare name has no parent path: it is placed in the working folder, as `./report.json` is.
        for (const std::string folder : {".", "./", "$TMP/in"}) { // $TMP: the absolute path, both ways
            const auto t = s.run("validate --format json --output report.json " + folder);
            CHECK(t.status == 2);
            CHECK(t.out.empty());
            CHECK(t.err == "tented-contract: --output report.json would be a file of the folder " + folder +
                               ", which this run checks, and the next run would read it too: give it a name a folder "
                               "walk passes over (not .json, .jsonl, .ndjson or .har), or put it outside " + folder + "\n");
            CHECK_FALSE(fs::exists(s.in() / "report.json"));
        }
    }
    // Runs `args`, which must be refused, exit 2, saying `said`, with `file` still holding `was`.
    const auto refused = [&](const std::string& args, const std::string& said, const fs::path& file, const std::string& was) {
        INFO(args);
        const auto t = s.run(args);
        CHECK(t.status == 2);
        CHECK(t.out.empty());
        CHECK(t.err.find(said) != std::string::npos);
        CHECK(support::read(s.in() / file) == was);
    };
    SECTION("a payload of a folder being walked is refused as the output, by any path, and left as it was")
    {
        for (const char* args : {"validate --output tree/good.json tree", "replay --output ./tree/good.json tree/",
                                        "validate --format sarif --output tree/good.json late.json tree"})
            refused(args, "is a file of the folder tree", "tree/good.json", valid_job());
        const auto corpus = s.run("corpus --output tree/good.json tree");
        CHECK(corpus.status == 2);
        CHECK(corpus.err == "tented-contract: --output tree/good.json is a file of the folder tree, which this run "
                            "replays: a report never overwrites a corpus\n");
        CHECK(support::read(s.in() / "tree" / "good.json") == valid_job());
    }
    SECTION("standard input's file, a corpus's expectations and watch's token file are refused, and left as they were")
    {
        for (const char* args : {"validate --output late.json < late.json", "validate --format sarif --output late.json - < late.json",
                                 "replay --jsonl --output ./late.json - < late.json"})
            refused(args, "is the file standard input reads: a report never overwrites what it checks", "late.json", late_job());
        const auto from_null = s.run("validate --output /dev/null < /dev/null"); // nothing to write over: read, no JSON
        CHECK(from_null.status == 1);
        CHECK(from_null.err.empty());
        s.write("c/valid/good.json", valid_job());
        s.write("c/valid/good.expect", "\n");
        const auto corpus = s.run("corpus c --output c/valid/good.expect");
        CHECK(corpus.status == 2);
        CHECK(corpus.err == "tented-contract: --output c/valid/good.expect is a file of the folder c, which this run "
                            "replays: a report never overwrites a corpus\n");
        CHECK(support::read(s.in() / "c" / "valid" / "good.expect") == "\n");
        CHECK(s.run("corpus c --output c/report.txt").err.find("would be a file of the folder c") != std::string::npos);
        s.write("tok.txt", "tnt_test_FAKE0123456789abcdef\n");
        const auto watch = s.run("watch 01JQZB4H8A7T5B3R2W1X9Y6Z0K --base-url http://127.0.0.1:9 --token-file tok.txt --output tok.txt");
        CHECK(watch.status == 2);
        CHECK(watch.err == "tented-contract: --output tok.txt is the input tok.txt: a report never overwrites the token or CA file\n");
        CHECK(support::read(s.in() / "tok.txt") == "tnt_test_FAKE0123456789abcdef\n");
        s.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
        refused("watch 01JQZB4H8A7T5B3R2W1X9Y6Z0K --base-url http://127.0.0.1:9 --token-file tok.txt --ca-file ca.pem --output ./ca.pem",
                "--output ./ca.pem is the input ca.pem: a report never overwrites the token or CA file", "ca.pem",
                "-----BEGIN CERTIFICATE-----\n");
        // Standard output redirected onto an input is judged as --output is (cat: "input file is output file").
        refused("validate late.json >> late.json", "tented-contract: standard output is the input late.json: a report never "
                                                   "overwrites what it checks", "late.json", late_job());
        refused("replay tree > tree/report.json", "tented-contract: standard output is a file of the folder tree, which this "
                                                  "run checks: a report never overwrites what it checks", "tree/good.json", valid_job());
    }
    SECTION("through a link to a file not there yet, that file is written and the link kept")
    {
        fs::create_symlink("later.txt", s.in() / "dangling.txt");
        CHECK(s.run("validate --output dangling.txt late.json").status == 1);
        CHECK(fs::is_symlink(s.in() / "dangling.txt"));
        CHECK(support::read(s.in() / "later.txt") == s.run("validate late.json").out);
        // A link in a folder being walked can reach the output too: found as it is read.
        s.write("ext.json", late_job());
        fs::create_directories(s.in() / "linked");
        fs::create_symlink("../ext.json", s.in() / "linked" / "reached.json");
        for (const auto& [args, output] : std::vector<std::pair<std::string, std::string>>{
                 {"validate --output ext.json linked", "ext.json"}, {"validate --format junit --output ./ext.json linked", "./ext.json"}})
            refused(args, "tented-contract: --output " + output + " is the input linked/reached.json: a report never "
                          "overwrites what the run reads (it is left as it was)\n", "ext.json", late_job());
        // A link into a folder being walked, under a name the walk reads, is refused as that name.
        fs::create_symlink("tree/new.json", s.in() / "into-tree.txt");
        const auto t = s.run("validate --output into-tree.txt tree");
        CHECK(t.status == 2);
        CHECK(t.err.find("tented-contract: --output into-tree.txt would be a file of the folder tree, which this run checks") == 0);
        CHECK_FALSE(fs::exists(s.in() / "tree" / "new.json"));
    }
    SECTION("a report written again keeps the permissions it had")
    {
        s.write("private.txt", "earlier\n");
        fs::permissions(s.in() / "private.txt", fs::perms::owner_read | fs::perms::owner_write);
        CHECK(s.run("validate --output private.txt late.json").status == 1);
        CHECK(support::read(s.in() / "private.txt") == s.run("validate late.json").out);
        CHECK(fs::status(s.in() / "private.txt").permissions() == (fs::perms::owner_read | fs::perms::owner_write));
    }
    SECTION("an earlier report stays whole when the new one cannot be written")
    {
        s.write("report.txt", "earlier\n");
        const auto t = s.run("corpus --output report.txt no-such-corpus");
        CHECK(t.status == 2);
        CHECK(support::read(s.in() / "report.txt") == "earlier\n");
    }
}

TEST_CASE("validate --output writes through a symbolic link and into a FIFO, never replacing either", "[cli][validate][output]")
{
    scratch s;
    s.write("good.json", valid_job());
    s.write("target.txt", "earlier\n");
    const auto in = s.in().string();
    REQUIRE(support::shell("cd '" + in + "' && ln -s target.txt link.txt && mkfifo pipe").status == 0);
    const auto linked = s.run("validate good.json --output link.txt");
    CHECK(linked.status == 0);
    CHECK(fs::is_symlink(s.in() / "link.txt"));
    CHECK(support::read(s.in() / "target.txt") == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
    // A reader on the FIFO, bounded in time, keeps what comes through it.
    const auto piped = support::shell("cd '" + in + "' && (timeout 20 cat pipe > got.txt &) && timeout 20 '" TENTED_CONTRACT_CLI
                                      "' validate good.json --output pipe; echo \" $?\"; sleep 0.2; cat got.txt");
    CHECK(piped.out == " 0\n1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
    CHECK(fs::is_fifo(s.in() / "pipe"));
}

TEST_CASE("a run ended by a signal has shown its findings so far and leaves no partial --output file",
          "[cli][validate][output][signal]")
{
    scratch s;
    // Each run reads a FIFO the script holds open, so that it is still reading when it is
    // ended; every wait is bounded.
    const std::string tool = "timeout 20 " + shell_quote(TENTED_CONTRACT_CLI);
    const auto t = support::shell("cd " + shell_quote(s.in().string()) + " && mkfifo a b && (" + tool +
                                  " validate --jsonl --format json - < a > piped.json & piped=$!; " + tool +
                                  " validate --jsonl --output report.json - < b & kept=$!; "
                                  "exec 3> a 4> b; printf '{}\\n' >&3; printf '{}\\n' >&4; sleep 1; "
                                  "echo \"while: $(ls -a | grep -c partial)\"; head -c 46 piped.json; echo; "
                                  "kill -TERM $piped $kept; wait $piped $kept; "
                                  "echo \"after: $(ls -a | grep -c partial) $(test -e report.json && echo kept || echo none)\")");
    CHECK(t.out == "while: 1\n{\"version\":1,\"results\":[{\"source\":\"<stdin>\",\"r\nafter: 0 none\n");
}

TEST_CASE("a report past the file size limit is a failed write, exit 2, with no partial file left", "[cli][validate][output]")
{
    scratch s;
    std::string log;
    for (int i = 0; i < 400; ++i) log += "{}\n"; // 13 findings a record: about 400 KB of text report
    s.write("empty.jsonl", log);
    // ulimit -f counts blocks of 1,024 bytes in bash (512 in POSIX sh): 64 is at most 64 KiB.
    const auto t = support::shell("cd " + shell_quote(s.in().string()) + " && bash -c 'ulimit -f 64 && exec " +
                                  TENTED_CONTRACT_CLI + " validate --output report.txt empty.jsonl' 2>err.txt; echo \"status $?\"; ls -a");
    CHECK(t.out.find("status 2\n") != std::string::npos);
    CHECK(t.out.find("partial") == std::string::npos);
    CHECK(t.out.find("report.txt") == std::string::npos);
    const auto err = support::read(s.in() / "err.txt");
    CHECK(err.find("report.txt") != std::string::npos);
    CHECK(err.find("File too large") != std::string::npos);
}

TEST_CASE("a usage error names the tool first, like every other message, and exits 2", "[cli][usage]")
{
    scratch s;
    const auto missing = s.run("serve");
    CHECK(missing.status == 2);
    CHECK(missing.err == "tented-contract: paths is required\nRun with --help for more information.\n");
    const auto number = s.run("validate --max-items x a.json");
    CHECK(number.status == 2);
    CHECK(number.err.rfind("tented-contract: --max-items: expected a whole number from 0 to ", 0) == 0);
}

TEST_CASE("corpus --output FILE writes the text report there", "[cli][corpus][output]")
{
    scratch s;
    s.write("c/valid/good.json", valid_job());
    const auto t = s.run("corpus c --output c.txt");
    CHECK(t.status == 0);
    CHECK(t.out.empty());
    CHECK(support::read(s.in() / "c.txt") == "corpus: 1 passed, 0 failed\n");
}

TEST_CASE("replay goes on past a symbolic link that loops: the others are checked, exit 2", "[cli][replay][hostile]")
{
    scratch s;
    s.write("good.json", valid_job());
    fs::create_symlink("loop.json", s.in() / "loop.json");
    const auto t = s.run("replay good.json loop.json");
    CHECK(t.status == 2);
    CHECK(t.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 1 input not checked\n");
    CHECK(t.err.find("loop.json: cannot open") != std::string::npos);
}

TEST_CASE("validate --output FILE writes the report there and nothing on standard output", "[cli][validate][output]")
{
    scratch s;
    s.write("late.json", late_job());
    SECTION("text")
    {
        const auto t = s.run("validate --output report.txt late.json");
        CHECK(t.status == 1);
        CHECK(t.out.empty());
        CHECK(support::read(s.in() / "report.txt") ==
              "late.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
              "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
              "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    }
    SECTION("json, the same document as on standard output")
    {
        const auto t = s.run("validate --format json --output report.json late.json");
        CHECK(t.status == 1);
        CHECK(t.out.empty());
        CHECK(support::read(s.in() / "report.json") == s.run("validate --format json late.json").out);
    }
    SECTION("- is standard output, and an empty name is refused")
    {
        const auto t = s.run("validate --output - late.json");
        CHECK(t.status == 1);
        CHECK(t.out == s.run("validate late.json").out);
        CHECK_FALSE(std::filesystem::exists(s.in() / "-"));
        const auto empty = s.run("validate --output '' late.json");
        CHECK(empty.status == 2);
        CHECK(empty.out.empty());
        CHECK(empty.err.find("expected a file name, or - for standard output") != std::string::npos);
    }
    SECTION("/dev/stdout is standard output itself: a file the shell appends to keeps what it held")
    {
        s.write("log.txt", "EARLIER\n");
        const auto t = s.run("validate --output /dev/stdout late.json >> log.txt");
        CHECK(t.status == 1);
        CHECK(support::read(s.in() / "log.txt") == "EARLIER\n" + s.run("validate late.json").out);
    }
    SECTION("/dev/stderr is appended to, never replaced")
    {
        const auto t = s.run("validate --output /dev/stderr late.json");
        CHECK(t.status == 1);
        CHECK(t.out.empty());
        CHECK(t.err == s.run("validate late.json").out);
    }
    SECTION("a file that cannot be opened is exit 2, with its name and reason")
    {
        const auto t = s.run("validate --output no/such/folder/report.txt late.json");
        CHECK(t.status == 2);
        CHECK(t.out.empty());
        CHECK(t.err == "tented-contract: no/such/folder/report.txt: cannot write (No such file or directory)\n");
    }
    SECTION("a folder is refused before anything is checked")
    {
        fs::create_directories(s.in() / "reports");
        const auto t = s.run("validate --output reports late.json");
        CHECK(t.status == 2);
        CHECK(t.out.empty());
        CHECK(t.err == "tented-contract: reports: cannot write (Is a directory)\n");
        CHECK(fs::is_empty(s.in() / "reports"));
    }
    SECTION("a name of up to 255 bytes is written, though its temporary name would be longer")
    {
        for (const std::size_t length : {240, 246, 255}) {
            INFO(length);
            const auto name = std::string(length - 4, 'r') + ".txt";
            const auto t = s.run("validate --output " + name + " late.json");
            CHECK(t.status == 1);
            CHECK(t.err.empty());
            CHECK(support::read(s.in() / name) == s.run("validate late.json").out);
        }
        CHECK(s.run("validate --output " + std::string(256, 'r') + " late.json").status == 2);
    }
}

TEST_CASE("validate --format json on valid input exits 0 and still prints the document", "[cli][validate][json]")
{
    scratch s;
    s.write("good.json", valid_job());
    const auto t = s.run("validate --format json good.json");
    CHECK(t.status == 0);
    CHECK(t.out == "{\"version\":1,\"results\":[{\"source\":\"good.json\",\"record\":null,\"valid\":true,\"diagnostics\":[]}],"
                   "\"summary\":{\"inputs\":1,\"valid\":1,\"invalid\":0,\"errors\":0,\"warnings\":0,\"skipped\":[],\"input_errors\":[]}}\n");
}

TEST_CASE("text output has no colour on a pipe with --color auto, the default", "[cli][validate][color]")
{
    scratch s;
    s.write("late.json", late_job());
    for (const auto& args : {"validate late.json", "validate --color auto late.json", "validate --color never late.json"}) {
        INFO(args);
        const auto t = s.run(args);
        CHECK(t.status == 1);
        CHECK(t.out.find(esc) == std::string::npos);
        CHECK(t.out == "late.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                       "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    }
}

TEST_CASE("validate --color always forces ANSI escapes, even with NO_COLOR set", "[cli][validate][color]")
{
    scratch s;
    s.write("late.json", late_job());
    s.write("lower.json", lowercase_job());
    const std::string coloured =
        esc + "1mlate.json:32:17:" + esc + "0m " + esc + "1m" + esc + "91merror:" + esc +
        "0m updated_at 2026-05-04T09:59:59.000Z is earlier than created_at 2026-05-04T10:00:00.000Z (at /updated_at) "
        "[time/order]\n" +
        esc + "1mlower.json:2:18:" + esc + "0m " + esc + "1m" + esc + "95mwarning:" + esc +
        "0m expected the canonical uppercase ULID, got lowercase \"01jv8tq5xh3m6n9p2r4s7t0w1y\" (at /bulk_job_id) "
        "[format/ulid-canonical]\n"
        "2 inputs, 1 valid, 1 invalid, 1 error, 1 warning\n";

    SECTION("without NO_COLOR")
    {
        const auto t = s.run("validate --color always late.json lower.json");
        CHECK(t.status == 1);
        CHECK(t.out == coloured);
    }
    SECTION("with NO_COLOR=1: the explicit option wins")
    {
        const auto t = s.run("validate --color always late.json lower.json", "NO_COLOR=1");
        CHECK(t.status == 1);
        CHECK(t.out == coloured);
    }
    SECTION("--format json is never coloured")
    {
        const auto t = s.run("validate --color always --format json late.json lower.json");
        CHECK(t.status == 1);
        CHECK(t.out.find('\x1b') == std::string::npos);
        CHECK(rules_of(json::parse(t.out)) == std::vector<std::string>{"time/order", "format/ulid-canonical"});
    }
}

TEST_CASE("validate --color auto colours a terminal, unless NO_COLOR is set", "[cli][validate][color]")
{
    if (!have_command("script")) {
        WARN("util-linux `script` is not installed: no pseudo-terminal to test with");
        return;
    }
    scratch s;
    s.write("late.json", late_job());
    const std::string plain = "late.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                              "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                              "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n";
    const std::string coloured = esc + "1mlate.json:32:17:" + esc + "0m " + esc + "1m" + esc + "91merror:" + esc +
                                 "0m updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                                 "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                                 "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n";

    SECTION("a terminal without NO_COLOR: colour")
    {
        const auto t = s.run_on_terminal("validate late.json");
        CHECK(t.status == 1);
        CHECK(t.out == coloured);
    }
    SECTION("a terminal with NO_COLOR=1: no colour")
    {
        const auto t = s.run_on_terminal("validate --color auto late.json", "NO_COLOR=1");
        CHECK(t.status == 1);
        CHECK(t.out == plain);
    }
    SECTION("a terminal with --color never: no colour")
    {
        const auto t = s.run_on_terminal("validate --color never late.json");
        CHECK(t.status == 1);
        CHECK(t.out == plain);
    }
    SECTION("a terminal with NO_COLOR=1 and --color always: colour")
    {
        const auto t = s.run_on_terminal("validate --color always late.json", "NO_COLOR=1");
        CHECK(t.status == 1);
        CHECK(t.out == coloured);
    }
}

TEST_CASE("a run past one second shows a progress line on a terminal's stderr, and nowhere else", "[cli][validate][progress]")
{
    if (!have_command("script")) {
        WARN("util-linux `script` is not installed: no pseudo-terminal to test with");
        return;
    }
    scratch s;
    s.write("first.jsonl", job{}.compact() + "\n");
    s.write("second.jsonl", job{}.compact() + "\n");
    // The second record comes 1.5 s after the first, past the second of quiet a short run keeps.
    const std::string slow_log = "(cat first.jsonl; sleep 1.5; cat second.jsonl) | env -u NO_COLOR " +
                                 shell_quote(TENTED_CONTRACT_CLI) + " validate --jsonl -";
    const std::string summary = "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings\n";
    const std::string erase = "\r" + esc + "K";

    SECTION("stderr a terminal: the line, drawn over and wiped before the summary")
    {
        const auto cmd = "cd " + shell_quote(s.in().string()) + " && script -eqc " + shell_quote(slow_log) +
                         " /dev/null </dev/null";
        const auto t = support::shell(cmd);
        CHECK(t.status == 0);
        const auto out = replace_all(t.out, "\r\n", "\n");
        // Two records of well under a megabyte read in 1.5 s: shown in kB, not as 0.
        const std::string head = erase + "validate: 0 of 1 file, 2 payloads, ";
        REQUIRE(out.rfind(head, 0) == 0);
        std::smatch figures;
        const auto shown = out.substr(head.size(), 40);
        REQUIRE(std::regex_search(shown, figures, std::regex(R"(^(\d+(?:\.\d)?) kB, (\d+(?:\.\d)?) kB/s)")));
        CHECK(std::stod(figures[1]) > 0);
        CHECK(std::stod(figures[2]) > 0);
        CHECK(out.size() > summary.size() + erase.size());
        CHECK(out.substr(out.size() - summary.size() - erase.size()) == erase + summary);
    }
    SECTION("a JSON report on the same terminal: no line, which would wipe the document's unfinished line")
    {
        const auto json_log = "(cat first.jsonl; sleep 1.5; cat second.jsonl) | env -u NO_COLOR " +
                              shell_quote(TENTED_CONTRACT_CLI) + " validate --format json --jsonl -";
        const auto t = support::shell("cd " + shell_quote(s.in().string()) + " && script -eqc " +
                                      shell_quote(json_log) + " /dev/null </dev/null");
        CHECK(t.status == 0);
        CHECK(t.out.find("validate: ") == std::string::npos);
        CHECK(t.out.find(erase) == std::string::npos);
        CHECK(json::parse(t.out).at("summary").at("inputs") == 2);
    }
    SECTION("one payload through a pipe: its bytes are what was read of it")
    {
        s.write("one.json", job{}.text());
        const auto slow_payload = "(head -c 100 one.json; sleep 1.5; tail -c +101 one.json) | env -u NO_COLOR " +
                                  shell_quote(TENTED_CONTRACT_CLI) + " validate -";
        const auto t = support::shell("cd " + shell_quote(s.in().string()) + " && script -eqc " +
                                      shell_quote(slow_payload) + " /dev/null </dev/null");
        CHECK(t.status == 0);
        const auto out = replace_all(t.out, "\r\n", "\n");
        const auto size = std::filesystem::file_size(s.in() / "one.json");
        REQUIRE(size < 10000); // so shown to a tenth of a kB
        char shown[32];
        std::snprintf(shown, sizeof shown, "%.1f kB, ", static_cast<double>(size) / 1e3);
        CHECK(out.rfind(erase + "validate: 1 of 1 file, 1 payload, " + shown, 0) == 0);
    }
    SECTION("stderr a file: no line, not a byte")
    {
        const auto t = support::shell("cd " + shell_quote(s.in().string()) + " && " + slow_log + " 2>progress.txt");
        CHECK(t.status == 0);
        CHECK(t.out == summary);
        CHECK(support::read(s.in() / "progress.txt").empty());
    }
}

// =============================================================================================
// validate: exit status and options

TEST_CASE("an unreadable path exits 2, and the other inputs are still checked and printed", "[cli][validate][exit]")
{
    scratch s;
    s.write("good.json", valid_job());
    s.write("late.json", late_job());

    SECTION("a path that does not exist, between two files")
    {
        const auto t = s.run("validate good.json missing.json late.json");
        CHECK(t.status == 2);
        CHECK(t.out == "late.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than created_at "
                       "2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings, 1 input not checked\n");
        CHECK(t.err == "tented-contract: missing.json: no such file or folder\n");
    }
    SECTION("a path below a regular file, with only valid inputs otherwise: still 2")
    {
        const auto t = s.run("validate good.json/inner.json good.json");
        CHECK(t.status == 2);
        CHECK(t.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 1 input not checked\n");
        CHECK(t.err == "tented-contract: good.json/inner.json: no such file or folder\n");
    }
    SECTION("--format json still prints the document of the readable inputs, and names the other")
    {
        const auto t = s.run("validate --format json missing.json good.json");
        CHECK(t.status == 2);
        CHECK(json::parse(t.out).at("summary") ==
              json::parse(R"j({"inputs":1,"valid":1,"invalid":0,"errors":0,"warnings":0,"skipped":[],)j"
                          R"j("input_errors":["missing.json: no such file or folder"]})j"));
        CHECK(t.err == "tented-contract: missing.json: no such file or folder\n");
    }
    SECTION("--format junit counts the unreadable path as a test case in error, so a report alone fails")
    {
        const auto t = s.run("validate --format junit missing.json good.json");
        CHECK(t.status == 2);
        CHECK(t.out.find(R"(<testsuites name="tented-contract" tests="2" failures="0" errors="1")") != std::string::npos);
        CHECK(t.out.find(R"(<error type="input" message="missing.json: no such file or folder"/>)") != std::string::npos);
    }
}

TEST_CASE("an unknown rule id in --disable, --warning or --error exits 2 naming it", "[cli][validate][exit][rules]")
{
    scratch s;
    s.write("good.json", valid_job());
    for (const auto& option : {"--disable", "--warning", "--error"}) {
        INFO(option);
        const auto t = s.run(std::string("validate ") + option + " counts/no-such-rule good.json");
        CHECK(t.status == 2);
        CHECK(t.out == "");
        CHECK(t.err == "tented-contract: unknown rule id 'counts/no-such-rule' (tented-contract rules lists them)\n");
    }
}

TEST_CASE("validate --werror turns a warning-only input into exit 1", "[cli][validate][exit][severity]")
{
    scratch s;
    s.write("lower.json", lowercase_job());
    const auto before = s.run("validate lower.json");
    CHECK(before.status == 0);
    CHECK(before.out == "lower.json:2:18: warning: expected the canonical uppercase ULID, got lowercase "
                        "\"01jv8tq5xh3m6n9p2r4s7t0w1y\" (at /bulk_job_id) [format/ulid-canonical]\n"
                        "1 input, 1 valid, 0 invalid, 0 errors, 1 warning\n");
    const auto after = s.run("validate --werror lower.json");
    CHECK(after.status == 1);
    CHECK(after.out == "lower.json:2:18: error: expected the canonical uppercase ULID, got lowercase "
                       "\"01jv8tq5xh3m6n9p2r4s7t0w1y\" (at /bulk_job_id) [format/ulid-canonical]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
}

TEST_CASE("validate --warning RULE turns an error-only input into exit 0", "[cli][validate][exit][severity]")
{
    scratch s;
    s.write("late.json", late_job());
    const std::string downgraded = "late.json:32:17: warning: updated_at 2026-05-04T09:59:59.000Z is earlier than "
                                   "created_at 2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                                   "1 input, 1 valid, 0 invalid, 0 errors, 1 warning\n";
    SECTION("the option before the path")
    {
        const auto t = s.run("validate --warning time/order late.json");
        CHECK(t.status == 0);
        CHECK(t.out == downgraded);
        CHECK(t.err == "");
    }
    SECTION("the option after the path")
    {
        const auto t = s.run("validate late.json --warning time/order");
        CHECK(t.status == 0);
        CHECK(t.out == downgraded);
    }
    SECTION("--werror does not promote a rule set by --warning")
    {
        const auto t = s.run("validate late.json --werror --warning time/order");
        CHECK(t.status == 0);
        CHECK(t.out == downgraded);
    }
}

TEST_CASE("validate --error RULE promotes a warning, and --disable RULE (repeatable) silences rules", "[cli][validate][severity]")
{
    scratch s;
    s.write("late.json", late_job());
    s.write("lower.json", lowercase_job());

    SECTION("--error")
    {
        const auto t = s.run("validate --error format/ulid-canonical lower.json");
        CHECK(t.status == 1);
        CHECK(t.out == "lower.json:2:18: error: expected the canonical uppercase ULID, got lowercase "
                       "\"01jv8tq5xh3m6n9p2r4s7t0w1y\" (at /bulk_job_id) [format/ulid-canonical]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    }
    SECTION("--disable twice, before the paths")
    {
        const auto t = s.run("validate --disable time/order --disable format/ulid-canonical late.json lower.json");
        CHECK(t.status == 0);
        CHECK(t.out == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings\n");
        CHECK(t.err == "");
    }
    SECTION("the last of --disable, --warning and --error naming a rule wins, as a compiler's -W options")
    {
        const auto error = "lower.json:2:18: error: expected the canonical uppercase ULID, got lowercase "
                           "\"01jv8tq5xh3m6n9p2r4s7t0w1y\" (at /bulk_job_id) [format/ulid-canonical]\n";
        const auto on = s.run("validate --disable format/ulid-canonical --error format/ulid-canonical lower.json");
        CHECK(on.status == 1);
        CHECK(on.out == std::string(error) + "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
        const auto off = s.run("validate --error format/ulid-canonical lower.json --disable format/ulid-canonical");
        CHECK(off.status == 0);
        CHECK(off.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
        const auto warned = s.run("validate --error format/ulid-canonical --warning format/ulid-canonical lower.json");
        CHECK(warned.status == 0);
        CHECK(warned.out.find(": warning: expected the canonical uppercase ULID") != std::string::npos);
    }
    SECTION("--disable once silences only that rule")
    {
        const auto t = s.run("validate late.json lower.json --disable time/order");
        CHECK(t.status == 0);
        CHECK(t.out == "lower.json:2:18: warning: expected the canonical uppercase ULID, got lowercase "
                       "\"01jv8tq5xh3m6n9p2r4s7t0w1y\" (at /bulk_job_id) [format/ulid-canonical]\n"
                       "2 inputs, 2 valid, 0 invalid, 0 errors, 1 warning\n");
    }
}

TEST_CASE("validate --max-items 3 refuses a job of 4 items that the default limit of 25 accepts", "[cli][validate][limits]")
{
    scratch s;
    job four;
    four.total = 4;
    four.completed = 4;
    s.write("four.json", four.text());

    const auto by_default = s.run("validate four.json");
    CHECK(by_default.status == 0);
    CHECK(by_default.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");

    const auto three = s.run("validate --max-items 3 four.json");
    CHECK(three.status == 1);
    CHECK(three.out == "four.json:6:12: error: total is 4, outside 1..3 (a bulk request holds between 1 and 3 items) "
                       "(at /total) [limits/total]\n"
                       "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");

    const auto four_ok = s.run("validate --max-items 4 four.json");
    CHECK(four_ok.status == 0);
    CHECK(four_ok.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");

    const auto negative = s.run("validate --max-items -1 four.json");
    CHECK(negative.status == 2);
    CHECK(negative.out == "");
}

TEST_CASE("validate --max-bytes N refuses an input of more than N bytes before parsing it", "[cli][validate][limits]")
{
    scratch s;
    const auto text = valid_job();
    const auto size = std::to_string(text.size());
    const auto below = std::to_string(text.size() - 1);
    s.write("good.json", text);

    const auto at_limit = s.run("validate --max-bytes " + size + " good.json");
    CHECK(at_limit.status == 0);
    CHECK(at_limit.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");

    const auto one_over = s.run("validate --max-bytes " + below + " good.json");
    CHECK(one_over.status == 1);
    CHECK(one_over.out == "good.json:1:1: error: the input is " + size + " bytes, larger than the limit of " + below +
                              " bytes (refused before parsing) [json/too-large]\n"
                              "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");

    // A pipe is read one byte past the limit, then left: how much more it held is not known.
    const auto piped = s.run("validate --max-bytes " + below + " < good.json");
    CHECK(piped.status == 1);
    CHECK(piped.out == "<stdin>:1:1: error: the input is more than the limit of " + below +
                           " bytes (refused before parsing) [json/too-large]\n"
                           "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");

    const auto far_below = std::to_string(text.size() - 10);
    const auto ten_over = s.run("validate --max-bytes " + far_below + " good.json");
    CHECK(ten_over.out == "good.json:1:1: error: the input is " + size + " bytes, larger than the limit of " +
                              far_below + " bytes (refused before parsing) [json/too-large]\n"
                              "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    const auto ten_over_piped = s.run("validate --max-bytes " + far_below + " < good.json");
    CHECK(ten_over_piped.out == "<stdin>:1:1: error: the input is more than the limit of " + far_below +
                                    " bytes (refused before parsing) [json/too-large]\n"
                                    "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");

    const auto bad_value = s.run("validate --max-bytes lots good.json");
    CHECK(bad_value.status == 2);
    CHECK(bad_value.out == "");
}

TEST_CASE("a --max-bytes refusal of a file does not misstate the file's size", "[cli][validate][limits]")
{
    scratch s;
    const auto text = valid_job();
    s.write("good.json", text);
    const auto t = s.run("validate --format json --max-bytes 100 good.json");
    CHECK(t.status == 1);
    const auto doc = json::parse(t.out);
    REQUIRE(rules_of(doc) == std::vector<std::string>{"json/too-large"});
    const std::string message(doc.at("results").at(0).at("diagnostics").at(0).at("message").as_string());
    INFO(message);
    CHECK(message.find("limit of 100 bytes") != std::string::npos);
    // The file holds text.size() bytes: a size in the message must be that one, not 101.
    CHECK(message.find("101 bytes") == std::string::npos);
}

TEST_CASE("validate --max-depth N refuses nesting deeper than N", "[cli][validate][limits]")
{
    scratch s;
    s.write("good.json", valid_job());
    const auto three = s.run("validate --max-depth 3 good.json");
    CHECK(three.status == 0);
    CHECK(three.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings\n");
    const auto two = s.run("validate --max-depth 2 good.json");
    CHECK(two.status == 1);
    CHECK(two.out == "good.json:12:5: error: nesting deeper than the limit of 2 arrays and objects [json/depth]\n"
                     "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
}

TEST_CASE("usage errors exit 2 and print nothing on standard output", "[cli][exit]")
{
    scratch s;
    s.write("good.json", valid_job());
    for (const auto& args : {"", "validate --format yaml good.json", "validate --color sometimes good.json",
                             "validate --no-such-option good.json", "replay --format xml good.json", "corpus",
                             "rules --format csv"}) {
        INFO(args);
        const auto t = s.run(args);
        CHECK(t.status == 2);
        CHECK(t.out == "");
        CHECK(t.err != "");
    }
}

// =============================================================================================
// rules, --version

TEST_CASE("the tool starts without libcurl and its TLS stack: only watch loads it", "[cli][version]")
{
    if (!have_command("readelf")) {
        WARN("binutils' readelf is not installed: no dynamic section to read");
        return;
    }
    const auto needed = shell("readelf -d " + shell_quote(TENTED_CONTRACT_CLI) + " | grep NEEDED");
    REQUIRE(needed.status == 0);
    CHECK_THAT(needed.out, Catch::Contains("libc.so"));
    CHECK_THAT(needed.out, !Catch::Contains("curl") && !Catch::Contains("ssl") && !Catch::Contains("gnutls"));
}

TEST_CASE("rules lists every rule of the catalogue: id, severity, one-line summary", "[cli][rules]")
{
    scratch s;
    const auto t = s.run("rules");
    CHECK(t.status == 0);
    CHECK(t.err == "");
    std::vector<std::string> lines;
    std::istringstream in(t.out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == tc::catalogue().size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& rule = tc::catalogue()[i];
        INFO(lines[i]);
        std::istringstream fields(lines[i]);
        std::string id, severity, summary;
        fields >> id >> severity >> std::ws;
        std::getline(fields, summary);
        CHECK(id == rule.id);
        CHECK(severity == tc::to_string(rule.default_severity));
        CHECK(summary == rule.summary);
    }
    CHECK(lines.front().rfind("json/syntax ", 0) == 0);
    CHECK(std::count_if(lines.begin(), lines.end(),
                        [](const std::string& l) { return l.rfind("counts/buckets ", 0) == 0; }) == 1);
}

TEST_CASE("rules --format json lists every rule with exactly rule, severity, summary and source", "[cli][rules][json]")
{
    scratch s;
    const auto t = s.run("rules --format json");
    CHECK(t.status == 0);
    CHECK(std::count(t.out.begin(), t.out.end(), '\n') == 1);
    const auto doc = json::parse(t.out);
    CHECK(keys(doc) == std::set<std::string>{"version", "rules"});
    CHECK(doc.at("version") == 1);
    const auto& rules = doc.at("rules").as_array();
    REQUIRE(rules.size() == tc::catalogue().size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto& rule = tc::catalogue()[i];
        CHECK(keys(rules[i]) == std::set<std::string>{"rule", "severity", "summary", "source"});
        CHECK(rules[i].at("rule").as_string() == rule.id);
        CHECK(rules[i].at("severity").as_string() == tc::to_string(rule.default_severity));
        CHECK(rules[i].at("summary").as_string() == rule.summary);
        CHECK(rules[i].at("source").as_string() == rule.source);
    }
    CHECK(rules[0] == json::parse(R"j({"rule":"json/syntax","severity":"error",
        "summary":"not one well-formed JSON text (RFC 8259)","source":"RFC 8259"})j"));
}

TEST_CASE("tented-contract --version prints tented-contract and the version of version.hpp", "[cli][version]")
{
    scratch s;
    const auto t = s.run("--version");
    CHECK(t.status == 0);
    CHECK(t.out == std::string("tented-contract ") + TENTED_CONTRACT_VERSION_STRING + "\n");
    CHECK(std::regex_match(std::string(TENTED_CONTRACT_VERSION_STRING), std::regex("[0-9]+\\.[0-9]+\\.[0-9]+")));
}

TEST_CASE("CMakeLists.txt and meson.build both take the project version from version.hpp", "[cli][version][build]")
{
    const std::string version = TENTED_CONTRACT_VERSION_STRING;
    const auto cmake = support::read(support::source_dir() / "CMakeLists.txt");
    const auto meson = support::read(support::source_dir() / "meson.build");

    SECTION("CMake: project(... VERSION ${VAR}), VAR read from version.hpp before project()")
    {
        std::smatch m;
        REQUIRE(std::regex_search(cmake, m, std::regex(R"j(project\(\s*tented-contract\s+VERSION\s+\$\{(\w+)\})j")));
        const std::string var = m[1];
        const auto prelude = cmake.substr(0, static_cast<std::size_t>(m.position(0)));
        CHECK(prelude.find("include/tented/contract/version.hpp") != std::string::npos);
        CHECK(prelude.find("TENTED_CONTRACT_VERSION_STRING") != std::string::npos);
        // No version number written out anywhere in a project() call.
        CHECK_FALSE(std::regex_search(cmake, std::regex(R"j(project\([^)]*VERSION\s+[0-9])j")));
        // What the prelude computes, evaluated by CMake itself.
        if (!have_command("cmake")) {
            WARN("cmake is not installed: the prelude is not evaluated");
            return;
        }
        scratch s;
        const auto script = s.root() / "version.cmake";
        {
            std::ofstream out(script);
            out << prelude << "\nmessage(\"version=${" << var << "}\")\n";
        }
        const auto r = shell("cd " + shell_quote(support::source_dir().string()) + " && cmake -P " +
                             shell_quote(script.string()) + " 2>&1");
        CHECK(r.status == 0);
        CHECK(r.out == "version=" + version + "\n");
    }
    SECTION("meson: project(version: ...) runs a command over version.hpp")
    {
        std::smatch m;
        REQUIRE(std::regex_search(meson, m, std::regex(R"j(project\(\s*'tented-contract')j")));
        const auto start = static_cast<std::size_t>(m.position(0));
        const auto project = meson.substr(start, meson.find("\n)", start) - start);
        CHECK_FALSE(std::regex_search(project, std::regex(R"j(version\s*:\s*'[0-9])j")));
        std::smatch cmd;
        REQUIRE(std::regex_search(project, cmd,
                                  std::regex(R"j(version\s*:\s*run_command\(\s*'sh'\s*,\s*'-c'\s*,\s*'((?:[^'\\]|\\.)*)')j")));
        // Meson string escapes: \\ is a backslash, \' a quote.
        std::string command;
        const std::string quoted = cmd[1];
        for (std::size_t i = 0; i < quoted.size(); ++i) command += quoted[i] == '\\' ? quoted[++i] : quoted[i];
        CHECK(command.find("include/tented/contract/version.hpp") != std::string::npos);
        const auto r = shell("cd " + shell_quote(support::source_dir().string()) + " && sh -c " + shell_quote(command));
        CHECK(r.status == 0);
        CHECK(r.out == version + "\n");
    }
}

// =============================================================================================
// replay

TEST_CASE("replay checks a folder of snapshots as one sequence, in name order", "[cli][replay]")
{
    scratch s;
    job accepted, running, done;
    accepted.completed = 0;
    accepted.updated_at = "2026-05-04T10:00:01.000Z";
    running.completed = 1;
    running.updated_at = "2026-05-04T10:00:02.000Z";
    done.updated_at = "2026-05-04T10:00:03.000Z";
    s.write("ok/001.json", accepted.text());
    s.write("ok/002.json", running.text());
    s.write("ok/003.json", done.text());
    // Backwards: of three items, item 1 is queued again after it had completed; the job runs in
    // both polls, so the item's move is the only finding.
    job ahead, back;
    ahead.total = back.total = 3;
    ahead.updated_at = "2026-05-04T10:00:03.000Z";
    back.completed = 1;
    back.updated_at = "2026-05-04T10:00:04.000Z";
    s.write("back/001.json", ahead.text());
    s.write("back/002.json", back.text());

    const auto ok = s.run("replay ok");
    CHECK(ok.status == 0);
    CHECK(ok.out == "3 inputs, 3 valid, 0 invalid, 0 errors, 0 warnings\n");
    CHECK(ok.err == "");

    const auto bad = s.run("replay back");
    CHECK(bad.status == 1);
    CHECK(bad.out == "back/002.json:22:17: error: item 1 moved from \"completed\" to \"queued\" (\"completed\" never "
                     "changes) (previous poll: back/001.json:22:17) (at /items/1/status) [seq/item-transition]\n"
                     "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n");

    SECTION("validate checks the same snapshots each alone: no sequence finding")
    {
        const auto alone = s.run("validate back");
        CHECK(alone.status == 0);
        CHECK(alone.out == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings\n");
    }
}

TEST_CASE("replay groups a .jsonl log by bulk_job_id, each job's lines a sequence in file order", "[cli][replay][jsonl]")
{
    scratch s;
    job a1, a2, b1, b2;
    a1.completed = 0;
    a1.updated_at = "2026-05-04T10:00:01.000Z";
    a2.updated_at = "2026-05-04T10:00:03.000Z";
    b1.id = b2.id = job_b;
    b1.total = b2.total = 3; // running in both: item 1's move is the only finding
    b1.updated_at = "2026-05-04T10:00:03.000Z";
    b2.completed = 1;
    b2.updated_at = "2026-05-04T10:00:04.000Z";
    // Job A goes forwards (lines 1, 3); job B backwards (lines 2, 4): only line 4 is a finding.
    s.write("log.jsonl", a1.compact() + "\n" + b1.compact() + "\n" + a2.compact() + "\n" + b2.compact() + "\n");
    // Item 1's status value on line 4 and on line 2 (1-based columns). The message names the
    // previous poll like every finding names its place: FILE:LINE:COLUMN of the file.
    const auto col = std::to_string(b2.compact().find("\"status\":\"queued\"") + 10);
    const auto previous_col = std::to_string(b1.compact().rfind("\"status\":\"completed\"") + 10);

    const auto t = s.run("replay log.jsonl");
    CHECK(t.status == 1);
    CHECK(t.out == "log.jsonl:4:" + col +
                       ": error: item 1 moved from \"completed\" to \"queued\" (\"completed\" never changes) "
                       "(previous poll: log.jsonl:2:" + previous_col +
                       ") (at /items/1/status) [seq/item-transition]\n"
                       "4 inputs, 3 valid, 1 invalid, 1 error, 0 warnings\n");

    const auto json_out = json::parse(s.run("replay --format json log.jsonl").out);
    std::vector<long> records;
    for (const auto& r : json_out.at("results").as_array()) records.push_back(r.at("record").to_number<long>());
    CHECK(records == std::vector<long>{1, 2, 3, 4});
    CHECK(rules_of(json_out) == std::vector<std::string>{"seq/item-transition"});

    SECTION("--jsonl reads standard input as such a log")
    {
        const auto piped = s.run("replay --jsonl - < log.jsonl");
        CHECK(piped.status == 1);
        CHECK(piped.out == "<stdin>:4:" + col +
                               ": error: item 1 moved from \"completed\" to \"queued\" (\"completed\" never changes) "
                               "(previous poll: <stdin>:2:" + previous_col +
                               ") (at /items/1/status) [seq/item-transition]\n"
                               "4 inputs, 3 valid, 1 invalid, 1 error, 0 warnings\n");
    }
}

TEST_CASE("replay orders the bulk-job polls of a .har capture by startedDateTime", "[cli][replay][har]")
{
    scratch s;
    job accepted, done;
    accepted.completed = 0;
    accepted.updated_at = "2026-05-04T10:00:01.000Z";
    done.updated_at = "2026-05-04T10:00:03.000Z";

    SECTION("listed out of order, lawful in time order: valid")
    {
        s.write("capture.har", har(job_a, {{"2026-05-04T10:00:04.000Z", done.compact()},
                                           {"2026-05-04T10:00:02.000Z", accepted.compact()}}));
        const auto t = s.run("replay capture.har");
        CHECK(t.status == 0);
        CHECK(t.out == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings\n");
    }
    SECTION("listed in order, backwards in time order: the later-started entry is reported")
    {
        s.write("capture.har", har(job_a, {{"2026-05-04T10:00:02.000Z", accepted.compact()},
                                           {"2026-05-04T10:00:01.500Z", done.compact()}}));
        const auto t = s.run("replay --format json capture.har");
        CHECK(t.status == 1);
        const auto doc = json::parse(t.out);
        std::vector<long> entries;
        for (const auto& r : doc.at("results").as_array()) entries.push_back(r.at("record").to_number<long>());
        CHECK(entries == std::vector<long>{2, 1});
        CHECK(doc.at("results").at(1).at("diagnostics").at(0).at("rule") == "seq/job-transition");
        // The job left "completed", both items went back from completed to queued, and updated_at
        // went back too.
        CHECK(rules_of(doc) ==
              std::vector<std::string>{"seq/job-transition", "seq/item-transition", "seq/item-transition", "seq/time"});
    }
}

TEST_CASE("replay takes consecutive .json arguments as one sequence in argument order", "[cli][replay]")
{
    scratch s;
    job accepted, running, done;
    accepted.completed = 0;
    accepted.updated_at = "2026-05-04T10:00:01.000Z";
    running.completed = 1;
    running.updated_at = "2026-05-04T10:00:02.000Z";
    done.updated_at = "2026-05-04T10:00:03.000Z";
    s.write("p/a.json", accepted.text());
    s.write("p/b.json", running.text());
    s.write("p/c.json", done.text());
    s.write("empty/.keep", "");

    SECTION("in time order: valid")
    {
        const auto t = s.run("replay p/a.json p/b.json p/c.json");
        CHECK(t.status == 0);
        CHECK(t.out == "3 inputs, 3 valid, 0 invalid, 0 errors, 0 warnings\n");
    }
    SECTION("the argument order, not the name order, is the sequence")
    {
        const auto t = s.run("replay p/c.json p/b.json");
        CHECK(t.status == 1);
        CHECK(t.out == "p/b.json:3:13: error: job status moved from \"completed\" to \"running\" (a terminal status "
                       "never changes) (previous poll: p/c.json:3:13) (at /status) [seq/job-transition]\n"
                       "p/b.json:22:17: error: item 1 moved from \"completed\" to \"queued\" (\"completed\" never "
                       "changes) (previous poll: p/c.json:22:17) (at /items/1/status) [seq/item-transition]\n"
                       "p/b.json:32:17: error: updated_at went back from 2026-05-04T10:00:03.000Z to "
                       "2026-05-04T10:00:02.000Z (previous poll: p/c.json:32:17) (at /updated_at) [seq/time]\n"
                       "2 inputs, 1 valid, 1 invalid, 3 errors, 0 warnings\n");
    }
    SECTION("a folder argument in between ends the sequence, and one holding nothing to check is an error")
    {
        const auto t = s.run("replay p/c.json empty p/b.json");
        CHECK(t.status == 2);
        CHECK(t.out == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings, 1 file skipped (1 not named .json, "
                       ".jsonl, .ndjson or .har), 1 input not checked\n");
        CHECK(t.err == "tented-contract: empty: holds no .json, .jsonl, .ndjson or .har file to check\n");
    }
}

TEST_CASE("replay shares validate's options, output formats and exit statuses", "[cli][replay][exit]")
{
    scratch s;
    job ahead, back; // of three items, item 1 is queued again while the job runs
    ahead.total = back.total = 3;
    ahead.updated_at = "2026-05-04T10:00:03.000Z";
    back.completed = 1;
    back.updated_at = "2026-05-04T10:00:04.000Z";
    s.write("back/001.json", ahead.text());
    s.write("back/002.json", back.text());
    // A state change without a later updated_at: seq/stale-updated-at, a warning.
    job running, stale;
    running.completed = 1;
    running.updated_at = stale.updated_at = "2026-05-04T10:00:04.000Z";
    s.write("stale/001.json", running.text());
    s.write("stale/002.json", stale.text());

    SECTION("--warning RULE: exit 0")
    {
        const auto t = s.run("replay --warning seq/item-transition back");
        CHECK(t.status == 0);
        CHECK(t.out == "back/002.json:22:17: warning: item 1 moved from \"completed\" to \"queued\" (\"completed\" "
                       "never changes) (previous poll: back/001.json:22:17) (at /items/1/status) [seq/item-transition]\n"
                       "2 inputs, 2 valid, 0 invalid, 0 errors, 1 warning\n");
    }
    SECTION("--disable RULE: exit 0")
    {
        const auto t = s.run("replay --disable seq/item-transition back");
        CHECK(t.status == 0);
        CHECK(t.out == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings\n");
    }
    SECTION("a warning-only sequence exits 0, and 1 with --werror")
    {
        const auto t = s.run("replay stale");
        CHECK(t.status == 0);
        CHECK(t.out == "stale/002.json:32:17: warning: the job's state changed but updated_at stayed "
                       "2026-05-04T10:00:04.000Z (previous poll: stale/001.json:32:17) (at /updated_at) "
                       "[seq/stale-updated-at]\n"
                       "2 inputs, 2 valid, 0 invalid, 0 errors, 1 warning\n");
        const auto w = s.run("replay --werror stale");
        CHECK(w.status == 1);
        CHECK(w.out == "stale/002.json:32:17: error: the job's state changed but updated_at stayed "
                       "2026-05-04T10:00:04.000Z (previous poll: stale/001.json:32:17) (at /updated_at) "
                       "[seq/stale-updated-at]\n"
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings\n");
    }
    SECTION("--format json")
    {
        const auto t = s.run("replay --format json back");
        CHECK(t.status == 1);
        const auto doc = json::parse(t.out);
        CHECK(keys(doc) == std::set<std::string>{"version", "results", "summary"});
        CHECK(doc.at("results").at(1) == json::parse(R"j({"source":"back/002.json","record":null,"valid":false,
            "diagnostics":[{"rule":"seq/item-transition","severity":"error","pointer":"/items/1/status","line":22,
            "column":17,"message":"item 1 moved from \"completed\" to \"queued\" (\"completed\" never changes) )j"
                                                     R"j((previous poll: back/001.json:22:17)"}]})j"));
        CHECK(doc.at("summary") == json::parse(R"j({"inputs":2,"valid":1,"invalid":1,"errors":1,"warnings":0,"skipped":[],"input_errors":[]})j"));
    }
    SECTION("an unreadable path: exit 2, the other inputs still checked")
    {
        const auto t = s.run("replay missing back");
        CHECK(t.status == 2);
        CHECK(t.out == "back/002.json:22:17: error: item 1 moved from \"completed\" to \"queued\" (\"completed\" "
                       "never changes) (previous poll: back/001.json:22:17) (at /items/1/status) [seq/item-transition]\n"
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings, 1 input not checked\n");
        // One line naming the path (the wording of the system's reason is not part of the contract).
        CHECK(t.err.rfind("tented-contract: missing: ", 0) == 0);
        CHECK(std::count(t.err.begin(), t.err.end(), '\n') == 1);
    }
    SECTION("an unknown rule id: exit 2 naming it")
    {
        const auto t = s.run("replay --disable seq/no-such-rule back");
        CHECK(t.status == 2);
        CHECK(t.out == "");
        CHECK(t.err == "tented-contract: unknown rule id 'seq/no-such-rule' (tented-contract rules lists them)\n");
    }
    SECTION("--max-items applies to every snapshot")
    {
        const auto t = s.run("replay --format json --max-items 1 back");
        CHECK(t.status == 1);
        CHECK(rules_of(json::parse(t.out)) ==
              std::vector<std::string>{"limits/total", "limits/total", "seq/item-transition"});
    }
}

// =============================================================================================
// corpus

TEST_CASE("corpus DIR replays a corpus against the expectations of its layout", "[cli][corpus]")
{
    scratch s;
    s.write("corpus/valid/good.json", valid_job());
    s.write("corpus/invalid/time/order/late.json", late_job());
    s.write("corpus/invalid/format/ulid-canonical/lower.json", lowercase_job());
    job accepted, done;
    accepted.completed = 0;
    accepted.updated_at = "2026-05-04T10:00:01.000Z";
    done.updated_at = "2026-05-04T10:00:03.000Z";
    s.write("corpus/sequences/valid/forwards/001.json", accepted.text());
    s.write("corpus/sequences/valid/forwards/002.json", done.text());

    SECTION("every case matches: exit 0")
    {
        const auto t = s.run("corpus corpus");
        CHECK(t.status == 0);
        CHECK(t.out == "corpus: 4 passed, 0 failed\n");
        CHECK(t.err == "");
    }
    SECTION("a case that raises another rule than its folder's: a FAIL line and exit 1")
    {
        s.write("corpus/invalid/counts/buckets/actually-valid.json", valid_job());
        s.write("corpus/invalid/schema/required/late.json", late_job());
        const auto t = s.run("corpus corpus");
        CHECK(t.status == 1);
        CHECK(t.out == "FAIL corpus/invalid/counts/buckets/actually-valid.json: expected {counts/buckets}, raised {}\n"
                       "FAIL corpus/invalid/schema/required/late.json: expected {schema/required}, raised {time/order}\n"
                       "     corpus/invalid/schema/required/late.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is "
                       "earlier than created_at 2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n"
                       "corpus: 4 passed, 2 failed\n");
    }
    SECTION("a payload case's unexpected rule is annotated at its first finding, a missing one on the file")
    {
        s.write("corpus/invalid/schema/required/late.json", late_job());
        const auto t = s.run("corpus --format github corpus");
        CHECK(t.status == 1);
        const std::string file = "file=corpus/invalid/schema/required/late.json";
        CHECK(t.out.find("::error " + file + ",title=schema/required::the case expects schema/required and did not "
                         "raise it (raised {time/order})\n") != std::string::npos);
        CHECK(t.out.find("::error " + file + ",line=32,col=17,title=time/order::the case raised time/order, which it "
                         "does not expect (expected {schema/required}): ") != std::string::npos);
        const auto j = json::parse(s.run("corpus --format json corpus").out);
        int seen = 0;
        for (const auto& result : j.at("results").as_array()) {
            if (result.at("source") != "corpus/invalid/schema/required/late.json") continue;
            ++seen;
            const auto& findings = result.at("diagnostics").as_array();
            REQUIRE(findings.size() == 2);
            CHECK(findings[0].at("line").is_null());
            CHECK(findings[1].at("rule") == "time/order");
            // The finding's place, pointer and rule are the error's own, not repeated in its message.
            CHECK(findings[1].at("message") == "the case raised time/order, which it does not expect (expected "
                                               "{schema/required}): updated_at 2026-05-04T09:59:59.000Z is earlier "
                                               "than created_at 2026-05-04T10:00:00.000Z");
            CHECK(findings[1].at("pointer") == "/updated_at");
            CHECK(findings[1].at("line") == 32);
            CHECK(findings[1].at("column") == 17);
        }
        CHECK(seen == 1);
    }
    SECTION("a sequence that goes backwards in sequences/valid fails")
    {
        s.write("corpus/sequences/valid/backwards/001.json", done.text());
        s.write("corpus/sequences/valid/backwards/002.json", accepted.text());
        const auto t = s.run("corpus corpus");
        CHECK(t.status == 1);
        const std::string dir = "corpus/sequences/valid/backwards/";
        CHECK(t.out == "FAIL corpus/sequences/valid/backwards: expected {}, raised {seq/item-transition, seq/job-transition, seq/time}\n"
                       "     " + dir + "002.json:3:13: error: job status moved from \"completed\" to \"accepted\" (a "
                       "terminal status never changes) (previous poll: " + dir + "001.json:3:13) (at /status) [seq/job-transition]\n"
                       "     " + dir + "002.json:16:17: error: item 0 moved from \"completed\" to \"queued\" (\"completed\" "
                       "never changes) (previous poll: " + dir + "001.json:16:17) (at /items/0/status) [seq/item-transition]\n"
                       "     " + dir + "002.json:22:17: error: item 1 moved from \"completed\" to \"queued\" (\"completed\" "
                       "never changes) (previous poll: " + dir + "001.json:22:17) (at /items/1/status) [seq/item-transition]\n"
                       "     " + dir + "002.json:32:17: error: updated_at went back from 2026-05-04T10:00:03.000Z to "
                       "2026-05-04T10:00:01.000Z (previous poll: " + dir + "001.json:32:17) (at /updated_at) [seq/time]\n"
                       "corpus: 4 passed, 1 failed\n");
    }
}

TEST_CASE("corpus on an unreadable or empty folder exits 2", "[cli][corpus][exit]")
{
    scratch s;
    s.write("file.json", valid_job());
    for (const auto& [dir, why] : {std::pair{"missing", "no such file or folder"},
                                   std::pair{"file.json", "not a folder (a corpus is a folder of cases)"}}) {
        INFO(dir);
        const auto t = s.run(std::string("corpus ") + dir);
        CHECK(t.status == 2);
        CHECK(t.out == "");
        CHECK(t.err == std::string("tented-contract: ") + dir + ": " + why + "\n");
    }
    s.write("empty/notes.txt", "no case here");
    const auto empty = s.run("corpus empty");
    CHECK(empty.status == 2);
    CHECK(empty.out == "");
    CHECK(empty.err == "tented-contract: empty: holds no corpus case (a .json, .jsonl, .ndjson or .har file, or a sequence folder)\n");
}

// =============================================================================================
// no silent skips, did you mean

TEST_CASE("a folder walk counts what it skipped and why, and -v names each file", "[cli][validate][skipped]")
{
    scratch s;
    s.write("mixed/good.json", valid_job());
    s.write("mixed/sub/trailing-comma.JSON", "{\"a\": 1,}");
    s.write("mixed/README.md", "# notes\n");
    s.write("mixed/notes.txt", "notes\n");
    REQUIRE(support::shell("mkfifo " + shell_quote((s.in() / "mixed" / "pipe.json").string())).status == 0);
    const std::string skipped = ", 3 files skipped (2 not named .json, .jsonl, .ndjson or .har; 1 not a regular "
                                "file (a FIFO, socket or device))\n";

    SECTION("the text summary counts them, by reason")
    {
        const auto t = s.run("validate mixed");
        CHECK(t.status == 1);
        CHECK(t.out == "mixed/sub/trailing-comma.JSON:1:9: error: expected a member name in double quotes, got '}' "
                       "(a trailing comma: JSON allows none) [json/syntax]\n"
                       "2 inputs, 1 valid, 1 invalid, 1 error, 0 warnings" + skipped);
        CHECK(t.err == "");
    }
    SECTION("-v names each skipped file on standard error")
    {
        const auto t = s.run("validate -v mixed");
        CHECK(t.err == "tented-contract: skipped mixed/README.md: not named .json, .jsonl, .ndjson or .har\n"
                       "tented-contract: skipped mixed/notes.txt: not named .json, .jsonl, .ndjson or .har\n"
                       "tented-contract: skipped mixed/pipe.json: not a regular file (a FIFO, socket or device)\n");
    }
    SECTION("the JSON summary lists them with their reasons")
    {
        const auto t = s.run("validate --format json mixed");
        CHECK(json::parse(t.out).at("summary").at("skipped") == json::parse(R"j([
            {"path": "mixed/README.md", "reason": "not named .json, .jsonl, .ndjson or .har"},
            {"path": "mixed/notes.txt", "reason": "not named .json, .jsonl, .ndjson or .har"},
            {"path": "mixed/pipe.json", "reason": "not a regular file (a FIFO, socket or device)"}])j"));
    }
    SECTION("replay counts them too")
    {
        const auto t = s.run("replay mixed");
        CHECK(t.out.size() > skipped.size());
        CHECK(t.out.substr(t.out.size() - skipped.size()) == skipped);
    }
}

TEST_CASE("a link to a folder is not followed, and is counted as skipped", "[cli][validate][skipped]")
{
    scratch s;
    s.write("real/bad.json", "{");
    s.write("walked/good.json", valid_job());
    REQUIRE(support::shell("ln -s ../real " + shell_quote((s.in() / "walked" / "captures").string())).status == 0);
    const auto t = s.run("validate -v walked");
    CHECK(t.status == 0);
    CHECK(t.out == "1 input, 1 valid, 0 invalid, 0 errors, 0 warnings, 1 file skipped (1 a link to a folder (not "
                   "followed))\n");
    CHECK(t.err == "tented-contract: skipped walked/captures: a link to a folder (not followed)\n");
}

TEST_CASE("several payloads on standard input get a hint that they look like JSON Lines", "[cli][validate][jsonl]")
{
    scratch s;
    s.write("two.txt", job{}.compact() + "\n" + job{}.compact() + "\n");
    const auto t = s.run("validate < two.txt");
    CHECK(t.status == 1);
    CHECK(t.out == "<stdin>:2:1: error: expected the end of the input after the JSON value, got '{' (a JSON value on "
                   "each line is JSON Lines: give --jsonl, or name the file .jsonl) [json/syntax]\n"
                   "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    CHECK(s.run("validate --jsonl < two.txt").out == "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings\n");
    // Not inside an open value: a '{' starting a line there is a missing comma.
    s.write("missing-comma.json", "[\n{}\n{}\n]\n");
    CHECK(s.run("validate missing-comma.json").out ==
          "missing-comma.json:3:1: error: expected ',' or ']', got '{' [json/syntax]\n"
          "1 input, 0 valid, 1 invalid, 1 error, 0 warnings\n");
    // The hint needs the second value to start a line of its own.
    s.write("one-line.txt", job{}.compact() + " " + job{}.compact());
    CHECK(s.run("validate < one-line.txt").out.find("JSON Lines") == std::string::npos);
}

TEST_CASE("an unknown command, rule id or option value suggests the nearest valid one", "[cli][exit]")
{
    scratch s;
    s.write("good.json", valid_job());
    const auto verb = s.run("validat good.json");
    CHECK(verb.status == 2);
    CHECK(verb.err == "tented-contract: 'validat' is not a command; did you mean 'validate'? (commands: validate, "
                      "replay, corpus, import, rules, generate, schema, serve, watch)\n");
    CHECK(s.run("frobnicate").err == "tented-contract: 'frobnicate' is not a command (commands: validate, replay, "
                                      "corpus, import, rules, generate, schema, serve, watch)\n");
    const auto none = s.run("");
    CHECK(none.status == 2);
    CHECK(none.err == "tented-contract: no command given (commands: validate, replay, corpus, import, rules, generate, "
                      "schema, serve, watch; --help says more)\n");
    const auto rule = s.run("validate --disable counts/sum-to-totals good.json");
    CHECK(rule.status == 2);
    CHECK(rule.err == "tented-contract: unknown rule id 'counts/sum-to-totals'; did you mean 'counts/sum-to-total'? "
                      "(tented-contract rules lists them)\n");
    const auto escaped = s.run("validate --format \"$(printf 'te\\033xt')\" good.json");
    CHECK(escaped.err == "tented-contract: --format: expected an output format (text, json, junit, sarif or github), "
                         "got \"te\\x1bxt\"; did you mean 'text'?\nRun with --help for more information.\n");
    const auto format = s.run("validate --format sarfi good.json");
    CHECK(format.status == 2);
    CHECK(format.err == "tented-contract: --format: expected an output format (text, json, junit, sarif or github), "
                        "got \"sarfi\"; did you mean 'sarif'?\nRun with --help for more information.\n");
    // An option the command does not have: the nearest of its own, whatever its place.
    const auto option = s.run("validate --formt json good.json");
    CHECK(option.status == 2);
    CHECK(option.err == "tented-contract: The following argument was not expected: --formt; did you mean '--format'?\n"
                        "Run with --help for more information.\n");
    CHECK(s.run("replay good.json --max-byte 10").err ==
          "tented-contract: The following argument was not expected: --max-byte; did you mean '--max-bytes'?\n"
          "Run with --help for more information.\n");
    CHECK(s.run("validate --frobnicate good.json").err ==
          "tented-contract: The following argument was not expected: --frobnicate\nRun with --help for more information.\n");
}

// =============================================================================================
// Shards: --shard-index and --shard-count, else Bazel's and GoogleTest's variables

namespace {

/// A folder `in` of three payloads (one late, one with a lowercase id) and a log of two jobs.
void shard_inputs(const scratch& s)
{
    s.write("in/a.json", valid_job());
    s.write("in/b.json", late_job());
    s.write("in/c.json", lowercase_job());
    job b;
    b.id = job_b;
    s.write("in/polls.jsonl", job{}.compact() + "\n" + b.compact() + "\n" + job{}.compact() + "\n");
}

/// Each result of a `--format json` run, as `SOURCE RECORD`.
std::vector<std::string> results_of(const transcript& t)
{
    std::vector<std::string> out;
    const auto doc = json::parse(t.out);
    for (const auto& r : doc.at("results").as_array())
        out.push_back(std::string(r.at("source").as_string()) + ' ' + json::serialize(r.at("record")));
    return out;
}

const std::string late_finding = "in/b.json:32:17: error: updated_at 2026-05-04T09:59:59.000Z is earlier than "
                                 "created_at 2026-05-04T10:00:00.000Z (at /updated_at) [time/order]\n";

} // namespace

TEST_CASE("validate and replay --shard-index I --shard-count N check each case in exactly one shard",
          "[cli][shard]")
{
    scratch s;
    shard_inputs(s);
    for (const std::string verb : {"validate", "replay"}) {
        const auto whole = s.run(verb + " in --format json");
        auto expected = results_of(whole);
        std::sort(expected.begin(), expected.end());
        REQUIRE(expected.size() == 6);
        for (const int count : {1, 2, 3, 7}) {
            CAPTURE(verb, count);
            std::vector<std::string> all;
            for (int index = 0; index < count; ++index) {
                const auto t = s.run(verb + " in --format json --shard-index " + std::to_string(index) +
                                     " --shard-count " + std::to_string(count));
                CHECK(t.err == "");
                const auto summary = json::parse(t.out).at("summary").as_object();
                CHECK(summary.contains("shard") == (count > 1));
                const auto part = results_of(t);
                all.insert(all.end(), part.begin(), part.end());
            }
            std::sort(all.begin(), all.end());
            CHECK(all == expected);
        }
    }
}

TEST_CASE("a shard's text summary names it, and a shard without a case passes", "[cli][shard]")
{
    scratch s;
    shard_inputs(s);
    // Sorted bytewise: in/a.json, in/b.json, in/c.json, in/polls.jsonl; case 1 of them to shard 1.
    const auto one = s.run("validate in --shard-index 1 --shard-count 3");
    CHECK(one.status == 1);
    CHECK(one.out == late_finding + "1 input, 0 valid, 1 invalid, 1 error, 0 warnings, shard index 1 of 3\n");
    const auto empty = s.run("validate in --shard-index 5 --shard-count 7");
    CHECK(empty.status == 0);
    CHECK(empty.out == "0 inputs, 0 valid, 0 invalid, 0 errors, 0 warnings, shard index 5 of 7\n");
    // replay: the folder in (its three snapshots, one sequence) and the log's two jobs.
    const auto jobs = s.run("replay in --shard-index 0 --shard-count 2 --format json");
    CHECK(results_of(jobs) == std::vector<std::string>{"in/a.json null", "in/b.json null", "in/c.json null",
                                                       "in/polls.jsonl 2"});
    CHECK(s.run("replay in --shard-index 1 --shard-count 2").out ==
          "2 inputs, 2 valid, 0 invalid, 0 errors, 0 warnings, shard index 1 of 2\n");
}

TEST_CASE("corpus --shard-index I --shard-count N replays its part of the cases, by path", "[cli][shard][corpus]")
{
    scratch s;
    const auto docs = shell_quote((support::corpus_dir() / "docs").string());
    std::vector<std::string> all;
    for (const int index : {0, 1}) {
        const auto t = s.run("corpus " + docs + " -v --shard-index " + std::to_string(index) + " --shard-count 2");
        CHECK(t.status == 0);
        std::istringstream lines(t.out);
        for (std::string line; std::getline(lines, line);)
            if (line.rfind("ok   ", 0) == 0) all.push_back(std::to_string(index) + ' ' + line.substr(5, line.find(' ', 5) - 5));
        CHECK(t.out.substr(t.out.rfind("corpus: ")) ==
              "corpus: " + std::to_string(2 - index) + " passed, 0 failed, shard index " + std::to_string(index) + " of 2\n");
    }
    const auto root = (support::corpus_dir() / "docs").string() + '/';
    CHECK(all == std::vector<std::string>{"0 " + root + "completed-with-failures.json", "0 " + root + "in-progress.json",
                                          "1 " + root + "completed.json"});
    const auto json_shard = s.run("corpus " + docs + " --format json --shard-index 1 --shard-count 2");
    CHECK(json::parse(json_shard.out).at("summary").at("shard") == json::parse(R"({"index":1,"count":2})"));
}

TEST_CASE("without flags the shard is Bazel's, else GoogleTest's, flags win over both, and a bad value exits 2", "[cli][shard][env]")
{
    scratch s;
    shard_inputs(s);
    const auto status = s.root() / "shard-status";
    const auto bazel = s.run("validate in", "TEST_SHARD_INDEX=1 TEST_TOTAL_SHARDS=3 TEST_SHARD_STATUS_FILE=" +
                                                shell_quote(status.string()) + " GTEST_SHARD_INDEX=2 GTEST_TOTAL_SHARDS=3");
    CHECK(bazel.out == late_finding + "1 input, 0 valid, 1 invalid, 1 error, 0 warnings, shard index 1 of 3\n");
    CHECK(fs::exists(status));
    const auto gtest = s.run("validate in", "GTEST_SHARD_INDEX=1 GTEST_TOTAL_SHARDS=3");
    CHECK(gtest.out == bazel.out);
    CHECK(s.run("validate in --shard-index 1 --shard-count 3", "GTEST_SHARD_INDEX=0 GTEST_TOTAL_SHARDS=2").out == bazel.out);
    const auto bad = s.run("validate in", "TEST_SHARD_INDEX=3 TEST_TOTAL_SHARDS=3");
    CHECK(bad.status == 2);
    CHECK(bad.out == "");
    CHECK(bad.err == "tented-contract: TEST_SHARD_INDEX 3 is not below TEST_TOTAL_SHARDS 3 (shards are numbered from 0)\n");
    const auto word = s.run("corpus in", "GTEST_SHARD_INDEX=one GTEST_TOTAL_SHARDS=2");
    CHECK(word.status == 2);
    CHECK(word.err == "tented-contract: GTEST_SHARD_INDEX is \"one\": expected a whole number\n");
    const auto alone = s.run("replay in --shard-count 2");
    CHECK(alone.status == 2);
    CHECK(alone.err == "tented-contract: --shard-count requires --shard-index\nRun with --help for more information.\n");
}

TEST_CASE("with --jobs N the output is that of --jobs 1, byte for byte, in every format", "[cli][jobs]")
{
    scratch s;
    // A log of several batches (logs are read 256 KiB at a time), findings in a few records.
    const auto record = json::serialize(json::parse(valid_job()));
    std::string log;
    for (int i = 0; i < 6000; ++i) log += (i % 997 == 5 ? std::string("{\"bulk_job_id\": 1}") : record) + "\n";
    s.write("big.jsonl", log);
    // A capture of many batches too (read 64 KiB at a time), some polls out of time order.
    std::vector<std::pair<std::string, std::string>> polls;
    const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    for (int i = 0; i < 3000; ++i) {
        const int second = i % 50 == 7 ? i - 5 : i; // dated before the polls just read
        polls.emplace_back("2026-05-04T" + two(10 + second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60) + ".000Z",
                           i % 997 == 5 ? std::string("{\"bulk_job_id\": 1}") : record);
    }
    s.write("big.har", har(job_a, polls));
    const auto corpus = shell_quote(support::corpus_dir().string());
    const auto times = [](const std::string& out) { return std::regex_replace(out, std::regex("time=\"[0-9.]*\""), "time=\"T\""); };
    for (const std::string verb : {"validate", "replay"})
        for (const std::string format : {"text", "json", "junit", "sarif", "github"}) {
            INFO(verb << " --format " << format);
            const auto args = verb + " --format " + format + " " + corpus + " big.jsonl big.har";
            const auto one = s.run(args + " --jobs 1"), many = s.run(args + " --jobs 4");
            CHECK(one.status == 1);
            CHECK(many.status == 1);
            CHECK(one.out.size() > 10000);
            CHECK(times(many.out) == times(one.out));
            CHECK(many.err == one.err);
        }
    for (const std::string format : {"text", "json", "junit"}) {
        INFO("corpus --format " << format);
        const auto args = "corpus -v --format " + format + " " + corpus;
        const auto one = s.run(args + " --jobs 1"), many = s.run(args + " --jobs 4");
        CHECK(one.status == 0);
        CHECK(one.out.size() > 10000);
        CHECK(times(many.out) == times(one.out));
    }
}

TEST_CASE("a FIFO replayed in shards is one case, read once", "[cli][shard][fifo]")
{
    scratch s;
    shard_inputs(s);
    const auto in = s.in().string();
    REQUIRE(support::shell("mkfifo '" + in + "/in/fifo.jsonl'").status == 0);
    // Read twice (once for its jobs, once to check them), the FIFO would wait for a second writer.
    const auto run = [&](const std::string& index) {
        // The writer opens the FIFO under timeout: a shard that never reads it must not hang it.
        return support::shell("cd '" + in + "' && (timeout 20 sh -c 'cat in/polls.jsonl > in/fifo.jsonl' >/dev/null 2>&1 &) "
                              "&& timeout 20 '" + TENTED_CONTRACT_CLI + "' replay in/fifo.jsonl --shard-count 2 --shard-index " + index);
    };
    const auto first = run("0"), second = run("1");
    CHECK(first.status == 0);
    CHECK(second.status == 0);
    // One case, in one shard: its three polls there, nothing in the other.
    CHECK(first.out + second.out == "3 inputs, 3 valid, 0 invalid, 0 errors, 0 warnings, shard index 0 of 2\n"
                                    "0 inputs, 0 valid, 0 invalid, 0 errors, 0 warnings, shard index 1 of 2\n");
}
