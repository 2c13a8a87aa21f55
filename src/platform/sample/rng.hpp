// A small, fast generator (splitmix64) for made-up demo and benchmark data: reproducible across
// platforms for a given seed, unlike the std distributions.
#pragma once

#include <cstdint>

namespace propdesk::sample {

struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

}  // namespace propdesk::sample
