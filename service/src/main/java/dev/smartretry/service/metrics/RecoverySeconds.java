package dev.smartretry.service.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How long recovered invoices took, in whole seconds from first failure to recovery, gathered from
 * the rows of several days and ranges: PostgreSQL packs each row's times as 4-byte big-endian
 * integers ({@code int4send}), and these are put together here, where a median over a year of
 * rolled-up days costs a sort of integers rather than a sort of rows.
 */
final class RecoverySeconds {
  private final ByteArrayOutputStream packed = new ByteArrayOutputStream();
  private int[] sorted;

  /** Adds a row's packed times; null (no recovered invoice) adds none. */
  void add(byte[] times) {
    if (times == null) {
      return;
    }
    if (times.length % Integer.BYTES != 0) {
      throw new IllegalArgumentException("packed times of " + times.length + " bytes");
    }
    packed.writeBytes(times);
    sorted = null;
  }

  int count() {
    return packed.size() / Integer.BYTES;
  }

  /**
   * The median in hours, interpolated between the middle two like PostgreSQL's {@code
   * percentile_cont(0.5)}; null when nothing was recovered.
   */
  Double medianHours() {
    int[] seconds = sorted();
    if (seconds.length == 0) {
      return null;
    }
    int middle = (seconds.length - 1) / 2;
    double median =
        seconds.length % 2 == 1
            ? seconds[middle]
            : (seconds[middle] + (double) seconds[middle + 1]) / 2;
    return median / 3600;
  }

  /** How many took from {@code b * bucketHours} (inclusive) to the next bucket, for each b. */
  long[] byBucket(int bucketHours) {
    int[] seconds = sorted();
    if (seconds.length == 0) {
      return new long[0];
    }
    long bucketSeconds = bucketHours * 3600L;
    long[] buckets = new long[(int) (seconds[seconds.length - 1] / bucketSeconds) + 1];
    for (int time : seconds) {
      buckets[(int) (time / bucketSeconds)]++;
    }
    return buckets;
  }

  private int[] sorted() {
    if (sorted == null) {
      ByteBuffer buffer = ByteBuffer.wrap(packed.toByteArray());
      int[] seconds = new int[count()];
      for (int index = 0; index < seconds.length; index++) {
        seconds[index] = buffer.getInt();
      }
      Arrays.sort(seconds);
      sorted = seconds;
    }
    return sorted;
  }
}
