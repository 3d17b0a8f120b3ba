/**
 * The KServe V1 protocol codec: {@code :predict} JSON ({@code instances} or {@code inputs}, one
 * entry per row) to and from the core model, and how a model's outputs become {@code predictions}.
 */
package dev.kserve4j.protocol.v1;
