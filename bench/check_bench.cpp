// Throughput of Checker::check and the cost of loading the default pack,
// swept over draft size and rule count. Drafts are made of sentences we
// wrote; bench/run.sh adds whole-process and corpus figures.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "tactful/tactful.hpp"

namespace {

const std::vector<std::string> kSentences = {
    "Hi Dana, thanks for getting in touch about your order.",
    "I'm sorry the parcel hasn't arrived yet; I can see why that's frustrating.",
    "I've checked with the courier and it should arrive within 3-5 business days.",
    "You should have received a tracking email this morning.",
    "If it doesn't turn up by Friday, reply here and I'll chase it for you.",
    "Is there anything else I can help with?",
};

std::string draft_of(std::size_t bytes) {
  std::string d;
  for (std::size_t i = 0; d.size() < bytes; ++i) {
    d += kSentences[i % kSentences.size()];
    d += (i % 3 == 2) ? "\n" : " ";
  }
  return d;
}

const tactful::RuleSet& builtin() {
  static const tactful::RuleSet rules = *tactful::RuleSet::builtin();
  return rules;
}

// Check drafts of 256 B .. 256 KiB with the default pack, one-off or batch.
void BM_CheckDraft(benchmark::State& state) {
  const std::string draft = draft_of(static_cast<std::size_t>(state.range(0)));
  const tactful::Checker checker(builtin(), tactful::CheckOptions{.batch = state.range(1) != 0});
  for (auto _ : state) {
    auto r = checker.check({draft, {}, {}, "bench"});
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * draft.size()));
}
// Second argument: 0 one-off checks (the CLI), 1 batch checking (audit).
BENCHMARK(BM_CheckDraft)->ArgsProduct({{256, 2048, 16 << 10, 256 << 10}, {0, 1}});

// The same 2 KiB draft with a customer message, so the context rules run too.
void BM_CheckWithContext(benchmark::State& state) {
  const std::string draft = draft_of(2048);
  const std::string context = "This is the THIRD time I'm asking where my parcel is!!! Unacceptable.";
  const tactful::Checker checker(builtin());
  for (auto _ : state) {
    auto r = checker.check({draft, context, "Dana", "bench"});
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * draft.size()));
}
BENCHMARK(BM_CheckWithContext);

// Loading and compiling the embedded default pack (what every process start pays).
void BM_LoadBuiltin(benchmark::State& state) {
  for (auto _ : state) {
    tactful::RuleSetBuilder b;
    benchmark::DoNotOptimize(b.add_builtin());
    auto r = b.build();
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_LoadBuiltin);

// Loading the same pack from its YAML files (a --rules pack of that size).
void BM_LoadFromYaml(benchmark::State& state) {
  for (auto _ : state) {
    tactful::RuleSetBuilder b;
    benchmark::DoNotOptimize(b.add_directory(TACTFUL_RULES_DIR));
    auto r = b.build();
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_LoadFromYaml)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
