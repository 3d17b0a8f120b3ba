/**
 * The {@code kserve4j} command line (picocli): {@code serve}, {@code up} with its clients {@code
 * apply}, {@code get} and {@code delete}, {@code controller}, {@code storage-initializer} and
 * {@code tiny-gguf}.
 */
package dev.kserve4j.cli;
