package dev.kserve4j.api.v1alpha1.llm;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A large language model served behind one endpoint ({@code serving.kserve.io/v1alpha1
 * LLMInferenceService}, short name {@code llmisvc}): the model, the decode and optional prefill
 * workloads with their parallelism, and the router (HTTPRoute, Gateway, endpoint-picking
 * scheduler).
 */
@Group(LLMInferenceService.GROUP)
@Version(LLMInferenceService.VERSION)
@Kind("LLMInferenceService")
@Plural("llminferenceservices")
@Singular("llminferenceservice")
@ShortNames("llmisvc")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type=='Ready')].status",
    type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type=='Ready')].reason",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@AdditionalPrinterColumn(
    name = "URLs",
    jsonPath = ".status.addresses[*].url",
    type = Type.STRING,
    priority = 1)
@SchemaSwap(
    originalType = HTTPRouteRule.class,
    fieldName = "sessionPersistence",
    targetType = SessionPersistenceSchema.class)
public class LLMInferenceService
    extends CustomResource<LLMInferenceServiceSpec, LLMInferenceServiceStatus>
    implements Namespaced {
  public static final String GROUP = "serving.kserve.io";
  public static final String VERSION = "v1alpha1";
}
