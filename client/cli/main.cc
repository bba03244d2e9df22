// SPDX-License-Identifier: EUPL-1.2
// paraat: the command-line client.
#include <cstdlib>
#include <iostream>

#include "client/cli/cli.h"

int main(int argc, char** argv) {
  // The CLI reports errors itself; gRPC's own log lines would only repeat them.
  setenv("GRPC_VERBOSITY", "NONE", 0);
  return paraat::cli::Run(argc, argv, std::cout, std::cerr, std::cin);
}
