package dev.smartretry.service.plans;

import dev.smartretry.service.decision.DecisionRequest;
import dev.smartretry.service.decision.DecisionRequestReader;
import dev.smartretry.service.gateway.GatewaySettings;
import dev.smartretry.service.problem.FieldError;
import dev.smartretry.service.problem.ServiceProblem;
import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;

/**
 * {@code /v1/payment-failures} (docs/http-api.md, section 2): billing systems hand a failed invoice
 * over, read its plan, list plans and say when an invoice was settled elsewhere.
 */
@Controller("/v1/payment-failures")
@Allowed(Role.BILLING)
// Every endpoint reads or writes the database: off the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
final class PaymentFailureController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  private final DecisionRequestReader reader;
  private final PlanRegistry registry;
  private final GatewaySettings gateway;
  private final Clock clock;

  PaymentFailureController(
      DecisionRequestReader reader, PlanRegistry registry, GatewaySettings gateway, Clock clock) {
    this.reader = reader;
    this.registry = registry;
    this.gateway = gateway;
    this.clock = clock;
  }

  /** Registers a failed invoice: 201 with its new plan, or 200 with the plan it already has. */
  @Post
  HttpResponse<PlanJson> register(@Body DecisionRequest request) {
    if (gateway.url().isEmpty()) {
      throw new PlanException.NoGateway();
    }
    PlanRegistry.Registration registration =
        registry.register(reader.forRegistration(request, clock.instant()));
    PlanJson plan = registration.plan();
    if (registration.created()) {
      return HttpResponse.created(
          plan, UriBuilder.of("/v1/payment-failures").path(plan.invoiceId()).build());
    }
    return HttpResponse.ok(plan);
  }

  @Get("/{invoiceId}")
  PlanJson plan(@PathVariable String invoiceId) {
    return registry.find(invoiceId);
  }

  /** Plans, newest first, {@code limit} at a time; {@code next} is the cursor of the next page. */
  @Get
  PlanRegistry.Page list(
      @QueryValue @Nullable String status,
      @QueryValue @Nullable Integer limit,
      @QueryValue @Nullable String after) {
    PlanStatus wanted = null;
    if (status != null) {
      wanted =
          PlanStatus.fromWireName(status)
              .orElseThrow(() -> invalid("status", "must be one of " + PlanStatus.wireNames()));
    }
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    PlanCursor cursor =
        after == null
            ? PlanCursor.START
            : PlanCursor.parse(after)
                .orElseThrow(() -> invalid("after", "must be the next cursor of an earlier page"));
    return registry.list(wanted, cursor, size);
  }

  /**
   * The invoice was settled elsewhere: no retry runs after this. A final plan comes back as it is.
   */
  @Post("/{invoiceId}/resolve")
  PlanJson resolve(@PathVariable String invoiceId, @Body ResolveRequest request) {
    StopReason resolution =
        request.resolution() == null
            ? null
            : switch (request.resolution()) {
              case "paid_elsewhere" -> StopReason.PAID_ELSEWHERE;
              case "voided" -> StopReason.VOIDED;
              default -> null;
            };
    if (resolution == null) {
      throw invalid("resolution", "must be paid_elsewhere or voided");
    }
    return registry.resolve(invoiceId, resolution);
  }

  private static ServiceProblem invalid(String field, String message) {
    return ServiceProblem.invalid(List.of(new FieldError(field, message)));
  }
}
