// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_SINK_HPP
#define TENTED_CONTRACT_DETAIL_SINK_HPP

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>

#include <string>
#include <utility>
#include <vector>

namespace tented::contract::detail {

/// How many findings one input kept, and how many it counted past `options::max_findings`.
struct finding_tally
{
    std::size_t kept = 0;
    std::size_t omitted_errors = 0;
    std::size_t omitted_warnings = 0;

    /// Moves the omitted counts into `r`.
    void into(report& r) const noexcept
    {
        r.omitted_errors = omitted_errors;
        r.omitted_warnings = omitted_warnings;
    }
};

/// Where findings go: applies the options (disabled rules vanish, severities are overridden).
/// With a tally, which every sink of one input shares, findings past `max_findings` are counted
/// instead of kept.
class sink
{
public:
    sink(const options& opts, std::vector<diagnostic>& out, finding_tally* tally = nullptr)
        : opts_(opts), out_(out), tally_(tally)
    {
    }

    const options& opts() const noexcept { return opts_; }
    bool enabled(rule r) const noexcept { return opts_.enabled(r); }
    void count_in(finding_tally* tally) noexcept { tally_ = tally; }

    void add(rule r, std::size_t offset, std::string pointer, std::string message)
    {
        const auto sev = opts_.effective(r);
        if (!sev) return;
        if (tally_ && tally_->kept >= opts_.max_findings) {
            ++(*sev == severity::error ? tally_->omitted_errors : tally_->omitted_warnings);
            return;
        }
        if (tally_) ++tally_->kept;
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
