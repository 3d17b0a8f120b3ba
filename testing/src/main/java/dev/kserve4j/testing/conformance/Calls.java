package dev.kserve4j.testing.conformance;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.runtime.generate.GenerationRequest;
import java.util.List;

/** How a runtime's models are called, and what a good and a bad call look like for the fixture. */
public sealed interface Calls {

  /**
   * Tensor models called through {@code Model.predict} (V1, V2 REST and gRPC).
   *
   * @param valid a request the fixture answers
   * @param bad requests with a wrong input name, datatype or shape, each to be refused as {@code
   *     INVALID_INPUT} (HTTP 400)
   */
  record Infer(InferRequest valid, List<InferRequest> bad) implements Calls {
    public Infer {
      requireNonNull(valid, "valid");
      bad = List.copyOf(bad);
      if (bad.isEmpty()) {
        throw new IllegalArgumentException("bad: empty (expected at least one bad request)");
      }
    }
  }

  /**
   * Language models called through {@code Model.textGenerator()} (the OpenAI API); their V2 infer
   * call is refused as {@code UNIMPLEMENTED}.
   *
   * @param valid a generation the fixture runs
   * @param bad generations to be refused as {@code INVALID_INPUT} (e.g. a prompt longer than the
   *     context)
   */
  record Generate(GenerationRequest valid, List<GenerationRequest> bad) implements Calls {
    public Generate {
      requireNonNull(valid, "valid");
      bad = List.copyOf(bad);
      if (bad.isEmpty()) {
        throw new IllegalArgumentException("bad: empty (expected at least one bad generation)");
      }
    }
  }

  /**
   * Models whose OpenAI API requests the server forwards to {@code Model.openAiUpstream()}; the
   * runtime takes no input of its own (the server checks the forwarded bodies), so its V2 infer
   * call is refused as {@code UNIMPLEMENTED}.
   */
  record Forward() implements Calls {}

  /** Tensor calls: {@code valid} is answered, each of {@code bad} is a 400. */
  static Calls infer(InferRequest valid, InferRequest... bad) {
    return new Infer(valid, List.of(bad));
  }

  /** Generation calls: {@code valid} is generated, each of {@code bad} is a 400. */
  static Calls generate(GenerationRequest valid, GenerationRequest... bad) {
    return new Generate(valid, List.of(bad));
  }

  /** Forwarded calls. */
  static Calls forward() {
    return new Forward();
  }
}
