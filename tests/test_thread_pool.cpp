// The core's one thread pool: every index once, exceptions reach the caller (from a worker's
// task, the caller's own share and a thread scope), results independent of the thread count,
// zero and one item, nested runs, and the "0 = all cores" rule.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "util/thread_pool.h"

using namespace fedhap;

namespace {

// Runs fn and returns what() of the std::runtime_error it threw ("" when it threw nothing).
template <class Fn>
std::string error_of(Fn&& fn) {
    try {
        fn();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return {};
}

// A sum over blocks reduced in block order: the same bits with any thread count.
double blocked_sum(ThreadPool& pool, const std::vector<double>& v) {
    constexpr std::size_t kGrain = 7;
    std::vector<double> partial((v.size() + kGrain - 1) / kGrain, 0.0);
    pool.run_blocks(v.size(), kGrain, [&](std::size_t begin, std::size_t end, std::size_t) {
        double s = 0.0;
        for (std::size_t i = begin; i < end; ++i) s += v[i];
        partial[begin / kGrain] = s;
    });
    return std::accumulate(partial.begin(), partial.end(), 0.0);
}

}  // namespace

class ThreadPoolTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void zero_means_all_cores() {
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        QCOMPARE(resolve_thread_count(0), cores);
        QCOMPARE(resolve_thread_count(-3), cores);
        QCOMPARE(resolve_thread_count(5), 5);
        QCOMPARE(ThreadPool(3).threads(), std::size_t(3));
        QCOMPARE(ThreadPool(1).threads(), std::size_t(1));
        QCOMPARE(ThreadPool(0).threads(), static_cast<std::size_t>(cores));
    }

    void visits_every_index_once() {
        for (int threads : {1, 2, 4, 8}) {
            ThreadPool pool(threads);
            for (std::size_t n : {std::size_t(1), std::size_t(3), std::size_t(1000)}) {
                std::vector<std::atomic<int>> seen(n);
                std::atomic<bool> slot_ok{true};
                pool.run(n, [&](std::size_t i, std::size_t slot) {
                    ++seen[i];
                    if (slot >= pool.threads()) slot_ok = false;
                });
                QVERIFY(slot_ok);
                for (std::size_t i = 0; i < n; ++i) QCOMPARE(seen[i].load(), 1);
            }
        }
    }

    void blocks_cover_the_range_in_fixed_blocks() {
        ThreadPool pool(3);
        std::vector<int> seen(1000, 0);
        std::vector<std::size_t> block_of(1000);
        std::atomic<bool> bounds_ok{true};  // no QVERIFY off the test's thread
        pool.run_blocks(1000, 32, [&](std::size_t begin, std::size_t end, std::size_t slot) {
            if (slot >= 3 || begin % 32 != 0 || end != std::min<std::size_t>(1000, begin + 32)) bounds_ok = false;
            for (std::size_t i = begin; i < end; ++i) {
                ++seen[i];
                block_of[i] = begin / 32;
            }
        });
        QVERIFY(bounds_ok);
        for (std::size_t i = 0; i < seen.size(); ++i) {
            QCOMPARE(seen[i], 1);
            QCOMPARE(block_of[i], i / 32);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pool.run_blocks(10, 0, [](std::size_t, std::size_t, std::size_t) {}));
    }

    void zero_and_one_item() {
        ThreadPool pool(4);
        int calls = 0;
        pool.run(0, [&](std::size_t, std::size_t) { ++calls; });
        pool.run_blocks(0, 16, [&](std::size_t, std::size_t, std::size_t) { ++calls; });
        QCOMPARE(calls, 0);
        std::size_t got_slot = 99;
        pool.run(1, [&](std::size_t i, std::size_t slot) {
            QCOMPARE(i, std::size_t(0));
            got_slot = slot;
            ++calls;
        });
        QCOMPARE(calls, 1);
        QCOMPARE(got_slot, std::size_t(0));  // a single item runs on the caller
        pool.run_blocks(5, 16, [&](std::size_t begin, std::size_t end, std::size_t) {
            QCOMPARE(begin, std::size_t(0));
            QCOMPARE(end, std::size_t(5));
            ++calls;
        });
        QCOMPARE(calls, 2);
    }

