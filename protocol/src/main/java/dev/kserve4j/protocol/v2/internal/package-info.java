/**
 * The machinery behind the V2 REST codecs: tensor elements streamed between JSON and primitive
 * arrays without boxing, the binary tensor data layout, parameters and the shared JSON factory. Not
 * part of the module's API.
 */
package dev.kserve4j.protocol.v2.internal;
