#pragma once
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace rolefit {

inline constexpr std::size_t kMaxShares = 8;

// Splits [0, count) into contiguous shares, one per thread (at most kMaxShares, and
// none smaller than minPerThread), and calls work(begin, end, share) for each.
// Returns the number of shares, so callers can join per-share output in order.
template <typename Work>
std::size_t parallelShares(std::size_t count, std::size_t minPerThread, Work&& work) {
  const std::size_t hardware = std::max<unsigned>(std::thread::hardware_concurrency(), 1u);
  const std::size_t shares = std::clamp<std::size_t>(std::min(hardware, count / std::max<std::size_t>(minPerThread, 1)), 1,
                                                    kMaxShares);
  auto run = [&](std::size_t share) { work(count * share / shares, count * (share + 1) / shares, share); };
  std::vector<std::thread> pool;
  pool.reserve(shares - 1);
  for (std::size_t s = 1; s < shares; ++s) pool.emplace_back(run, s);
  run(0);
  for (auto& thread : pool) thread.join();
  return shares;
}

}  // namespace rolefit
