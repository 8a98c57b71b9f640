// Properties of the valid-response generators (testing/rapidcheck.hpp): what they generate is
// valid, whatever its spelling, round-trips through encode and decode, honours the options, and
// covers the contract. A failing property prints its seed: rerun with RC_PARAMS="seed=N".
#include <tented/contract/testing/rapidcheck.hpp>

#include <tented/contract/decode.hpp>
#include <tented/contract/testing/catch2.hpp>
#include <tented/contract/validate.hpp>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <set>

namespace tc = tented::contract;
namespace tt = tented::contract::testing;

namespace {

/// Fails the property with every finding, as the CLI prints them, when `r` has any.
void require_no_findings(const tc::report& r)
{
    if (!r.diagnostics.empty()) RC_FAIL("expected no finding at all, got:\n" + tt::format_findings(r));
}

/// `n` values of `gen`, reproducibly (seed `seed`, RapidCheck's nominal size: full ranges).
template <class T>
std::vector<T> sample(const rc::Gen<T>& gen, std::size_t n, std::uint64_t seed)
{
    rc::Random random(seed);
    std::vector<T> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(gen(random.split(), rc::kNominalSize).value());
    return out;
}

} // namespace

TEST_CASE("every generated job validates with no diagnostic at all, typed and as text", "[property][valid]")
{
    rc::prop("validate(job) has no finding", [](const tc::bulk_job& job) { require_no_findings(tc::validate(job)); });
    rc::prop("validate(to_json(job)) has no finding",
             [](const tc::bulk_job& job) { require_no_findings(tc::validate(tc::to_json(job))); });
}

TEST_CASE("a generated job stays valid re-serialised with shuffled member order and random white space",
          "[property][valid]")
{
    rc::prop("any spelling of a valid job is valid", [](const tc::bulk_job& job) {
        const auto text = *tt::gen_text(tc::encode(job));
        RC_ASSERT(boost::json::parse(text) == tc::encode(job));
        require_no_findings(tc::validate(text));
    });
    rc::prop("gen_payload texts are valid", [] { require_no_findings(tc::validate(*tt::gen_payload())); });
}

TEST_CASE("encode then decode gives back an equal job, through text and through a parsed value",
          "[property][roundtrip]")
{
    rc::prop("decode(to_json(job)) == job", [](const tc::bulk_job& job) {
        const auto decoded = tc::decode(tc::to_json(job));
        RC_ASSERT(decoded.job.has_value());
        RC_ASSERT(*decoded.job == job);
    });
    rc::prop("decode(encode(job)) == job", [](const tc::bulk_job& job) {
        const auto decoded = tc::decode(tc::encode(job));
        RC_ASSERT(decoded.job.has_value());
        RC_ASSERT(*decoded.job == job);
    });
    rc::prop("decode of a shuffled, spaced spelling == job", [](const tc::bulk_job& job) {
        const auto decoded = tc::decode(*tt::gen_text(tc::encode(job)));
        RC_ASSERT(decoded.job.has_value());
        RC_ASSERT(*decoded.job == job);
    });
    rc::prop("decode_or_throw(to_json(job)) == job", [](const tc::bulk_job& job) {
        RC_ASSERT(tc::decode_or_throw(tc::to_json(job)) == job);
    });
}

TEST_CASE("generation options pin the job status, the item count and auto_publish", "[property][options]")
{
    rc::prop("pinned jobs have the pins and stay valid", [](tc::job_status status, bool auto_publish) {
        const bool two = status == tc::job_status::completed_with_failures;
        const auto n = *rc::gen::inRange<std::size_t>(two ? 2 : 1, 26);
        tt::generation_options o;
        o.status = status;
        o.items = n;
        o.auto_publish = auto_publish;
        const auto job = *tt::gen_bulk_job(o);
        RC_ASSERT(job.status == status);
        RC_ASSERT(job.items.size() == n);
        RC_ASSERT(job.total == static_cast<std::int64_t>(n));
        RC_ASSERT(job.auto_publish == auto_publish);
        require_no_findings(tc::validate(job));
    });
    rc::prop("must_include statuses each appear on an item", [](tc::item_status wanted) {
        tt::generation_options o;
        o.must_include = {wanted};
        const auto job = *tt::gen_bulk_job(o);
        RC_ASSERT(std::any_of(job.items.begin(), job.items.end(),
                              [&](const tc::bulk_job_item& i) { return i.status == wanted; }));
        require_no_findings(tc::validate(job));
    });
}

TEST_CASE("more than 25 pinned items raise only limits/total, and pass with a higher max_items",
          "[property][options]")
{
    tt::generation_options o;
    o.items = 30;
    for (const auto& job : sample(tt::gen_bulk_job(o), 20, 1)) {
        CHECK(tc::validate(job).rule_ids() == std::vector<std::string>{"limits/total"});
        tc::options wide;
        wide.max_items = 30;
        CHECK(tc::validate(job, wide).diagnostics.empty());
    }
}

