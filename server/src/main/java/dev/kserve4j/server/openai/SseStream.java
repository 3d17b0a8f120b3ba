package dev.kserve4j.server.openai;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.kserve4j.protocol.openai.OpenAiStreamCodec;
import dev.kserve4j.protocol.openai.TokenLogprob;
import dev.kserve4j.protocol.openai.Usage;
import dev.kserve4j.runtime.generate.GeneratedToken;
import dev.kserve4j.runtime.generate.Generation;
import dev.kserve4j.runtime.generate.TokenSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One streamed completion as server-sent events, written (and so flushed) token by token from the
 * generation threads.
 *
 * <p>Events go to the connection from its event loop: a token's event is handed over at once, and
 * events that arrive while a hand-over is still pending (a fast model, a busy machine) leave
 * together in one write instead of one write and flush each. Nothing waits for company, so a slow
 * stream still sees every token as it is generated.
 *
 * <p>The headers go out with the first event, so a request that fails before its first token (a
 * prompt longer than the context, a model failure) still gets its own status and OpenAI's error
 * object. A failure after that ends the stream as OpenAI's API does: a {@code data: {"error":
 * {...}}} event, which OpenAI's clients raise as an error, then {@code data: [DONE]}. When the
 * client goes away every sink returns false, so the model stops and frees its slot.
 */
final class SseStream {
  private final HttpResponseWriter writer = HttpResponse.streaming();
  private final GenerationPlan plan;
  private final OpenAiErrors errors;
  private final AtomicBoolean gone = new AtomicBoolean();
  private final boolean[] started;
  private final int[] offsets;
  private final ServiceRequestContext ctx;

  /** Events not yet handed to the connection; guarded by {@code this}. */
  private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

  private boolean flushScheduled;
  private boolean closeAfterFlush;
  private boolean headersSent;
  private boolean ended;

  SseStream(ServiceRequestContext ctx, GenerationPlan plan, OpenAiErrors errors) {
    this.ctx = ctx;
    this.plan = plan;
    this.errors = errors;
    this.started = new boolean[plan.requests().size()];
    this.offsets = new int[plan.requests().size()];
    writer.whenComplete().handle((ignored, t) -> gone.getAndSet(true));
    ctx.whenRequestCancelled().thenRun(() -> gone.set(true));
  }

  HttpResponse response() {
    return writer;
  }

  /** The sink of choice {@code index}: false once the client is gone or the stream ended. */
  TokenSink sink(int index) {
    return token -> text(index, token);
  }

  private synchronized boolean text(int index, GeneratedToken token) {
    if (gone.get() || ended) {
      return false;
    }
    if (token.text().isEmpty()) {
      return true; // part of a multi-byte character: its text comes with the next token
    }
    open(index);
    TokenLogprob lp = plan.logprob(token);
    boolean written =
        send(
            OpenAiStreamCodec.text(
                plan.head(),
                index,
                token.text(),
                lp == null ? null : List.of(lp),
                offsets[index],
                plan.includeUsage()));
    offsets[index] += token.text().length();
    return written;
  }

  /** Ends choice {@code index} with its finish reason. */
  synchronized void finished(int index, Generation g) {
    if (ended || g.finishReason() == Generation.FinishReason.CANCELLED) {
      return;
    }
    open(index);
    send(
        OpenAiStreamCodec.finish(
            plan.head(), index, GenerationPlan.finishReason(g), plan.includeUsage()));
  }

  /** Ends the stream after every choice finished: the usage chunk when asked, then [DONE]. */
  synchronized void complete(Usage usage) {
    if (ended) {
      return;
    }
    if (plan.includeUsage()) {
      send(OpenAiStreamCodec.usage(plan.head(), usage));
    }
    end();
  }

  /**
   * Ends the stream with {@code cause}: as the response when nothing was sent yet, else as an
   * event.
   */
  synchronized void fail(Throwable cause) {
    if (ended) {
      return;
    }
    OpenAiErrors.Rendered error = errors.render(cause);
    if (gone.get()) {
      ended = true; // the client left: nobody to tell
      writer.abort();
      return;
    }
    if (!headersSent) {
      ended = true;
      writer.close(error.response());
      return;
    }
    send(error.body());
    end();
  }

  private void open(int index) {
    if (plan.head().chat() && !started[index]) {
      started[index] = true;
      send(OpenAiStreamCodec.chatStart(plan.head(), index, plan.includeUsage()));
    }
  }

  private boolean send(byte[] json) {
    return write(OpenAiStreamCodec.event(json));
  }

  private void end() {
    write(OpenAiStreamCodec.done());
    ended = true;
    closeAfterFlush = true;
    scheduleFlush();
  }

  private boolean write(byte[] bytes) {
    if (!headersSent) {
      headersSent = true;
      writer.tryWrite(
          ResponseHeaders.builder(HttpStatus.OK)
              .contentType(MediaType.EVENT_STREAM)
              .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
              .build());
    }
    pending.writeBytes(bytes);
    scheduleFlush();
    return !gone.get();
  }

  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.eventLoop().execute(this::flush);
    }
  }

  /** On the event loop: hands every pending event to the connection in one write. */
  private void flush() {
    byte[] out;
    boolean close;
    synchronized (this) {
      out = pending.toByteArray();
      pending.reset();
      flushScheduled = false;
      close = closeAfterFlush;
    }
    if (out.length > 0) {
      writer.tryWrite(HttpData.wrap(out));
    }
    if (close) {
      writer.close();
    }
  }
}
