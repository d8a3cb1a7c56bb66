package dev.smartretry.inspect;

/** Retries in one group and how many of them succeeded. */
public record SuccessRate(String group, long retries, long succeeded) {
  public double rate() {
    return retries == 0 ? 0 : (double) succeeded / retries;
  }
}
