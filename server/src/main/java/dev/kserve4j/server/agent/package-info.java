/**
 * KServe's model agent inside the server: watches the multi-model configuration file {@code
 * models.json}, pulls each model it lists into the model repository directory, and loads or unloads
 * it through the repository API.
 */
package dev.kserve4j.server.agent;
