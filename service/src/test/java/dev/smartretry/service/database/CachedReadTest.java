package dev.smartretry.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedReadTest {
  private final AtomicLong generation = new AtomicLong(1);
  private final AtomicInteger loads = new AtomicInteger();
  private final DatabaseOutage outage = new DatabaseOutage(Clock.systemUTC());

  private final CachedRead<Integer> read =
      new CachedRead<>(generation::get, outage, loads::incrementAndGet);

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
            outage,
            () -> {
              int value = loads.incrementAndGet();
              generation.incrementAndGet();
              return value;
            });

    assertThat(racing.get()).isEqualTo(1);

    assertThat(racing.get()).isEqualTo(2);
  }

  @Test
  void servesTheLastValueWithoutLoadingWhileTheDatabaseIsAway() {
    read.get();
    outage.listeningLost(new SQLTransientConnectionException("refused"));
    generation.set(TableChanges.UNKNOWN);

    assertThat(read.get()).isEqualTo(1);
    assertThat(loads).hasValue(1);

    outage.listeningAgain();
    generation.set(5);
    assertThat(read.get()).isEqualTo(2);
  }

  @Test
  void aLoadThatMeetsTheDatabaseAwayServesTheLastValue() {
    AtomicInteger attempts = new AtomicInteger();
    CachedRead<Integer> failing =
        new CachedRead<>(
            generation::get,
            outage,
            () -> {
              if (attempts.incrementAndGet() > 1) {
                throw new IllegalStateException(
                    "wrapped", new SQLException("connection refused", "08001"));
              }
              return 7;
            });
    failing.get();
    generation.incrementAndGet();

    assertThat(failing.get()).isEqualTo(7);
    assertThat(outage.ongoing()).isTrue();
  }

  @Test
  void otherFailuresAndAFirstLoadThatFailsAreNotHidden() {
    CachedRead<Integer> broken =
        new CachedRead<>(
            generation::get,
            outage,
            () -> {
              throw new IllegalStateException("bad row");
            });
    CachedRead<Integer> away =
        new CachedRead<>(
            generation::get,
            outage,
            () -> {
              throw new IllegalStateException(new SQLException("refused", "08001"));
            });

    assertThatThrownBy(broken::get).hasMessage("bad row");
    assertThatThrownBy(away::get).hasRootCauseMessage("refused");
  }
}
