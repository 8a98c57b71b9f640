// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_SEQUENCE_HPP
#define TENTED_CONTRACT_DETAIL_SEQUENCE_HPP

#include <tented/contract/detail/checks.hpp>
#include <tented/contract/detail/checks/sequence.hpp>
#include <tented/contract/detail/decode.hpp>
#include <tented/contract/detail/validate.hpp>
#include <tented/contract/position.hpp>
#include <tented/contract/sequence.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace tented::contract::detail {

/// One poll kept for comparison with the next: its decoded job (unless compacted), its text
/// (for positions, and to decode it again) and its name.
struct snapshot
{
    std::unique_ptr<document> doc = std::make_unique<document>();
    std::string text;
    std::string source;
    std::size_t first_line = 1;

    /// Drops the decoded job (all but the text and name), which `decode` makes again.
    void compact() noexcept { doc.reset(); }

    /// Decodes the text again if `compact` dropped its job: the text decoded whole once, with
    /// the same `opts`, so only the job is kept, not its findings.
    void decode(const options& opts)
    {
        if (doc) return;
        doc = std::make_unique<document>();
        decode_text(text, opts, *doc);
        doc->found.clear();
    }

    /// `SOURCE:LINE:COLUMN` of a byte offset of this poll (deferred ones resolved), or `SOURCE`
    /// when it is unknown. Each finding of the next poll may name a place in this one, in any
    /// order: a place is walked to from the last checkpoint before it (`checkpoints`), never
    /// from the start, so that many findings cost what the text does, not that many times it.
    std::string where(std::size_t offset) const
    {
        if (offset == unknown_position) return source;
        const std::size_t at = std::min(resolve_offset(text, offset), text.size());
        if (checkpoints.empty()) make_checkpoints();
        auto [line, line_start] = checkpoints[at / checkpoint_bytes];
        for (std::size_t i = at / checkpoint_bytes * checkpoint_bytes; i < at; ++i)
            if (text[i] == '\n') ++line, line_start = i + 1;
        return source + ":" + std::to_string(first_line + line - 1) + ":" + std::to_string(at - line_start + 1);
    }

    /// The line (1-based) and where it starts, at every `checkpoint_bytes`-th byte of `text`:
    /// made at the first `where`, 16 bytes for 4 KiB of text.
    static constexpr std::size_t checkpoint_bytes = 4096;
    mutable std::vector<std::pair<std::size_t, std::size_t>> checkpoints;

    void make_checkpoints() const
    {
        std::size_t line = 1, line_start = 0;
        checkpoints.reserve(text.size() / checkpoint_bytes + 1);
        for (std::size_t i = 0; i <= text.size(); ++i) {
            if (i % checkpoint_bytes == 0) checkpoints.emplace_back(line, line_start);
            if (i < text.size() && text[i] == '\n') ++line, line_start = i + 1;
        }
    }

    /// This poll as the sequence rules read it.
    poll view() const
    {
        return {doc->job, doc->shadow, [this](std::size_t offset) { return where(offset); }};
    }
};

} // namespace tented::contract::detail

namespace tented::contract {

inline sequence_checker::sequence_checker(options opts) : opts_(std::move(opts)) {}
inline sequence_checker::~sequence_checker() = default;
inline sequence_checker::sequence_checker(sequence_checker&&) noexcept = default;
inline sequence_checker& sequence_checker::operator=(sequence_checker&&) noexcept = default;

inline report sequence_checker::add(std::string_view json, std::string_view source, std::size_t first_line)
{
    ++count_;
    auto next = std::make_unique<detail::snapshot>();
    next->source = std::string(source);
    next->first_line = first_line;
    detail::decode_text(json, opts_, *next->doc);
    bool keep = next->doc->has_job();
    if (keep) {
        detail::sink out(opts_, next->doc->found, &next->doc->tally);
        detail::check_job(next->doc->job, next->doc->shadow, json, out);
        keep = detail::of_job(expected_job_, next->view(), out);
        if (keep && previous_) {
            previous_->decode(opts_);
            detail::comparison cmp(previous_->view(), next->view(), out);
            keep = cmp.same_job();
            if (keep) cmp.run();
        }
    }
    // What is kept of `next` for the next snapshot is its text and job, not its findings.
    report r = detail::finished_report(std::move(next->doc->found), next->doc->tally, json);
    if (keep) {
        next->doc->found.clear();
        next->text.assign(json.data(), json.size());
        previous_ = std::move(next);
    }
    return r;
}

inline void sequence_checker::compact()
{
    if (previous_) previous_->compact();
}

} // namespace tented::contract

#endif
