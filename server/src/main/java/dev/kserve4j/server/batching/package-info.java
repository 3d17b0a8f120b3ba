/**
 * Dynamic batching: concurrent requests to one model merged along dimension 0 into one runtime
 * call, and the response split back per request.
 */
package dev.kserve4j.server.batching;
