// Fuzz target: a JSON Lines log through check_json_lines() with records grouped into poll
// sequences by bulk_job_id, as `tented-contract replay log.jsonl` reads it.
#include <tented/contract/replay.hpp>

#include "invariants.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace tc = tented::contract;
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    const tc::options opts;
    std::size_t last_line = 0;
    for (const auto& s : tc::check_json_lines(content, "fuzz.jsonl", tc::grouping::sequences, opts)) {
        fuzz::check_report(s.findings, opts);
        // Records come in file order, each on a line of its own.
        if (s.record) {
            fuzz::require(*s.record > last_line, "records out of file order");
            last_line = *s.record;
        }
    }
    return 0;
}
