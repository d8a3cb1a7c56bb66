package dev.smartretry.service.plans;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/** The {@code reported_invoices} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReportedInvoices extends GenericRepository<ReportedInvoice, String> {
  ReportedInvoice save(ReportedInvoice invoice);

  Optional<ReportedInvoice> findByInvoiceId(String invoiceId);

  /** The invoice, locked until the transaction ends: its reports take turns. */
  @Query("select * from reported_invoices where invoice_id = :invoiceId for update")
  Optional<ReportedInvoice> lockByInvoiceId(String invoiceId);

  /** Where the invoice stands after a later attempt. */
  @Query(
      "update reported_invoices set status = :status, stop_reason = :stopReason,"
          + " deadline = :deadline, recovered_at = :recoveredAt,"
          + " retries_executed = :retriesExecuted, updated_at = :now"
          + " where invoice_id = :invoiceId")
  void update(
      String invoiceId,
      int retriesExecuted,
      String status,
      @Nullable String stopReason,
      Instant deadline,
      @Nullable Instant recoveredAt,
      Instant now);
}
