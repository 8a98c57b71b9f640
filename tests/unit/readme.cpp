// README.md cannot drift: its C++ blocks are compiled (tests/readme/examples.cpp, tests/consumer),
// its console transcripts are run, and its rule table is the catalogue. Nor can the repository come
// to depend on what lay beside CI's checkout.
#include <tented/contract/rules.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

namespace tc = tented::contract;

namespace {

/// The fenced blocks of README.md whose info string is `lang`.
std::vector<std::string> blocks(const std::string& lang)
{
    std::vector<std::string> out;
    std::istringstream in(support::read(support::source_dir() / "README.md"));
    std::string line, current;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside && line == "```" + lang) {
            inside = true;
            current.clear();
        } else if (inside && line == "```") {
            inside = false;
            out.push_back(current);
        } else if (inside) {
            current += line + '\n';
        }
    }
    return out;
}

std::string compiled_sources()
{
    std::string all = support::read(support::source_dir() / "tests/readme/examples.cpp");
    const auto consumer = support::source_dir() / "tests/consumer";
    if (std::filesystem::exists(consumer))
        for (const auto& e : std::filesystem::recursive_directory_iterator(consumer))
            if (e.is_regular_file()) all += support::read(e.path());
    return all;
}

} // namespace

TEST_CASE("every C++ block of the README is compiled by the tests, verbatim", "[readme]")
{
    const auto cpp = blocks("cpp");
    REQUIRE(cpp.size() >= 3);
    const auto sources = compiled_sources();
    for (const auto& b : cpp) {
        INFO(b);
        CHECK(sources.find(b) != std::string::npos);
    }
}

TEST_CASE("every console transcript of the README prints what it shows", "[readme][cli]")
{
    const auto transcripts = blocks("console");
    REQUIRE(transcripts.size() >= 2);
    for (const auto& t : transcripts) {
        std::istringstream in(t);
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
            INFO("tented-contract " << args);
            const auto r = support::shell("cd '" + support::source_dir().string() + "' && '" TENTED_CONTRACT_CLI "' " + args);
            CHECK(r.out == output);
        }
    }
}

TEST_CASE("the README's rule table is the catalogue", "[readme][rules]")
{
    const std::regex row(R"(^\| `([a-z-]+/[a-z0-9-]+)` \| (error|warning) \| (.*) \|$)");
    std::vector<std::string> rows;
    std::istringstream in(support::read(support::source_dir() / "README.md"));
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
    const auto sh = blocks("sh");
    REQUIRE_FALSE(sh.empty());
    CHECK(sh.front() == "tools/quickstart\ntools/test\n");
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
