// bench_codec: decode+validate and encode of seed examples through the generated types, fast
// path (simdjson On-Demand straight into the struct; writer straight into a string) against the
// Boost.JSON DOM path (parse + DOM decode; value_from + serialize). Counts heap allocations per
// operation (replaced operator new) and prints fast/DOM ratios after the table.
// docs/performance.md has the measured numbers and the command.
#include <sockspec/gen/chat.hpp>
#include <sockspec/gen/monitoring.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <new>

// ---- allocation counting ----

namespace {
std::size_t g_allocs = 0;
}

// GCC cannot see that these replace the global pair; the malloc/free pairing is correct.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
    ++g_allocs;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
#pragma GCC diagnostic pop

namespace {

namespace codec = sockspec::codec;

// ---- inputs: seed examples ----

// seeds/000_bd23eb8bc29d870d.txt, `event:created`, verbatim (pretty-printed).
constexpr char const event_created_pretty[] = R"({
  "_id": "507f1f77bcf86cd799439011",
  "title": "Suspicious Activity Reported",
  "description": "Multiple reports of suspicious person near Main St",
  "status": "active",
  "priority": "high",
  "eventTypeId": {
    "_id": "507f1f77bcf86cd799439012",
    "name": "Suspicious Activity",
    "color": "#ff5722"
  },
  "location": {
    "type": "Point",
    "coordinates": [-73.935242, 40.730610]
  },
  "locationDescription": "Near Main St and 5th Ave",
  "createdBy": {
    "_id": "507f1f77bcf86cd799439013",
    "firstName": "John",
    "lastName": "Operator"
  },
  "reportIds": ["507f1f77bcf86cd799439014", "507f1f77bcf86cd799439015"],
  "createdAt": "2026-01-12T10:30:00.000Z",
  "correlationId": "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
})";

// seeds/000, `report:created`.
constexpr char const report_created_pretty[] = R"({
  "_id": "507f1f77bcf86cd799439020",
  "title": "Broken Street Light",
  "description": "Street light out on Main St",
  "type": "citizen",
  "status": "pending",
  "source": "citizen",
  "location": {
    "type": "Point",
    "coordinates": [-73.935242, 40.730610]
  },
  "locationDescription": "Main St near 5th Ave",
  "reportedBy": {
    "_id": "507f1f77bcf86cd799439021",
    "firstName": "Alice",
    "lastName": "Citizen"
  },
  "reporterName": "Alice Citizen",
  "createdAt": "2026-01-12T10:25:00.000Z",
  "correlationId": "c3d4e5f6-a7b8-9012-cdef-123456789012"
})";

// seeds/000, `event:updated` (map of json changes).
constexpr char const event_updated_pretty[] = R"({
  "_id": "507f1f77bcf86cd799439011",
  "title": "Suspicious Activity Reported",
  "status": "assigned",
  "priority": "high",
  "assignedTo": {
    "_id": "507f1f77bcf86cd799439016",
    "firstName": "Jane",
    "lastName": "Responder"
  },
  "updatedAt": "2026-01-12T10:35:00.000Z",
  "changes": {
    "status": {
      "from": "active",
      "to": "assigned"
    }
  },
  "correlationId": "b2c3d4e5-f6a7-8901-bcde-f12345678901"
})";

// seeds/001, `new_message` (shape of the documented payload).
constexpr char const new_message_pretty[] = R"({
  "id": "507f1f77bcf86cd799439011",
  "conversationId": "507f1f77bcf86cd799439012",
  "senderId": "507f1f77bcf86cd799439013",
  "senderName": "john_doe",
  "text": "Hello, everyone!",
  "createdAt": "2025-12-22T10:30:00.000Z"
})";

// The compact form a JavaScript peer puts on the wire (JSON.stringify).
std::string compact(char const* pretty) {
    return codec::encode(boost::json::parse(pretty));
}

// A copy with simdjson's padding as spare capacity, so the fast path reads it in place.
std::string padded(std::string const& text) {
    std::string s;
    s.reserve(text.size() + codec::padding);
    s.assign(text);
    return s;
}

// ---- benchmarks ----

template <class T>
void decode_fast(benchmark::State& state, std::string const& text) {
    std::string const input = padded(text);
    codec::decode_error err;
    std::size_t const before = g_allocs;
    for (auto _ : state) {
        T v{};
        if (!codec::decode(simdjson::padded_string_view(input), v, err))
            state.SkipWithError(err.what().c_str());
        benchmark::DoNotOptimize(v);
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(g_allocs - before), benchmark::Counter::kAvgIterations);
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(text.size()));
}

// Decoding into the same object again and again: its strings and vectors keep their capacity,
// so steady state allocates nothing (a per-connection scratch value).
template <class T>
void decode_fast_reuse(benchmark::State& state, std::string const& text) {
    std::string const input = padded(text);
    codec::decode_error err;
    T v{};
    std::size_t const before = g_allocs;
    for (auto _ : state) {
        if (!codec::decode(simdjson::padded_string_view(input), v, err))
            state.SkipWithError(err.what().c_str());
        benchmark::DoNotOptimize(v);
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(g_allocs - before), benchmark::Counter::kAvgIterations);
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(text.size()));
}

