// tented-contract: contract validation and replay for GET /v1/bulk-jobs/{bulkJobId}
#ifndef TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_FORMAT_HPP
#define TENTED_CONTRACT_TESTING_DETAIL_VIOLATIONS_FORMAT_HPP

#include <tented/contract/testing/detail/violations/edit.hpp>

namespace tented::contract::testing::detail {

/// The violation generators of section 2: the formats of identifiers, timestamps, URLs and codes, in catalogue order.
inline void add_format_violations(violation_table& t)
{
    using is = item_status;
    using js = job_status;
    t.add("format/ulid", "gives bulk_job_id the wrong length, a letter I L O U or a hyphen, a first character above 7, or a UUID",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            std::string id = job.bulk_job_id.text;
            const std::size_t at = pick % id.size();
            switch (how % 7) {
            case 0: id.pop_back(); break;
            case 1: id += crockford_alphabet[pick % crockford_alphabet.size()]; break;
            case 2: id[at] = "ILOU"[pick % 4]; break;
            case 3: id[at] = "iloU-_*"[pick % 7]; break;
            case 4: id[0] = crockford_alphabet[8 + pick % (crockford_alphabet.size() - 8)]; break;
            case 5: id = ""; break;
            default: id = "b6f8d617-7cfe-4d63-a8e9-5d971780d57f"; break;
            }
            e.root()["bulk_job_id"] = id;
        }, gen_pick(), gen_pick()));

    t.add("format/ulid-canonical", "writes bulk_job_id in lowercase (wholly or partly)",
        change(any_job(), [](const bulk_job& job, edit& e, bool whole, std::size_t pick) {
            std::string id = job.bulk_job_id.text;
            if (id.find_first_of(upper_alphabet) == std::string::npos) id.back() = 'Z';
            if (whole) {
                id = lowercase(id);
            } else {
                // Lowercase one letter (at least one, scanning from `pick`).
                for (std::size_t k = 0; k < id.size(); ++k) {
                    char& c = id[(pick + k) % id.size()];
                    if (c >= 'A' && c <= 'Z') {
                        c = static_cast<char>(c - 'A' + 'a');
                        break;
                    }
                }
            }
            e.root()["bulk_job_id"] = id;
        }, rc::gen::arbitrary<bool>(), gen_pick()));

    t.add("format/uuid", "gives an accepted item's tent_id no hyphens, braces, a urn: prefix, a non-hex digit, one digit too few or too many",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, accepted);
            const auto i = candidates[pick % candidates.size()];
            std::string id = job.items[i].tent_id->text;
            switch (how % 7) {
            case 0: id.erase(std::remove(id.begin(), id.end(), '-'), id.end()); break;
            case 1: id = "{" + id + "}"; break;
            case 2: id = "urn:uuid:" + id; break;
            case 3: id[pick % 8] = "gxz"[pick % 3]; break;
            case 4: id.pop_back(); break;
            case 5: id += '0'; break;
            default: id = uppercase(id.substr(0, 35)); break;
            }
            e.item(i)["tent_id"] = id;
        }, gen_pick(), gen_pick()));

    t.add("format/uuid-canonical", "writes an accepted item's tent_id in uppercase, or makes it another version, another variant, or nil",
        change(job_with_accepted(), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, accepted);
            const auto i = candidates[pick % candidates.size()];
            std::string id = job.items[i].tent_id->text;
            switch (how % 4) {
            case 0:
                id[19] = "ab"[pick % 2]; // makes sure there is a letter to uppercase
                id = uppercase(id);
                break;
            case 1: id[14] = "01235678"[pick % 8]; break;
            case 2: id[19] = "01234567cdef"[pick % 12]; break;
            default: id = "00000000-0000-0000-0000-000000000000"; break;
            }
            e.item(i)["tent_id"] = id;
        }, gen_pick(), gen_pick()));

    t.add("format/timestamp", "spells created_at or updated_at out of RFC 3339: a space for T, no or a bad offset, date only, "
                              "an empty or too long fraction, hour 24, minute 60, February 30, February 29 of 2023, month 13",
        change(any_job(), [](const bulk_job& job, edit& e, bool created, std::size_t how) {
            std::string c = (created ? job.created_at : job.updated_at).text;
            switch (how % 12) {
            case 0: c[10] = ' '; break;
            case 1: c.pop_back(); break;
            case 2: c = c.substr(0, 23) + "+0000"; break;
            case 3: c = c.substr(0, 23) + "+09"; break;
            case 4: c = c.substr(0, 10); break;
            case 5: c = c.substr(0, 20) + "Z"; break;
            case 6: c.replace(11, 2, "24"); break;
            case 7: c.replace(5, 5, "02-30"); break;
            case 8: c.replace(0, 10, "2023-02-29"); break;
            case 9: c.replace(5, 2, "13"); break;
            case 10: c = c.substr(0, 23) + "1234567Z"; break;
            default: c.replace(14, 2, "60"); break;
            }
            e.root()[created ? "created_at" : "updated_at"] = c;
        }, rc::gen::arbitrary<bool>(), gen_pick()));

    t.add("format/timestamp-canonical", "respells created_at or updated_at as valid but not YYYY-MM-DDTHH:MM:SS.mmmZ: lowercase t "
                                        "and z, another offset, 6 or 9 fraction digits; created_at also without fraction or with one digit",
        change(any_job(), [](const bulk_job& job, edit& e, bool created, std::size_t how, int offset) {
            const auto spelling = static_cast<time_spelling>(1 + how % 6);
            // Dropping digits moves an instant earlier: only created_at may, so time/order still holds.
            if (spelling == time_spelling::no_fraction || spelling == time_spelling::one_digit) created = true;
            const auto& t = created ? job.created_at : job.updated_at;
            e.root()[created ? "created_at" : "updated_at"] = spell_time(time_ms(t), spelling, offset == 0 ? 60 : offset);
        }, rc::gen::arbitrary<bool>(), gen_pick(), rc::gen::inRange(-23 * 60 - 59, 23 * 60 + 60)));

    t.add("format/template-id", "gives template_id another prefix, no suffix, or a suffix with characters other than letters and digits",
        change(any_job(), [](const bulk_job& job, edit& e, std::size_t how) {
            const std::string suffix = job.template_id.text.substr(4);
            static const char* const odd[] = {"_", "-", ".", " ", "\xC3\xA9"};
            std::string s;
            switch (how % 6) {
            case 0: s = "tpl-" + suffix; break;
            case 1: s = "TPL_" + suffix; break;
            case 2: s = "tpl_"; break;
            case 3: s = suffix; break;
            case 4: s = "tpl_" + suffix + odd[how / 6 % 5] + "x"; break;
            default: s = "template_" + suffix; break;
            }
            e.root()["template_id"] = s;
        }, gen_pick()));

    t.add("format/url", "publishes a completed item at a URL that is not absolute https:// with a host",
        change(job_with(js::completed, {}, true), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick, bool warnings) {
            static const char* const urls[] = {
                "http://acme.tented-pages.com/page", "acme.tented-pages.com/page", "https://", "/acme/page", "",
                "ftp://acme.tented-pages.com/page", "https://acme.tented-pages.com/a page", "https://:443/page",
                "https://acme.tented-pages.com:https/page", "https:/acme.tented-pages.com"};
            const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status == is::completed; });
            auto& item = e.item(candidates[pick % candidates.size()]);
            item["publication_status"] = warnings ? "published_with_warnings" : "published";
            item["published_url"] = urls[how % 10];
        }, gen_pick(), gen_pick(), rc::gen::arbitrary<bool>()));

    t.add("format/error-code", "gives a rejected item's error_code lowercase, camelCase, kebab-case, a leading digit or underscore, or nothing",
        change(job_with(std::nullopt, {is::rejected}), [](const bulk_job& job, edit& e, std::size_t how, std::size_t pick) {
            const auto candidates = items_where(job, [](const bulk_job_item& i) { return i.status == is::rejected; });
            const auto i = candidates[pick % candidates.size()];
            const std::string code = job.items[i].error_code->text;
            std::string s;
            switch (how % 7) {
            case 0: s = lowercase(code) + "x"; break;
            case 1: s = "insufficientCredits"; break;
            case 2: s = "Insufficient" + code; break;
            case 3: s = code + "-X"; break;
            case 4: s = "1" + code; break;
            case 5: s = "_" + code; break;
            default: s = ""; break;
            }
            e.item(i)["error_code"] = s;
        }, gen_pick(), gen_pick()));
}

} // namespace tented::contract::testing::detail

#endif
