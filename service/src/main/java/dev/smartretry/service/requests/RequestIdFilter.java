package dev.smartretry.service.requests;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Gives every request its {@link RequestId}. It runs first, so that the API key filter's refusals
 * and every later log line carry the id too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestIdFilter {
  @RequestFilter
  void assign(HttpRequest<?> request, MutablePropagatedContext context) {
    RequestId id = RequestId.from(request.getHeaders().get(RequestId.HEADER));
    request.setAttribute(RequestId.ATTRIBUTE, id);
    context.add(id);
  }

  @ResponseFilter
  void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
    RequestId.of(request).ifPresent(id -> response.header(RequestId.HEADER, id.value()));
  }
}
