// tented-contract corpus: replay corpus folders against their expected findings.
#include "command.hpp"

#include <tented/contract/corpus.hpp>

#include <iostream>

namespace tented::contract::cli {

namespace {

struct corpus_args
{
    std::vector<std::string> roots;
    bool verbose = false;
};

std::string id_set(const std::vector<std::string>& ids)
{
    std::string s = "{";
    for (const auto& id : ids) s += (s.size() > 1 ? ", " : "") + id;
    return s + "}";
}

void print_mismatch(const corpus_case& c, const case_outcome& outcome)
{
    std::cout << "FAIL " << printable(c.name) << ": expected " << id_set(c.expected) << ", raised "
              << id_set(outcome.raised) << '\n';
    for (const auto& e : outcome.errors) std::cout << "     " << printable(e) << '\n';
    for (const auto& r : outcome.reports)
        for (const auto& d : r.findings.diagnostics)
            std::cout << "     " << printable(r.label()) << ':' << d.line << ':' << d.column << ": "
                      << printable(d.message) << " [" << d.rule << "]\n";
}

int replay_corpus(const corpus_args& a)
{
    std::size_t passed = 0, failed = 0;
    for (const auto& root : a.roots) {
        std::vector<corpus_case> cases;
        try {
            cases = load_corpus(root);
        } catch (const corpus_error& e) {
            say(e.what());
            return exit_usage;
        }
        for (const auto& c : cases) {
            const auto outcome = replay_case(c);
            if (!outcome.matches(c)) {
                ++failed;
                print_mismatch(c, outcome);
                continue;
            }
            ++passed;
            if (a.verbose) std::cout << "ok   " << printable(c.name) << ' ' << id_set(c.expected) << '\n';
        }
    }
    std::cout << "corpus: " << passed << " passed, " << failed << " failed\n";
    return failed ? exit_findings : exit_ok;
}

} // namespace

verb add_corpus(CLI::App& app)
{
    auto a = std::make_shared<corpus_args>();
    auto* cmd = app.add_subcommand("corpus", "Replay corpus folders against their expected findings");
    cmd->add_option("folders", a->roots, "Corpus roots (layout of corpus/README.md)")->required();
    cmd->add_flag("-v,--verbose", a->verbose, "List every case, not only mismatches");
    return {cmd, [a] { return replay_corpus(*a); }};
}

} // namespace tented::contract::cli
