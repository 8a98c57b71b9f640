// tented-contract rules: the catalogue, as a table or as JSON.
#include "command.hpp"

#include <boost/json/serialize.hpp>

#include <iomanip>
#include <iostream>

namespace tented::contract::cli {

namespace {

int list_rules(const std::string& format)
{
    if (format == "json") {
        boost::json::array rules;
        for (const auto& r : catalogue())
            rules.push_back(boost::json::object{{"rule", r.id}, {"severity", to_string(r.default_severity)},
                                                {"summary", r.summary}, {"source", r.source}});
        std::cout << boost::json::serialize(boost::json::object{{"version", 1}, {"rules", std::move(rules)}}) << '\n';
        return exit_ok;
    }
    for (const auto& r : catalogue())
        std::cout << std::left << std::setw(34) << r.id << ' ' << std::setw(8) << to_string(r.default_severity) << ' '
                  << r.summary << '\n';
    return exit_ok;
}

} // namespace

verb add_rules(CLI::App& app)
{
    auto format = std::make_shared<std::string>("text");
    auto* cmd = app.add_subcommand("rules", "List every rule: id, severity, summary");
    cmd->add_option("--format", *format, "text or json")->check(one_of({"text", "json"}, "an output format"));
    return {cmd, [format] { return list_rules(*format); }};
}

} // namespace tented::contract::cli
