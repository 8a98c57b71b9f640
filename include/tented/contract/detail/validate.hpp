// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_DETAIL_VALIDATE_HPP
#define TENTED_CONTRACT_DETAIL_VALIDATE_HPP

#include <tented/contract/detail/checks.hpp>
#include <tented/contract/detail/decode.hpp>
#include <tented/contract/encode.hpp>
#include <tented/contract/validate.hpp>

namespace tented::contract::detail {

/// A validation in progress: the job's members as decoded, its items as they streamed past.
/// The items' findings are kept apart until the end: a repeated `items` member drops those of
/// the earlier ones (the rules read the last, as they do any repeated member), and a text that
/// turns out malformed drops them all (nothing is checked on a text that does not parse).
struct validation
{
    document doc;
    item_facts facts;
    std::vector<diagnostic> item_found;
    sink item_out;
    item_stream items;

    validation(std::string_view source, const options& opts) : facts(source), item_out(opts, item_found, &doc.tally)
    {
        items.context = this;
        items.begin = [](void* self) { static_cast<validation*>(self)->restart_items(); };
        items.done = [](void* self, std::size_t i, const bulk_job_item& item, const object_shadow<bulk_job_item>& shadow,
                        const slot& element) {
            auto& v = *static_cast<validation*>(self);
            check_item(item_view{item, shadow, element, i}, v.facts, v.item_out);
        };
    }

    /// An `items` array starts (another one when the member repeats: the rules read the last),
    /// announced by `total` when that came first.
    void restart_items()
    {
        facts.clear();
        if (slot_of<&bulk_job::total>(doc.shadow).present()) facts.expect(doc.job.total, item_out.opts().max_items);
        doc.tally.forget(item_found);
        item_found.clear();
    }

    validation(const validation&) = delete;
    validation& operator=(const validation&) = delete;

    report finish(const options& opts, std::string_view text, const slice_feed* feed = nullptr)
    {
        if (doc.has_job()) {
            doc.found.insert(doc.found.end(), std::make_move_iterator(item_found.begin()),
                             std::make_move_iterator(item_found.end()));
            sink out(opts, doc.found, &doc.tally);
            check_job(doc.job, doc.shadow, facts, out);
        }
        return finished_report(std::move(doc.found), doc.tally, text, feed);
    }
};

/// `validate(json, opts)`, the parser fed as `feed` says (a mapped file, a slice at a time).
inline report validate_text(std::string_view json, const options& opts, const slice_feed* feed = nullptr)
{
    validation v(json, opts);
    decode_text(json, opts, v.doc, &v.items, feed);
    return v.finish(opts, json, feed);
}

} // namespace tented::contract::detail

namespace tented::contract {

inline report validate(std::string_view json, const options& opts) { return detail::validate_text(json, opts); }

inline report validate(const boost::json::value& json, const options& opts)
{
    detail::validation v({}, opts);
    detail::decode_value(json, opts, v.doc, &v.items);
    return v.finish(opts, {});
}

inline report validate(const bulk_job& job, const options& opts) { return validate(encode(job), opts); }

} // namespace tented::contract

#endif
