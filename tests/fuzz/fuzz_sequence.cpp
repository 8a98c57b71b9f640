// Fuzz target: a poll sequence fed to sequence_checker, snapshot by snapshot. The input is split
// on the byte 0x1E (RS, the record separator of RFC 7464 JSON text sequences), so a mutation can
// change one snapshot, or split and join them.
#include <tented/contract/sequence.hpp>

#include "invariants.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace tc = tented::contract;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const tc::options opts;
    tc::sequence_checker seq(opts);
    std::size_t count = 0;
    while (true) {
        const auto end = rest.find('\x1e');
        const std::string_view snapshot = rest.substr(0, end);
        const auto r = seq.add(snapshot, "snapshot-" + std::to_string(++count) + ".json");
        fuzz::check_report(r, opts, &snapshot);
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    fuzz::require(seq.size() == count, "sequence_checker::size() is not the number of snapshots added");
    return 0;
}
