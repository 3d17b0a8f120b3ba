package dev.kserve4j.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the cluster hold exactly the rendered objects of one owner, an InferenceService or an
 * InferenceGraph. Each object is stamped with a digest of its rendering ({@value
 * #DIGEST_ANNOTATION}); an object whose stored digest matches is left alone, so an unchanged owner
 * causes no writes (the API server defaults fields, so comparing stored and rendered specs would
 * see differences that are not). Objects carrying the owner's label and controlled by it that are
 * no longer rendered are deleted. An update keeps the annotations the API server's webhooks own and
 * refuse to see changed (Knative's {@code serving.knative.dev/creator} and {@code lastModifier}).
 * Objects are told apart by kind, API group and name ({@code Service/x} is not {@code
 * Service.serving.knative.dev/x}).
 */
final class DesiredStateApplier {
  static final String DIGEST_ANNOTATION = "serving.kserve4j.dev/rendered-digest";
  private static final List<String> SERVER_OWNED_ANNOTATIONS =
      List.of("serving.knative.dev/creator", "serving.knative.dev/lastModifier");

  /**
   * What one pass changed, as {@code Kind[.group]/name}; {@code conflicts} are desired objects left
   * alone because another resource controls the object of that name.
   */
  record Changes(List<String> written, List<String> deleted, List<String> conflicts) {}

  private enum Outcome {
    UNCHANGED,
    WRITTEN,
    CONFLICT
  }

  private final ManagedKinds kinds;
  private final ObjectMapper json =
      JsonMapper.builder().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

  DesiredStateApplier(ManagedKinds kinds) {
    this.kinds = kinds;
  }

  /**
   * Applies the objects of the InferenceService {@code isvcName}, labelled {@value
   * ComponentMeta#ISVC_LABEL}.
   */
  Changes apply(String namespace, String isvcName, String isvcUid, List<HasMetadata> desired) {
    return apply(namespace, ComponentMeta.ISVC_LABEL, isvcName, isvcUid, desired);
  }

  /**
   * Writes {@code desired}, then deletes the objects labelled {@code ownerLabel=ownerName} whose
   * controlling owner has {@code ownerUid} and that are no longer desired.
   */
  Changes apply(
      String namespace,
      String ownerLabel,
      String ownerName,
      String ownerUid,
      List<HasMetadata> desired) {
    Map<Outcome, List<String>> outcomes =
        desired.stream()
            .collect(
                Collectors.groupingBy(
                    o -> write(namespace, o),
                    () -> new EnumMap<>(Outcome.class),
                    Collectors.mapping(DesiredStateApplier::key, Collectors.toList())));
    Set<String> wanted = desired.stream().map(DesiredStateApplier::key).collect(Collectors.toSet());
    List<String> deleted =
        kinds.listLabelled(namespace, ownerLabel, ownerName).stream()
            .filter(o -> ownedBy(o, ownerUid) && !wanted.contains(key(o)))
            .peek(o -> kinds.resource(o, namespace).delete())
            .map(DesiredStateApplier::key)
            .toList();
    return new Changes(
        outcomes.getOrDefault(Outcome.WRITTEN, List.of()),
        deleted,
        outcomes.getOrDefault(Outcome.CONFLICT, List.of()));
  }

  /**
   * Creates or replaces {@code object} unless the stored one has its digest, or is controlled by
   * another owner (an InferenceService and an InferenceGraph of the same name both want a route of
   * that name): replacing it would make the two owners overwrite each other forever.
   */
  private Outcome write(String namespace, HasMetadata object) {
    String digest = digest(object);
    Resource<HasMetadata> resource = kinds.resource(object, namespace);
    HasMetadata stored = resource.get();
    if (stored != null
        && stored.getMetadata().getAnnotations() != null
        && digest.equals(stored.getMetadata().getAnnotations().get(DIGEST_ANNOTATION))) {
      return Outcome.UNCHANGED;
    }
    Optional<String> controller = controllerUid(object);
    if (stored != null
        && controller.isPresent()
        && controllerUid(stored).filter(u -> !u.equals(controller.get())).isPresent()) {
      return Outcome.CONFLICT;
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (object.getMetadata().getAnnotations() != null) {
      annotations.putAll(object.getMetadata().getAnnotations());
    }
    annotations.put(DIGEST_ANNOTATION, digest);
    Map<String, String> before =
        stored == null || stored.getMetadata().getAnnotations() == null
            ? Map.of()
            : stored.getMetadata().getAnnotations();
    SERVER_OWNED_ANNOTATIONS.stream()
        .filter(before::containsKey)
        .forEach(k -> annotations.put(k, before.get(k)));
    object.getMetadata().setAnnotations(annotations);
    if (stored == null) {
      resource.create();
    } else {
      object.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
      resource.update();
    }
    return Outcome.WRITTEN;
  }

  private String digest(HasMetadata object) {
    try {
      byte[] text = json.writeValueAsString(object).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text), 0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(key(object) + " cannot be digested", e);
    }
  }

  private static boolean ownedBy(HasMetadata object, String uid) {
    return controllerUid(object).filter(uid::equals).isPresent();
  }

  /** The uid of the owner reference marked {@code controller: true}; there is at most one. */
  private static Optional<String> controllerUid(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners == null
        ? Optional.empty()
        : owners.stream()
            .filter(o -> Boolean.TRUE.equals(o.getController()))
            .map(OwnerReference::getUid)
            .findFirst();
  }

  /** {@code Kind[.group]/name}, as kubectl names objects. */
  static String key(HasMetadata object) {
    String apiVersion = object.getApiVersion() == null ? "" : object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    return object.getKind()
        + (slash < 0 ? "" : "." + apiVersion.substring(0, slash))
        + "/"
        + object.getMetadata().getName();
  }
}
