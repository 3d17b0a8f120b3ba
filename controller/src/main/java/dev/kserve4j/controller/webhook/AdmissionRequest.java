package dev.kserve4j.controller.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of an {@code admission.k8s.io} AdmissionReview request that the validators use.
 *
 * @param uid {@code request.uid}, echoed in the response
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
 * @param namespace {@code request.namespace}, empty for cluster-scoped objects
 * @param object {@code request.object}, the object as it would be stored (missing on DELETE)
 * @param oldObject {@code request.oldObject}, the stored object on UPDATE and DELETE, else missing
 */
public record AdmissionRequest(
    String uid, String operation, String namespace, JsonNode object, JsonNode oldObject) {

  /**
   * Whether the request creates or updates the object: the operations KServe's validators judge.
   */
  public boolean createsOrUpdates() {
    return "CREATE".equals(operation) || "UPDATE".equals(operation);
  }

  /** Whether the request updates an object. */
  public boolean isUpdate() {
    return "UPDATE".equals(operation);
  }
}
