package dev.smartretry.service.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedReadTest {
  private final AtomicLong generation = new AtomicLong(1);
  private final AtomicInteger loads = new AtomicInteger();

  private final CachedRead<Integer> read =
      new CachedRead<>(generation::get, loads::incrementAndGet);

  @Test
  void keepsWhatItReadWhileNothingChanges() {
    assertThat(read.get()).isEqualTo(1);
    assertThat(read.get()).isEqualTo(1);

    assertThat(loads).hasValue(1);
  }

  @Test
  void readsAgainAfterAChange() {
    read.get();

    generation.incrementAndGet();

    assertThat(read.get()).isEqualTo(2);
    assertThat(read.get()).isEqualTo(2);
  }

  @Test
  void readsThroughWhileChangesCannotBeSeen() {
    generation.set(TableChanges.UNKNOWN);

    assertThat(read.get()).isEqualTo(1);
    assertThat(read.get()).isEqualTo(2);
  }

  @Test
  void aChangeDuringTheLoadIsNotHidden() {
    // The load sees the old data, and the change lands before it returns.
    CachedRead<Integer> racing =
        new CachedRead<>(
            generation::get,
            () -> {
              int value = loads.incrementAndGet();
              generation.incrementAndGet();
              return value;
            });

    assertThat(racing.get()).isEqualTo(1);

    assertThat(racing.get()).isEqualTo(2);
  }
}
