// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_INPUTS_HPP
#define TENTED_CONTRACT_DETAIL_INPUTS_HPP

#include <tented/contract/detail/chunks.hpp>
#include <tented/contract/detail/replay.hpp>
#include <tented/contract/inputs.hpp>

#include <map>
#include <optional>

namespace tented::contract::detail {

// A folder given to check that holds nothing to check is a mistake (a wrong path, a capture
// not yet written), not a pass: CI must not go green on it.
inline std::string nothing_to_check(const std::string& folder)
{
    return folder + ": holds no .json, .jsonl, .ndjson or .har file to check";
}

/** The most records of a log a unit checks. A unit's findings are held until they are written,
    and a few units a thread are in flight: a batch of tiny records that each fail many rules
    (256 KiB of `{}` lines, 13 findings each) would hold over a million findings, a unit of
    these a few thousand. Polls of a few KiB fill a batch with fewer records than this. */
inline constexpr std::size_t records_per_unit = 256;

/// Checks the records [`from`, `to`) of `batch` (from the log `source`) into `out`: each alone,
/// or, with `grouping::sequences`, each in the poll sequence of its job in `jobs`; only the
/// cases `selected` takes (see `check_record`; a record over the limit has no job: `source:N`).
inline void check_batch(const line_batch& batch, std::size_t from, std::size_t to, const std::string& source,
                        grouping g, const options& opts, job_sequences& jobs, const case_filter& selected,
                        unit_result& out)
{
    out.reports.reserve(to - from);
    for (std::size_t k = from; k < to; ++k) {
        const auto& e = batch.records[k];
        if (e.size) { // over the limit: not kept, so not checked
            if (auto s = oversized_record(source, e.line, false, e.size, opts, selected)) out.reports.push_back(std::move(*s));
            continue;
        }
        const auto text = batch.record(e);
        if (auto s = check_record(text, e.line, g == grouping::alone ? std::string() : job_id_of(text), source, false, g,
                                  opts, jobs, selected))
            out.reports.push_back(std::move(*s));
    }
}

/// How many of `listed` payload files a unit takes: one while they are few, so that every core
/// gets its own; up to 32 among thousands, where handing out a unit costs more than checking a
/// small file.
inline std::size_t files_per_unit(std::size_t listed) noexcept
{
    return std::clamp<std::size_t>(listed / 256, 1, 32);
}

/// Checks the payload file `path` (`-`: standard input; `walked`: a regular file a folder walk
/// listed) into `out`, adding to what it holds.
inline void check_payload_file(const std::string& path, bool walked, grouping g, const options& opts,
                               bool json_lines, const case_filter& selected, unit_result& out)
{
    ++out.inputs_done;
    std::string error;
    std::size_t size = 0;
    auto reports = path == "-" ? check_standard_input(g, opts, json_lines, error, size)
                               : check_file_sized(path, g, opts, error, json_lines, selected, size, walked);
    out.bytes += size == unknown_position ? opts.max_bytes : size;
    if (!reports) return out.errors.push_back(error);
    if (out.reports.empty()) out.reports = std::move(*reports);
    else out.reports.insert(out.reports.end(), std::make_move_iterator(reports->begin()),
                            std::make_move_iterator(reports->end()));
}

} // namespace tented::contract::detail

