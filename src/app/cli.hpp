// The operator commands, each a CLI11 subcommand.
#pragma once

#include <CLI/CLI.hpp>

namespace propdesk::app {

void add_commands(CLI::App& cli);
int exit_code();  // set by the command that ran

}  // namespace propdesk::app
