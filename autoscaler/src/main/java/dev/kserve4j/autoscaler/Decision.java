package dev.kserve4j.autoscaler;

/**
 * One decision of the autoscaler.
 *
 * @param desired the replicas wanted; -1 when there is no data yet (keep what there is)
 * @param panic whether the autoscaler is in panic mode
 * @param reason why, in words, for the log
 */
public record Decision(int desired, boolean panic, String reason) {}