namespace tented::contract {

/// A JSON Lines log, or standard input read as one, or a HAR capture in a regular file: opened
/// when its turn comes, then cut into batches until it ends (a capture's first unit is its own
/// findings, which its first pass finds).
struct input_units::stream
{
    std::string path; ///< `-` for standard input
    std::string name; ///< as reports name it
    bool har = false;
    std::optional<detail::json_lines_reader> reader;
    std::optional<detail::har_stream> capture;
    bool whole_case = false; ///< one case, taken whole (see `list_file`)
    bool finished = false;
    std::size_t records = 0; ///< of a log, so far
    std::shared_ptr<detail::line_batch> batch; ///< of a log, the batch its units are checking
    std::size_t next_record = 0;               ///< the first record of `batch` not handed out
    std::shared_ptr<detail::job_sequences> jobs = std::make_shared<detail::job_sequences>();
};

inline input_units::input_units(std::vector<std::string> paths, grouping g, const options& opts, bool json_lines,
                                case_filter selected, std::size_t chunk_bytes)
    : g_(g), opts_(opts), json_lines_(json_lines), selected_(std::move(selected)), chunk_(chunk_bytes),
      paths_(std::move(paths))
{
}

inline input_units::~input_units() = default;

inline bool input_units::next(check_unit& u)
{
    if (!listed_all_) {
        for (const auto& p : paths_) list(p, detail::files_per_unit(paths_.size()));
        list_pending();
        listed_all_ = true;
    }
    while (!queue_.empty()) {
        auto& front = queue_.front();
        if (!front.log) {
            u = front.files.empty() ? std::move(front.unit) : files_unit(front);
            queue_.pop_front();
            return true;
        }
        if (next_batch(*front.log, u)) return true;
        queue_.pop_front();
    }
    return false;
}

namespace detail {

/// Makes `u` the unit that says `error` about the log or capture `log`, which ends there.
template <class Stream>
bool failed_stream(Stream& log, check_unit& u, std::string error)
{
    log.finished = true;
    u.result.errors.push_back(std::move(error));
    u.result.inputs_done = 1;
    return true;
}

} // namespace detail

inline bool input_units::next_batch(stream& log, check_unit& u)
{
    if (log.finished) return false;
    u = check_unit{};
    if (log.har) return next_polls(log, u);
    const auto fail = [&](std::string error) { return detail::failed_stream(log, u, std::move(error)); };
    if (!log.batch || log.next_record == log.batch->records.size()) {
        std::string error;
        if (!log.reader) {
            detail::byte_source source;
            if (!source.open(log.path, error)) return fail(error);
            log.reader.emplace(std::move(source), log.name, opts_.max_bytes, chunk_);
        }
        log.batch = log.reader->make_batch();
        log.next_record = 0;
        if (!log.reader->next(*log.batch, error)) return error.empty() ? (log.finished = true, false) : fail(error);
        log.records += log.batch->records.size();
        u.result.bytes = log.batch->bytes; // counted once, by the batch's first unit
    }
    // A batch of many records is checked in several units (`records_per_unit`), each in turn.
    const auto batch = log.batch;
    const auto from = log.next_record;
    const auto to = std::min(from + detail::records_per_unit, batch->records.size());
    log.next_record = to;
    log.finished = batch->last && to == batch->records.size();
    if (log.finished) {
        log.batch.reset();
        if (log.records == 0) u.result.errors.push_back(detail::no_record_in(log.name));
        u.result.inputs_done = 1;
    }
    return unit_of_records(log, batch, from, to, u);
}

// Makes `u` check the records [`from`, `to`) of the log `log`'s `batch`.
inline bool input_units::unit_of_records(const stream& log, std::shared_ptr<const detail::line_batch> batch,
                                         std::size_t from, std::size_t to, check_unit& u) const
{
    u.in_order = g_ == grouping::sequences; // a job's polls are compared in file order
    // Checked alone, the log is one case, taken whole; replayed, a case a job (standard input and
    // a FIFO are one case whatever they hold).
    const auto selected = log.whole_case ? case_filter{} : selected_;
    u.check = [batch = std::move(batch), from, to, name = log.name, g = g_, &opts = opts_, jobs = log.jobs,
               selected](unit_result& r) { detail::check_batch(*batch, from, to, name, g, opts, *jobs, selected, r); };
    return true;
}

// A capture's first unit holds its own findings (its first pass reads it whole, for them and for
// the order of its polls); then batches of polls, made as the second pass reads them.
inline bool input_units::next_polls(stream& capture, check_unit& u)
{
    std::string error;
    const auto selected = capture.whole_case ? case_filter{} : selected_;
    if (!capture.capture) {
        capture.capture.emplace(capture.path, capture.name, opts_.max_bytes, chunk_);
        report found;
        std::string head;
        if (!capture.capture->index(found, opts_, head, error)) return detail::failed_stream(capture, u, std::move(error));
        if (auto s = detail::capture_report(found, head, capture.name, opts_, selected))
            u.result.reports.push_back(std::move(*s));
        capture.finished = capture.capture->done();
        u.result.inputs_done = capture.finished ? 1 : 0;
        return true;
    }
    auto batch = std::make_shared<std::vector<detail::har_poll_entry>>();
    if (!capture.capture->next(*batch, u.result.bytes, error))
        return error.empty() ? (capture.finished = true, false) : detail::failed_stream(capture, u, std::move(error));
    capture.finished = capture.capture->done();
    u.result.inputs_done = capture.finished ? 1 : 0;
    u.in_order = g_ == grouping::sequences; // a job's polls are compared in time order
    u.check = [batch, name = capture.name, g = g_, &opts = opts_, jobs = capture.jobs, selected](unit_result& r) {
        detail::check_polls(*batch, name, g, opts, *jobs, selected, r.reports);
    };
    return true;
}

inline void input_units::list(const std::string& p, std::size_t files_per_unit)
{
    namespace fs = std::filesystem;
    std::error_code ec; // a link that loops is not a folder: the checks below say what it is
    if (g_ == grouping::sequences && p != "-" && kind_of(p, json_lines_) == file_kind::payload &&
        !fs::is_directory(p, ec)) {
        pending_.push_back(p);
        return;
    }
    list_pending();
    if (p == "-") return list_file(p, files_per_unit);
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status))
        return add_error(fs::is_symlink(fs::symlink_status(p, ec)) ? detail::unresolvable_link(p)
                                                                     : p + ": no such file or folder");
    if (!fs::is_directory(status)) return list_file(p, files_per_unit);
    if (g_ == grouping::sequences) return list_sequence_folders(p);
    list_folder(p);
}

