package dev.kserve4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** The worker pods of a multi-node runtime ({@code workerSpec}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerSpec extends ServingRuntimePodSpec {
  @JsonProperty("pipelineParallelSize")
  private Integer pipelineParallelSize;

  @JsonProperty("tensorParallelSize")
  private Integer tensorParallelSize;

  /** The number of nodes a model is split across. */
  public Integer getPipelineParallelSize() {
    return pipelineParallelSize;
  }

  public void setPipelineParallelSize(Integer pipelineParallelSize) {
    this.pipelineParallelSize = pipelineParallelSize;
  }

  /** The GPUs per node. */
  public Integer getTensorParallelSize() {
    return tensorParallelSize;
  }

  public void setTensorParallelSize(Integer tensorParallelSize) {
    this.tensorParallelSize = tensorParallelSize;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkerSpec that
        && super.equals(o)
        && Objects.equals(pipelineParallelSize, that.pipelineParallelSize)
        && Objects.equals(tensorParallelSize, that.tensorParallelSize);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), pipelineParallelSize, tensorParallelSize);
  }
}
