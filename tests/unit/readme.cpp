// README.md and the pages of docs/ cannot drift: their C++ blocks are compiled (tests/readme/,
// tests/consumer), their console transcripts are run, the rule table is the catalogue, and their
// links lead somewhere. Nor can the repository come to depend on what lay beside CI's checkout.
#include <tented/contract/rules.hpp>

#include <boost/json/parse.hpp>

#include "docs.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace tc = tented::contract;

namespace {

/// The fenced blocks of README.md and docs/*.md whose info string is `lang`.
std::vector<docs::block> blocks(const std::string& lang)
{
    std::vector<docs::block> out;
    for (const auto& b : docs::all_blocks())
        if (b.lang == lang) out.push_back(b);
    return out;
}

std::string compiled_sources()
{
    std::string all;
    for (const auto* folder : {"tests/readme", "tests/consumer"}) {
        const auto dir = support::source_dir() / folder;
        if (std::filesystem::exists(dir))
            for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
                if (e.is_regular_file()) all += support::read(e.path());
    }
    return all;
}

} // namespace

TEST_CASE("every C++ block of the README and docs is compiled by the tests, verbatim", "[readme]")
{
    const auto cpp = blocks("cpp");
    REQUIRE(cpp.size() >= 16);
    const auto sources = compiled_sources();
    for (const auto& b : cpp) {
        INFO(b.document << ":\n" << b.code);
        CHECK(sources.find(b.code) != std::string::npos);
    }
}

TEST_CASE("every console transcript of the README and docs prints what it shows", "[readme][cli]")
{
    const auto transcripts = blocks("console");
    REQUIRE(transcripts.size() >= 6);
    for (const auto& t : transcripts) {
        std::istringstream in(t.code);
        std::string line;
        std::vector<std::pair<std::string, std::string>> steps;
        while (std::getline(in, line)) {
            if (line.rfind("$ tented-contract ", 0) == 0) {
                steps.emplace_back(line.substr(18), "");
            } else {
                REQUIRE_FALSE(steps.empty());
                steps.back().second += line + '\n';
            }
        }
        for (const auto& [args, output] : steps) {
            INFO(t.document << ": tented-contract " << args);
            const auto r = support::shell("cd '" + support::source_dir().string() + "' && '" TENTED_CONTRACT_CLI "' " + args);
            CHECK(r.out == output);
        }
    }
}

TEST_CASE("every code block that names its file is a verbatim excerpt of it", "[readme][docs]")
{
    std::size_t excerpts = 0;
    for (const auto& b : docs::all_blocks()) {
        if (b.file.empty()) continue;
        ++excerpts;
        INFO(b.document << ", an excerpt of " << b.file << ":\n" << b.code);
        const auto path = support::source_dir() / b.file;
        REQUIRE(std::filesystem::is_regular_file(path));
        CHECK(support::read(path).find(b.code) != std::string::npos);
    }
    CHECK(excerpts >= 17);
}

TEST_CASE("every JSON block of the README and docs is JSON, one text or one a line", "[readme][docs]")
{
    const auto json = blocks("json");
    REQUIRE(json.size() >= 4);
    for (const auto& b : json) {
        INFO(b.document << ":\n" << b.code);
        boost::system::error_code whole;
        boost::json::parse(b.code, whole);
        if (!whole) continue;
        std::istringstream in(b.code);
        for (std::string line; std::getline(in, line);) {
            INFO(line);
            boost::system::error_code ec;
            boost::json::parse(line, ec);
            CHECK_FALSE(ec);
        }
    }
}

TEST_CASE("the JSON report docs/formats.md shows is what validate --format json prints", "[readme][docs][cli]")
{
    const auto json = blocks("json");
    const auto shown = std::find_if(json.begin(), json.end(), [](const docs::block& b) { return b.document == "docs/formats.md"; });
    REQUIRE(shown != json.end());
    const auto r = support::shell("cd '" + support::source_dir().string() + "' && '" TENTED_CONTRACT_CLI
                                  "' validate --format json corpus/invalid/counts/buckets/queued-2-generating-0-items-show-1-and-1.json");
    CHECK(r.status == 1);
    CHECK(boost::json::parse(r.out) == boost::json::parse(shown->code));
}

