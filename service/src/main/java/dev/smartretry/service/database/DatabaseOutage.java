package dev.smartretry.service.database;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database is away, and since when: one place that a failed request or the lost
 * listening connection tells, so that an outage is logged once when it starts and once when it
 * ends, and decisions can go on from what is in memory meanwhile instead of waiting on it.
 *
 * <p>It starts when a connection to the database cannot be made or breaks ({@link
 * #isConnectionFailure}) while the connection that listens for changes ({@link TableChanges}) is
 * lost too; it ends when that connection is established again, which also marks everything loaded
 * before as stale.
 */
@Singleton
public final class DatabaseOutage {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);

  private final Clock clock;
  private volatile @Nullable Instant since;
  // While the listening connection holds, the database is there: a failed request alone is a
  // broken connection of the pool, not an outage.
  private volatile boolean listening;

  DatabaseOutage(Clock clock) {
    this.clock = clock;
  }

  /** Since when the database is away, by the service's clock; empty while it is not. */
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  public boolean ongoing() {
    return since != null;
  }

  /**
   * Records that {@code failure} showed the database away, if it is a connection failure and the
   * listening connection is lost too.
   *
   * @return whether it was a connection failure: the request that met it answers 503
   */
  public boolean failed(Throwable failure) {
    if (!isConnectionFailure(failure)) {
      return false;
    }
    if (!listening) {
      start(failure);
    }
    return true;
  }

  /** The connection that listens for changes broke, or could not be made. */
  void listeningLost(Throwable failure) {
    listening = false;
    if (isConnectionFailure(failure)) {
      start(failure);
    }
  }

  private void start(Throwable failure) {
    synchronized (this) {
      if (since == null) {
        since = clock.instant();
        LOG.warn(
            "The database is unreachable ({}); decisions go on from the policies and rules in"
                + " memory, and requests that need the database answer 503 until it is back",
            rootMessage(failure));
      }
    }
  }

  /** The connection that listens for changes is established: the database answers. */
  void listeningAgain() {
    listening = true;
    synchronized (this) {
      if (since != null) {
        LOG.info(
            "The database is reachable again after {} s",
            Duration.between(since, clock.instant()).toSeconds());
        since = null;
      }
    }
  }

  /**
   * Whether {@code failure} (or a cause of it) says the database cannot be reached or the
   * connection broke: SQL state class 08 (connection exception), 57P01 to 57P03 (the server shut
   * down or is starting), or the pool's or the socket's own failure to connect.
   */
  public static boolean isConnectionFailure(Throwable failure) {
    return Causes.any(failure, DatabaseOutage::saysConnectionFailed);
  }

  private static boolean saysConnectionFailed(Throwable cause) {
    if (cause instanceof SQLTransientConnectionException
        || cause instanceof SQLNonTransientConnectionException
        || cause instanceof ConnectException) {
      return true;
    }
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      if (state.startsWith("08") || state.matches("57P0[123]")) {
        return true;
      }
    }
    // Hikari's stand-in for a connection it has already dropped says only this.
    return String.valueOf(cause.getMessage()).endsWith("Connection is closed");
  }

  private static String rootMessage(Throwable failure) {
    List<Throwable> chain = Causes.of(failure);
    Throwable root = chain.get(chain.size() - 1);
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