template <class T>
void decode_dom(benchmark::State& state, std::string const& text) {
    codec::decode_error err;
    std::size_t const before = g_allocs;
    for (auto _ : state) {
        T v{};
        boost::json::value const jv = boost::json::parse(text);
        if (!codec::decode(jv, v, err)) state.SkipWithError(err.what().c_str());
        benchmark::DoNotOptimize(v);
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(g_allocs - before), benchmark::Counter::kAvgIterations);
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(text.size()));
}

template <class T>
T parsed(std::string const& text) {
    T v{};
    codec::decode_error err;
    if (!codec::decode(text, v, err)) {
        std::cerr << "bench input does not decode: " << err.what() << '\n';
        std::abort();
    }
    return v;
}

template <class T>
void encode_fast(benchmark::State& state, std::string const& text) {
    T const v = parsed<T>(text);
    std::size_t const before = g_allocs;
    for (auto _ : state) {
        std::string out = codec::encode(v);
        benchmark::DoNotOptimize(out);
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(g_allocs - before), benchmark::Counter::kAvgIterations);
    state.SetBytesProcessed(std::int64_t(state.iterations()) *
                            std::int64_t(codec::encode(v).size()));
}

template <class T>
void encode_fast_reuse(benchmark::State& state, std::string const& text) {
    T const v = parsed<T>(text);
    std::string out;
    std::size_t const before = g_allocs;
    for (auto _ : state) {
        out.clear();
        codec::writer w(out);
        codec::encode(w, v);
        benchmark::DoNotOptimize(w.str());
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(g_allocs - before), benchmark::Counter::kAvgIterations);
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(out.size()));
}

template <class T>
void encode_dom(benchmark::State& state, std::string const& text) {
    T const v = parsed<T>(text);
    std::size_t const before = g_allocs;
    for (auto _ : state) {
        std::string out = boost::json::serialize(boost::json::value_from(v));
        benchmark::DoNotOptimize(out);
    }
    state.counters["allocs/op"] =
        benchmark::Counter(double(g_allocs - before), benchmark::Counter::kAvgIterations);
    state.SetBytesProcessed(std::int64_t(state.iterations()) *
                            std::int64_t(codec::encode(v).size()));
}

template <class T>
void register_all(std::string const& name, std::string const& text) {
    benchmark::RegisterBenchmark(("decode/fast/" + name).c_str(), decode_fast<T>, text);
    benchmark::RegisterBenchmark(("decode/fast_reuse/" + name).c_str(), decode_fast_reuse<T>, text);
    benchmark::RegisterBenchmark(("decode/dom/" + name).c_str(), decode_dom<T>, text);
    benchmark::RegisterBenchmark(("encode/fast/" + name).c_str(), encode_fast<T>, text);
    benchmark::RegisterBenchmark(("encode/fast_reuse/" + name).c_str(), encode_fast_reuse<T>, text);
    benchmark::RegisterBenchmark(("encode/dom/" + name).c_str(), encode_dom<T>, text);
}

// Collects each benchmark's time (the median aggregate when repetitions are on) and prints
// fast/DOM ratios after the usual console table.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(std::vector<Run> const& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (auto const& r : runs) {
            if (r.error_occurred) continue;
            bool const median = r.run_type == Run::RT_Aggregate && r.aggregate_name == "median";
            if (r.run_type == Run::RT_Iteration || median) {
                std::string name = r.run_name.function_name;
                if (median || !times_.count(name)) times_[name] = r.GetAdjustedCPUTime();
            }
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        std::printf(
            "\nspeedup of the fast path over Boost.JSON DOM (DOM CPU time / fast CPU time):\n");
        for (auto const& [name, t] : times_) {
            if (name.rfind("decode/fast/", 0) == 0)
                print("decode+validate", name.substr(12), "decode/dom/", t);
            if (name.rfind("decode/fast_reuse/", 0) == 0)
                print("decode (reuse) ", name.substr(18), "decode/dom/", t);
            if (name.rfind("encode/fast/", 0) == 0)
                print("encode         ", name.substr(12), "encode/dom/", t);
            if (name.rfind("encode/fast_reuse/", 0) == 0)
                print("encode (reuse) ", name.substr(18), "encode/dom/", t);
        }
    }

private:
    void print(char const* what, std::string const& input, std::string const& dom, double fast) {
        auto it = times_.find(dom + input);
        if (it != times_.end())
            std::printf("  %s %-24s %6.2fx\n", what, input.c_str(), it->second / fast);
    }
    std::map<std::string, double> times_;
};

}  // namespace

int main(int argc, char** argv) {
    register_all<monitoring::event_created_payload>("event_created", compact(event_created_pretty));
    register_all<monitoring::event_created_payload>("event_created_pretty", event_created_pretty);
    register_all<monitoring::event_updated_payload>("event_updated", compact(event_updated_pretty));
    register_all<monitoring::report_created_payload>("report_created",
                                                     compact(report_created_pretty));
    register_all<chat::new_message_payload>("new_message", compact(new_message_pretty));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
}
