package dev.smartretry.service.requests;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id of one request: in its answer's {@code X-Request-Id} header, its problem documents and
 * every log line written while it is handled, so that a client's report and the logs meet.
 *
 * <p>As an element of Micronaut's propagated context it is in the logging MDC on whichever thread
 * handles the request, the event loop or the blocking pool, and only there: the previous value is
 * restored when the thread moves on.
 */
public record RequestId(String value) implements ThreadPropagatedContextElement<String> {
  public static final String HEADER = "X-Request-Id";

  /** The MDC key; logback.xml prints it with {@code %X{request_id}}. */
  public static final String MDC_KEY = "request_id";

  static final String ATTRIBUTE = RequestId.class.getName();

  // A token safe in a header, a log line and a JSON string: nothing a client could use to forge
  // log lines or smuggle markup.
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The client's id when it is a sane token; otherwise a new one. */
  static RequestId from(@Nullable String sent) {
    if (sent != null && SANE.matcher(sent).matches()) {
      return new RequestId(sent);
    }
    return new RequestId(UUID.randomUUID().toString());
  }

  /** The id given to {@code request}, if the request got as far as the filters. */
  public static Optional<RequestId> of(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, RequestId.class);
  }

  @Override
  public String updateThreadContext() {
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, value);
    return previous;
  }

  @Override
  public void restoreThreadContext(@Nullable String previous) {
    if (previous == null) {
      MDC.remove(MDC_KEY);
    } else {
      MDC.put(MDC_KEY, previous);
    }
  }
}
