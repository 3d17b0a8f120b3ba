/**
 * An example user model written on {@link dev.kserve4j.runtime.CustomModel}: flags anomalous
 * temperature readings sent as text. Served with model format {@code custom}; it depends on
 * runtime-api only.
 */
package com.acme.temperature;
