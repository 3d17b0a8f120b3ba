/**
 * The REST front ends: the V1 and V2 routes over the data plane, the routing of InferenceService
 * hosts and path prefixes onto served models, and the one place failures become HTTP responses.
 */
package dev.kserve4j.server.http;
