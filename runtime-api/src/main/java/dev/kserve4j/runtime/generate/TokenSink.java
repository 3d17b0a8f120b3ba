package dev.kserve4j.runtime.generate;

/** Receives generated text piece by piece; see {@link TextGenerator#generate}. */
@FunctionalInterface
public interface TokenSink {
  /**
   * Takes the next piece of generated text.
   *
   * @return false to stop generating (the receiver is gone)
   */
  boolean accept(GeneratedToken token);
}
