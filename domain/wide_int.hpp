#pragma once
// Exact intermediate products of two int64 amounts; GCC and Clang have it.
namespace mswa::domain {
__extension__ typedef __int128 i128;
}  // namespace mswa::domain
