// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_SINK_HPP
#define TENTED_CONTRACT_DETAIL_SINK_HPP

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>

#include <algorithm>
#include <bitset>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace tented::contract::detail {

/** How many findings one input kept, and how many it counted past `options::max_findings`.

    Errors come first: up to the limit of each severity is kept as findings come, and once the
    input is done (`into`), the warnings past the room the errors leave are dropped, the last
    first, and counted. So a cut input shows its errors, however many warnings came before them
    (a limit that kept the first findings could show only warnings of an input with errors). At
    most twice the limit is held meanwhile. */
struct finding_tally
{
    std::size_t limit = static_cast<std::size_t>(-1); // options::max_findings, set by the sinks that count in it
    std::size_t kept_errors = 0;
    std::size_t kept_warnings = 0;
    std::size_t omitted_errors = 0;
    std::size_t omitted_warnings = 0;
    std::bitset<rule_count> omitted_rules; // by rule

    /// Whether a finding of rule `r` and severity `s` is kept; counts it either way.
    bool keep(rule r, severity s) noexcept
    {
        const bool error = s == severity::error;
        auto& kept = error ? kept_errors : kept_warnings;
        if (kept >= limit) {
            ++(error ? omitted_errors : omitted_warnings);
            omitted_rules.set(static_cast<std::size_t>(r));
            return false;
        }
        ++kept;
        return true;
    }

    /// Forgets the kept findings `dropped`, which their input no longer reports.
    void forget(const std::vector<diagnostic>& dropped) noexcept
    {
        for (const auto& d : dropped) --(d.severity == severity::error ? kept_errors : kept_warnings);
    }

    /// Counts `kept` as all the input keeps, nothing omitted.
    void restart(const std::vector<diagnostic>& kept) noexcept
    {
        kept_errors = kept_warnings = omitted_errors = omitted_warnings = 0;
        omitted_rules.reset();
        for (const auto& d : kept) ++(d.severity == severity::error ? kept_errors : kept_warnings);
    }

    /// Moves the omitted counts and rules into `r`, whose findings are the input's kept ones,
    /// first dropping its last warnings past the limit.
    void into(report& r) const
    {
        auto& found = r.diagnostics;
        r.omitted_errors = omitted_errors;
        r.omitted_warnings = omitted_warnings;
        auto rules = omitted_rules;
        if (found.size() > limit) {
            std::size_t excess = found.size() - limit, from = found.size();
            while (excess > 0 && from > 0) // more errors than the limit: added without this tally
                if (found[--from].severity == severity::warning) --excess;
            const auto dropped = [&](const diagnostic& d) {
                if (d.severity != severity::warning) return false;
                rules.set(static_cast<std::size_t>(*find_rule(d.rule)));
                return true;
            };
            const auto cut = std::remove_if(found.begin() + static_cast<std::ptrdiff_t>(from), found.end(), dropped);
            r.omitted_warnings += static_cast<std::size_t>(found.end() - cut);
            found.erase(cut, found.end());
        }
        r.omitted_rules.clear();
        if (rules.none()) return; // nearly every input: no rule to list
        for (std::size_t i = 0; i < rule_count; ++i)
            if (rules[i]) r.omitted_rules.emplace_back(id(static_cast<rule>(i)));
        std::sort(r.omitted_rules.begin(), r.omitted_rules.end());
    }
};

/// Where findings go: applies the options (disabled rules vanish, severities are overridden).
/// With a tally, which every sink of one input shares, findings past `max_findings` are counted
/// instead of kept.
class sink
{
public:
    sink(const options& opts, std::vector<diagnostic>& out, finding_tally* tally = nullptr)
        : opts_(opts), out_(out)
    {
        count_in(tally);
    }

    const options& opts() const noexcept { return opts_; }
    bool enabled(rule r) const noexcept { return opts_.enabled(r); }
    void count_in(finding_tally* tally) noexcept
    {
        tally_ = tally;
        if (tally_) tally_->limit = opts_.max_findings;
    }

    void add(rule r, std::size_t offset, std::string pointer, std::string message)
    {
        const auto sev = opts_.effective(r);
        if (!sev) return;
        if (tally_ && !tally_->keep(r, *sev)) return;
        diagnostic d;
        d.rule = std::string(id(r));
        d.severity = *sev;
        d.pointer = std::move(pointer);
        d.message = std::move(message);
        d.offset = offset;
        out_.push_back(std::move(d));
    }

private:
    const options& opts_;
    std::vector<diagnostic>& out_;
    finding_tally* tally_;
};

} // namespace tented::contract::detail

#endif
