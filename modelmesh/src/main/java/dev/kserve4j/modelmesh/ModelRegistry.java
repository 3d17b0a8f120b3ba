package dev.kserve4j.modelmesh;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the mesh keeps its models and members (ModelMesh's etcd keyspace: {@code registry/} and
 * {@code instances/}). A member's record lives on a lease: when the member stops renewing it, the
 * record goes, and so do the member's copies in every model's record.
 */
public interface ModelRegistry {
  /** The record of {@code id}, if registered. */
  Optional<ModelRecord> model(String id);

  /** Registers {@code record}; false when a model of that id is registered already. */
  boolean register(ModelRecord record);

  /**
   * Changes the record of {@code id} with {@code change}, retried on a concurrent change (compare
   * and swap); the record as changed, or empty when it is not registered.
   */
  Optional<ModelRecord> update(String id, UnaryOperator<ModelRecord> change);

  /** Removes {@code id}; false when it was not registered. */
  boolean deregister(String id);

  /** Every registered model. */
  List<ModelRecord> models();

  /**
   * Publishes (or republishes) a member's record, kept while the lease of {@code ttl} is renewed.
   */
  void publish(InstanceRecord instance, Duration ttl);

  /** Renews a member's lease; false when it had expired (the member must publish again). */
  boolean renew(String instanceId);

  /** Removes a member at once (leaving the mesh), with its copies. */
  void leave(String instanceId);

  /** The members whose leases are alive. */
  List<InstanceRecord> instances();
}
