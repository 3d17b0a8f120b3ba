package dev.kserve4j.protocol;

import java.util.List;

/** The Open Inference Protocol's "Server Metadata Response JSON Object". */
public record ServerMetadata(String name, String version, List<String> extensions) {
  public ServerMetadata {
    extensions = List.copyOf(extensions);
  }
}
