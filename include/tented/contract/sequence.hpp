// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_SEQUENCE_HPP
#define TENTED_CONTRACT_SEQUENCE_HPP

#include <tented/contract/diagnostic.hpp>
#include <tented/contract/rules.hpp>
#include <tented/contract/validate.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace tented::contract {

namespace detail {
struct snapshot;
}

/** Checks successive polls of one bulk job, fed one at a time, oldest first (streaming: it keeps
    only the latest usable snapshot, so memory does not grow with the number of polls).

    Each snapshot is validated alone (sections 1 to 8) and compared with the previous usable one
    (section 9, the sequence rules: `seq/same-job`, `seq/immutable`, `seq/tent-id-stable`, `seq/time`,
    `seq/stale-updated-at`, `seq/job-transition`, `seq/item-transition`, `seq/monotonic-counts`,
    `seq/publication-transition`). A sequence finding points into the newer snapshot and its
    message names the older one as `SOURCE:LINE:COLUMN`.

    No cascade: a snapshot of another job (`seq/same-job`) is compared with nothing else and does
    not replace the previous snapshot; where an item moved backwards (`seq/item-transition`), the
    job status and counter rules are not checked for that pair, since they only restate it.
    A snapshot that is not well-formed JSON, or not an object, is reported alone and skipped.

    Errors: never throws on bad input (only `std::bad_alloc`).
    Example:
    @code
    tented::contract::sequence_checker seq;
    for (const auto& [name, text] : polls) print(seq.add(text, name));
    @endcode
    Source: docs/contract.md section 9.
*/
class sequence_checker
{
public:
    /// A checker applying `opts` to every snapshot and to the `seq/*` rules.
    explicit sequence_checker(options opts = {});
    ~sequence_checker();
    sequence_checker(sequence_checker&&) noexcept;
    sequence_checker& operator=(sequence_checker&&) noexcept;

    /** Adds the next poll, `json`, named `source` in messages (a file name). `first_line` is
        the line of the source where `json` begins (a JSON Lines record): later messages name a
        position of this poll as `source:LINE:COLUMN` in the source's lines. Returns this
        snapshot's findings: its own and those of comparing it with the previous poll;
        positions are in `json` itself. */
    report add(std::string_view json, std::string_view source = {}, std::size_t first_line = 1);

    /// The number of snapshots added so far.
    std::size_t size() const noexcept { return count_; }

    /** Names the job every poll must be of, `job_id` (the id in the request's URL, compared
        without regard to case): a snapshot of another job is then `seq/same-job` at its
        `bulk_job_id`, checked alone and not kept, even as the first poll. Without it only
        successive polls are compared. Source: `seq/same-job`, "the job polled". */
    void expect_job(std::string job_id) { expected_job_ = std::move(job_id); }

    /** Keeps the latest snapshot as its text alone, until the next poll is added, which decodes
        it again (same findings, a little more time): for a caller that follows many jobs at
        once with a checker each, as `replay` does for a log of thousands of jobs, memory is
        then the text of each job's last poll, not its decoded form (several times larger). */
    void compact();

private:
    options opts_;
    std::string expected_job_;
    std::unique_ptr<detail::snapshot> previous_;
    std::size_t count_ = 0;
};

} // namespace tented::contract

#include <tented/contract/detail/sequence.hpp>

#endif
