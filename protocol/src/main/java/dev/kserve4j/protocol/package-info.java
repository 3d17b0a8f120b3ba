/**
 * The transport-free core model of inference that every protocol and runtime shares: tensors held
 * in flat primitive arrays and their datatypes, requests, responses and metadata. The wire formats
 * are in {@code v1}, {@code v2} and {@code openai}.
 */
package dev.kserve4j.protocol;
