package dev.smartretry.service.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void theChainStartsWithTheFailureItself() {
    SQLException root = new SQLException("gone", "08006");
    IllegalStateException wrapped = new IllegalStateException("wrapped", root);

    assertThat(Causes.of(wrapped)).containsExactly(wrapped, root);
    assertThat(Causes.ofType(wrapped, SQLException.class)).containsSame(root);
    assertThat(Causes.ofType(wrapped, IOException.class)).isEmpty();
    assertThat(Causes.of(null)).isEmpty();
  }

  @Test
  void aCycleEndsTheChain() {
    IOException first = new IOException("first");
    UncheckedIOException second = new UncheckedIOException(first);
    first.initCause(second);

    assertThat(Causes.of(second)).containsExactly(second, first);
    assertThat(Causes.any(second, cause -> cause.getMessage().equals("nowhere"))).isFalse();
  }
}
