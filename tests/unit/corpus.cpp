// Replays every corpus case through the library and through the CLI, checking the exact set
// of rule ids each raises (corpus/README.md gives the expectations).
#include <tented/contract/corpus.hpp>

#include "support.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace tc = tented::contract;
namespace fs = std::filesystem;

namespace {

const std::vector<tc::corpus_case>& cases()
{
    static const auto all = tc::load_corpus(support::corpus_dir());
    return all;
}

std::string cli_flags(const tc::corpus_case& c)
{
    const tc::options defaults;
    std::string flags;
    if (c.opts.max_bytes != defaults.max_bytes) flags += " --max-bytes " + std::to_string(c.opts.max_bytes);
    if (c.opts.max_items != defaults.max_items) flags += " --max-items " + std::to_string(c.opts.max_items);
    if (c.opts.max_depth != defaults.max_depth) flags += " --max-depth " + std::to_string(c.opts.max_depth);
    return flags;
}

std::vector<std::string> rules_in_json_output(const std::string& out)
{
    std::set<std::string> ids;
    const auto doc = boost::json::parse(out);
    for (const auto& r : doc.at("results").as_array())
        for (const auto& d : r.at("diagnostics").as_array()) ids.insert(std::string(d.at("rule").as_string()));
    return {ids.begin(), ids.end()};
}

} // namespace

TEST_CASE("the corpus holds every kind of case the layout describes", "[corpus]")
{
    std::size_t payloads = 0, sequences = 0, docs = 0;
    std::set<std::string> alone, raised;
    for (const auto& c : cases()) {
        (c.kind == tc::case_kind::payload ? payloads : sequences) += 1;
        docs += c.name.rfind("docs/", 0) == 0;
        if (c.expected.size() == 1) alone.insert(c.expected.front());
        raised.insert(c.expected.begin(), c.expected.end());
    }
    CHECK(docs == 3);
    CHECK(payloads >= 200);
    CHECK(sequences >= 30);
    for (const auto& r : tc::catalogue()) {
        const std::string id(r.id);
        INFO(id);
        CHECK(raised.count(id) == 1);
        // Counters that do not add up to the items cannot each match theirs: counts/sum-to-total
        // always comes with counts/buckets (docs/rules.md, "What is not reported twice").
        if (id != "counts/sum-to-total") CHECK(alone.count(id) == 1);
    }
}

TEST_CASE("every corpus case raises exactly its expected rules through the library", "[corpus]")
{
    for (const auto& c : cases()) {
        INFO(c.name);
        const auto outcome = tc::replay_case(c);
        CHECK(outcome.errors.empty());
        CHECK(outcome.raised == c.expected);
    }
}

TEST_CASE("every corpus case raises exactly its expected rules through the CLI", "[corpus][cli]")
{
    for (const auto& c : cases()) {
        INFO(c.name);
        const bool sequence = c.kind != tc::case_kind::payload;
        const auto run = support::cli(std::string(sequence ? "replay" : "validate") + " --format json" +
                                      cli_flags(c) + " '" + c.path.string() + "'");
        const bool any_error = std::any_of(c.expected.begin(), c.expected.end(), [](const std::string& id) {
            return tc::info(*tc::find_rule(id)).default_severity == tc::severity::error;
        });
        CHECK(run.status == (any_error ? 1 : 0));
        CHECK(rules_in_json_output(run.out) == c.expected);
    }
}

