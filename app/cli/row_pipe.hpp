// A file's rows, read and checked on a thread of their own and handed to the
// storing thread in batches: the reading overlaps the storing. At most a few
// batches wait, so memory stays that deep whatever the file's size.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace rolefit::app {

template <typename Row>
class RowPipe {
 public:
  static constexpr std::size_t kBatch = 256, kWaiting = 4;

  // Hands `rows` over and leaves it empty, ready for the next batch. Throws
  // Stopped once the storing side has given up.
  void put(std::vector<Row>& rows) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopped_ || waiting_.size() < kWaiting; });
    if (stopped_) throw Stopped{};
    waiting_.push_back(std::move(rows));
    rows.clear();
    rows.reserve(kBatch);
    ready_.notify_one();
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_one();
  }
  // Empty once the reader is done and everything was taken.
  std::vector<Row> take() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !waiting_.empty(); });
    if (waiting_.empty()) return {};
    auto rows = std::move(waiting_.front());
    waiting_.pop_front();
    room_.notify_one();
    return rows;
  }
  // The storing side gave up: the reader stops at its next batch.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    room_.notify_one();
  }
  struct Stopped {};

 private:
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<Row>> waiting_;
  bool closed_ = false, stopped_ = false;
};

// Runs `read` on a thread of its own, feeding `pipe`; stops and joins it
// however the storing side ends (the reader is always waited for).
template <typename Row>
class PipeReader {
 public:
  template <typename Read>
  PipeReader(RowPipe<Row>& pipe, Read&& read) : pipe_(pipe), thread_(std::forward<Read>(read)) {}
  PipeReader(const PipeReader&) = delete;
  PipeReader& operator=(const PipeReader&) = delete;
  ~PipeReader() {
    pipe_.stop();
    join();
  }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  RowPipe<Row>& pipe_;
  std::thread thread_;
};

}  // namespace rolefit::app
