package dev.kserve4j.runtime.llm;

/**
 * Steele, Lea and Flood's SplitMix64 generator (the algorithm of {@code SplittableRandom}, written
 * out here so that generated weights never depend on a JDK's implementation).
 *
 * <p>Each step adds the golden-ratio increment {@code 0x9E3779B97F4A7C15} to the state and mixes it
 * with two xor-shift-multiply rounds (Stafford's "Mix13" constants).
 */
final class SplitMix64 {
  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A float uniform in [-1, 1), from the top 24 bits of the next value (exact in binary32). */
  float nextSymmetric() {
    return ((nextLong() >>> 40) / (float) (1 << 23)) - 1f;
  }
}
