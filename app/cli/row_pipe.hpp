// A file's rows, read and checked on a thread of their own and handed to the
// storing thread in batches: the reading overlaps the storing. At most a few
// batches wait, so memory stays that deep whatever the file's size.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rolefit/util/files.hpp"

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

// Runs `read` on a thread of its own; `read(hand)` reads the file and calls
// `hand(row)` for each row, which goes to the storing side in batches. The
// reader is stopped and waited for however the storing side ends. A file that
// cannot be read is kept as a message (the verb refuses it, naming the file);
// anything else the reader throws is thrown again on the storing side.
template <typename Row>
class PipeReader {
 public:
  template <typename Read>
  explicit PipeReader(Read read) : thread_([this, read = std::move(read)]() mutable { run(read); }) {}
  PipeReader(const PipeReader&) = delete;
  PipeReader& operator=(const PipeReader&) = delete;
  ~PipeReader() {
    pipe_.stop();
    join();
  }

  // Empty once the reader is done and everything was taken.
  std::vector<Row> take() { return pipe_.take(); }
  // After the last take: the reader has ended, and how.
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  const std::optional<std::string>& fileError() const { return fileError_; }
  void rethrowIfFailed() const {
    if (failed_) std::rethrow_exception(failed_);
  }

 private:
  using Pipe = RowPipe<Row>;

  template <typename Read>
  void run(Read& read) {
    try {
      std::vector<Row> rows;
      rows.reserve(Pipe::kBatch);
      read([&](Row&& row) {
        rows.push_back(std::move(row));
        if (rows.size() == Pipe::kBatch) pipe_.put(rows);
      });
      if (!rows.empty()) pipe_.put(rows);
    } catch (const FileReadError& e) {
      fileError_ = e.what();
    } catch (const typename Pipe::Stopped&) {
      // the storing side gave up and says why
    } catch (...) {
      failed_ = std::current_exception();
    }
    pipe_.close();
  }

  Pipe pipe_;
  std::optional<std::string> fileError_;
  std::exception_ptr failed_;
  std::thread thread_;  // last: it starts once the rest exists
};

}  // namespace rolefit::app
