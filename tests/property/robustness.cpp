// The validator never throws or crashes, whatever it is given: arbitrary bytes, damaged payloads,
// arbitrary JSON values, typed jobs holding nonsense. It reports instead (docs/contract.md section 1;
// only the options' setters, where users type rule ids, throw). A failing property prints its
// seed: RC_PARAMS="seed=N".
#include <tented/contract/testing/rapidcheck.hpp>

#include <tented/contract/decode.hpp>
#include <tented/contract/testing/catch2.hpp>
#include <tented/contract/validate.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

namespace tc = tented::contract;
namespace tt = tented::contract::testing;

namespace {

/// What every report must satisfy: catalogue rule ids, and positions inside the text.
void require_well_formed(const tc::report& r, std::string_view text, bool positioned)
{
    for (const auto& d : r.diagnostics) {
        RC_ASSERT(tc::find_rule(d.rule).has_value());
        RC_ASSERT(!d.message.empty());
        if (!positioned) {
            RC_ASSERT(d.offset == tc::unknown_position);
            continue;
        }
        RC_ASSERT(d.offset <= text.size());
        RC_ASSERT(d.line >= 1u);
        RC_ASSERT(d.column >= 1u);
    }
}

/// `validate(input)`, failing the property with the exception's message if it throws.
template <class Input>
tc::report validate_or_fail(const Input& input)
{
    std::string what;
    try {
        return tc::validate(input);
    } catch (const std::exception& e) {
        what = e.what();
    }
    RC_FAIL("validate threw: " + what);
    return {};
}

} // namespace

TEST_CASE("the validator never throws on arbitrary bytes and damaged payloads", "[property][robustness]")
{
    rc::prop("validate(text) reports, never throws", [] {
        const auto text = *tt::gen_hostile_payload();
        const auto r = validate_or_fail(text);
        require_well_formed(r, text, true);
        // decode reports a subset of what validate reports: it stops before the rules.
        const auto d = tc::decode(text);
        for (const auto& id : d.findings.rule_ids()) RC_ASSERT(r.raises(id));
    });
    rc::prop("validate(text) on raw bytes", [](const std::string& bytes) {
        const auto r = validate_or_fail(bytes);
        require_well_formed(r, bytes, true);
    });
}

TEST_CASE("the validator never throws on arbitrary JSON values, and a value and its text raise the same rules",
          "[property][robustness]")
{
    const auto same_rules = [](const boost::json::value& v) {
        const auto from_value = validate_or_fail(v);
        const auto text = boost::json::serialize(v);
        const auto from_text = validate_or_fail(text);
        require_well_formed(from_value, {}, false);
        require_well_formed(from_text, text, true);
        // Boost 1.81 parses numbers imprecisely: a long double such as 2136996262832752.25 is
        // written 2.1369962628327522E15 and read back as 2136996262832752 (whole). The text then
        // holds another value, whose rules may differ; compare only when it reads back the same.
        if (boost::json::parse(text) == v) RC_ASSERT(from_value.rule_ids() == from_text.rule_ids());
    };
    rc::prop("arbitrary values", [&] { same_rules(*tt::gen_json_value()); });
    rc::prop("valid jobs with a subtree replaced or removed", [&] { same_rules(*tt::detail::gen_damaged_job()); });
}

TEST_CASE("a value nested past the depth limit raises json/depth, as a value and as text", "[property][robustness]")
{
    rc::prop("metadata nested k levels: json/depth exactly when 2 + k > 64", [](const tc::bulk_job& job) {
        const auto k = *rc::gen::inRange<std::size_t>(0, 300);
        boost::json::value deep = nullptr;
        for (std::size_t i = 0; i < k; ++i) deep = boost::json::array{std::move(deep)};
        auto v = tc::encode(job);
        v.as_object()["metadata"] = boost::json::object{{"deep", std::move(deep)}};
        const bool too_deep = 2 + k > 64; // the root, metadata, then k arrays
        const auto from_value = validate_or_fail(v);
        const auto from_text = validate_or_fail(boost::json::serialize(v));
        RC_ASSERT(from_value.raises("json/depth") == too_deep);
        RC_ASSERT(from_value.rule_ids() == from_text.rule_ids());
        RC_ASSERT(from_value.diagnostics.size() == (too_deep ? 1u : 0u));
    });
}

TEST_CASE("the validator never throws on typed jobs holding nonsense", "[property][robustness]")
{
    // Member by member: any integers (negative, huge), any strings (even invalid UTF-8), any
    // enumerators, in any combination.
    using tt::detail::gen_optional;
    const auto any_text = rc::gen::arbitrary<std::string>();
    const auto nonsense_item = rc::gen::build<tc::bulk_job_item>(
        rc::gen::set(&tc::bulk_job_item::index), rc::gen::set(&tc::bulk_job_item::status),
        rc::gen::set(&tc::bulk_job_item::client_item_id, gen_optional(any_text)),
        rc::gen::set(&tc::bulk_job_item::tent_id,
                     gen_optional(rc::gen::map(any_text, [](std::string s) { return tc::uuid{std::move(s)}; }))),
        rc::gen::set(&tc::bulk_job_item::publication_status,
                     gen_optional(rc::gen::arbitrary<tc::publication_status>())),
        rc::gen::set(&tc::bulk_job_item::message, gen_optional(any_text)));
    const auto nonsense_job = rc::gen::build<tc::bulk_job>(
        rc::gen::set(&tc::bulk_job::bulk_job_id, rc::gen::map(rc::gen::arbitrary<std::string>(), [](std::string s) {
                         return tc::ulid{std::move(s)};
                     })),
        rc::gen::set(&tc::bulk_job::status), rc::gen::set(&tc::bulk_job::auto_publish),
        rc::gen::set(&tc::bulk_job::total), rc::gen::set(&tc::bulk_job::queued),
        rc::gen::set(&tc::bulk_job::generating), rc::gen::set(&tc::bulk_job::completed),
        rc::gen::set(&tc::bulk_job::failed),
        rc::gen::set(&tc::bulk_job::items, rc::gen::container<std::vector<tc::bulk_job_item>>(nonsense_item)),
        rc::gen::set(&tc::bulk_job::created_at, rc::gen::map(rc::gen::arbitrary<std::string>(), [](std::string s) {
                         return tc::timestamp{std::move(s)};
                     })));
    rc::prop("validate(job) reports, never throws", [&] {
        const auto job = *nonsense_job;
        const auto r = validate_or_fail(job);
        require_well_formed(r, {}, false);
    });
}
