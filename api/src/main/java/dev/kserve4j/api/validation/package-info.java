/**
 * The checks and defaults of KServe's admission webhooks, as plain functions over the resource
 * types: each validator reports every field error at once rather than the first. Whatever a check
 * needs of the cluster (the other runtimes of a scope, the stored object of an update) is passed
 * in.
 */
package dev.kserve4j.api.validation;
