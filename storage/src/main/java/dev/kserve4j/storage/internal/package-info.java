/**
 * The storage providers and their machinery: local paths, PVCs, HTTP(S), S3, GCS and the Hugging
 * Face Hub; the download cache, parallel transfers and safe archive unpacking. Not part of the
 * module's API.
 */
package dev.kserve4j.storage.internal;