TEST_CASE("every relative link and anchor of the README and docs leads to a file and heading that exist", "[readme][links]")
{
    const auto root = support::source_dir();
    std::size_t links = 0;
    for (const auto& d : docs::documents()) {
        const auto text = support::read(root / d);
        for (const auto& target : docs::link_targets(text)) {
            if (target.rfind("https://", 0) == 0 || target.rfind("http://", 0) == 0 || target.rfind("mailto:", 0) == 0) continue;
            ++links;
            INFO(d << " links to " << target);
            const auto hash = target.find('#');
            const auto file = target.substr(0, hash);
            const auto path = file.empty() ? root / d : (root / d).parent_path() / file;
            // CHECK, not REQUIRE: one run names every broken link.
            const bool exists = std::filesystem::exists(path);
            CHECK(exists);
            if (!exists || hash == std::string::npos) continue;
            CHECK(path.extension() == ".md");
            CHECK(docs::anchors(support::read(path)).count(target.substr(hash + 1)) == 1);
        }
    }
    CHECK(links >= 60);
}

TEST_CASE("the anchors the link check computes are GitHub's", "[readme][links]")
{
    const auto a = docs::anchors("# Title\n## 3. Replay recordings\n## `serve`: over HTTP\n```sh\n# not a heading\n```\n"
                                 "### Faults\n### Faults\n### <a id=\"json-syntax\"></a>`json/syntax` (error)\n");
    CHECK(a == std::set<std::string>{"title", "3-replay-recordings", "serve-over-http", "faults", "faults-1", "json-syntax",
                                     "jsonsyntax-error"});
    CHECK(docs::link_targets("[a](b.md#c) `[x](not-a-link)` [`d`](../e)\n```\n[f](g)\n```\n") ==
          std::vector<std::string>{"b.md#c", "../e"});
}

TEST_CASE("the rule table of docs/rules.md is the catalogue", "[readme][rules]")
{
    const std::regex row(R"(^\| `([a-z-]+/[a-z0-9-]+)` \| (error|warning) \| (.*) \|$)");
    std::vector<std::string> rows;
    std::istringstream in(support::read(support::source_dir() / "docs/rules.md"));
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_match(line, m, row)) rows.push_back(m[1].str() + " " + m[2].str() + " " + m[3].str());
    }
    std::vector<std::string> expected;
    for (const auto& r : tc::catalogue())
        expected.push_back(std::string(r.id) + " " + std::string(tc::to_string(r.default_severity)) + " " +
                           std::string(r.summary));
    CHECK(rows == expected);
}

TEST_CASE("the README's quick start is two commands, and CI runs the second verbatim", "[readme][ci]")
{
    const auto readme = docs::blocks_of("README.md", support::read(support::source_dir() / "README.md"));
    const auto sh = std::find_if(readme.begin(), readme.end(), [](const docs::block& b) { return b.lang == "sh"; });
    REQUIRE(sh != readme.end());
    CHECK(sh->code == "tools/quickstart\ntools/test\n");
    CHECK_THAT(support::read(support::source_dir() / ".ci/run"), Catch::Contains("\ntools/test\n"));
}

TEST_CASE("no file of the repository reads or cites what lies beside a clone of it", "[readme][alone]")
{
    // What CI's checkout once had beside the repository; written in parts so that this file does
    // not hold them. Build folders, hidden ones, npm's and third-party data (tests/data) are not ours.
    const std::vector<std::string> outside{std::string("../") + "shared", std::string("/work/") + "shared",
                                           std::string("CONTRACT") + ".md"};
    const auto root = support::source_dir();
    std::vector<std::string> found;
    std::size_t files = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(root); it != std::filesystem::recursive_directory_iterator(); ++it) {
        const auto name = it->path().filename().string();
        if (it->is_directory() && (name[0] == '.' || name.rfind("build", 0) == 0 || name == "node_modules" ||
                                   it->path() == root / "tests" / "data")) {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file()) continue;
        ++files;
        const auto text = support::read(it->path());
        for (const auto& o : outside)
            if (text.find(o) != std::string::npos) found.push_back(it->path().lexically_relative(root).string() + ": " + o);
    }
    CHECK(found == std::vector<std::string>{});
    CHECK(files > 400);
}