inline void input_units::list_folder(const std::string& folder)
{
    std::vector<std::string> errors;
    std::vector<skipped_input> skipped;
    auto files = detail::file_names_below(folder, errors, &skipped);
    add_skipped(skipped);
    const auto per_unit = detail::files_per_unit(files.size());
    for (auto& f : files) list_file(std::move(f), per_unit, true);
    if (files.empty() && errors.empty()) errors.push_back(detail::nothing_to_check(folder));
    for (auto& e : errors) add_error(std::move(e));
}

// Every folder from `folder` down that holds snapshots is one sequence (a folder of imported
// jobs, or of corpus cases); logs and captures anywhere below are their own.
inline void input_units::list_sequence_folders(const std::string& folder)
{
    std::vector<std::string> errors;
    bool listed = false;
    for (const auto& f : detail::folders_from(folder)) {
        auto snapshots = sequence_files(f, errors);
        listed = listed || !snapshots.empty(); // a case of another shard still counts
        if (snapshots.empty() || !detail::takes(selected_, f.string())) continue;
        listed_ += snapshots.size();
        add_unit([snapshots = std::move(snapshots), &opts = opts_](unit_result& r) {
            r.inputs_done = snapshots.size();
            r.reports = detail::check_sequence(snapshots, opts, r.errors, &r.bytes);
        });
    }
    std::vector<skipped_input> skipped;
    for (const auto& f : detail::file_names_below(folder, errors, &skipped))
        if (kind_of(f, json_lines_) != file_kind::payload) list_file(f), listed = true;
    add_skipped(skipped);
    if (!listed && errors.empty()) errors.push_back(detail::nothing_to_check(folder));
    for (auto& e : errors) add_error(std::move(e));
}

// Checked alone, a file is one case, left unread when not taken; a log or a capture replayed is
// a case a job, which only reading it can tell; standard input and a FIFO are one case whatever
// they hold, as they cannot be read twice to find their jobs.
inline void input_units::list_file(std::string p, std::size_t files_per_unit, bool walked)
{
    static const std::string standard_input = "<stdin>";
    const std::string& name = p == "-" ? standard_input : p;
    std::error_code ec; // a FIFO cannot be read twice, once for its jobs and once to check them
    const bool whole_case = g_ == grouping::alone || p == "-" || !std::filesystem::is_regular_file(p, ec);
    if (whole_case && !detail::takes(selected_, name)) return;
    const auto kind = kind_of(name, json_lines_);
    if (kind == file_kind::json_lines) return list_log(p, whole_case);
    if (kind == file_kind::har && p != "-" && std::filesystem::is_regular_file(p, ec)) return list_log(p, whole_case, true);
    ++listed_;
    add_payload_file(std::move(p), whole_case, files_per_unit, walked);
}

