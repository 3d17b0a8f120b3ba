package dev.kserve4j.testing;

import java.util.List;

/**
 * Args of {@code kserve4j serve} that must be refused, and what the refusal must say: the same
 * table for every path that reads them (the command itself, a ServingRuntime container run
 * in-process), so they cannot drift apart.
 *
 * @param args the flags, without the leading {@code serve}
 * @param message a part of the error every path must report
 */
public record BadServeArgs(List<String> args, String message) {
  public BadServeArgs {
    args = List.copyOf(args);
  }

  /** One case per kind of mistake: unknown flag, malformed value, value out of range. */
  public static List<BadServeArgs> all() {
    return List.of(
        new BadServeArgs(List.of("--max-batch=8"), "Unknown option: '--max-batch=8'"),
        new BadServeArgs(
            List.of("--predictor_host", "http://m-predictor.default/"),
            "--predictor-host: 'http://m-predictor.default/' (expected: HOST or HOST:PORT, e.g."
                + " iris-predictor.default or 127.0.0.1:8080)"),
        new BadServeArgs(
            List.of("--protocol=v3"), "--protocol v3 (expected one of v1, v2, grpc-v2)"),
        new BadServeArgs(
            List.of("--max-batch-size=abc"),
            "Invalid value for option '--max-batch-size': 'abc' is not an int"),
        new BadServeArgs(List.of("--max-batch-size=0"), "--max-batch-size: 0 (expected: >= 1)"),
        new BadServeArgs(
            List.of("--max-queue-delay-us", "-1"), "--max-queue-delay-us: -1 (expected: >= 0)"),
        new BadServeArgs(List.of("--batch-instances=0"), "--batch-instances: 0 (expected: >= 1)"),
        new BadServeArgs(
            List.of("--option=threads"), "should be in KEY=VALUE format but was threads"),
        new BadServeArgs(
            List.of("--device=tpu"), "--device: 'tpu' (expected: cpu, cuda or cuda:N)"),
        new BadServeArgs(
            List.of("--http-port=70000"),
            "--http-port: 70000 (expected: 0..65535, 0 picks a free port)"));
  }

  @Override
  public String toString() {
    return String.join(" ", args);
  }
}
