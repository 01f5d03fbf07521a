// The sla command: everything is in cli.cpp.
#include "cli.hpp"

#include <iostream>

int main(int argc, char** argv) {
  return sla::run_cli(argc, argv, std::cout, std::cerr);
}
