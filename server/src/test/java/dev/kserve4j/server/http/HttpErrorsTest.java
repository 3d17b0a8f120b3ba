package dev.kserve4j.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpStatus;
import dev.kserve4j.common.ErrorKind;
import dev.kserve4j.common.KServeException;
import dev.kserve4j.runtime.JsonReply;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpErrorsTest {
  private final HttpErrors errors = new HttpErrors(1024);

  /** KServe's V2 error statuses, one per kind. */
  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(ErrorKind.INVALID_INPUT, 400),
        Arguments.of(ErrorKind.NOT_FOUND, 404),
        Arguments.of(ErrorKind.UNAVAILABLE, 503),
        Arguments.of(ErrorKind.TOO_LARGE, 413),
        Arguments.of(ErrorKind.UNIMPLEMENTED, 501),
        Arguments.of(ErrorKind.MODEL_FAILURE, 500));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("kinds")
  void eachKindHasItsStatusAndTheMessageAsTheErrorBody(ErrorKind kind, int status) {
    KServeException failure = new KServeException(kind, "what went wrong");

    AggregatedHttpResponse wrapped =
        errors.toResponse(new CompletionException(failure)).aggregate().join();
    AggregatedHttpResponse direct = HttpErrors.response(failure).aggregate().join();

    JsonReply reply = errors.reply(new CompletionException(failure));

    assertThat(HttpErrors.status(kind).code()).isEqualTo(status);
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.json()).isTrue();
    assertThat(new String(reply.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"what went wrong\"}");
    for (AggregatedHttpResponse response : new AggregatedHttpResponse[] {wrapped, direct}) {
      assertThat(response.status().code()).isEqualTo(status);
      assertThat(response.contentUtf8()).isEqualTo("{\"error\":\"what went wrong\"}");
    }
  }

  @Test
  void everyKindIsInTheTable() {
    assertThat(kinds().map(a -> (ErrorKind) a.get()[0]))
        .containsExactlyInAnyOrder(ErrorKind.values());
  }

  @Test
  void aBodyOverTheLimitIs413NamingTheLimitAndAnythingElse500() {
    AggregatedHttpResponse tooLarge =
        errors.toResponse(ContentTooLargeException.get()).aggregate().join();
    AggregatedHttpResponse other =
        errors.toResponse(new IllegalStateException("boom")).aggregate().join();
    AggregatedHttpResponse fixedLimit =
        new HttpErrors(10, "").toResponse(ContentTooLargeException.get()).aggregate().join();

    assertThat(tooLarge.status()).isEqualTo(HttpStatus.REQUEST_ENTITY_TOO_LARGE);
    assertThat(tooLarge.contentUtf8())
        .contains(
            "larger than the limit of 1024 bytes (expected at"
                + " most that; raise it with --max-request-bytes)");
    assertThat(fixedLimit.contentUtf8()).contains("limit of 10 bytes (expected at most that)\"");
    assertThat(other.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(other.contentUtf8())
        .isEqualTo("{\"error\":\"internal error: IllegalStateException: boom\"}");
  }
}
