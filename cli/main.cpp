// build/tender: a thin main over the cli library.
#include <iostream>

#include "tender/cli/app.hpp"

int main(int argc, char** argv) { return tender::cli::run(argc, argv, std::cout, std::cerr); }
