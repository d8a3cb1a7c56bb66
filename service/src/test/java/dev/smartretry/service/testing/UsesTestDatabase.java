package dev.smartretry.service.testing;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;

/**
 * Points a {@code @MicronautTest} at the run's {@link TestDatabase}. Micronaut only asks per-class
 * test instances for properties, so the test class needs
 * {@code @TestInstance(Lifecycle.PER_CLASS)}.
 */
public interface UsesTestDatabase extends TestPropertyProvider {
  @Override
  default Map<String, String> getProperties() {
    return TestDatabase.shared().datasourceProperties();
  }
}
