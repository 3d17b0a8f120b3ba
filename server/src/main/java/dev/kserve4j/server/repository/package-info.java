/**
 * The models a server holds: loaded through the runtimes, added, replaced and removed at run time
 * without closing a model under a running call, and each call dispatched to the event loop or the
 * model-worker pool.
 */
package dev.kserve4j.server.repository;
