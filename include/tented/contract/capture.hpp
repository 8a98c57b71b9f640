// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_CAPTURE_HPP
#define TENTED_CONTRACT_CAPTURE_HPP

#include <tented/contract/diagnostic.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tented::contract {

/** One recorded response body taken out of a capture file.

    - `text`: the body, exactly as recorded (base64 decoded for HAR bodies so marked).
    - `line`: 1-based line of the record in a JSON Lines file; 0 for other containers.
    - `entry`: 0-based index of the HAR entry; `npos` elsewhere.
    - `job_id`: the job the record belongs to: the `{bulkJobId}` of a HAR request URL, or the
      `bulk_job_id` of a JSON Lines record (empty when it cannot be read: the record is then
      checked alone and still reported).
    - `started`: a HAR entry's `startedDateTime`, what polls are ordered by.
    - `other_job`: a HAR poll whose body names another job than `job_id`, its URL's
      (`seq/same-job`): its body is checked alone, in no job's sequence.
*/
struct record
{
    std::string text;
    std::size_t line = 0;
    std::size_t entry = static_cast<std::size_t>(-1);
    std::string job_id;
    std::string started;
    bool other_job = false;
};

/** The records of a JSON Lines capture (`.jsonl`, `.ndjson`): one payload a line, blank lines
    skipped, a final line without `\n` included, `\r\n` line ends accepted. Each record's
    `job_id` is read from its `bulk_job_id` when the line is an object holding one as a string.

    Errors: none; a line that is not JSON is still a record (its validation reports `json/syntax`).
    Complexity: linear in `content`. Source: JSON Lines (jsonlines.org).
*/
inline std::vector<record> read_json_lines(std::string_view content);

/** What reading a HAR capture gave: the polls of bulk jobs, ordered by `startedDateTime`, and the
    findings about the capture itself (`capture/har`, `capture/http-status`, `seq/same-job`). */
struct har_capture
{
    std::vector<record> polls;
    report findings;
};

/** The bulk-job polls of a HAR 1.2 capture: every entry whose request is
    `GET .../v1/bulk-jobs/{id}` (query string ignored). A 200 response's
    `response.content.text` (base64 decoded when `encoding` is `"base64"`) is a poll of job
    `{id}`; polls are stably ordered by `startedDateTime` (RFC 3339 instants; unparsable ones
    keep file order, last).

    Reported, never thrown: a file that is not a HAR log (`capture/har`); a poll answered with
    another status, or without a body (`capture/http-status`, a warning: the reference documents
    400, 401 and 404 answers, which are not snapshots); a body whose `bulk_job_id` differs from the URL's id
    (`seq/same-job`: the poll is kept, marked `other_job`, so that its body is still checked,
    alone). Only the method, URL path, status, timing and body are read: headers,
    cookies and query strings are never copied anywhere. The text goes through the streaming
    reader that reads capture files a chunk at a time (`check_file`, `input_units`), which keeps
    of each entry only those members; a repeated member counts as its last occurrence, and a
    status that is an object or an array is named `{}` or `[]`.
    Source: HAR 1.2 (W3C Web Performance draft); reference page "Endpoint", "Common Errors".
*/
inline har_capture read_har(std::string_view content);

} // namespace tented::contract

#include <tented/contract/detail/capture.hpp>

#endif