TEST_CASE("contradicting generation options are refused with std::invalid_argument", "[options]")
{
    using Catch::Matchers::Contains;
    tt::generation_options o;
    o.status = tc::job_status::completed_with_failures;
    o.items = 1;
    CHECK_THROWS_WITH(tt::gen_bulk_job(o), Contains("needs at least 2 items, not 1"));

    tt::generation_options none;
    none.items = 0;
    CHECK_THROWS_AS(tt::gen_bulk_job(none), std::invalid_argument);

    tt::generation_options wrong_item;
    wrong_item.status = tc::job_status::completed;
    wrong_item.must_include = {tc::item_status::failed};
    CHECK_THROWS_WITH(tt::gen_bulk_job(wrong_item),
                      Contains("a job with status \"completed\" has no item with status \"failed\""));

    // Unpinned, the status follows what the items need: a failed item rules out accepted and completed.
    tt::generation_options failed_item;
    failed_item.must_include = {tc::item_status::failed};
    std::set<tc::job_status> seen;
    for (const auto& job : sample(tt::gen_bulk_job(failed_item), 200, 2)) seen.insert(job.status);
    CHECK(seen == std::set<tc::job_status>{tc::job_status::running, tc::job_status::completed_with_failures,
                                            tc::job_status::failed});
}

TEST_CASE("the generator covers every status, publication state, option and optional member", "[generator]")
{
    std::set<tc::job_status> jobs;
    std::set<tc::item_status> items;
    std::set<std::optional<tc::publication_status>> publications;
    std::set<std::size_t> counts;
    std::set<std::int64_t> unit_costs;
    std::set<bool> auto_publish, metadata, client_item_id, rejected_named, rejected_items;
    std::size_t all_rejected = 0;
    for (const auto& job : sample(tt::gen_bulk_job(), 600, 3)) {
        jobs.insert(job.status);
        counts.insert(job.items.size());
        auto_publish.insert(job.auto_publish);
        metadata.insert(job.metadata.has_value());
        const auto accepted = job.queued + job.generating + job.completed + job.failed;
        if (accepted > 0) unit_costs.insert(job.credits.reserved / accepted);
        all_rejected += accepted == 0;
        bool any_rejected = false;
        for (const auto& i : job.items) {
            items.insert(i.status);
            if (i.status != tc::item_status::rejected) publications.insert(i.publication_status);
            client_item_id.insert(i.client_item_id.has_value());
            if (i.status == tc::item_status::rejected) {
                rejected_named.insert(i.tent_name.has_value());
                any_rejected = true;
            }
        }
        rejected_items.insert(any_rejected);
    }
    CHECK(jobs.size() == 5);
    CHECK(items.size() == 5);
    CHECK(publications.size() == 5); // absent, pending, published, published_with_warnings, failed
    CHECK(*counts.begin() == 1);
    CHECK(*counts.rbegin() == 25);
    CHECK(unit_costs == std::set<std::int64_t>{1, 2, 3, 4, 5});
    CHECK(auto_publish.size() == 2);
    CHECK(metadata.size() == 2);
    CHECK(client_item_id.size() == 2);
    CHECK(rejected_named.size() == 2);
    CHECK(rejected_items.size() == 2);
    CHECK(all_rejected > 0);
}

TEST_CASE("shrinking a failing property leads to a small, readable job", "[generator][shrinking]")
{
    // A property that fails for jobs of 3 items or more: the counterexample RapidCheck reports
    // should be shrunk to exactly 3 items, empty strings and no optional extras.
    rc::detail::TestParams params;
    params.seed = 42;
    rc::detail::TestMetadata metadata;
    metadata.id = metadata.description = "fewer than 3 items";
    // A listener of our own: the default one would record this expected failure and make
    // RapidCheck print a "reproduce" line at exit, as if a real property had failed.
    struct quiet : rc::detail::TestListener
    {
        void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
        void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
        void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
    } listener;
    const auto result = rc::detail::checkTestable(
        [](const tc::bulk_job& job) { RC_ASSERT(job.items.size() < 3u); }, metadata, params, listener);
    REQUIRE(result.template is<rc::detail::FailureResult>());
    const auto& failure = result.template get<rc::detail::FailureResult>();
    REQUIRE(failure.counterExample.size() == 1);
    // RapidCheck shows the arguments as a tuple, "(" the job's JSON (from showValue) ")".
    auto shown = failure.counterExample.front().second;
    INFO(shown);
    REQUIRE(shown.size() > 2);
    REQUIRE(shown.front() == '(');
    shown = shown.substr(1, shown.size() - 2);
    const auto json = boost::json::parse(shown).as_object();
    CHECK(json.at("items").as_array().size() == 3);
    CHECK(json.at("auto_publish").as_bool() == false);
    CHECK(json.at("template_id").as_string() == "tpl_0");
    CHECK(json.at("bulk_job_id").as_string() == "00000000000000000000000000");
    CHECK_FALSE(json.contains("metadata"));
    CHECK(json.at("created_at").as_string() == json.at("updated_at").as_string());
    for (const auto& item : json.at("items").as_array()) CHECK_FALSE(item.as_object().contains("client_item_id"));
    CHECK(shown.size() < 800);
}

TEST_CASE("Arbitrary covers the three status enums", "[generator]")
{
    CHECK(sample(rc::gen::arbitrary<tc::job_status>(), 200, 4).size() == 200);
    std::set<tc::item_status> items;
    for (auto s : sample(rc::gen::arbitrary<tc::item_status>(), 200, 5)) items.insert(s);
    CHECK(items.size() == 5);
    std::set<tc::publication_status> publications;
    for (auto s : sample(rc::gen::arbitrary<tc::publication_status>(), 200, 6)) publications.insert(s);
    CHECK(publications.size() == 4);
}
