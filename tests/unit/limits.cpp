// The limits of validate(): nesting depth, input size, item count, string size, and the memory
// validation takes on large inputs (docs/robustness.md, "Limits").
//
// Peak memory is measured with a counting global operator new/delete replacing the standard
// ones in this test executable: every allocation of the library (std::string, std::vector,
// Boost.JSON's parser stack and metadata DOM) goes through it, and the payload text, built before
// the measurement starts, is excluded since the caller holds it.
#include <tented/contract/detail/checks/counts.hpp>
#include <tented/contract/detail/checks/facts.hpp>
#include <tented/contract/validate.hpp>

#include <boost/json/parse.hpp>

#include "payloads.hpp"

#include <catch2/catch.hpp>

#include <malloc.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

namespace tc = tented::contract;

// ---- a counting allocator ----------------------------------------------------------------------

namespace {

std::atomic<std::size_t> live_bytes{0};
std::atomic<std::size_t> peak_bytes{0};

void* counted(void* p)
{
    if (!p) return p;
    const std::size_t now = live_bytes += malloc_usable_size(p);
    std::size_t peak = peak_bytes.load(std::memory_order_relaxed);
    while (now > peak && !peak_bytes.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
    return p;
}

void uncounted(void* p) noexcept
{
    if (!p) return;
    live_bytes -= malloc_usable_size(p);
    std::free(p);
}

void* allocate(std::size_t n)
{
    if (void* p = counted(std::malloc(n ? n : 1))) return p;
    throw std::bad_alloc();
}

void* allocate_aligned(std::size_t n, std::align_val_t a)
{
    const auto align = std::max(static_cast<std::size_t>(a), sizeof(void*));
    void* p = nullptr;
    if (posix_memalign(&p, align, n ? n : 1) != 0) throw std::bad_alloc();
    return counted(p);
}

} // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted(std::malloc(n ? n : 1)); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted(std::malloc(n ? n : 1)); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate_aligned(n, a); }
void operator delete(void* p) noexcept { uncounted(p); }
void operator delete[](void* p) noexcept { uncounted(p); }
void operator delete(void* p, std::size_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::size_t) noexcept { uncounted(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { uncounted(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { uncounted(p); }
void operator delete(void* p, std::align_val_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::align_val_t) noexcept { uncounted(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { uncounted(p); }

namespace {

constexpr std::size_t MB = 1000 * 1000;

/// What validating `text` cost: the report and the peak of heap bytes allocated during the call
/// (above what was live before it). Time is the benchmarks' business (tests/bench).
struct measured
{
    tc::report report;
    std::size_t peak_heap = 0;
};

measured measure(const std::string& text, const tc::options& opts)
{
    measured m;
    const std::size_t before = live_bytes.load();
    peak_bytes = before;
    {
        tc::report r = tc::validate(text, opts);
        m.peak_heap = peak_bytes.load() - before;
        m.report = std::move(r);
    }
    return m;
}

double ratio(const measured& m, const std::string& text)
{
    return static_cast<double>(m.peak_heap) / static_cast<double>(text.size());
}

tc::options big(std::size_t items = 25, std::size_t bytes = 256 * MB)
{
    tc::options o;
    o.max_items = static_cast<std::int64_t>(items);
    o.max_bytes = bytes;
    return o;
}

std::string nested(std::size_t depth)
{
    // Arrays inside metadata, so that a document at the limit is otherwise a valid job.
    std::string inner = std::string(depth - 2, '[') + std::string(depth - 2, ']');
    std::string s = payloads::make({});
    s.insert(s.size() - 2, R"(,"metadata":{"deep":)" + inner + "}");
    return s;
}

} // namespace

// ---- depth ---------------------------------------------------------------------------------------

TEST_CASE("nesting up to the default depth limit of 64 is accepted, one level more is json/depth", "[limits][depth]")
{
    CHECK(tc::validate(nested(64)).diagnostics.empty());
    const auto r = tc::validate(nested(65));
    REQUIRE(r.rule_ids() == std::vector<std::string>{"json/depth"});
    CHECK(r.diagnostics.front().message == "nesting deeper than the limit of 64 arrays and objects");
}

TEST_CASE("the depth limit is an option, raised or lowered", "[limits][depth]")
{
    tc::options o;
    o.max_depth = 1000;
    CHECK(tc::validate(nested(1000), o).diagnostics.empty());
    CHECK(tc::validate(nested(1001), o).rule_ids() == std::vector<std::string>{"json/depth"});
    o.max_depth = 3; // root, items, an item: the least a job with items needs
    CHECK(tc::validate(payloads::make({}), o).diagnostics.empty());
    o.max_depth = 2;
    CHECK(tc::validate(payloads::make({}), o).rule_ids() == std::vector<std::string>{"json/depth"});
}

TEST_CASE("a million unclosed brackets are json/depth at once, not a crash", "[limits][depth]")
{
    const std::string text(1000000, '[');
    const auto m = measure(text, {});
    REQUIRE(m.report.rule_ids() == std::vector<std::string>{"json/depth"});
    CHECK(m.report.diagnostics.front().offset == 64); // the 65th bracket
    CHECK(m.peak_heap < 64 * 1024); // stopped there: nothing proportional to the input
}

TEST_CASE("a depth limit of 1,000 on 1,000 levels works (the documented safe maximum)", "[limits][depth]")
{
    // Boost.JSON's basic_parser recurses once per level: the depth limit is what keeps the
    // stack safe, so it has a documented ceiling (docs/robustness.md, "Limits").
    tc::options o;
    o.max_depth = 1000;
    CHECK(tc::validate(nested(1000), o).diagnostics.empty());
    CHECK(tc::validate(std::string(20000, '['), o).rule_ids() == std::vector<std::string>{"json/depth"});
}

TEST_CASE("a depth limit past the ceiling counts as the ceiling: 10,000 levels are refused at 1,001", "[limits][depth]")
{
    tc::options o;
    o.max_depth = 100000000;
    CHECK(o.depth_limit() == tc::max_safe_depth);
    const auto r = tc::validate(nested(10000), o);
    REQUIRE(r.rule_ids() == std::vector<std::string>{"json/depth"});
    CHECK(r.diagnostics.front().message == "nesting deeper than the limit of 1000 arrays and objects");
}

// ---- size ----------------------------------------------------------------------------------------

TEST_CASE("an input over max_bytes is json/too-large alone, before parsing", "[limits][size]")
{
    tc::options o;
    o.max_bytes = 1000;
    const std::string garbage(1500, 'x'); // would be json/syntax if it were parsed
    const auto r = tc::validate(garbage, o);
    REQUIRE(r.rule_ids() == std::vector<std::string>{"json/too-large"});
    CHECK(r.diagnostics.front().message ==
          "the input is 1500 bytes, larger than the limit of 1000 bytes (refused before parsing)");
    CHECK(tc::validate(std::string(1001, 'x'), o).rule_ids() == std::vector<std::string>{"json/too-large"});
    CHECK(r.diagnostics.front().line == 1);
    CHECK(r.diagnostics.front().column == 1);
    CHECK(tc::validate(std::string(1000, 'x'), o).rule_ids() == std::vector<std::string>{"json/syntax"});
}

TEST_CASE("the default size limit is 64 MiB: 100 MB is refused without being read", "[limits][size]")
{
    CHECK(tc::options{}.max_bytes == 64u * 1024 * 1024);
    const std::string text(100 * MB, ' ');
    const auto m = measure(text, {});
    REQUIRE(m.report.rule_ids() == std::vector<std::string>{"json/too-large"});
    CHECK(m.peak_heap < 64 * 1024); // the finding, nothing proportional to the input
    CHECK(tc::validate(payloads::make({}), {}).diagnostics.empty()); // and a normal payload is far below it
}

// ---- items ---------------------------------------------------------------------------------------

TEST_CASE("100,000 items are all checked, whether max_items admits them or not", "[limits][items]")
{
    const std::size_t n = 100000;
    std::string text = payloads::make({n});
    CHECK(tc::validate(text, big(n)).diagnostics.empty());

    // Over the limit of 25, limits/total is raised and every other rule still runs on every item:
    // a defect in the last item is found too.
    const std::string last = "\"tent_name\":\"Tent " + std::to_string(n - 1) + "\",";
    const auto at = text.rfind(last);
    REQUIRE(at != std::string::npos);
    text.erase(at, last.size());
    const auto r = tc::validate(text, big());
    CHECK(r.rule_ids() == std::vector<std::string>{"item/tent-name", "limits/total"});
    for (const auto& d : r.diagnostics)
        if (d.rule == "item/tent-name") CHECK(d.pointer == "/items/99999/tent_name");
}

TEST_CASE("tent_ids that differ only in their last characters spread over the low bits of their hash", "[limits][items]")
{
    // items/tent-id-unique indexes a table by those bits: ids that all fell in one slot made
    // validating 10,000 of them (counters, time-ordered ids) cost 10^8 probes.
    constexpr std::size_t n = 4096;
    std::vector<bool> slots(n);
    std::size_t used = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::string id;
        payloads::append_tent_id(id, i);
        const auto slot = tc::detail::hash_ignoring_case(id) & (n - 1);
        used += !slots[slot];
        slots[slot] = true;
    }
    CHECK(used > n / 2); // random slots would fill 1 - 1/e of them, 2,589
}

TEST_CASE("tent_id hashes chosen to crowd a few slots are grouped by sorting, with the groups of the table",
          "[limits][items]")
{
    // The hash has no secret: a sender can pick ids whose hashes share a few slots of the table
    // (200,000 of them took the table 20 s). Its probes are budgeted; past the budget the entries
    // are sorted by hash instead. Both ways must give the same (first of the hash, entry) pairs.
    using tc::detail::item_facts;
    const auto pairs = [](const item_facts& f, bool by_table) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> joined;
        if (by_table) REQUIRE(tc::detail::join_hashes_by_table(f.tent_ids, joined));
        else tc::detail::join_hashes_by_sorting(f.tent_ids, joined);
        std::sort(joined.begin(), joined.end());
        return joined;
    };
    constexpr std::size_t n = 4096, table_size = 2 * n;
    item_facts crowded({}), spread({});
    std::vector<std::pair<std::uint32_t, std::uint32_t>> expected;
    for (std::size_t k = 0; k < n; ++k) {
        // Every fourth entry repeats the hash of the entry before it; the others differ but share
        // slot 0 (multiples of the table's size), or spread (a multiplicative hash of k).
        const std::size_t base = k % 4 == 3 ? k - 1 : k;
        const std::uint64_t crowded_hash = std::uint64_t{base} * table_size;
        const std::uint64_t spread_hash = std::uint64_t{base} * 0x9e3779b97f4a7c15u;
        for (auto [facts, hash] : {std::pair{&crowded, crowded_hash}, std::pair{&spread, spread_hash}}) {
            auto& e = facts->tent_ids.emplace_back();
            e.hash = hash;
            e.offset = e.item = k;
        }
        if (k % 4 == 3) expected.emplace_back(static_cast<std::uint32_t>(k - 1), static_cast<std::uint32_t>(k));
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> joined;
    CHECK_FALSE(tc::detail::join_hashes_by_table(crowded.tent_ids, joined));
    CHECK(pairs(crowded, false) == expected);
    CHECK(pairs(spread, true) == expected);
    CHECK(pairs(spread, false) == expected);
}

TEST_CASE("a tent_id's hash ignores case and reads every byte, at every length", "[limits][items]")
{
    // Words of 8 and 16 bytes, and the last ones overlapping those before: every byte must count
    // at every length around them, and the case of none.
    const std::string lower = "b6f8d617-7cfe-4d63-a8e9-5d971780d57f-0123456789abcdef";
    std::string upper = lower;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (std::size_t n = 1; n <= lower.size(); ++n) {
        const auto text = lower.substr(0, n);
        const auto h = tc::detail::hash_ignoring_case(text);
        CHECK(tc::detail::hash_ignoring_case(upper.substr(0, n)) == h);
        for (std::size_t at = 0; at < n; ++at) {
            auto other = text;
            other[at] = other[at] == '0' ? '1' : '0';
            INFO(text << " and " << other);
            CHECK(tc::detail::hash_ignoring_case(other) != h);
        }
    }
}

TEST_CASE("a million items (a 109 MB payload) are all checked, max_items raised", "[limits][items][memory]")
{
    const std::size_t n = 1000000;
    const std::string text = payloads::make({n});
    const auto m = measure(text, big(n));
    CHECK(m.report.diagnostics.empty());
    WARN("10^6 items: payload " << text.size() / MB << " MB, peak heap "
                                << m.peak_heap / MB << " MB = " << ratio(m, text) << "x the payload");
    // Items are checked as they stream past: what stays is a few words per item (docs/robustness.md, "Limits").
    CHECK(ratio(m, text) < 2.0);
}

TEST_CASE("a total announcing a million items makes no room for them in a small payload", "[limits][memory]")
{
    // The facts are allocated at the size total announces, but no larger than the input can hold.
    std::string text = payloads::make({3});
    const std::string total = "\"total\":3,";
    text.replace(text.find(total), total.size(), "\"total\":1000000,");
    const auto m = measure(text, big(1000000));
    CHECK_THAT(m.report.rule_ids(), Catch::Matchers::VectorContains(std::string("items/count")));
    CHECK(m.peak_heap < 64 * 1000); // room for a million items' facts would be 72 MB
}

TEST_CASE("a parsed value's total makes no room for its items: no text bounds it", "[limits][memory]")
{
    // A hostile trial: total 2^53 - 1 within max_items reserved that many entries (bad_alloc).
    std::string text = payloads::make({40});
    const std::string total = "\"total\":40,";
    text.replace(text.find(total), total.size(), "\"total\":9007199254740991,");
    const auto value = boost::json::parse(text);
    tc::options opts;
    opts.max_items = 9007199254740991;
    const auto r = tc::validate(value, opts);
    CHECK_THAT(r.rule_ids(), Catch::Matchers::VectorContains(std::string("items/count")));
}

TEST_CASE("a million empty items (3 MB) stay within 2x in memory: findings past the limit are counted", "[limits][memory]")
{
    // Two findings for every three bytes: kept whole, they took about 300 times the payload.
    std::string text = "{\"items\": [{}";
    for (int i = 1; i < 1000000; ++i) text += ",{}";
    text += "]}";
    const auto m = measure(text, big(1000000));
    CHECK(m.report.diagnostics.size() == 10000);
    CHECK(m.report.count(tc::severity::error) == 12 + 2 * 1000000);
    WARN("10^6 empty items: payload " << text.size() / MB << " MB, peak heap " << m.peak_heap / MB
                                      << " MB = " << ratio(m, text) << "x the payload");
    CHECK(ratio(m, text) < 2.0);
}

// ---- strings and memory --------------------------------------------------------------------------

TEST_CASE("a 100 MB string is validated in one piece within 2x its size in memory", "[limits][memory]")
{
    const std::string text = payloads::make({3, 100 * MB});
    const auto m = measure(text, big());
    CHECK(m.report.diagnostics.empty());
    WARN("100 MB tent_name: peak heap " << m.peak_heap / MB << " MB = "
                                       << ratio(m, text) << "x the payload");
    CHECK(ratio(m, text) < 2.0);
}

TEST_CASE("a 100 MB string written with escapes is validated within 2x its size in memory", "[limits][memory]")
{
    const std::string text = payloads::make({3, 50 * MB, true}); // 50 M escapes, 100 MB of text
    const auto m = measure(text, big());
    CHECK(m.report.diagnostics.empty());
    WARN("100 MB escaped tent_name: peak heap " << m.peak_heap / MB
                                               << " MB = " << ratio(m, text) << "x the payload");
    CHECK(ratio(m, text) < 2.0);
}

TEST_CASE("a 100 MB metadata object is validated within 2x its size in memory", "[limits][memory]")
{
    // Validation keeps no metadata; for json/duplicate-key it keeps a hash and an offset of each name.
    const std::string text = payloads::make({3, 0, false, 5000000});
    const auto m = measure(text, big());
    CHECK(m.report.diagnostics.empty());
    WARN("100 MB metadata (5,000,000 members): peak heap " << m.peak_heap / MB
                                                       << " MB = " << ratio(m, text) << "x the payload");
    CHECK(ratio(m, text) < 2.0);
}
