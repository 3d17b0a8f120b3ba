/**
 * The runtime SPI: the {@link dev.kserve4j.runtime.Model} a runtime hands to the server, the {@link
 * dev.kserve4j.runtime.ModelRuntimeProvider} of each model format (found through {@link
 * java.util.ServiceLoader}), and {@link dev.kserve4j.runtime.CustomModel}, the base class of user
 * models written in Java.
 */
package dev.kserve4j.runtime;
