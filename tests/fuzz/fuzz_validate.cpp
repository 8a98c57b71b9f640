// Fuzz target: one payload through validate(), the single-payload front end.
#include <tented/contract/validate.hpp>

#include "invariants.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const tented::contract::options opts;
    const auto r = tented::contract::validate(text, opts);
    fuzz::check_report(r, opts, &text);
    return 0;
}
