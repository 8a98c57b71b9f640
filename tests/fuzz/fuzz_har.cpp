// Fuzz target: a HAR capture through check_har(), polls grouped into sequences per job.
#include <tented/contract/replay.hpp>

#include "invariants.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace tc = tented::contract;
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    const tc::options opts;
    for (const auto& s : tc::check_har(content, "fuzz.har", tc::grouping::sequences, opts))
        fuzz::check_report(s.findings, opts);
    return 0;
}
