/**
 * The failure every module shares: {@link dev.kserve4j.common.KServeException}, an expected failure
 * whose {@link dev.kserve4j.common.ErrorKind} each protocol maps to its own status in one place.
 */
package dev.kserve4j.common;
