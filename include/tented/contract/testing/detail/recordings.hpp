// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_RECORDINGS_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_RECORDINGS_HPP

#include <tented/contract/capture.hpp>
#include <tented/contract/replay.hpp>
#include <tented/contract/testing/server.hpp>

#include <map>
#include <system_error>

namespace tented::contract::testing::detail {

/// The jobs read so far, in the order met, and where each came from (a job must come from one
/// place only: two recordings of one job would make "the n-th snapshot" ambiguous).
class recordings
{
public:
    void add(std::string id, std::vector<std::string> snapshots, const std::string& source)
    {
        const auto [it, fresh] = where_.try_emplace(id, source);
        if (!fresh && it->second == source) throw recording_error(source + ": given twice");
        if (!fresh) throw recording_error("job " + id + " is recorded in both " + it->second + " and " + source);
        jobs_.push_back({std::move(id), std::move(snapshots), source});
    }

    /// `records` grouped by their `job_id`, each group in the given order.
    void add_grouped(const std::vector<record>& records, const std::string& source)
    {
        std::vector<std::string> order;
        std::map<std::string, std::vector<std::string>> groups;
        for (const auto& r : records) {
            auto& group = groups[r.job_id];
            if (group.empty()) order.push_back(r.job_id);
            group.push_back(r.text);
        }
        for (const auto& id : order) add(id, std::move(groups[id]), source);
    }

    std::vector<served_job> take() { return std::move(jobs_); }

private:
    std::vector<served_job> jobs_;
    std::map<std::string, std::string> where_;
};

inline std::string read_recording(const std::filesystem::path& path, const options& opts)
{
    std::string error;
    std::size_t size = 0;
    auto text = contract::read_file(path, opts.max_bytes, error, &size);
    if (!text) throw recording_error(error);
    if (size > opts.max_bytes)
        throw recording_error(path.string() + ": larger than the limit of " + std::to_string(opts.max_bytes) + " bytes");
    return std::move(*text);
}

inline std::string job_of_snapshot(const std::string& text, const std::string& source)
{
    auto id = contract::detail::job_id_of(text);
    if (id.empty()) throw recording_error(source + ": no bulk_job_id to serve it under");
    return id;
}

/// A sequence folder's snapshots as one job; false when it holds none.
inline bool load_sequence(const std::filesystem::path& folder, const options& opts, recordings& out)
{
    std::vector<std::string> errors;
    const auto files = sequence_files(folder, errors);
    if (!errors.empty()) throw recording_error(errors.front());
    if (files.empty()) return false;
    std::vector<std::string> snapshots;
    for (const auto& f : files) snapshots.push_back(read_recording(f, opts));
    auto id = job_of_snapshot(snapshots.front(), files.front().string());
    out.add(std::move(id), std::move(snapshots), folder.string());
    return true;
}

inline void load_file(const std::filesystem::path& path, const options& opts, recordings& out);

/// As `replay` reads a folder: each folder from it down that holds snapshots is a job (a corpus
/// folder of sequences, a `watch --record` folder), and the logs and captures below hold more.
inline void load_folder(const std::filesystem::path& folder, const options& opts, recordings& out)
{
    bool found = false;
    for (const auto& f : contract::detail::folders_from(folder)) found = load_sequence(f, opts, out) || found;
    std::vector<std::string> errors;
    for (const auto& f : files_below(folder, errors))
        if (kind_of(f.string()) != file_kind::payload) load_file(f, opts, out), found = true;
    if (!errors.empty()) throw recording_error(errors.front());
    if (!found) throw recording_error(folder.string() + ": holds no recording (*.json snapshots, a .jsonl log or a .har capture)");
}

inline void load_file(const std::filesystem::path& path, const options& opts, recordings& out)
{
    const auto name = path.string();
    auto text = read_recording(path, opts);
    const auto kind = kind_of(name);
    if (kind == file_kind::har) {
        const auto har = read_har(text);
        if (har.polls.empty()) throw recording_error(contract::detail::no_poll_in(name));
        out.add_grouped(har.polls, name);
    } else if (kind == file_kind::json_lines) {
        const auto records = read_json_lines(text);
        if (records.empty()) throw recording_error(name + ": holds no record");
        for (const auto& r : records)
            if (r.job_id.empty()) throw recording_error(name + ":" + std::to_string(r.line) + ": no bulk_job_id to serve it under");
        out.add_grouped(records, name);
    } else {
        auto id = job_of_snapshot(text, name);
        out.add(std::move(id), {std::move(text)}, name);
    }
}

} // namespace tented::contract::testing::detail

namespace tented::contract::testing {

inline std::vector<served_job> load_recordings(const std::vector<std::filesystem::path>& paths, const options& opts)
{
    detail::recordings out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec))
            detail::load_folder(p, opts, out);
        else
            detail::load_file(p, opts, out);
    }
    return out.take();
}

} // namespace tented::contract::testing

#endif
