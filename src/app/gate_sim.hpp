// `propdesk gate-sim`: plays a Vzenith LPR gate camera (HTTP push protocol) against a PropDesk
// server, for demos, browser tests and benchmarks. Plain HTTP only, like the cameras on a site's LAN.
#pragma once

#include <CLI/CLI.hpp>

namespace propdesk::app {

void add_gate_sim_command(CLI::App& cli);

}  // namespace propdesk::app
