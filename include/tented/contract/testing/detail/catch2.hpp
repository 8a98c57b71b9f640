// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_CATCH2_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_CATCH2_HPP

#include <tented/contract/encode.hpp>
#include <tented/contract/testing/catch2.hpp>
#include <tented/contract/testing/detail/print.hpp>
#include <tented/contract/validate.hpp>

namespace tented::contract::testing {

TENTED_CONTRACT_TESTING_DECL std::string format_findings(const report& r, std::string_view indent)
{
    if (r.diagnostics.empty()) return std::string(indent) + "no findings";
    std::string s;
    for (const auto& d : r.diagnostics) {
        if (!s.empty()) s += '\n';
        s.append(indent).append(format_finding(d));
    }
    return s;
}

TENTED_CONTRACT_TESTING_DECL bool bulk_job_matcher::match(const std::string& payload) const
{
    return judge(validate(std::string_view(payload), opts_));
}

TENTED_CONTRACT_TESTING_DECL bool bulk_job_matcher::match(std::string_view payload) const
{
    return judge(validate(payload, opts_));
}

TENTED_CONTRACT_TESTING_DECL bool bulk_job_matcher::match(const char* payload) const
{
    return judge(validate(std::string_view(payload), opts_));
}

TENTED_CONTRACT_TESTING_DECL bool bulk_job_matcher::match(const boost::json::value& payload) const
{
    return judge(validate(payload, opts_));
}

TENTED_CONTRACT_TESTING_DECL bool bulk_job_matcher::match(const bulk_job& job) const { return judge(validate(job, opts_)); }

TENTED_CONTRACT_TESTING_DECL bool bulk_job_matcher::judge(report r) const
{
    last_ = std::move(r);
    ran_ = true;
    matched_ = expect_ == expectation::valid ? last_.ok() : last_.raises(rule_);
    return matched_;
}

TENTED_CONTRACT_TESTING_DECL std::string bulk_job_matcher::describe() const
{
    std::string s = expect_ == expectation::valid ? "is a valid bulk-job response" : "raises " + rule_;
    if (ran_ && !matched_) s += "; the findings:\n" + format_findings(last_);
    return s;
}

} // namespace tented::contract::testing

namespace Catch {

TENTED_CONTRACT_TESTING_DECL std::string StringMaker<tented::contract::bulk_job>::convert(const tented::contract::bulk_job& v)
{
    return tented::contract::to_json(v);
}

TENTED_CONTRACT_TESTING_DECL std::string
StringMaker<tented::contract::bulk_job_item>::convert(const tented::contract::bulk_job_item& v)
{
    return tented::contract::testing::detail::json_text(v);
}

TENTED_CONTRACT_TESTING_DECL std::string StringMaker<tented::contract::credits>::convert(const tented::contract::credits& v)
{
    return tented::contract::testing::detail::json_text(v);
}

TENTED_CONTRACT_TESTING_DECL std::string StringMaker<tented::contract::job_status>::convert(tented::contract::job_status v)
{
    return tented::contract::testing::detail::json_text(v);
}

TENTED_CONTRACT_TESTING_DECL std::string StringMaker<tented::contract::item_status>::convert(tented::contract::item_status v)
{
    return tented::contract::testing::detail::json_text(v);
}

TENTED_CONTRACT_TESTING_DECL std::string
StringMaker<tented::contract::publication_status>::convert(tented::contract::publication_status v)
{
    return tented::contract::testing::detail::json_text(v);
}

} // namespace Catch

#endif
