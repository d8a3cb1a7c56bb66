package dev.smartretry.service.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/metrics/recovery} (docs/http-api.md, section 4). Null fields are written as null.
 *
 * @param groupBy null when the answer is one group, {@code all}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record RecoveryJson(Instant from, Instant to, @Nullable String groupBy, List<Group> groups) {

  /**
   * One group's figures.
   *
   * @param recoveryRate recovered over failed invoices; null when there are none
   * @param retriesPerRecovery retries executed over invoices recovered; null when none was
   * @param medianHoursToRecovery from the first failure to the recovery; null when none was
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Group(
      String key,
      long failedInvoices,
      long recoveredInvoices,
      long inRecoveryInvoices,
      long exhaustedInvoices,
      long stoppedInvoices,
      long resolvedInvoices,
      @Nullable Double recoveryRate,
      Map<String, Long> failedAmountMinor,
      Map<String, Long> recoveredAmountMinor,
      long retriesExecuted,
      @Nullable Double retriesPerRecovery,
      @Nullable Double medianHoursToRecovery) {}
}
