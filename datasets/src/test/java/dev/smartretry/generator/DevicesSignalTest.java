package dev.smartretry.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smartretry.generator.Measures.Contrast;
import dev.smartretry.history.Attempt;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Effect 10: devices_24h, low while the card is blocked or unfunded, predicts recovery. */
class DevicesSignalTest {
  private final GeneratedHistory history = GeneratedHistory.get();

  @Test
  void succeededRowsShowMoreDevicesThanFailedOnes() {
    double succeeded = meanDevices(Attempt::succeeded);
    double failed = meanDevices(a -> !a.succeeded());

    assertThat(succeeded).isGreaterThan(failed * 1.5);
  }

  @Test
  void manyDevicesOnThePreviousRowPredictSuccess() {
    Contrast previous = Measures.previousDevices(history);

    assertThat(previous.clear()).as(previous.toString()).isTrue();
    assertThat(previous.better().value())
        .as(previous.toString())
        .isGreaterThan(previous.worse().value() * 1.5);
  }

  private double meanDevices(Predicate<Attempt> filter) {
    return history.samples().stream()
        .flatMap(s -> s.invoice().attempts().stream())
        .filter(filter)
        .mapToInt(a -> a.devices24h().getAsInt())
        .average()
        .orElseThrow();
  }
}
