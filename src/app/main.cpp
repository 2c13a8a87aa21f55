// propdesk: serve | migrate | user add | import units|residents | backup
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "app/cli.hpp"

int main(int argc, char** argv) {
    CLI::App cli{"PropDesk — the property-management service centre's system"};
    cli.require_subcommand(1);
    propdesk::app::add_commands(cli);
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return 1;
    }
    return propdesk::app::exit_code();
}
