package dev.kserve4j.plan;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.api.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether embedded mode can run a predictor's custom container in-process, and what it runs: the
 * flags of {@code kserve4j serve} the container was given and the model location it fetches to
 * {@code storage.mountPath()}.
 *
 * @param field the container's field path, e.g. {@code spec.predictor.containers[kserve-container]}
 * @param image the container's image, as given
 * @param serveArgs the args after {@code serve}, in order (empty when refused)
 * @param storage where the model comes from ({@code STORAGE_URI}) and where the args expect it;
 *     null when refused
 * @param refusals each field embedded mode cannot honour, with why; empty when it can run
 */
public record EmbeddedContainer(
    String field,
    String image,
    List<String> serveArgs,
    StorageLocation storage,
    List<FieldError> refusals) {

  public EmbeddedContainer {
    requireNonNull(field, "field");
    serveArgs = List.copyOf(serveArgs);
    refusals = List.copyOf(refusals);
    if (refusals.isEmpty() != (storage != null)) {
      throw new IllegalArgumentException(
          "storage "
              + storage
              + " with "
              + refusals.size()
              + " refusal(s) (expected: a location exactly when nothing is refused)");
    }
  }

  /** Whether embedded mode can run the container. */
  public boolean runnable() {
    return refusals.isEmpty();
  }

  /**
   * {@link #serveArgs} with the mount path ({@code /mnt/models}) replaced by {@code folder}, where
   * the model was fetched on this machine: in every path that is the mount path or below it, at the
   * start of an arg, after an {@code =} or after a {@code :} of a path list ({@code
   * --model-dir=/mnt/models}, {@code --option vocab=/mnt/models/vocab.txt}, {@code
   * --classpath=/mnt/models/a.jar:/mnt/models/lib/b.jar}).
   */
  public List<String> serveArgs(String folder) {
    String mount = storage.mountPath();
    List<String> out = new ArrayList<>(serveArgs.size());
    for (String arg : serveArgs) {
      out.add(replaced(arg, mount, folder));
    }
    return out;
  }

  /**
   * {@code arg} with each path under {@code mount} that starts it, an {@code =} or a {@code :}
   * moved.
   */
  private static String replaced(String arg, String mount, String folder) {
    StringBuilder out = new StringBuilder(arg.length());
    int at = 0;
    while (at <= arg.length()) {
      int end = at + mount.length();
      boolean under =
          arg.startsWith(mount, at)
              && (end == arg.length() || arg.charAt(end) == '/' || arg.charAt(end) == ':');
      if (under) {
        out.append(folder);
        at = end;
      }
      int next = nextPathStart(arg, at);
      out.append(arg, at, next);
      at = next;
      if (next == arg.length()) {
        break;
      }
    }
    return out.toString();
  }

  /**
   * The index just after the next {@code =} or {@code :} at or after {@code from}, else the end.
   */
  private static int nextPathStart(String arg, int from) {
    for (int i = from; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (c == '=' || c == ':') {
        return i + 1;
      }
    }
    return arg.length();
  }
}
