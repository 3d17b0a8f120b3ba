package dev.kserve4j.server;

import static java.util.Objects.requireNonNull;

import dev.kserve4j.common.KServeException;
import dev.kserve4j.protocol.InferRequest;
import dev.kserve4j.protocol.InferResponse;
import dev.kserve4j.protocol.ModelMetadata;
import dev.kserve4j.protocol.RepositoryEntry;
import dev.kserve4j.protocol.RequestedOutput;
import dev.kserve4j.protocol.ServerMetadata;
import dev.kserve4j.protocol.Tensor;
import dev.kserve4j.protocol.TensorMetadata;
import dev.kserve4j.protocol.v1.V1Predictions;
import dev.kserve4j.runtime.JsonPredictor;
import dev.kserve4j.runtime.TransformerStages;
import dev.kserve4j.runtime.generate.OpenAiUpstream;
import dev.kserve4j.runtime.generate.TextGenerator;
import dev.kserve4j.server.repository.LoadedModel;
import dev.kserve4j.server.repository.ModelEntry;
import dev.kserve4j.server.repository.ModelRepository;
import dev.kserve4j.server.scaling.ReplicatedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The data plane over a {@link ModelRepository}: version checks, output selection, dispatch. */
public final class DefaultDataPlane implements DataPlane {
  private final ModelRepository repository;
  private final Executor executor;
  private final ServerMetadata serverMetadata;

  public DefaultDataPlane(ModelRepository repository, Executor executor, ServerMetadata metadata) {
    this.repository = requireNonNull(repository, "repository");
    this.executor = requireNonNull(executor, "executor");
    this.serverMetadata = requireNonNull(metadata, "metadata");
  }

  public ModelRepository repository() {
    return repository;
  }

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public boolean ready() {
    return repository.entries().stream().allMatch(ModelEntry::ready);
  }

  @Override
  public ServerMetadata serverMetadata() {
    return serverMetadata;
  }

  @Override
  public boolean modelReady(String name, String version) {
    return entry(name, version).ready();
  }

  @Override
  public ModelMetadata modelMetadata(String name, String version) {
    return entry(name, version).require().metadata();
  }

  @Override
  public V1Predictions v1Predictions(String name) {
    return entry(name, null).require().model().v1Predictions();
  }

  @Override
  public CompletableFuture<InferResponse> infer(InferRequest request) {
    try {
      LoadedModel model = entry(request.modelName(), request.modelVersion()).require();
      checkRequestedOutputs(model.metadata(), request);
      String version =
          model.metadata().versions().isEmpty() ? null : model.metadata().versions().get(0);
      return model
          .submit(request, executor)
          .thenApply(
              r ->
                  selectOutputs(r, request)
                      .withIdentity(request.modelName(), version, request.id()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <T> CompletableFuture<T> dispatch(String name, Supplier<T> call, Executor executor) {
    ReplicatedModel replicas;
    try {
      replicas = entry(name, null).require().replicas();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (replicas == null) {
      return CompletableFuture.supplyAsync(call, executor);
    }
    return replicas.pool().acquire().thenApplyAsync(l -> replicas.runWith(l, call), executor);
  }

  @Override
  public Optional<JsonPredictor> jsonPredictor(String name) {
    return entry(name, null).require().model().jsonPredictor();
  }

  @Override
  public Optional<TransformerStages> transformer(String name) {
    return entry(name, null).require().model().transformer();
  }

  @Override
  public Optional<JsonPredictor> explainer(String name) {
    return entry(name, null).require().model().explainer();
  }

  @Override
  public Optional<OpenAiUpstream> openAiUpstream(String name) {
    return entry(name, null).require().model().openAiUpstream();
  }

  @Override
  public TextGenerator textGenerator(String name) {
    return entry(name, null)
        .require()
        .model()
        .textGenerator()
        .orElseThrow(
            () ->
                KServeException.invalidInput(
                    "model '"
                        + name
                        + "' does not generate text (expected a"
                        + " language model; serve this model through the V1 or V2 protocol)"));
  }

  @Override
  public List<RepositoryEntry> repositoryIndex(boolean readyOnly) {
    return repository.index(readyOnly);
  }

  @Override
  public void load(String name) {
    repository.load(name);
  }

  @Override
  public void unload(String name) {
    repository.unload(name);
  }

  private ModelEntry entry(String name, String version) {
    ModelEntry e = repository.get(name);
    if (version != null && !version.isEmpty() && !version.equals(e.config().version())) {
      String known = e.config().version() == null ? "none" : "[" + e.config().version() + "]";
      throw KServeException.notFound(
          "model '"
              + name
              + "' has no version '"
              + version
              + "' (available versions: "
              + known
              + ")");
    }
    return e;
  }

  private static void checkRequestedOutputs(ModelMetadata metadata, InferRequest request) {
    for (RequestedOutput o : request.outputs()) {
      if (metadata.outputs().stream().noneMatch(m -> m.name().equals(o.name()))) {
        throw KServeException.invalidInput(
            "outputs: requested output '"
                + o.name()
                + "' does not exist (expected one of "
                + metadata.outputs().stream().map(TensorMetadata::name).toList()
                + ")");
      }
    }
  }

  private static InferResponse selectOutputs(InferResponse response, InferRequest request) {
    if (request.outputs().isEmpty()) {
      return response;
    }
    List<Tensor> selected = new ArrayList<>(request.outputs().size());
    for (RequestedOutput o : request.outputs()) {
      response.output(o.name()).ifPresent(selected::add);
    }
    return response.withOutputs(selected);
  }
}
