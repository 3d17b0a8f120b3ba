package dev.kserve4j.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A model server template for the InferenceServices of its namespace ({@code
 * serving.kserve.io/v1alpha1 ServingRuntime}): formats, protocols and the pod that runs it.
 *
 * <p>KServe defines no status for runtimes; {@link ServingRuntimeStatus} keeps whatever is there.
 */
@Group(ServingRuntime.GROUP)
@Version(ServingRuntime.VERSION)
@Kind("ServingRuntime")
@Plural("servingruntimes")
@Singular("servingruntime")
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
public class ServingRuntime extends CustomResource<ServingRuntimeSpec, ServingRuntimeStatus>
    implements Namespaced {
  public static final String GROUP = "serving.kserve.io";
  public static final String VERSION = "v1alpha1";
}
