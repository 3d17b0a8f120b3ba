package dev.kserve4j.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.runtime.CustomModel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A user's jar of Java iris components, compiled from source by the JDK's compiler against the
 * runtime API (so its classes are on no class path of the tests: only the jar holds them), as a
 * user builds one against {@code kserve4j-runtime-api}:
 *
 * <ul>
 *   <li>{@value #TRANSFORMER}: preprocess turns rows measured in millimetres (input {@code mm})
 *       into the classifier's {@code float_input} in centimetres (a negative length fails it);
 *       postprocess puts a BYTES output {@code class} naming each predicted class first;
 *   <li>{@value #EXPLAINER}: for each row (in millimetres, what the transformer reads) asks its
 *       predictor for the row and for the row with each feature zeroed, and names the features
 *       whose zeroing changes the {@code label};
 *   <li>{@value #DOUBLER}: a predictor doubling every number of its input.
 * </ul>
 */
final class IrisComponentsJar {
  static final String TRANSFORMER = "com.example.iris.MillimetreTransformer";
  static final String EXPLAINER = "com.example.iris.ZeroingExplainer";
  static final String DOUBLER = "com.example.iris.Doubler";

  /** The jar's file name in its folder. */
  static final String JAR = "iris-components.jar";

  private static final String IMPORTS =
      """
      package com.example.iris;

      import dev.kserve4j.protocol.Datatype;
      import dev.kserve4j.protocol.InferRequest;
      import dev.kserve4j.protocol.InferResponse;
      import dev.kserve4j.protocol.ModelMetadata;
      import dev.kserve4j.protocol.Tensor;
      import dev.kserve4j.protocol.TensorMetadata;
      import dev.kserve4j.runtime.CustomModel;
      import dev.kserve4j.runtime.ModelSpec;
      import dev.kserve4j.runtime.Predictor;
      import java.nio.charset.StandardCharsets;
      import java.util.ArrayList;
      import java.util.Arrays;
      import java.util.List;
      import java.util.Map;
      """;

  private static final Map<String, String> SOURCES =
      Map.of(
          "MillimetreTransformer",
          """
          public final class MillimetreTransformer extends CustomModel {
            static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

            @Override
            public void load(ModelSpec spec) {}

            @Override
            public InferRequest preprocess(InferRequest request) {
              float[] x = request.inputs().get(0).toFloatArray();
              float[] cm = new float[x.length];
              for (int i = 0; i < x.length; i++) {
                if (x[i] < 0) {
                  throw new IllegalArgumentException(
                      "input 'mm': " + x[i] + " at " + i + " (expected lengths of at least 0 mm)");
                }
                cm[i] = x[i] / 10;
              }
              return request.withInputs(
                  List.of(Tensor.ofFloats("float_input", new long[] {x.length / 4, 4}, cm)));
            }

            @Override
            public InferResponse predict(InferRequest request) {
              throw new IllegalStateException("a transformer's predict is not called");
            }

            @Override
            public InferResponse postprocess(InferResponse response, InferRequest request) {
              Tensor label = response.output("label").orElseThrow();
              byte[][] names = new byte[label.size()][];
              for (int i = 0; i < names.length; i++) {
                names[i] = CLASSES.get((int) label.getAsDouble(i)).getBytes(StandardCharsets.UTF_8);
              }
              List<Tensor> outputs = new ArrayList<>();
              outputs.add(new Tensor("class", Datatype.BYTES, new long[] {names.length}, names));
              outputs.addAll(response.outputs());
              return response.withOutputs(outputs);
            }

            @Override
            public ModelMetadata metadata() {
              return new ModelMetadata("iris-transformer", List.of(), "custom",
                  List.of(new TensorMetadata("mm", Datatype.FP32, new long[] {-1, 4})),
                  List.of(new TensorMetadata("label", Datatype.INT64, new long[] {-1})));
            }
          }
          """,
          "ZeroingExplainer",
          """
          public final class ZeroingExplainer extends CustomModel {
            static final List<String> FEATURES =
                List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

            @Override
            public void load(ModelSpec spec) {}

            @Override
            public InferResponse predict(InferRequest request) {
              throw new UnsupportedOperationException("explains through its predictor only");
            }

            @Override
            public Object explain(
                InferRequest request, Map<String, String> headers, Predictor predictor) {
              float[] x = request.inputs().get(0).toFloatArray();
              List<Map<String, Object>> explanations = new ArrayList<>();
              for (int r = 0; r < x.length / 4; r++) {
                float[] row = Arrays.copyOfRange(x, r * 4, r * 4 + 4);
                long base = label(predictor, request, row);
                List<String> decisive = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                  float[] zeroed = row.clone();
                  zeroed[i] = 0;
                  if (label(predictor, request, zeroed) != base) {
                    decisive.add(FEATURES.get(i));
                  }
                }
                explanations.add(Map.of("prediction", base, "decisiveFeatures", decisive));
              }
              return Map.of("explanations", explanations, "predictor", predictor.name());
            }

            private static long label(Predictor predictor, InferRequest request, float[] row) {
              Tensor one = Tensor.ofFloats("mm", new long[] {1, 4}, row);
              InferResponse answer = predictor.predict(request.withInputs(List.of(one)));
              return (long) answer.output("label").orElseThrow().getAsDouble(0);
            }

            @Override
            public ModelMetadata metadata() {
              return new ModelMetadata("iris-explainer", List.of(), "custom",
                  List.of(new TensorMetadata("mm", Datatype.FP32, new long[] {-1, 4})),
                  List.of(new TensorMetadata("label", Datatype.INT64, new long[] {-1})));
            }
          }
          """,
          "Doubler",
          """
          public final class Doubler extends CustomModel {
            @Override
            public void load(ModelSpec spec) {}

            @Override
            public InferResponse predict(InferRequest request) {
              Tensor in = request.inputs().get(0);
              float[] x = in.toFloatArray();
              float[] y = new float[x.length];
              for (int i = 0; i < x.length; i++) {
                y[i] = 2 * x[i];
              }
              return new InferResponse("doubler", null, request.id(),
                  List.of(Tensor.ofFloats("doubled", in.shape(), y)), Map.of());
            }

            @Override
            public ModelMetadata metadata() {
              return new ModelMetadata("doubler", List.of(), "custom",
                  List.of(new TensorMetadata("x", Datatype.FP32, new long[] {-1, -1})),
                  List.of(new TensorMetadata("doubled", Datatype.FP32, new long[] {-1, -1})));
            }
          }
          """);

  private IrisComponentsJar() {}

  /** Compiles the components and writes them as {@value #JAR} into {@code folder}. */
  static Path writeTo(Path folder) throws IOException {
    Path sources = Files.createTempDirectory("iris-components-src");
    Path classes = Files.createTempDirectory("iris-components-classes");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", apiClassPath()));
    for (Map.Entry<String, String> source : SOURCES.entrySet()) {
      Path file = sources.resolve(source.getKey() + ".java");
      Files.writeString(file, IMPORTS + "\n" + source.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("the JDK's compiler").isNotNull();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status =
        javac.run(null, OutputStream.nullOutputStream(), errors, args.toArray(String[]::new));
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    Path jar = Files.createDirectories(folder).resolve(JAR);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /** Where the runtime API and the protocol model are, for the compiler. */
  private static String apiClassPath() {
    return String.join(File.pathSeparator, location(CustomModel.class), location(Tensor.class));
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
