package dev.kserve4j.local;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The predictor's revisions, numbered as Knative names them: {@code {service}-00001} upwards.
 *
 * @param service the predictor's service name, e.g. {@code {isvc}-predictor}
 * @param created the number of the latest created revision; 0 before the first
 * @param ready the number of the latest revision that loaded; 0 when none did
 */
record Revisions(String service, int created, int ready) {
  Revisions {
    requireNonNull(service, "service");
    if (created < 0 || ready < 0 || ready > created) {
      throw new IllegalArgumentException("revisions: created " + created + ", ready " + ready
          + " (expected 0 <= ready <= created)");
    }
  }

  static Revisions none(String service) {
    return new Revisions(service, 0, 0);
  }

  /** A new revision for a changed spec, named after {@code newService}. */
  Revisions next(String newService) {
    return new Revisions(newService, created + 1, ready);
  }

  /** The latest created revision has loaded and serves. */
  Revisions readied() {
    return new Revisions(service, created, created);
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