    void results_do_not_depend_on_the_thread_count() {
        std::vector<double> v(10007);
        for (std::size_t i = 0; i < v.size(); ++i) v[i] = 1.0 / (1.0 + static_cast<double>(i * i % 977));
        ThreadPool one(1);
        const double reference = blocked_sum(one, v);
        for (int threads : {2, 3, 8}) {
            ThreadPool pool(threads);
            for (int repeat = 0; repeat < 20; ++repeat) QCOMPARE(blocked_sum(pool, v), reference);  // bit for bit
        }
    }

    void a_worker_task_that_throws_reaches_the_caller() {
        ThreadPool pool(4);
        for (int repeat = 0; repeat < 50; ++repeat) {
            std::atomic<int> done{0};
            const std::string what = error_of([&] {
                pool.run(100, [&](std::size_t i, std::size_t) {
                    if (i == 57) throw std::runtime_error("item 57 failed");
                    ++done;
                });
            });
            QCOMPARE(what, std::string("item 57 failed"));
            QVERIFY(done < 100);
        }
        // The pool still works after a failed run.
        std::atomic<int> count{0};
        pool.run(100, [&](std::size_t, std::size_t) { ++count; });
        QCOMPARE(count.load(), 100);
    }

    void the_callers_own_share_that_throws_reaches_the_caller() {
        ThreadPool pool(3);
        for (int repeat = 0; repeat < 20; ++repeat) {
            // Each worker holds its first item until the caller has thrown, so the caller takes
            // at least one of the three items, and it throws.
            std::atomic<bool> thrown{false};
            const std::string what = error_of([&] {
                pool.run(3, [&](std::size_t, std::size_t slot) {
                    if (slot == 0) {
                        thrown = true;
                        throw std::runtime_error("caller failed");
                    }
                    for (int wait = 0; !thrown && wait < 5000; ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                });
            });
            QCOMPARE(what, std::string("caller failed"));
        }
        // Every thread throws, the caller certainly among them: one exception comes out.
        QCOMPARE(error_of([&] { pool.run(1000, [](std::size_t, std::size_t) { throw std::runtime_error("all failed"); }); }),
                 std::string("all failed"));
        // A pool without workers: everything runs on the caller.
        ThreadPool alone(1);
        QCOMPARE(error_of([&] { alone.run(3, [](std::size_t i, std::size_t) { if (i == 1) throw std::runtime_error("one"); }); }),
                 std::string("one"));
    }

    void a_thread_scope_wraps_each_share_and_its_errors_surface() {
        ThreadPool pool(3);
        thread_local int marker = 0;
        std::atomic<int> scopes{0}, marked{0};
        pool.run(300, [&](std::size_t, std::size_t) { marked += marker == 7; },
                 [&](std::size_t, const std::function<void()>& share) {
                     ++scopes;
                     marker = 7;
                     share();
                     marker = 0;
                 });
        QVERIFY(scopes >= 1 && scopes <= 3);
        QCOMPARE(marked.load(), 300);  // every task ran inside its thread's scope
        QCOMPARE(error_of([&] {
                     pool.run(10, [](std::size_t, std::size_t) {},
                              [](std::size_t, const std::function<void()>&) { throw std::runtime_error("scope failed"); });
                 }),
                 std::string("scope failed"));
    }

    void a_nested_run_goes_inline() {
        ThreadPool pool(3);
        std::vector<std::atomic<int>> seen(20 * 30);
        std::atomic<bool> same_slot{true};
        pool.run(20, [&](std::size_t i, std::size_t outer_slot) {
            pool.run(30, [&](std::size_t j, std::size_t inner_slot) {
                if (inner_slot != outer_slot) same_slot = false;
                ++seen[i * 30 + j];
            });
        });
        QVERIFY(same_slot);
        for (auto& s : seen) QCOMPARE(s.load(), 1);
    }

    void several_callers_share_one_pool() {
        ThreadPool pool(3);
        std::atomic<long> total{0};
        std::vector<std::thread> callers;
        for (int c = 0; c < 4; ++c)
            callers.emplace_back([&] {
                for (int r = 0; r < 20; ++r) pool.run(50, [&](std::size_t i, std::size_t) { total += static_cast<long>(i); });
            });
        for (auto& t : callers) t.join();
        QCOMPARE(total.load(), 4L * 20L * (49L * 50L / 2L));
    }
};

QTEST_APPLESS_MAIN(ThreadPoolTest)
#include "test_thread_pool.moc"