TEST_CASE("the documented examples give exactly the findings of docs/contract.md section 10", "[corpus][docs]")
{
    const auto in_progress = tc::validate(support::read(support::corpus_dir() / "docs/in-progress.json"));
    const auto completed = tc::validate(support::read(support::corpus_dir() / "docs/completed.json"));
    const auto abbreviated = tc::validate(support::read(support::corpus_dir() / "docs/completed-with-failures.json"));
    CHECK(in_progress.diagnostics.empty());
    CHECK(completed.diagnostics.empty());
    std::vector<std::string> missing;
    for (const auto& d : abbreviated.diagnostics) {
        CHECK(d.rule == "schema/required");
        CHECK(d.line == 1);
        CHECK(d.column == 1);
        missing.push_back(d.pointer);
    }
    CHECK(missing == std::vector<std::string>{"/template_id", "/auto_publish", "/total", "/queued", "/generating",
                                              "/completed", "/failed", "/created_at", "/updated_at"});
}

TEST_CASE("tented-contract corpus replays the whole corpus and exits 0", "[corpus][cli]")
{
    const auto run = support::cli("corpus '" + support::corpus_dir().string() + "'");
    CHECK(run.status == 0);
    CHECK(run.out == "corpus: " + std::to_string(cases().size()) + " passed, 0 failed\n");
}

TEST_CASE("installed_corpus_dir gives the corpus its build names, here the sources' one", "[corpus][install]")
{
    // The kit's own build adds its sources, so tented::contract names the sources' corpus.
    CHECK(tc::installed_corpus_dir() == support::corpus_dir());
    std::vector<std::string> examples;
    for (const auto& c : tc::load_corpus(tc::installed_corpus_dir() / "docs")) examples.push_back(c.name);
    CHECK(examples == std::vector<std::string>{"completed-with-failures.json", "completed.json", "in-progress.json"});
}

TEST_CASE("a corpus folder the build does not name, or names wrongly, is an error naming the macro", "[corpus][install]")
{
    using Catch::Matchers::Equals;
    CHECK_THROWS_AS(tc::detail::configured_corpus_dir(nullptr), tc::corpus_error);
    CHECK_THROWS_WITH(tc::detail::configured_corpus_dir(nullptr),
                      Equals("the kit's corpus folder is unknown: TENTED_CONTRACT_CORPUS_DIR is not defined "
                             "(the CMake target tented::contract, the pkg-config file tented-contract.pc and "
                             "the meson dependency tented-contract define it; without them, define it yourself)"));
    const auto readme = (support::corpus_dir() / "README.md").string();
    CHECK_THROWS_WITH(tc::detail::configured_corpus_dir(readme.c_str()),
                      Equals("TENTED_CONTRACT_CORPUS_DIR names '" + readme +
                             "', which is not a folder: was the kit installed with its corpus, and not moved since?"));
    CHECK_THROWS_WITH(tc::detail::configured_corpus_dir(""),
                      Equals("TENTED_CONTRACT_CORPUS_DIR names '', which is not a folder: was the kit installed with "
                             "its corpus, and not moved since?"));
}

TEST_CASE("a case raises the rules it raised past --max-findings too, and is judged on all of them", "[corpus]")
{
    // 6,000 empty items raise 12,000 schema/required errors, past the limit of 10,000, before
    // the total, which is no integer, raises schema/type: kept by no report, still raised.
    std::string text = "{\"items\": [{}";
    for (int i = 1; i < 6000; ++i) text += ", {}";
    text += "], \"total\": \"x\"}";
    support::temp_folder root("corpus-late-rule");
    fs::create_directories(root.path() / "invalid");
    std::ofstream(root.path() / "invalid" / "late.json") << text;
    std::ofstream(root.path() / "invalid" / "late.expect") << "schema/required\nschema/type\n";
    const auto cases = tc::load_corpus(root.path());
    REQUIRE(cases.size() == 1);
    const auto outcome = tc::replay_case(cases[0]);
    CHECK(outcome.raised == std::vector<std::string>{"schema/required", "schema/type"});
    CHECK(outcome.matches(cases[0]));
    const auto& r = outcome.reports.at(0).findings;
    CHECK(r.diagnostics.size() == 10000);
    CHECK(r.omitted_rules == std::vector<std::string>{"schema/required", "schema/type"});
    CHECK(r.raises("schema/type"));
}
