// Measures validate() beside two references on the same text, in one run:
//   floor     boost::json::basic_parser with a do-nothing handler (the cost of reading JSON at all)
//   dom       boost::json::parse into a DOM (what a consumer pays to get a boost::json::value)
//   validate  tented::contract::validate (parse + decode + every rule, no DOM)
// for a 25-item payload (the documented maximum) and a 1,000-item one, and validate beside the
// floor for a 10^6-item one (about 280 MB; no DOM of it, which would need several times that
// memory). After the run it prints validate/floor and validate/DOM for each size, and validate's
// throughput.
// Absolute times depend on the machine: compare the ratios (docs/speed.md).
#include <tented/contract/validate.hpp>

#include "jobs.hpp"
#include "null_handler.hpp"

#include <benchmark/benchmark.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/memory_resource.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unistd.h>

namespace tc = tented::contract;

namespace {

constexpr std::size_t max_depth = 64; // the library's default, used by every benchmark

// ---- payloads ---------------------------------------------------------------------------------

// A completed auto-publish job of `n` completed items, pretty-printed like corpus/valid: the
// four publication states in turn, a published_url where the state is published.
std::string payload(int n)
{
    bench::splitmix rng{static_cast<std::uint64_t>(n)};
    static constexpr const char* publication[] = {"published", "published_with_warnings", "pending", "failed"};
    const std::string count = std::to_string(n);
    std::string s;
    s += "{\n"
         "  \"bulk_job_id\": \"01JS3A4B5C6D7E8F9G0H1J2K3M\",\n"
         "  \"status\": \"completed\",\n"
         "  \"template_id\": \"tpl_01JABC123XYZ\",\n"
         "  \"auto_publish\": true,\n"
         "  \"total\": " + count + ",\n"
         "  \"queued\": 0,\n"
         "  \"generating\": 0,\n"
         "  \"completed\": " + count + ",\n"
         "  \"failed\": 0,\n"
         "  \"items\": [\n";
    for (int i = 0; i < n; ++i) {
        const std::string client = "lead-" + std::to_string(1000 + i);
        const std::string state = publication[i % 4];
        s += "    {\n"
             "      \"index\": " + std::to_string(i) + ",\n"
             "      \"client_item_id\": \"" + client + "\",\n"
             "      \"tent_id\": \"" + bench::uuid_v4(rng) + "\",\n"
             "      \"tent_name\": \"Lead page " + std::to_string(i + 1) + "\",\n"
             "      \"status\": \"completed\",\n"
             "      \"publication_status\": \"" + state + "\"";
        if (state == "published" || state == "published_with_warnings")
            s += ",\n      \"published_url\": \"https://your-workspace.tented-pages.com/" + client + "\"";
        s += i + 1 < n ? "\n    },\n" : "\n    }\n";
    }
    s += "  ],\n"
         "  \"credits\": {\n"
         "    \"reserved\": " + count + ",\n"
         "    \"consumed\": " + count + ",\n"
         "    \"refunded\": 0,\n"
         "    \"pending_reconciliation\": 0\n"
         "  },\n"
         "  \"created_at\": \"2026-04-06T06:00:00.000Z\",\n"
         "  \"updated_at\": \"2026-04-06T06:09:59.000Z\"\n"
         "}\n";
    return s;
}

constexpr int million = 1000 * 1000;

// Limits that the payload of `items` items stays inside (limits/total, json/too-large).
tc::options bench_options(int items, std::size_t bytes)
{
    tc::options o;
    o.max_items = std::max(items, 1000);
    o.max_bytes = std::max(o.max_bytes, bytes);
    o.max_depth = max_depth;
    return o;
}

// A benchmark that measured a finding would measure the wrong path: refuse to run.
void require_valid(const std::string& text, const tc::options& opts, int items)
{
    const auto r = tc::validate(text, opts);
    if (r.diagnostics.empty()) return;
    std::fprintf(stderr, "bench: the %d-item payload is not valid, refusing to measure:\n", items);
    for (const auto& d : r.diagnostics)
        std::fprintf(stderr, "  %s at %s: %s\n", d.rule.c_str(), d.pointer.c_str(), d.message.c_str());
    std::abort();
}

struct input
{
    std::string text;
    tc::options opts;
};

// Payloads are made on first use and kept: the 10^6-item one only when its benchmarks run.
const input& payload_of(int items)
{
    static std::map<int, input> cache;
    auto [it, fresh] = cache.try_emplace(items);
    if (fresh) {
        it->second.text = payload(items);
        it->second.opts = bench_options(items, it->second.text.size());
        require_valid(it->second.text, it->second.opts, items);
    }
    return it->second;
}

// ---- references ----------------------------------------------------------------------------------

boost::json::parse_options parse_opts()
{
    boost::json::parse_options po;
    po.max_depth = max_depth;
    return po;
}

// Counts the bytes a DOM of the document asks for, to size the DOM benchmark's buffer.
class counting_resource : public boost::json::memory_resource
{
public:
    std::size_t bytes = 0;

private:
    void* do_allocate(std::size_t n, std::size_t align) override
    {
        bytes += n + align;
        return ::operator new(n);
    }
    void do_deallocate(void* p, std::size_t, std::size_t) override { ::operator delete(p); }
    bool do_is_equal(const memory_resource& other) const noexcept override { return this == &other; }
};

std::size_t dom_bytes(std::string_view text)
{
    counting_resource counter;
    {
        boost::json::value v = boost::json::parse(text, &counter, parse_opts());
        benchmark::DoNotOptimize(v);
    }
    return counter.bytes;
}

// ---- benchmarks -----------------------------------------------------------------------------------

void bench_floor(benchmark::State& state, int items)
{
    const std::string& text = payload_of(items).text;
    for (auto _ : state) {
        boost::json::basic_parser<bench::null_handler> p(parse_opts());
        boost::system::error_code ec;
        const std::size_t used = p.write_some(false, text.data(), text.size(), ec);
        benchmark::DoNotOptimize(used);
        if (ec || used != text.size()) state.SkipWithError("the floor parser failed");
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// A fresh monotonic_resource per document over one buffer sized for it: a reused resource keeps
// growing its next block in Boost 1.81.
void bench_dom(benchmark::State& state, int items)
{
    const std::string& text = payload_of(items).text;
    std::vector<unsigned char> buffer(dom_bytes(text) + 4096);
    for (auto _ : state) {
        boost::json::monotonic_resource mr(buffer.data(), buffer.size());
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(text, ec, &mr, parse_opts());
        benchmark::DoNotOptimize(v);
        if (ec) state.SkipWithError("boost::json::parse failed");
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void bench_validate(benchmark::State& state, int items)
{
    const auto& [text, opts] = payload_of(items);
    for (auto _ : state) {
        auto r = tc::validate(text, opts);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// ---- ratios ---------------------------------------------------------------------------------------

// The console output, plus the CPU time per iteration of every benchmark, for the ratios printed
// at the end, two of each: of the fastest repetitions (what the code costs when nothing else
// slows the machine down: interference only ever adds time) and of the medians (what a run on
// this machine, interference included, typically sees). Both come from the library's aggregates
// with --benchmark_repetitions, else from the runs. CPU time, not wall time: time spent
// preempted would blur the ratios.
class ratio_reporter : public benchmark::ConsoleReporter
{
public:
    // A reporter passed in ignores --benchmark_color: colour only a terminal, not a log file.
    ratio_reporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}

    void ReportRuns(const std::vector<Run>& runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs) {
            if (run.error_occurred) continue;
            const std::string name = run.run_name.str(); // "validate/25", also for aggregates
            if (run.run_type == Run::RT_Iteration) runs_[name].push_back(run.GetAdjustedCPUTime());
            else if (run.aggregate_name == "median" || run.aggregate_name == "min")
                aggregates_[run.aggregate_name][name] = run.GetAdjustedCPUTime();
        }
    }

    /// One line for each size that validate ran at: its ratios to the references that ran, and
    /// its throughput (decimal GB/s of CPU time).
    void print_ratios(const std::vector<int>& sizes)
    {
        auto& out = GetOutputStream();
        for (int n : sizes) {
            const std::string suffix = "/" + std::to_string(n);
            const double fastest = time("validate" + suffix, "min");
            if (fastest <= 0) continue;
            out << std::to_string(n) << " items:";
            for (const auto& [of, shown] : {std::pair{"floor", "floor"}, std::pair{"dom", "DOM"}}) {
                const double a = time(of + suffix, "min"), b = time(of + suffix, "median");
                if (a <= 0 || b <= 0) continue;
                char part[120];
                std::snprintf(part, sizeof part, " validate/%s = %.2fx fastest, %.2fx median;", shown, fastest / a,
                              time("validate" + suffix, "median") / b);
                out << part;
            }
            char part[80];
            std::snprintf(part, sizeof part, " validate %.2f GB/s fastest (CPU time)\n",
                          static_cast<double>(payload_of(n).text.size()) / fastest);
            out << part;
        }
    }

private:
    double time(const std::string& name, const std::string& statistic) const
    {
        if (auto a = aggregates_.find(statistic); a != aggregates_.end())
            if (auto m = a->second.find(name); m != a->second.end()) return m->second;
        auto it = runs_.find(name);
        if (it == runs_.end() || it->second.empty()) return 0;
        auto v = it->second;
        std::sort(v.begin(), v.end());
        return statistic == "min" ? v.front() : v[v.size() / 2];
    }

    std::map<std::string, std::map<std::string, double>> aggregates_; // statistic -> name -> time
    std::map<std::string, std::vector<double>> runs_;
};

// Defaults that keep the ratios steady on a shared machine whose speed drifts: many short
// repetitions, run in a random interleaving so that a slow spell hits the floor, the DOM and
// validate alike, and their medians only. Flags on the command line come later and win.
std::vector<char*> with_defaults(int argc, char** argv)
{
    static char interleave[] = "--benchmark_enable_random_interleaving=true";
    static char repetitions[] = "--benchmark_repetitions=30";
    static char min_time[] = "--benchmark_min_time=0.05";
    static char aggregates[] = "--benchmark_report_aggregates_only=true";
    std::vector<char*> args{argv[0], interleave, repetitions, min_time, aggregates};
    args.insert(args.end(), argv + 1, argv + argc);
    args.push_back(nullptr);
    return args;
}

} // namespace

int main(int argc, char** argv)
{
    auto args = with_defaults(argc, argv);
    argc = static_cast<int>(args.size()) - 1;
    argv = args.data();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    const std::vector<int> sizes{25, 1000, million};
    for (int n : sizes) {
        const std::string suffix = "/" + std::to_string(n);
        const auto fastest = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
        benchmark::RegisterBenchmark(("floor" + suffix).c_str(), bench_floor, n)->ComputeStatistics("min", fastest);
        if (n < million)
            benchmark::RegisterBenchmark(("dom" + suffix).c_str(), bench_dom, n)->ComputeStatistics("min", fastest);
        benchmark::RegisterBenchmark(("validate" + suffix).c_str(), bench_validate, n)->ComputeStatistics("min", fastest);
    }

    ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_ratios(sizes);
    benchmark::Shutdown();
    return 0;
}
