package dev.kserve4j.server.grpc;

import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.Datatype;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.server.DataPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A data plane with hand-written models, for exercising a protocol front end.
 *
 * <ul>
 *   <li>{@code doubler}: FP32 input {@code x} of any shape to FP32 output {@code y} = 2x;
 *   <li>{@code echo}: returns its inputs as outputs, whatever their datatype;
 *   <li>{@code gated}: like {@code doubler}, but answers only once {@link #openGate()} is called;
 *   <li>{@code fail-KIND}: fails with a {@link KServeException} of that {@link ErrorKind};
 *   <li>{@code bug}: fails with an {@link IllegalStateException}, as a server bug would.
 * </ul>
 *
 * Only {@code doubler} and {@code echo} are in the repository; unloading one makes it not ready.
 */
final class FakeDataPlane implements DataPlane {
  private final Set<String> loaded = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> gate = new CompletableFuture<>();

  /** The names of the threads that ran load and unload, in call order. */
  final List<String> repositoryThreads = new CopyOnWriteArrayList<>();

  FakeDataPlane() {
    loaded.addAll(List.of("doubler", "echo"));
  }

  void openGate() {
    gate.complete(null);
  }

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public boolean ready() {
    return loaded.containsAll(List.of("doubler", "echo"));
  }

  @Override
  public ServerMetadata serverMetadata() {
    return new ServerMetadata("fake", "0.0.1", List.of("model_repository"));
  }

  @Override
  public boolean modelReady(String name, String version) {
    known(name, version);
    return loaded.contains(name);
  }

  @Override
  public ModelMetadata modelMetadata(String name, String version) {
    known(name, version);
    TensorMetadata x = new TensorMetadata("x", Datatype.FP32, new long[] {-1});
    TensorMetadata y = new TensorMetadata("y", Datatype.FP32, new long[] {-1});
    return new ModelMetadata(name, List.of("1"), "fake", List.of(x), List.of(y));
  }

  @Override
  public CompletableFuture<InferResponse> infer(InferRequest request) {
    String name = request.modelName();
    if (name.startsWith("fail-")) {
      ErrorKind kind = ErrorKind.valueOf(name.substring("fail-".length()));
      return CompletableFuture.failedFuture(
          new KServeException(kind, "model '" + name + "' failed with " + kind + " as configured"));
    }
    return switch (name) {
      case "doubler" -> CompletableFuture.supplyAsync(() -> doubled(request));
      case "echo" -> CompletableFuture.completedFuture(respond(request, request.inputs()));
      case "gated" -> gate.thenApplyAsync(ignored -> doubled(request));
      case "bug" ->
          CompletableFuture.supplyAsync(
              () -> {
                throw new IllegalStateException("counter went negative");
              });
      default -> CompletableFuture.failedFuture(notFound(name));
    };
  }

  @Override
  public List<RepositoryEntry> repositoryIndex(boolean readyOnly) {
    List<RepositoryEntry> entries = new ArrayList<>();
    for (String name : List.of("doubler", "echo")) {
      boolean ready = loaded.contains(name);
      if (ready || !readyOnly) {
        entries.add(new RepositoryEntry(name, "1", ready ? "READY" : "UNAVAILABLE", ""));
      }
    }
    return entries;
  }

  @Override
  public void load(String name) {
    repositoryThreads.add(Thread.currentThread().getName());
    inRepository(name);
    loaded.add(name);
  }

  @Override
  public void unload(String name) {
    repositoryThreads.add(Thread.currentThread().getName());
    inRepository(name);
    loaded.remove(name);
  }

  private static InferResponse doubled(InferRequest request) {
    Tensor x =
        request
            .input("x")
            .orElseThrow(
                () ->
                    KServeException.invalidInput(
                        "model '"
                            + request.modelName()
                            + "': input 'x' is missing (expected an FP32 input 'x')"));
    if (x.datatype() != Datatype.FP32) {
      throw KServeException.invalidInput(
          "model '" + request.modelName() + "': input 'x' is " + x.datatype() + " (expected FP32)");
    }
    float[] y = x.floats().clone();
    for (int i = 0; i < y.length; i++) {
      y[i] *= 2;
    }
    return respond(request, List.of(Tensor.ofFloats("y", x.shape(), y)));
  }

  private static InferResponse respond(InferRequest request, List<Tensor> outputs) {
    return new InferResponse(request.modelName(), "1", request.id(), outputs, Map.of());
  }

  private static void known(String name, String version) {
    inRepository(name);
    if (version != null && !version.equals("1")) {
      throw KServeException.notFound(
          "model '" + name + "' has no version '" + version + "' (expected one of [1])");
    }
  }

  private static void inRepository(String name) {
    if (!name.equals("doubler") && !name.equals("echo")) {
      throw notFound(name);
    }
  }

  private static KServeException notFound(String name) {
    return KServeException.notFound(
        "model '" + name + "' is not in the repository (expected one of [doubler, echo])");
  }
}
