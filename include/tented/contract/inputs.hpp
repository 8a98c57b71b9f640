// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_INPUTS_HPP
#define TENTED_CONTRACT_INPUTS_HPP

#include <tented/contract/replay.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tented::contract {

namespace detail {
struct line_batch;
}

/** What one unit of a run (see `input_units`) found: its reports in input order, the inputs it
    could not read (a sentence each), the files a folder walk passed over, and for progress the
    bytes of input it covers and the inputs it finished. */
struct unit_result
{
    std::vector<sourced_report> reports;
    std::vector<std::string> errors;
    std::vector<skipped_input> skipped;
    std::size_t bytes = 0;
    std::size_t inputs_done = 0;
};

/** A piece of a run of checks: a file, a sequence folder, or a batch of a log's records.
    `check` fills `result` (empty when the unit only carries what listing found); it may run on
    any thread at the same time as other units' checks, except when `in_order`: then it reads
    state the unit before it left (a log's poll sequences), and a driver runs it only after every
    earlier unit was checked. Results are emitted in the order the units were made, whatever the
    order of the checks: so any number of threads gives the same output. */
struct check_unit
{
    unit_result result;
    std::function<void(unit_result&)> check;
    bool in_order = false;
};

/** The default size of the chunks inputs are read in: a JSON Lines log is cut into batches of
    whole records about this size, so a run holds a few of them, whatever the log's size; 256
    KiB rather than 64 costs the bench log's 281 MB a quarter of the reads and units, 2 to 6% of
    its time. */
inline constexpr std::size_t default_chunk_bytes = std::size_t{1} << 18;

/** The units of a run over `paths`, made one at a time in input order, as `check_inputs` reads
    them: `-` is standard input; a folder is walked (`files_below`), or with
    `grouping::sequences` each folder from it down that holds snapshots is one unit
    (`check_sequence_folder`) and the logs and captures below it are read as files; with
    `grouping::sequences`, payload files named one after another are one sequence.

    JSON Lines logs (and standard input read as one) are never held whole: they are read
    `chunk_bytes` at a time and cut into batches of whole records, each batch a unit; the
    size limit (`options::max_bytes`) applies to each record, as each is one payload. A HAR
    capture in a regular file is read the same way, twice (`detail::har_stream`): its first unit
    holds the capture's own findings, then batches of its polls follow in `startedDateTime`
    order, and the size limit applies to each body. A payload file, a sequence folder, and a
    capture that is no regular file (a FIFO: held whole, up to the limit) are one unit each,
    read when checked. Only the
    cases `selected` takes are listed and checked (see `case_filter`; a log replayed is read to
    find its jobs, the others are left unread).

    Errors: never throws on bad input; a path that does not exist or cannot be read becomes a
    unit whose `result.errors` says so. Source: the `validate` and `replay` verbs (docs/cli.md). */
class input_units
{
public:
    input_units(std::vector<std::string> paths, grouping g, const options& opts, bool json_lines = false,
                case_filter selected = {}, std::size_t chunk_bytes = default_chunk_bytes);
    ~input_units();
    input_units(const input_units&) = delete;
    input_units& operator=(const input_units&) = delete;

    /// Makes the next unit into `u`; false once every input has been listed.
    bool next(check_unit& u);

    /** The inputs listed so far (files, standard input, sequence folders): all of them once
        every path given has been listed, which the first call to `next` does. */
    std::size_t inputs_listed() const noexcept { return listed_; }

private:
    struct stream;
    /// A unit listed, payload files whose unit is made when handed out, or a log whose batches
    /// are made when their turn comes.
    struct listed
    {
        check_unit unit;
        std::shared_ptr<stream> log;
        std::vector<std::string> files;
        bool whole_case = true; ///< of `files` (see `list_file`)
        bool walked = false;    ///< `files` are regular files a folder walk listed
    };
    void list(const std::string& path, std::size_t files_per_unit);
    void list_folder(const std::string& folder);
    void list_sequence_folders(const std::string& folder);
    void list_file(std::string path, std::size_t files_per_unit = 1, bool walked = false);
    void add_payload_file(std::string path, bool whole_case, std::size_t files_per_unit, bool walked);
    check_unit files_unit(listed& files) const;
    void list_log(const std::string& path, bool whole_case, bool har = false);
    bool next_batch(stream& log, check_unit& u);
    bool unit_of_records(const stream& log, std::shared_ptr<const detail::line_batch> batch, std::size_t from,
                         std::size_t to, check_unit& u) const;
    bool next_polls(stream& capture, check_unit& u);
    void list_pending();
    void add_error(std::string error);
    void add_skipped(std::vector<skipped_input>& skipped);
    void add_unit(std::function<void(unit_result&)> check, bool in_order = false);

    grouping g_;
    options opts_; // a copy: the caller's may be a temporary (`{}`)
    bool json_lines_;
    case_filter selected_;
    std::size_t chunk_;
    std::vector<std::string> paths_;
    bool listed_all_ = false;
    std::deque<listed> queue_; // listed, not yet handed out
    std::vector<std::string> pending_;
    std::size_t listed_ = 0;
};

/** Runs `units` one after another in this thread, handing each result to `emit` in order: what
    a driver with threads (the CLI's `--jobs`) must give the same output as. */
inline void run_in_order(input_units& units, const std::function<void(unit_result&)>& emit);

/** Hands `result` to `on`: its errors, skipped files and reports, in that order. */
inline void emit_to(unit_result& result, const input_handler& on);

} // namespace tented::contract

#include <tented/contract/detail/inputs.hpp>

#endif
