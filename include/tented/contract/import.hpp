// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_IMPORT_HPP
#define TENTED_CONTRACT_IMPORT_HPP

#include <tented/contract/capture.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tented::contract {

/** What `import_har` wrote: one corpus sequence folder per job, and the files in each. */
struct import_result
{
    /// The folders written, `OUT/<job id>`, in first-poll order.
    std::vector<std::filesystem::path> folders;
    /// Those of `folders` the import made (the others were there, empty): an undo removes these.
    std::vector<std::filesystem::path> made;
    /// Every snapshot file written, `OUT/<job id>/001.json`, ...
    std::vector<std::filesystem::path> files;
    /// What `read_har` reported about the capture (non-200 polls, URL/body mismatches).
    report findings;
};

/** Turns the bulk-job polls of a HAR capture into corpus sequence folders under `out`:
    `out/<job id>/001.json`, `002.json`, ... in `startedDateTime` order, each file the response
    body byte for byte (base64 decoded where so marked). A poll whose body names another job
    than its URL (`seq/same-job`, in `findings`) belongs to neither folder: it is not written.

    Redaction by construction: only response bodies are written. Nothing from request or
    response headers, cookies or query strings is read into the output, so no bearer token,
    API key or session cookie can leak; the job id in a folder name comes from the URL path: a
    plain id of at most 64 characters of `[A-Za-z0-9_-]` names its folder as it is, any other
    keeps those characters (at most 40) and adds `.` and a hash of the whole id, so ids never
    collide and no folder name leaves `out` or is too long.

    Errors: throws `std::filesystem::filesystem_error` ("cannot write", the path, why) when `out`
    or a folder in it cannot be created or written, or a job's folder is a file; and
    `std::invalid_argument` when a job's folder exists and is not empty (an import never
    overwrites a corpus case). Every job's folder is looked at before anything is written, and an
    import that fails part way (a full disk) removes what it wrote: all of a capture or nothing.
    A capture that is not HAR is reported in `findings` (nothing written).
    Source: issue "Sequences and replay", point 5 (redaction); HAR 1.2.
*/
inline import_result import_har(std::string_view har, const std::filesystem::path& out);

} // namespace tented::contract

#include <tented/contract/detail/import.hpp>

#endif
