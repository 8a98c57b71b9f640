// tented-contract corpus: replay corpus folders against their expected findings.
#include "command.hpp"

#include <tented/contract/corpus.hpp>

#include <algorithm>
#include <iostream>

namespace tented::contract::cli {

namespace {

struct corpus_args
{
    std::vector<std::string> roots;
    bool verbose = false;
    check_settings report; // --format, --output, --color, --shard-index, --shard-count
};

std::string id_set(const std::vector<std::string>& ids)
{
    std::string s = "{";
    for (const auto& id : ids) s += (s.size() > 1 ? ", " : "") + id;
    return s + "}";
}

void print_mismatch(std::ostream& out, const corpus_case& c, const case_outcome& outcome)
{
    out << "FAIL " << detail::printable_exactly(c.path.string()) << ": expected " << id_set(c.expected) << ", raised "
              << id_set(outcome.raised) << '\n';
    for (const auto& e : outcome.errors) out << "     " << printable(e) << '\n';
    for (const auto& r : outcome.reports)
        for (const auto& d : r.findings.diagnostics) out << "     " << format_finding(r, d) << '\n';
}

/** A case as one input of a report (every format but text): no finding when it raised exactly
    what it expects; else an error a rule it expects and did not raise, and one a rule it raised
    and does not expect, naming that rule's first finding. That finding's pointer and position
    are the error's too when the case is one payload file; the other cases' findings are in their
    snapshots, records or entries, not in the case's own path, so their positions stay in the
    messages. */
sourced_report case_report(const corpus_case& c, const case_outcome& o)
{
    sourced_report r;
    r.source = c.path.string();
    for (const auto& o_report : o.reports) r.duration += o_report.duration;
    const auto add = [&](const std::string& rule, std::string message) -> diagnostic& {
        diagnostic& d = r.findings.diagnostics.emplace_back();
        d.rule = rule;
        d.message = std::move(message);
        return d;
    };
    for (const auto& id : c.expected)
        if (!std::binary_search(o.raised.begin(), o.raised.end(), id))
            add(id, "the case expects " + id + " and did not raise it (raised " + id_set(o.raised) + ")");
    for (const auto& id : o.raised) {
        if (std::binary_search(c.expected.begin(), c.expected.end(), id)) continue;
        const sourced_report* in = nullptr;
        const diagnostic* first = nullptr;
        for (const auto& rep : o.reports)
            for (const auto& d : rep.findings.diagnostics)
                if (!first && d.rule == id) in = &rep, first = &d;
        // Placed at that finding, the error carries its pointer and position itself: its message
        // names only what the finding says, which every format then places once.
        const bool placed = first && c.kind == case_kind::payload;
        auto& d = add(id, "the case raised " + id + ", which it does not expect (expected " + id_set(c.expected) + ")" +
                              (first ? ": " + (placed ? first->message : format_finding(*in, *first)) : ""));
        if (placed) {
            d.pointer = first->pointer;
            d.offset = first->offset;
            d.line = first->line;
            d.column = first->column;
            d.character = first->character;
            d.length = first->length;
        }
    }
    return r;
}

/** The cases of `roots` this run replays: every case of each root in turn, or, for a shard, its
    part of them all (each case's id its path). A root that cannot be read adds its message to
    `errors`. */
std::vector<corpus_case> cases_to_replay(const corpus_args& a, const std::optional<shard>& part,
                                         std::vector<std::string>& errors)
{
    std::vector<corpus_case> cases;
    for (const auto& root : a.roots) {
        try {
            auto more = load_corpus(root);
            cases.insert(cases.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        } catch (const corpus_error& e) {
            errors.push_back(e.what());
        }
    }
    if (!part) return cases;
    return deal(std::move(cases), *part, [](const corpus_case& c) { return c.path.string(); });
}

/// The outcomes of `cases`, in their order, replayed on `jobs` threads.
std::vector<case_outcome> replay_cases(const std::vector<corpus_case>& cases, std::size_t jobs)
{
    std::vector<case_outcome> outcomes(cases.size());
    for_each_index(cases.size(), jobs, [&](std::size_t i) { outcomes[i] = replay_case(cases[i]); });
    return outcomes;
}

int report_corpus(const corpus_args& a)
{
    const auto part = a.report.to_shard();
    report_output out(a.report, options{}, "corpus");
    if (part) out.sharded(*part);
    std::vector<std::string> errors;
    const auto cases = cases_to_replay(a, part, errors);
    const auto outcomes = replay_cases(cases, a.report.jobs);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto& c = cases[i];
        const auto& outcome = outcomes[i];
        out.add(case_report(c, outcome));
        errors.insert(errors.end(), outcome.errors.begin(), outcome.errors.end());
    }
    return out.finish(errors);
}

int replay_corpus(const corpus_args& a)
{
    if (refuses_output(a.report.output, a.roots, "replays", "a report never overwrites a corpus", true)) return exit_usage;
    if (a.report.format != "text") return report_corpus(a);
    const auto part = a.report.to_shard();
    std::vector<std::string> errors;
    const auto cases = cases_to_replay(a, part, errors);
    if (!errors.empty()) {
        for (const auto& e : errors) say(e);
        return exit_usage;
    }
    output_target target(a.report.output);
    auto& out = target.stream();
    std::size_t passed = 0, failed = 0;
    const auto outcomes = replay_cases(cases, a.report.jobs);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto& c = cases[i];
        const auto& outcome = outcomes[i];
        if (!outcome.matches(c)) {
            ++failed;
            print_mismatch(out, c, outcome);
            continue;
        }
        ++passed;
        if (a.verbose) out << "ok   " << detail::printable_exactly(c.path.string()) << ' ' << id_set(c.expected) << '\n';
    }
    out << "corpus: " << passed << " passed, " << failed << " failed"
        << detail::shard_summary(part ? part->index : 0, part ? part->count : 1) << '\n';
    if (!target.commit()) return exit_usage;
    return failed ? exit_findings : exit_ok;
}

} // namespace

verb add_corpus(CLI::App& app)
{
    auto a = std::make_shared<corpus_args>();
    auto* cmd = app.add_subcommand("corpus", "Replay corpus folders against their expected findings");
    cmd->add_option("folders", a->roots, "Corpus roots (layout of corpus/README.md)")->required();
    cmd->add_flag("-v,--verbose", a->verbose, "List every case, not only mismatches (text format)");
    add_report_options(*cmd, a->report);
    add_shard_options(*cmd, a->report);
    add_jobs_option(*cmd, a->report.jobs);
    return {cmd, [a] { return replay_corpus(*a); }};
}

} // namespace tented::contract::cli
