// The client code under test: a line for a progress bar, from a bulk job's status response.
#ifndef CONSUMER_PROGRESS_HPP
#define CONSUMER_PROGRESS_HPP

#include <tented/contract/decode.hpp>
#include <tented/contract/types.hpp>
#include <tented/contract/validate.hpp>

#include "client.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

/// "2/3 done, 1 failed": how many accepted items have finished (completed or failed) out of how
/// many were accepted, then the failed and rejected items if any.
inline std::string progress(const tented::contract::bulk_job& job)
{
    const auto accepted = job.queued + job.generating + job.completed + job.failed;
    std::string line = std::to_string(job.completed + job.failed) + "/" + std::to_string(accepted) + " done";
    if (job.failed > 0) line += ", " + std::to_string(job.failed) + " failed";
    if (job.total > accepted) line += ", " + std::to_string(job.total - accepted) + " rejected";
    return line;
}

/// The progress line of a response body, or "unavailable" when the body breaks the API contract
/// (a client should not show numbers that contradict each other).
inline std::string progress_of(std::string_view body)
{
    if (!tented::contract::validate(body).ok()) return "unavailable";
    return progress(tented::contract::decode_or_throw(body));
}

/** The progress lines of bulk job `job_id` at the API `base_url`, one a poll, `interval` apart,
    until the job's status is terminal (at most `max_polls` polls). A poll answered otherwise than
    200 ends it with "error HTTP STATUS". */
inline std::vector<std::string> poll_progress(const std::string& base_url, const std::string& job_id,
                                              const std::string& token, std::chrono::milliseconds interval,
                                              int max_polls = 20)
{
    using tented::contract::job_status;
    std::vector<std::string> lines;
    for (int poll = 0; poll < max_polls; ++poll) {
        if (poll > 0) std::this_thread::sleep_for(interval);
        const auto reply = http_get(base_url, "/v1/bulk-jobs/" + job_id, token);
        if (reply.status != 200) {
            lines.push_back("error HTTP " + std::to_string(reply.status));
            break;
        }
        lines.push_back(progress_of(reply.body));
        const auto job = tented::contract::decode(reply.body).job;
        if (!job || (job->status != job_status::accepted && job->status != job_status::running)) break;
    }
    return lines;
}

#endif
