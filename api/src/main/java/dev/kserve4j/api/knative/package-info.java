/**
 * The Knative duck types KServe's statuses are built on: conditions, addressables and the status
 * fields every Knative-style resource shares.
 */
package dev.kserve4j.api.knative;
