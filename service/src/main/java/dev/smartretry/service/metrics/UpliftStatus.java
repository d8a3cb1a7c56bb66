package dev.smartretry.service.metrics;

import java.util.Locale;

/** What the uplift shows so far (docs/http-api.md, section 4); see {@link Uplift#of}. */
public enum UpliftStatus {
  /** An arm has fewer than {@link Uplift#MIN_INVOICES_PER_ARM} final invoices. */
  MEASURING,
  SIGNIFICANT,
  NOT_SIGNIFICANT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
