/**
 * The {@code kserve4j router} process: the graph served over HTTP as KServe's router serves it
 * ({@code POST} on any path, {@code /readyz}, drain on SIGTERM), service steps called over HTTP,
 * header propagation and the outbound host guard.
 */
package dev.kserve4j.router.http;
