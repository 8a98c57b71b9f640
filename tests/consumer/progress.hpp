// The client code under test: a line for a progress bar, from a bulk job's status response.
#ifndef CONSUMER_PROGRESS_HPP
#define CONSUMER_PROGRESS_HPP

#include <tented/contract/decode.hpp>
#include <tented/contract/types.hpp>
#include <tented/contract/validate.hpp>

#include <string>
#include <string_view>

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

#endif
