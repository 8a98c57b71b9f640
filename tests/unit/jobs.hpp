// Builds consistent bulk jobs for tests: every counter, credit and item member agreeing, so a
// test changes exactly the one thing it is about.
#ifndef TENTED_CONTRACT_TESTS_JOBS_HPP
#define TENTED_CONTRACT_TESTS_JOBS_HPP

#include <tented/contract/encode.hpp>
#include <tented/contract/types.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace jobs {

namespace tc = tented::contract;

inline std::string tent_id(std::size_t i)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "b6f8d617-7cfe-4d63-a8e9-%012zx", (i + 1) & 0xffffffffffff);
    return buf;
}

/// A valid job whose items have `statuses`, at `cost` credits per accepted item.
inline tc::bulk_job make(const std::vector<tc::item_status>& statuses, tc::job_status status, std::int64_t cost = 1,
                         const std::string& updated_at = "2026-03-25T14:31:10.000Z")
{
    using S = tc::item_status;
    tc::bulk_job j;
    j.bulk_job_id.text = "01JQZB4H8A7T5B3R2W1X9Y6Z0K";
    j.status = status;
    j.template_id.text = "tpl_01JABC123XYZ";
    j.auto_publish = false;
    j.total = static_cast<std::int64_t>(statuses.size());
    j.created_at.text = "2026-03-25T14:30:00.000Z";
    j.updated_at.text = updated_at;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        tc::bulk_job_item it;
        it.index = static_cast<std::int64_t>(i);
        it.client_item_id = "row-" + std::to_string(i);
        it.status = statuses[i];
        if (statuses[i] == S::rejected) {
            it.error_code = tc::error_code{"INSUFFICIENT_CREDITS"};
            it.message = "Insufficient credits for generation";
        } else {
            it.tent_id = tc::uuid{tent_id(i)};
            it.tent_name = "Page " + std::to_string(i);
            if (statuses[i] == S::failed) it.message = "Upstream generation failed";
        }
        j.queued += statuses[i] == S::queued;
        j.generating += statuses[i] == S::generating;
        j.completed += statuses[i] == S::completed;
        j.failed += statuses[i] == S::failed;
        j.items.push_back(it);
    }
    const auto accepted = j.queued + j.generating + j.completed + j.failed;
    j.credits = {cost * accepted, cost * j.completed, cost * j.failed, cost * (j.queued + j.generating)};
    return j;
}

/// `job` serialised, pretty enough that findings land on distinct lines: one member a line.
inline std::string text(const tc::bulk_job& job)
{
    std::string s = tc::to_json(job);
    std::string out;
    for (char c : s) {
        out += c;
        if (c == ',') out += '\n';
    }
    return out;
}

} // namespace jobs

#endif
