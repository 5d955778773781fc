#pragma once
namespace mswa::api {
// mswa-grants serve | migrate | user add: returns the process exit code.
int run_cli(int argc, char** argv);
}  // namespace mswa::api
