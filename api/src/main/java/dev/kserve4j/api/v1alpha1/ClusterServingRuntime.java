package dev.kserve4j.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A model server template for the whole cluster ({@code serving.kserve.io/v1alpha1
 * ClusterServingRuntime}); the same spec as {@link ServingRuntime}. KServe's default runtimes
 * (sklearn, xgboost, triton, ...) are ClusterServingRuntimes.
 */
@Group(ClusterServingRuntime.GROUP)
@Version(ClusterServingRuntime.VERSION)
@Kind("ClusterServingRuntime")
@Plural("clusterservingruntimes")
@Singular("clusterservingruntime")
@AdditionalPrinterColumn(name = "Disabled", jsonPath = ".spec.disabled", type = Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "ModelType",
    jsonPath = ".spec.supportedModelFormats[*].name",
    type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Containers",
    jsonPath = ".spec.containers[*].name",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ClusterServingRuntime
    extends CustomResource<ServingRuntimeSpec, ServingRuntimeStatus> {
  public static final String GROUP = "serving.kserve.io";
  public static final String VERSION = "v1alpha1";
}
