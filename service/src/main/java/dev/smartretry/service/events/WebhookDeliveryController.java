package dev.smartretry.service.events;

import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code /v1/webhook-deliveries} (docs/http-api.md, section 7): the delivery log, newest first,
 * with each try's status code, and sending one again.
 */
@Controller("/v1/webhook-deliveries")
@Allowed(Role.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
final class WebhookDeliveryController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  private static final Set<String> STATUSES =
      Set.of(WebhookDelivery.PENDING, WebhookDelivery.DELIVERED, WebhookDelivery.FAILED);

  private final DeliveryLog log;

  WebhookDeliveryController(DeliveryLog log) {
    this.log = log;
  }

  @Get
  DeliveryLog.Page list(
      @QueryValue @Nullable String endpoint,
      @QueryValue @Nullable String status,
      @QueryValue @Nullable Integer limit,
      @QueryValue @Nullable String after) {
    if (status != null && !STATUSES.contains(status)) {
      throw invalid("status", "must be pending, delivered or failed");
    }
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    long before = Long.MAX_VALUE;
    if (after != null) {
      before =
          deliveryId(after)
              .orElseThrow(() -> invalid("after", "must be the next cursor of an earlier page"));
    }
    return log.list(endpoint, status, before, size);
  }

  @Get("/{id}")
  DeliveryJson delivery(@PathVariable String id) {
    OptionalLong number = deliveryId(id);
    if (number.isEmpty()) {
      throw notFound(id);
    }
    return log.find(number.getAsLong()).orElseThrow(() -> notFound(id));
  }

  /** Sends the delivery again now: 202 with the delivery as it then stands. */
  @Post("/{id}/retry")
  HttpResponse<DeliveryJson> retry(@PathVariable String id) {
    long number = deliveryId(id).orElseThrow(() -> notFound(id));
    return HttpResponse.accepted().body(log.sendAgain(number));
  }

  private static OptionalLong deliveryId(String text) {
    if (text == null || !text.startsWith(DeliveryJson.PREFIX)) {
      return OptionalLong.empty();
    }
    try {
      long id = Long.parseLong(text.substring(DeliveryJson.PREFIX.length()));
      return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static ServiceProblem notFound(String id) {
    return ServiceProblem.notFound("There is no webhook delivery " + id + ".");
  }

  private static ServiceProblem invalid(String field, String message) {
    return ServiceProblem.invalid(List.of(new FieldError(field, message)));
  }
}
