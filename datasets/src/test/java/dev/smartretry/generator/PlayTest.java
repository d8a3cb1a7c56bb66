package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.smartretry.history.Attempt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayTest {
  private static final List<Duration> SCHEDULE =
      List.of(
          Duration.ofMinutes(30),
          Duration.ofHours(20),
          Duration.ofDays(3),
          Duration.ofDays(6),
          Duration.ofDays(12));

  private final World world = new World(WorldConfig.defaults(), 1234);

  @Test
  void theSameTimesGiveTheSameOutcomes() {
    for (long i = 0; i < 500; i++) {
      WorldInvoice invoice = world.draw(i);
      assertThat(play(world.draw(i))).isEqualTo(play(invoice));
    }
  }

  @Test
  void probabilitiesAreProbabilitiesAndZeroAfterAHardDecline() {
    int hard = 0;
    for (long i = 0; i < 2_000; i++) {
      WorldInvoice invoice = world.draw(i);
      Play play = invoice.newPlay();
      for (Duration offset : SCHEDULE) {
        if (play.recovered()) {
          break;
        }
        Instant at = invoice.firstFailureAt().plus(offset);
        double p = play.successProbability(at);
        assertThat(p).isBetween(0.0, 1.0);
        if (play.hardDeclined()) {
          assertThat(p).isZero();
          hard++;
        }
        play.attempt(at);
      }
    }
    assertThat(hard).isGreaterThan(200);
  }

  @Test
  void askingForAProbabilityChangesNothing() {
    for (long i = 0; i < 300; i++) {
      WorldInvoice invoice = world.draw(i);
      Play asked = invoice.newPlay();
      for (Duration offset : SCHEDULE) {
        asked.successProbability(invoice.firstFailureAt().plus(offset.dividedBy(2)));
      }
      assertThat(play(invoice)).isEqualTo(playWith(asked, invoice));
    }
  }

  @Test
  void outcomesFollowTheProbabilities() {
    double expected = 0;
    int successes = 0;
    int n = 6_000;
    for (long i = 0; i < n; i++) {
      WorldInvoice invoice = world.draw(i);
      Play play = invoice.newPlay();
      Instant at = invoice.firstFailureAt().plus(Duration.ofDays(3));
      expected += play.successProbability(at);
      successes += play.attempt(at).succeeded() ? 1 : 0;
    }
    double sd = Math.sqrt(n * 0.25);
    assertThat((double) successes).isCloseTo(expected, offset(3 * sd));
  }

  @Test
  void policiesShareTheRandomDraws() {
    // Common random numbers: the same retry number uses the same uniform, so a retry at a better
    // time succeeds whenever one at a worse time would have.
    int velocity = 0;
    for (long i = 0; i < 20_000; i++) {
      WorldInvoice invoice = world.draw(i);
      if (invoice.limitResetsAt().isEmpty()) {
        continue;
      }
      velocity++;
      Instant reset = invoice.limitResetsAt().get();
      Instant sameDay =
          Instant.ofEpochSecond(
              (invoice.firstFailureAt().getEpochSecond() + reset.getEpochSecond()) / 2);
      if (!sameDay.isAfter(invoice.firstFailureAt())) {
        continue;
      }
      Attempt early = invoice.newPlay().attempt(sameDay);
      Attempt late = invoice.newPlay().attempt(reset.plus(Duration.ofHours(8)));
      if (early.succeeded()) {
        assertThat(late.succeeded()).isTrue();
      }
    }
    assertThat(velocity).isGreaterThan(300);
  }

  @Test
  void refusesRetriesOutOfOrderOrAfterRecovery() {
    WorldInvoice invoice = world.draw(0);
    Play play = invoice.newPlay();

    assertThatThrownBy(() -> play.attempt(invoice.firstFailureAt()))
        .isInstanceOf(IllegalArgumentException.class);
    for (long i = 0; ; i++) {
      WorldInvoice velocity = world.draw(i);
      if (velocity.limitResetsAt().isPresent()) {
        Play recovered = velocity.newPlay();
        Instant at = velocity.limitResetsAt().get();
        while (!recovered.recovered()) {
          at = at.plus(Duration.ofDays(1));
          recovered.attempt(at);
        }
        Instant later = at.plus(Duration.ofDays(1));
        assertThatThrownBy(() -> recovered.attempt(later))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> recovered.successProbability(later))
            .isInstanceOf(IllegalStateException.class);
        assertThat(recovered.toInvoice().recovered()).isTrue();
        break;
      }
    }
  }

  @Test
  void theOriginalChargeIsWhatAPlannerFirstSees() {
    WorldInvoice invoice = world.draw(42);
    Play play = invoice.newPlay();

    assertThat(play.attempts()).containsExactly(invoice.originalCharge());
    assertThat(play.toInvoice()).isEqualTo(invoice.original());
    assertThat(invoice.original().attempts().get(0).succeeded()).isFalse();
  }

  private static List<Attempt> play(WorldInvoice invoice) {
    return playWith(invoice.newPlay(), invoice);
  }

  private static List<Attempt> playWith(Play play, WorldInvoice invoice) {
    for (Duration offset : SCHEDULE) {
      if (play.recovered()) {
        break;
      }
      play.attempt(invoice.firstFailureAt().plus(offset));
    }
    return List.copyOf(play.attempts());
  }
}
