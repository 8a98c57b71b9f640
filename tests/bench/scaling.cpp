// Shows that validation time grows linearly with the input: validate() on payloads of 1, 10 and
// 100 MB, beside the do-nothing basic_parser (the floor) on the same text. Two shapes:
//   items   a job of many small items (1 MB is about 9,000 items, 100 MB about 900,000): the
//           worst case, every item decoded and checked by every rule
//   string  a 3-item job whose first tent_name holds nearly all the bytes: the parser's speed
//   alike   many items whose tent_ids differ only in the case bit of '@' and '`' (not letters,
//           so all distinct ignoring case): a hash that folded that bit made items/tent-id-unique
//           quadratic (20,000 items took 26 s). Every id is also format/uuid: findings allowed.
// Linear time shows as a bytes_per_second that stays about the same from 1 to 100 MB (a quadratic
// step would divide it by 100). Read the ratios, not the absolute times (docs/speed.md).
// Sizes are decimal megabytes. docs/robustness.md, "Limits", quotes a run.
#include <tented/contract/validate.hpp>

#include "../unit/payloads.hpp"

#include "null_handler.hpp"

#include <benchmark/benchmark.h>
#include <boost/json/basic_parser_impl.hpp>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

namespace tc = tented::contract;

namespace {

constexpr std::size_t MB = 1000 * 1000;

enum class shape { items, string, alike };

struct input
{
    std::string text;
    std::size_t items = 0;
};

// `text` with the k-th tent_id replaced by 36 characters, '`' or '@' by the bits of k.
std::string alike_tent_ids(std::string text, std::size_t items)
{
    std::size_t at = 0;
    for (std::size_t k = 0; k < items; ++k) {
        at = text.find("\"tent_id\"", at);
        at = text.find('"', at + 9) + 1;
        for (std::size_t b = 0; b < 36; ++b) text[at + b] = (k >> (b % 32)) & 1 ? '`' : '@';
    }
    return text;
}

// Payloads are made on first use and kept: the 100 MB ones only when those benchmarks run.
const input& payload(shape s, std::size_t mb)
{
    static std::map<std::pair<shape, std::size_t>, input> cache;
    auto [it, fresh] = cache.try_emplace({s, mb});
    if (fresh) {
        if (s == shape::items) {
            it->second.items = payloads::items_for_bytes(mb * MB);
            it->second.text = payloads::make({it->second.items});
        } else if (s == shape::alike) {
            it->second.items = payloads::items_for_bytes(mb * MB);
            it->second.text = alike_tent_ids(payloads::make({it->second.items}), it->second.items);
        } else {
            it->second.items = 3;
            it->second.text = payloads::make({3, mb * MB - 1000});
        }
    }
    return it->second;
}

tc::options options_for(const input& in)
{
    tc::options o;
    o.max_items = static_cast<std::int64_t>(in.items);
    o.max_bytes = 256 * MB;
    return o;
}

void report_size(benchmark::State& state, const input& in)
{
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
    state.counters["items"] = static_cast<double>(in.items);
    state.counters["MB"] = static_cast<double>(in.text.size()) / MB;
}

void validate_scaling(benchmark::State& state, shape s)
{
    const input& in = payload(s, static_cast<std::size_t>(state.range(0)));
    const auto opts = options_for(in);
    if (s != shape::alike && !tc::validate(in.text, opts).diagnostics.empty()) {
        // Measuring a finding would measure the wrong path.
        state.SkipWithError("the generated payload is not valid");
        return;
    }
    for (auto _ : state) benchmark::DoNotOptimize(tc::validate(in.text, opts));
    report_size(state, in);
}

void floor_scaling(benchmark::State& state, shape s)
{
    const input& in = payload(s, static_cast<std::size_t>(state.range(0)));
    boost::json::parse_options po;
    po.max_depth = 64;
    for (auto _ : state) {
        boost::json::basic_parser<bench::null_handler> p(po);
        boost::system::error_code ec;
        benchmark::DoNotOptimize(p.write_some(false, in.text.data(), in.text.size(), ec));
    }
    report_size(state, in);
}

} // namespace

BENCHMARK_CAPTURE(validate_scaling, items, shape::items)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(floor_scaling, items, shape::items)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(validate_scaling, string, shape::string)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(floor_scaling, string, shape::string)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_CAPTURE(validate_scaling, alike, shape::alike)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
