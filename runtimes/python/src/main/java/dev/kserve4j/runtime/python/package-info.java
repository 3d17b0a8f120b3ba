/**
 * Model formats {@code sklearn} and {@code python}: models run in a pool of Python worker
 * processes, with each request checked in Java before it crosses over.
 */
package dev.kserve4j.runtime.python;
