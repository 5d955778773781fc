#include "api/cli.hpp"

int main(int argc, char** argv) { return mswa::api::run_cli(argc, argv); }
