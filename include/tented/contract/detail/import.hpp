// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_IMPORT_HPP
#define TENTED_CONTRACT_DETAIL_IMPORT_HPP

#include <tented/contract/detail/fnv1a.hpp>
#include <tented/contract/import.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

namespace tented::contract::detail {

// The folder of a job: its id when that is a plain name of at most 64 characters of
// [A-Za-z0-9_-]; otherwise what is left of it plus a hash of the whole id, so two ids never
// share a folder and no name is too long for the file system.
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
    return (name.empty() ? std::string("job") : name.substr(0, 40)) + "-" + hash;
}

// `n` padded to as many digits as `last` has, at least 3: names sort as numbers do.
inline std::string snapshot_name(std::size_t n, std::size_t last)
{
    const int width = std::max<int>(3, static_cast<int>(std::to_string(last).size()));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%0*zu.json", width, n);
    return buf;
}

} // namespace tented::contract::detail

namespace tented::contract {

inline import_result import_har(std::string_view har, const std::filesystem::path& out)
{
    namespace fs = std::filesystem;
    import_result result;
    auto capture = read_har(har);
    result.findings = std::move(capture.findings);
    std::map<std::string, std::size_t> written;
    for (const auto& poll : capture.polls) {
        if (poll.other_job) continue; // seq/same-job: of neither job's folder
        const auto folder = out / detail::safe_folder_name(poll.job_id);
        auto& count = written[folder.filename().string()];
        if (count == 0) {
            if (fs::exists(folder) && !fs::is_empty(folder))
                throw std::invalid_argument(folder.string() + " exists and is not empty: an import never overwrites");
            fs::create_directories(folder);
            result.folders.push_back(folder);
        }
        const auto file = folder / detail::snapshot_name(++count, capture.polls.size());
        std::ofstream os(file, std::ios::binary);
        os.write(poll.text.data(), static_cast<std::streamsize>(poll.text.size()));
        if (!os) throw fs::filesystem_error("cannot write", file, std::make_error_code(std::errc::io_error));
        result.files.push_back(file);
    }
    return result;
}

} // namespace tented::contract

#endif
