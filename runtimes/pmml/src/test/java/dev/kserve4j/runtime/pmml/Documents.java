package dev.kserve4j.runtime.pmml;

import dev.kserve4j.runtime.Model;
import dev.kserve4j.runtime.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-written PMML documents for tests: iris fields and a body, written to a directory. */
final class Documents {
  static final String IRIS_DICTIONARY =
      """
      <DataDictionary>
        <DataField name="species" optype="categorical" dataType="string">
          <Value value="setosa"/><Value value="versicolor"/><Value value="virginica"/>
        </DataField>
        <DataField name="sepal_length" optype="continuous" dataType="double"/>
        <DataField name="sepal_width" optype="continuous" dataType="double"/>
        <DataField name="petal_length" optype="continuous" dataType="double"/>
        <DataField name="petal_width" optype="continuous" dataType="double"/>
      </DataDictionary>
      """;

  private Documents() {}

  /** A PMML 4.4 document of {@code body} (dictionary, transformations and model). */
  static String pmml(String body) {
    return "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">" + body + "</PMML>";
  }

  static Path write(Path dir, String document) {
    try {
      Files.writeString(dir.resolve("model.pmml"), document);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Model load(Path dir, String document) {
    return new PmmlRuntimeProvider().load(new ModelSpec("m", write(dir, document)));
  }
}
