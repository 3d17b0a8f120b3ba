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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the cluster hold exactly the rendered objects of one InferenceService. Each object is
 * stamped with a digest of its rendering ({@value #DIGEST_ANNOTATION}); an object whose stored
 * digest matches is left alone, so an unchanged InferenceService causes no writes (the API server
 * defaults fields, so comparing stored and rendered specs would see differences that are not).
 * Objects labelled with the InferenceService and owned by it that are no longer rendered are deleted.
 */
final class DesiredStateApplier {
  static final String DIGEST_ANNOTATION = "serving.kserve4j.dev/rendered-digest";

  /** What one pass changed, as {@code Kind/name}. */
  record Changes(List<String> written, List<String> deleted) {}

  private final ManagedKinds kinds;
  private final ObjectMapper json = JsonMapper.builder()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

  DesiredStateApplier(ManagedKinds kinds) {
    this.kinds = kinds;
  }

  Changes apply(String namespace, String isvcName, String isvcUid, List<HasMetadata> desired) {
    List<String> written = desired.stream().filter(o -> write(namespace, o)).map(DesiredStateApplier::key).toList();
    Set<String> wanted = desired.stream().map(DesiredStateApplier::key).collect(Collectors.toSet());
    List<String> deleted = kinds.listLabelled(namespace, ComponentMeta.ISVC_LABEL, isvcName).stream()
        .filter(o -> ownedBy(o, isvcUid) && !wanted.contains(key(o)))
        .peek(o -> kinds.resource(o, namespace).delete())
        .map(DesiredStateApplier::key).toList();
    return new Changes(written, deleted);
  }

  /** Creates or replaces {@code object} unless the stored one has its digest; whether it wrote. */
  private boolean write(String namespace, HasMetadata object) {
    String digest = digest(object);
    Resource<HasMetadata> resource = kinds.resource(object, namespace);
    HasMetadata stored = resource.get();
    if (stored != null && stored.getMetadata().getAnnotations() != null
        && digest.equals(stored.getMetadata().getAnnotations().get(DIGEST_ANNOTATION))) {
      return false;
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (object.getMetadata().getAnnotations() != null) {
      annotations.putAll(object.getMetadata().getAnnotations());
    }
    annotations.put(DIGEST_ANNOTATION, digest);
    object.getMetadata().setAnnotations(annotations);
    if (stored == null) {
      resource.create();
    } else {
      object.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
      resource.update();
    }
    return true;
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
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()) && Boolean.TRUE.equals(o.getController()));
  }

  static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
