// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_VALIDATE_HPP
#define TENTED_CONTRACT_DETAIL_VALIDATE_HPP

#include <tented/contract/detail/checks.hpp>
#include <tented/contract/detail/decode.hpp>
#include <tented/contract/encode.hpp>
#include <tented/contract/validate.hpp>

namespace tented::contract::detail {

/// A validation in progress: the job's members as decoded, its items as they streamed past.
struct validation
{
    document doc;
    item_facts facts;
    item_stream items;

    explicit validation(std::string_view source) : facts(source)
    {
        items.done = [this](sink& out, std::size_t i, const bulk_job_item& item,
                            const object_shadow<bulk_job_item>& shadow, const slot& element) {
            check_item(item_view{item, shadow, element, i}, facts, out);
        };
    }

    validation(const validation&) = delete;
    validation& operator=(const validation&) = delete;

    report finish(const options& opts, std::string_view text)
    {
        if (doc.has_job()) {
            sink out(opts, doc.found);
            check_job(doc.job, doc.shadow, facts, out);
        }
        report r;
        sort_by_position(doc.found);
        r.diagnostics = std::move(doc.found);
        locate_all(r, text);
        return r;
    }
};

} // namespace tented::contract::detail

namespace tented::contract {

inline report validate(std::string_view json, const options& opts)
{
    detail::validation v(json);
    detail::decode_text(json, opts, v.doc, &v.items);
    return v.finish(opts, json);
}

inline report validate(const boost::json::value& json, const options& opts)
{
    detail::validation v({});
    detail::decode_value(json, opts, v.doc, &v.items);
    return v.finish(opts, {});
}

inline report validate(const bulk_job& job, const options& opts) { return validate(encode(job), opts); }

} // namespace tented::contract

#endif
