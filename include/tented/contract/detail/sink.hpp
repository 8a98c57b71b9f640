// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_SINK_HPP
#define TENTED_CONTRACT_DETAIL_SINK_HPP

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>

#include <string>
#include <utility>
#include <vector>

namespace tented::contract::detail {

/// Where findings go: applies the options (disabled rules vanish, severities are overridden).
class sink
{
public:
    sink(const options& opts, std::vector<diagnostic>& out) : opts_(opts), out_(out) {}

    const options& opts() const noexcept { return opts_; }
    bool enabled(rule r) const noexcept { return opts_.enabled(r); }

    void add(rule r, std::size_t offset, std::string pointer, std::string message)
    {
        const auto sev = opts_.effective(r);
        if (!sev) return;
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
};

} // namespace tented::contract::detail

#endif
