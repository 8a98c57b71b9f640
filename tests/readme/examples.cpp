// The README's C++ examples, compiled and run: tests/unit/readme.cpp checks that every ```cpp
// block of README.md appears here (or in tests/consumer/) verbatim.
#include <tented/contract.hpp>
#include <tented/contract/corpus.hpp>
#include <tented/contract/sequence.hpp>

#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>
#include <string>

namespace readme {

// [validate]
namespace tc = tented::contract;

int check(const std::string& payload, std::ostream& out)
{
    tc::options opts;
    opts.disable("items/order");      // rule ids are the public interface
    opts.max_items = 100;              // our account may submit up to 100 items
    const tc::report report = tc::validate(payload, opts);
    for (const tc::diagnostic& d : report.diagnostics) {
        out << d.line << ':' << d.column << ": " << tc::to_string(d.severity) << ": " << d.message;
        if (!d.pointer.empty()) out << " (at " << d.pointer << ')'; // "" is the whole document
        out << " [" << d.rule << "]\n";
    }
    return report.ok() ? 0 : 1;
}
// [validate]

} // namespace readme

TEST_CASE("the README's validate example prints the findings of a payload", "[readme]")
{
    std::ostringstream out;
    CHECK(readme::check(R"({"bulk_job_id": "01jqzb4h8a7t5b3r2w1x9y6z0k", "status": "paused"})", out) == 1);
    const std::string text = out.str();
    CHECK_THAT(text, Catch::Contains("1:17: warning: expected the canonical uppercase ULID"));
    CHECK_THAT(text, Catch::Contains("1:57: error: expected one of \"accepted\", \"running\", \"completed\", "
                                     "\"completed_with_failures\", \"failed\", got \"paused\" (at /status) [schema/enum]"));
    CHECK_THAT(text, Catch::Contains("1:1: error: missing required member \"total\" (an integer) (at /total) [schema/required]"));
}

// [corpus]
TEST_CASE("every recorded response keeps the contract", "[corpus]")
{
    namespace tc = tented::contract;
    const auto c = GENERATE(from_range(tc::load_corpus(tc::installed_corpus_dir() / "docs")));
    CAPTURE(c.name);
    CHECK(tc::replay_case(c).raised == c.expected);
}
// [corpus]

// [sequence]
TEST_CASE("polls of one job never move backwards", "[sequence]")
{
    namespace tc = tented::contract;
    const std::string dir = "corpus/sequences/valid/fast-job-skips-running/";
    tc::sequence_checker polls;
    for (const char* name : {"001.json", "002.json"}) {
        std::string error;
        const auto text = tc::read_file(dir + name, 1 << 20, error);
        REQUIRE(text);
        CHECK(polls.add(*text, name).ok());
    }
}
// [sequence]
