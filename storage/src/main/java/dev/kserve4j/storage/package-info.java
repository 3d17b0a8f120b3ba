/**
 * Model download: {@link dev.kserve4j.storage.ModelStorage} fetches what a KServe storage URI names
 * into a local directory through a {@link dev.kserve4j.storage.StorageProvider} per scheme, with
 * settings read from the environment as KServe's storage initializer reads them.
 */
package dev.kserve4j.storage;
