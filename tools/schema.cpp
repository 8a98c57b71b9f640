// tented-contract schema: the contract as a JSON Schema (draft 2020-12), or as an OpenAPI 3.1
// document of the endpoint, generated from the described types (schema.hpp).
#include "command.hpp"

#include <tented/contract/schema.hpp>

#include <boost/json/serialize.hpp>

#include <iostream>

namespace tented::contract::cli {

namespace {

struct schema_args
{
    check_settings check;
    bool openapi = false;
    bool expressed = false;
};

int print_schema(const schema_args& a)
{
    const auto opts = a.check.to_options();
    if (a.expressed) {
        for (const auto& r : catalogue())
            if (schema_expresses(r.which, opts)) std::cout << r.id << '\n';
        return exit_ok;
    }
    std::cout << boost::json::serialize(a.openapi ? openapi(opts) : json_schema(opts)) << '\n';
    return exit_ok;
}

} // namespace

verb add_schema(CLI::App& app)
{
    auto a = std::make_shared<schema_args>();
    auto* cmd = app.add_subcommand("schema", "Print the contract as a JSON Schema (draft 2020-12), generated from "
                                             "the kit's types; the rule options shape it as they shape validate");
    auto* openapi_flag = cmd->add_flag("--openapi", a->openapi, "Print an OpenAPI 3.1 document of the endpoint instead");
    cmd->add_flag("--expressed", a->expressed, "List the rules the schema expresses, one id a line")->excludes(openapi_flag);
    add_rule_options(*cmd, a->check);
    return {cmd, [a] { return print_schema(*a); }};
}

} // namespace tented::contract::cli
