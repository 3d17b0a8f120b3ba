package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The predictor's revisions, numbered as Knative names them: {@code {service}-00001} upwards.
 *
 * @param service the predictor's service name, e.g. {@code {isvc}-predictor}
 * @param created the number of the latest created revision; 0 before the first
 * @param ready the number of the latest revision that loaded; 0 when none did
 * @param previous the number of the revision that served all traffic before {@code ready} took it
 *     over (KServe's {@code previousRolledoutRevision}); 0 when none did
 */
record Revisions(String service, int created, int ready, int previous) {
  Revisions {
    requireNonNull(service, "service");
    if (created < 0
        || ready < 0
        || ready > created
        || previous < 0
        || previous > ready
        || (previous == ready && ready > 0)) {
      throw new IllegalArgumentException(
          "revisions: created "
              + created
              + ", ready "
              + ready
              + ", previous "
              + previous
              + " (expected 0 <= previous < ready <= created, or all 0)");
    }
  }

  static Revisions none(String service) {
    return new Revisions(service, 0, 0, 0);
  }

  /** A new revision for a changed spec, named after {@code newService}. */
  Revisions next(String newService) {
    return new Revisions(newService, created + 1, ready, previous);
  }

  /** The latest created revision has loaded and takes all traffic from the one that served. */
  Revisions readied() {
    return created == ready ? this : new Revisions(service, created, created, ready);
  }

  /** The revision that served all traffic before the latest ready one, if any. */
  Optional<String> previousRolledout() {
    return name(previous);
  }

  Optional<String> latestCreated() {
    return name(created);
  }

  Optional<String> latestReady() {
    return name(ready);
  }

  private Optional<String> name(int number) {
    return number == 0 ? Optional.empty() : Optional.of(service + "-%05d".formatted(number));
  }
}