inline void input_units::add_payload_file(std::string path, bool whole_case, std::size_t files_per_unit, bool walked)
{
    const auto joins = [&](const listed& last) {
        return !last.files.empty() && last.files.size() < files_per_unit && last.whole_case == whole_case &&
               last.walked == walked;
    };
    if (queue_.empty() || !joins(queue_.back())) queue_.push_back({check_unit{}, nullptr, {}, whole_case, walked});
    queue_.back().files.push_back(std::move(path));
}

inline check_unit input_units::files_unit(listed& files) const
{
    check_unit u;
    u.check = [files = std::move(files.files), walked = files.walked, g = g_, json_lines = json_lines_, &opts = opts_,
               selected = files.whole_case ? case_filter{} : selected_](unit_result& r) {
        for (const auto& f : files) detail::check_payload_file(f, walked, g, opts, json_lines, selected, r);
    };
    return u;
}

inline void input_units::list_log(const std::string& p, bool whole_case, bool har)
{
    ++listed_;
    auto log = std::make_shared<stream>();
    log->path = p;
    log->name = p == "-" ? "<stdin>" : p;
    log->whole_case = whole_case;
    log->har = har;
    queue_.push_back({check_unit{}, std::move(log), {}, true, false});
}

// Payload files named one after another are one sequence, in the order given.
inline void input_units::list_pending()
{
    // Payloads named one after another are one case, named by the first.
    if (!pending_.empty() && !detail::takes(selected_, pending_.front())) pending_.clear();
    if (pending_.empty()) return;
    listed_ += pending_.size();
    add_unit([files = std::vector<std::filesystem::path>(pending_.begin(), pending_.end()), &opts = opts_](unit_result& r) {
        r.inputs_done = files.size();
        r.reports = detail::check_sequence(files, opts, r.errors, &r.bytes);
    });
    pending_.clear();
}

inline void input_units::add_error(std::string error)
{
    check_unit u;
    u.result.errors.push_back(std::move(error));
    queue_.push_back({std::move(u), nullptr, {}, true, false});
}

// A file passed over is a case of its own, as JUnit lists it: one shard reports it, not each.
inline void input_units::add_skipped(std::vector<skipped_input>& skipped)
{
    if (selected_)
        skipped.erase(std::remove_if(skipped.begin(), skipped.end(), [&](const skipped_input& k) { return !selected_(k.path); }),
                      skipped.end());
    if (skipped.empty()) return;
    check_unit u;
    u.result.skipped = std::move(skipped);
    queue_.push_back({std::move(u), nullptr, {}, true, false});
}

inline void input_units::add_unit(std::function<void(unit_result&)> check, bool in_order)
{
    check_unit u;
    u.check = std::move(check);
    u.in_order = in_order;
    queue_.push_back({std::move(u), nullptr, {}, true, false});
}

inline void emit_to(unit_result& result, const input_handler& on)
{
    for (auto& e : result.errors) on.error(std::move(e));
    if (on.skipped)
        for (auto& k : result.skipped) on.skipped(std::move(k));
    for (auto& r : result.reports) on.report(std::move(r));
}

inline void run_in_order(input_units& units, const std::function<void(unit_result&)>& emit)
{
    check_unit u;
    while (units.next(u)) {
        if (u.check) u.check(u.result);
        emit(u.result);
    }
}

inline void check_inputs(const std::vector<std::string>& paths, grouping g, const options& opts,
                         const input_handler& on, bool json_lines)
{
    input_units units(paths, g, opts, json_lines, on.selected);
    run_in_order(units, [&](unit_result& r) { emit_to(r, on); });
}

} // namespace tented::contract

#endif
