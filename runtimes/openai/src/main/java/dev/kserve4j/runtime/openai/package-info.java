/**
 * Model format {@code openai}: a model served by an OpenAI-compatible engine elsewhere, named in
 * {@code upstream.json}, probed at load, and forwarded to by the server.
 */
package dev.kserve4j.runtime.openai;
