package dev.kserve4j.api.v1alpha1.llm;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kserve4j.api.AdditionalProperties;
import java.util.Map;

/**
 * How one workload spreads a model over GPUs and pods ({@code ParallelismSpec}); each count is at
 * least 1.
 *
 * @param tensor the tensor-parallel degree: GPUs one replica shards each layer over
 * @param pipeline the pipeline-parallel degree: pods one replica's layers are split over
 *     (multi-node)
 * @param data the data-parallel degree over all pods; set together with {@code dataLocal}
 * @param dataLocal the data-parallel ranks per pod; {@code data / dataLocal} pods form one replica
 * @param dataRPCPort the port data-parallel ranks coordinate on (1-65535)
 * @param expert whether expert parallelism is enabled for mixture-of-experts models
 * @param additionalProperties fields this type does not declare, kept for the round trip
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParallelismSpec(
    Integer tensor,
    Integer pipeline,
    Integer data,
    Integer dataLocal,
    Integer dataRPCPort,
    Boolean expert,
    @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

  public ParallelismSpec {
    additionalProperties = AdditionalProperties.copyOf(additionalProperties);
  }

  /**
   * Whether pipeline parallelism is set ({@code pipeline > 0}), as KServe's {@code
   * IsPipelineParallel}.
   */
  @JsonIgnore
  public boolean isPipelineParallel() {
    return pipeline != null && pipeline > 0;
  }

  /**
   * Whether data parallelism is set ({@code data} or {@code dataLocal} > 0), as KServe's {@code
   * IsDataParallel}.
   */
  @JsonIgnore
  public boolean isDataParallel() {
    return (data != null && data > 0) || (dataLocal != null && dataLocal > 0);
  }

  /** Whether tensor parallelism is set ({@code tensor > 0}). */
  @JsonIgnore
  public boolean isTensorParallel() {
    return tensor != null && tensor > 0;
  }

  /**
   * The pods one replica spans, as KServe's {@code GetSize}: {@code max(data / dataLocal, 1)} when
   * data-parallel, else {@code pipeline} when pipeline-parallel, else 1.
   */
  public int size() {
    if (isDataParallel()) {
      int d = data == null ? 1 : Math.max(data, 1);
      int local = dataLocal == null ? 1 : Math.max(dataLocal, 1);
      return Math.max(d / local, 1);
    }
    return isPipelineParallel() ? pipeline : 1;
  }
}
