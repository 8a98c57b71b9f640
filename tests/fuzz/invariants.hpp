// What every report must hold whatever the input, checked by each fuzz target after the
// sanitizers' own checks: a broken one is a bug no crash would show (a wrong position, an id that
// is not in the catalogue, a severity the options did not ask for).
#ifndef TENTED_CONTRACT_FUZZ_INVARIANTS_HPP
#define TENTED_CONTRACT_FUZZ_INVARIANTS_HPP

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/locate.hpp>
#include <tented/contract/rules.hpp>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace fuzz {

namespace tc = tented::contract;

/// Stops the run as a finding (libFuzzer saves the input) when `ok` is false.
inline void require(bool ok, const char* what, const tc::diagnostic* d = nullptr)
{
    if (ok) return;
    std::fprintf(stderr, "invariant broken: %s", what);
    if (d) std::fprintf(stderr, " [%s at %s, offset %zu]: %s", d->rule.c_str(), d->pointer.c_str(), d->offset, d->message.c_str());
    std::fprintf(stderr, "\n");
    std::abort();
}

/** Checks every finding of `r`: a catalogue id at the severity `opts` gives it, a message, a
    pointer that is empty or starts with '/'; and, when `text` is the text it was found in, an
    offset inside it whose line and column are those `locate` computes. */
inline void check_report(const tc::report& r, const tc::options& opts, const std::string_view* text = nullptr)
{
    for (const auto& d : r.diagnostics) {
        const auto rule = tc::find_rule(d.rule);
        require(rule.has_value(), "a rule id outside the catalogue", &d);
        require(opts.effective(*rule) == d.severity, "a severity the options do not give", &d);
        require(!d.message.empty(), "an empty message", &d);
        require(d.pointer.empty() || d.pointer.front() == '/', "a malformed JSON Pointer", &d);
        if (!text || d.offset == tc::unknown_position) continue;
        require(d.offset <= text->size(), "an offset past the end of the text", &d);
        const auto lc = tc::locate(*text, d.offset);
        require(d.line == lc.line && d.column == lc.column, "a line:column that is not the offset's", &d);
    }
}

} // namespace fuzz

#endif
