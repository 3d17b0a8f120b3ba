package dev.kserve4j.autoscaler;

/** What turns a decision into replicas (adds and removes them). */
public interface ReplicaRealizer {
  /** The replicas ready to take requests now. */
  int readyReplicas();

  /** Asks for {@code desired} replicas; {@code why} is the decision that wants them. */
  void scaleTo(int desired, Decision why);
}
