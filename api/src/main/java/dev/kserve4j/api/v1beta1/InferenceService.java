package dev.kserve4j.api.v1beta1;

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
 * A model served behind one endpoint: predictor, optional transformer and explainer, canaries
 * ({@code serving.kserve.io/v1beta1 InferenceService}, short name {@code isvc}).
 *
 * <p>The printer columns are KServe's: URL, Ready, the traffic percent of the previous and the
 * latest revision, their names, and Age.
 */
@Group(InferenceService.GROUP)
@Version(InferenceService.VERSION)
@Kind("InferenceService")
@Plural("inferenceservices")
@Singular("inferenceservice")
@ShortNames("isvc")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type=='Ready')].status",
    type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Prev",
    jsonPath = ".status.components.predictor.traffic[?(@.tag=='prev')].percent",
    type = Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Latest",
    jsonPath = ".status.components.predictor.traffic[?(@.latestRevision==true)].percent",
    type = Type.INTEGER)
@AdditionalPrinterColumn(
    name = "PrevRolledoutRevision",
    jsonPath = ".status.components.predictor.traffic[?(@.tag=='prev')].revisionName",
    type = Type.STRING)
@AdditionalPrinterColumn(
    name = "LatestReadyRevision",
    jsonPath = ".status.components.predictor.traffic[?(@.latestRevision==true)].revisionName",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class InferenceService extends CustomResource<InferenceServiceSpec, InferenceServiceStatus>
    implements Namespaced {
  public static final String GROUP = "serving.kserve.io";
  public static final String VERSION = "v1beta1";
}
