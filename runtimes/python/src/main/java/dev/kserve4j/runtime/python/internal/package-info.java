/**
 * The Python worker processes behind {@code PythonModel}: interpreter lookup, worker launch and
 * pool, and the binary frames exchanged over each worker's stdin and stdout. Not part of the
 * module's API.
 */
package dev.kserve4j.runtime.python.internal;
