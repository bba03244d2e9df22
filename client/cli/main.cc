// SPDX-License-Identifier: EUPL-1.2
// paraat: the command-line client.
#include <iostream>

#include "client/cli/cli.h"

int main(int argc, char** argv) { return paraat::cli::Run(argc, argv, std::cout, std::cerr, std::cin); }
