/**
 * Model format {@code lightgbm}: LightGBM text models run through LightGBM's C API (the native
 * library of lightgbm4j), answering as KServe's lgbserver does.
 */
package dev.kserve4j.runtime.lightgbm;
