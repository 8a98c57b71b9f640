// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_IMPORT_HPP
#define TENTED_CONTRACT_DETAIL_IMPORT_HPP

#include <tented/contract/detail/fnv1a.hpp>
#include <tented/contract/import.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace tented::contract::detail {

// The folder of a job: its id when that is a plain name of at most 64 characters of
// [A-Za-z0-9_-]; otherwise what is left of it, a '.' and a hash of the whole id. The '.' is no
// character of a plain name, so two ids never share a folder (a plain id cannot be another's
// hashed name), and no name is too long for the file system.
inline std::string safe_folder_name(std::string_view id)
{
    std::string name;
    for (char c : id)
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-')
            name += c;
    if (!name.empty() && name.size() == id.size() && name.size() <= 64) return name;
    const std::uint64_t h = fnv1a(id);
    char hash[24];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(h));
    return (name.empty() ? std::string("job") : name.substr(0, 40)) + "." + hash;
}

// `n` padded to as many digits as `last` has, at least 3: names sort as numbers do.
inline std::string snapshot_name(std::size_t n, std::size_t last)
{
    const int width = std::max<int>(3, static_cast<int>(std::to_string(last).size()));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%0*zu.json", width, n);
    return buf;
}

/// The error of a file or folder that could not be written: the last call's (errno), else a
/// generic input/output error.
inline std::error_code write_error() noexcept
{
    return errno ? std::error_code(errno, std::generic_category()) : std::make_error_code(std::errc::io_error);
}

/// Throws unless `folder` can be the folder of a new poll sequence (`writer`, "an import" or "a
/// recording", names what never overwrites): `std::invalid_argument` when it is a folder that
/// is not empty, `std::filesystem::filesystem_error` ("cannot write", `folder`, why) when it is
/// something else (a file, a symbolic link to nowhere) or cannot be looked at.
inline void check_sequence_folder(const std::filesystem::path& folder, const char* writer)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(folder, ec);
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
        throw fs::filesystem_error("cannot write", folder, ec);
    if (!fs::exists(status)) {
        // A symbolic link to nowhere: no folder can be made in its place.
        if (fs::is_symlink(fs::symlink_status(folder, ec)))
            throw fs::filesystem_error("cannot write", folder, std::make_error_code(std::errc::no_such_file_or_directory));
        return;
    }
    if (!fs::is_directory(status))
        throw fs::filesystem_error("cannot write", folder, std::make_error_code(std::errc::not_a_directory));
    if (!fs::is_empty(folder, ec))
        throw std::invalid_argument(folder.string() + " exists and is not empty: " + writer + " never overwrites");
    if (ec) throw fs::filesystem_error("cannot write", folder, ec);
}

/// Makes the folder of a new poll sequence; throws as `check_sequence_folder` does, and when it
/// cannot be made. True when it made it; false when it was there already, empty (or a link to
/// an empty folder), which what undoes the writing must leave.
inline bool make_sequence_folder(const std::filesystem::path& folder, const char* writer)
{
    check_sequence_folder(folder, writer);
    std::error_code ec;
    const bool made = std::filesystem::create_directories(folder, ec);
    if (ec) throw std::filesystem::filesystem_error("cannot write", folder, ec);
    return made;
}

/// Writes `body` as the new snapshot file `file`, whole or not at all: a file cut short (a full
/// disk, a file size limit) is removed, so no replay reads half a poll as a malformed one. The
/// file is created by this call or not written: two runs given one empty folder cannot write
/// over each other's snapshots (the second gets "File exists").
/// Throws `std::filesystem::filesystem_error` ("cannot write", `file`, why) when it cannot.
inline void write_snapshot(const std::filesystem::path& file, std::string_view body)
{
    errno = 0;
    std::FILE* f = std::fopen(file.c_str(), "wbx"); // "x": O_EXCL, never a file already there
    if (f == nullptr) throw std::filesystem::filesystem_error("cannot write", file, write_error());
    const bool whole = std::fwrite(body.data(), 1, body.size(), f) == body.size() && std::fflush(f) == 0;
    const auto why = write_error();
    if (std::fclose(f) == 0 && whole) return;
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
    throw std::filesystem::filesystem_error("cannot write", file, whole ? write_error() : why);
}

/// Removes what an import that failed part way wrote (`done`'s files, then the folders it
/// made): an import writes all of a capture or nothing, so it can be run again.
inline void unwrite(const import_result& done) noexcept
{
    std::error_code ignored;
    for (const auto& f : done.files) std::filesystem::remove(f, ignored);
    for (const auto& d : done.made) std::filesystem::remove(d, ignored);
}

} // namespace tented::contract::detail

namespace tented::contract {

inline import_result import_har(std::string_view har, const std::filesystem::path& out)
{
    namespace fs = std::filesystem;
    import_result result;
    auto capture = read_har(har);
    result.findings = std::move(capture.findings);
    // Every folder is looked at before any is written: a clash with what is there stops the
    // import before it has written half of it.
    for (const auto& poll : capture.polls)
        if (!poll.other_job) detail::check_sequence_folder(out / detail::safe_folder_name(poll.job_id), "an import");
    try {
        std::map<std::string, std::size_t> written;
        for (const auto& poll : capture.polls) {
            if (poll.other_job) continue; // seq/same-job: of neither job's folder
            const auto folder = out / detail::safe_folder_name(poll.job_id);
            auto& count = written[folder.filename().string()];
            if (count == 0) {
                if (detail::make_sequence_folder(folder, "an import")) result.made.push_back(folder);
                result.folders.push_back(folder);
            }
            const auto file = folder / detail::snapshot_name(++count, capture.polls.size());
            detail::write_snapshot(file, poll.text);
            result.files.push_back(file);
        }
    } catch (...) {
        detail::unwrite(result);
        throw;
    }
    return result;
}

} // namespace tented::contract

#endif
