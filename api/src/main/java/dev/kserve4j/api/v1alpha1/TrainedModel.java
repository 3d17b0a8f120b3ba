package dev.kserve4j.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A model loaded into a multi-model InferenceService ({@code serving.kserve.io/v1alpha1
 * TrainedModel}, short name {@code tm}).
 */
@Group(TrainedModel.GROUP)
@Version(TrainedModel.VERSION)
@Kind("TrainedModel")
@Plural("trainedmodels")
@Singular("trainedmodel")
@ShortNames("tm")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type=='Ready')].status",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class TrainedModel extends CustomResource<TrainedModelSpec, TrainedModelStatus>
    implements Namespaced {
  public static final String GROUP = "serving.kserve.io";
  public static final String VERSION = "v1alpha1";
}
