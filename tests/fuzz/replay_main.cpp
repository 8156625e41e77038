// Replays inputs through a fuzz target without libFuzzer, so the seed corpus
// and every saved regression run in the normal test suite (GCC, and the
// Debug build with ASan and UBSan).
//
// Usage: fuzz_replay_<target> PATH...   (files, or folders read recursively;
// names starting with '.' and README files are skipped). Fails when no input
// was found, so a wrong path cannot pass silently; a crash fails by itself.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "tender/importers/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming): libFuzzer's
    const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool is_input(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name.front() != '.' && name.rfind("README", 0) != 0;
}

void collect(const fs::path& p, std::vector<fs::path>& out) {
  if (fs::is_directory(p)) {
    for (const auto& e : fs::recursive_directory_iterator(p)) {
      if (e.is_regular_file() && is_input(e.path())) out.push_back(e.path());
    }
  } else {
    out.push_back(p);
  }
}

int replay(int argc, char** argv) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) collect(argv[i], inputs);
  std::sort(inputs.begin(), inputs.end());
  if (inputs.empty()) {
    std::cerr << "fuzz replay: no input files given\n";
    return 1;
  }
  for (const fs::path& p : inputs) {
    const auto file = tender::importers::read_source(p.string());
    if (!file) {
      std::cerr << "fuzz replay: cannot read " << p.string() << '\n';
      return 1;
    }
    const std::string& bytes = file->bytes;
    std::cout << "replay " << p.string() << " (" << bytes.size() << " bytes)" << std::endl;
    // An exact-size heap copy, as libFuzzer passes it, so ASan sees overreads.
    const std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.data(), data.size());
  }
  std::cout << "fuzz replay: " << inputs.size() << " inputs, no failure\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return replay(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "fuzz replay: " << e.what() << '\n';
    return 1;
  }
}
