// `tented-contract generate`: reproducible JSON Lines of valid payloads, pinned or not, and of
// violations of every rule of sections 1 to 8, checked by `tented-contract validate`.
#include <tented/contract/testing/rapidcheck.hpp>

#include "support.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>
#include <set>

namespace tc = tented::contract;
namespace tt = tented::contract::testing;

namespace {

std::vector<std::string> lines_of(const std::string& out)
{
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < out.size()) {
        const auto end = out.find('\n', at);
        if (end == std::string::npos) break; // every record ends with a line feed
        lines.push_back(out.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

std::string cli_path() { return std::string("'") + TENTED_CONTRACT_CLI + "'"; }

/// The sets of rule ids per result of `validate --format json` output.
std::vector<std::set<std::string>> rules_per_result(const std::string& out)
{
    std::vector<std::set<std::string>> sets;
    const auto doc = boost::json::parse(out);
    for (const auto& r : doc.at("results").as_array()) {
        std::set<std::string> ids;
        for (const auto& d : r.at("diagnostics").as_array()) ids.insert(std::string(d.at("rule").as_string()));
        sets.push_back(ids);
    }
    return sets;
}

} // namespace

TEST_CASE("generate writes the same payloads for the same seed and others for another seed", "[cli][generate]")
{
    const auto a = support::cli("generate --count 20 --seed 7");
    const auto b = support::cli("generate --count 20 --seed 7");
    const auto c = support::cli("generate --count 20 --seed 8");
    REQUIRE(a.status == 0);
    CHECK(lines_of(a.out).size() == 20);
    CHECK(a.out == b.out);
    CHECK(a.out != c.out);
    CHECK(support::cli("generate --seed 7").out == lines_of(a.out).front() + "\n"); // --count defaults to 1
}

TEST_CASE("generate --count 1000 --seed 7 piped into validate --jsonl - exits 0 with every payload valid",
          "[cli][generate]")
{
    const auto run = support::shell(cli_path() + " generate --count 1000 --seed 7 | " + cli_path() +
                                    " validate --jsonl - 2>&1");
    CHECK(run.status == 0);
    CHECK(run.out == "1000 inputs, 1000 valid, 0 invalid, 0 errors, 0 warnings\n");
}

TEST_CASE("generate --status and --items pin every payload", "[cli][generate]")
{
    const auto run = support::cli("generate --count 30 --seed 3 --status completed_with_failures --items 4");
    REQUIRE(run.status == 0);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 30);
    for (const auto& line : lines) {
        const auto job = boost::json::parse(line).as_object();
        CHECK(job.at("status").as_string() == "completed_with_failures");
        CHECK(job.at("total").as_int64() == 4);
        CHECK(job.at("items").as_array().size() == 4);
    }
}

TEST_CASE("generate --violate R writes payloads that raise R, and only R and its declared companions, for every rule "
          "of sections 1 to 8",
          "[cli][generate]")
{
    const auto dir = std::filesystem::temp_directory_path() / ("tented-generate-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::size_t rules = 0;
    for (const auto& v : tt::violation_generators()) {
        const std::string id(v.rule);
        INFO(id);
        ++rules;
        std::set<std::string> expected{id};
        expected.insert(v.companions.begin(), v.companions.end());
        const auto generated = support::cli("generate --count 5 --seed 11 --violate " + id);
        REQUIRE(generated.status == 0);
        const auto lines = lines_of(generated.out);
        REQUIRE(lines.size() == 5);
        // Every line alone, as a file, with the generator's options.
        const std::string flags = v.opts.max_bytes != tc::options{}.max_bytes
                                      ? " --max-bytes " + std::to_string(v.opts.max_bytes)
                                      : std::string();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto file = dir / ("line" + std::to_string(i) + ".json");
            std::ofstream(file, std::ios::binary) << lines[i];
            const auto checked = support::cli("validate --format json" + flags + " '" + file.string() + "'");
            const auto sets = rules_per_result(checked.out);
            REQUIRE(sets.size() == 1);
            CHECK(sets[0] == expected);
        }
        // All lines at once, through the JSON Lines pipeline (a size limit applies to the whole input).
        if (flags.empty()) {
            const auto piped = support::shell(cli_path() + " generate --count 5 --seed 11 --violate " + id + " | " +
                                              cli_path() + " validate --jsonl --format json - 2>/dev/null");
            const auto severity = tc::info(*tc::find_rule(id)).default_severity;
            CHECK(piped.status == (severity == tc::severity::error ? 1 : 0));
            const auto sets = rules_per_result(piped.out);
            CHECK(sets.size() == 5);
            for (const auto& s : sets) CHECK(s == expected);
        }
    }
    std::filesystem::remove_all(dir);
    CHECK(rules == 44);
}

TEST_CASE("generate refuses an unknown rule id or status, and contradicting pins, with exit 2", "[cli][generate]")
{
    CHECK(support::cli("generate --violate counts/bucket").status == 2);
    CHECK(support::cli("generate --violate seq/time").status == 2);
    CHECK(support::cli("generate --status done").status == 2);
    CHECK(support::cli("generate --items 0").status == 2);
    CHECK(support::cli("generate --status completed_with_failures --items 1").status == 2);
    CHECK(support::cli("generate --violate time/order --status running").status == 2);
    const auto unknown = support::cli("generate --violate counts/bucket", true);
    CHECK(unknown.out == "tented-contract: no violation generator for rule id 'counts/bucket'; did you mean "
                         "'counts/buckets'? (tented-contract rules lists the ids)\n");
    const auto status = support::cli("generate --status runing", true);
    CHECK(status.out == "tented-contract: --status: expected a job status (accepted, running, completed, "
                        "completed_with_failures or failed), got \"runing\"; did you mean 'running'?\n"
                        "Run with --help for more information.\n");
    const auto tight = support::cli("generate --status completed_with_failures --items 1", true);
    CHECK(tight.out.find("needs at least 2 items, not 1") != std::string::npos);
}
