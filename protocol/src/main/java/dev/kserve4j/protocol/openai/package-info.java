/**
 * The OpenAI API's bodies: completions, chat completions and embeddings requests read into records,
 * and whole responses, streamed chunks (server-sent events) and error objects written as OpenAI
 * writes them.
 */
package dev.kserve4j.protocol.openai;
