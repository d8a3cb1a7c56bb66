package dev.smartretry.service.database;

import io.micronaut.context.annotation.Context;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells caches of the policies and routing rules whether those tables may have changed, so that a
 * decision need not read them from the database each time and still follows every change.
 *
 * <p>A trigger (migration V5) notifies the channel {@value #CHANNEL} when a statement changes
 * either table, whoever ran it: this instance, another one, or an operator with psql. One pooled
 * connection listens there; every notification moves {@link #generation()} on. This instance's own
 * writes ({@link #write}) move it on as soon as they end, so its next decision sees them without
 * waiting for the notification; another instance sees them once the notification arrives, which
 * PostgreSQL sends at commit.
 *
 * <p>Besides the generation, {@link #follow} calls a follower whenever a notification names its
 * table: the live model follows {@code model_versions} (migration V11) this way.
 *
 * <p>While nothing listens (before the first {@code LISTEN}, after a lost connection, until it is
 * back) {@link #generation()} is {@link #UNKNOWN} and caches read through.
 */
@Context
public final class TableChanges {
  /** The channel the V5 trigger notifies. */
  public static final String CHANNEL = "smart_retry_changes";

  /** What {@link #generation()} says while changes cannot be seen. */
  public static final long UNKNOWN = -1;

  private static final Logger LOG = LoggerFactory.getLogger(TableChanges.class);
  private static final int WAIT_MILLIS = 1_000;

  private final DataSource dataSource;
  private final TransactionOperations<Connection> transactions;
  private final DatabaseOutage outage;
  private final AtomicLong generation = new AtomicLong();
  // Followers by the table they follow; called on the listener thread, so each only hands on.
  private final Map<String, List<Runnable>> followers = new ConcurrentHashMap<>();
  private volatile boolean listening;
  private volatile boolean running = true;
  private volatile Connection connection;
  private final Thread listener;

  TableChanges(
      DataSource dataSource,
      DataSourceResolver resolver,
      TransactionOperations<Connection> transactions,
      DatabaseOutage outage) {
    this.outage = outage;
    // The pool itself: the injected data source hands out the current transaction's connection.
    this.dataSource = resolver.resolve(dataSource);
    this.transactions = transactions;
    this.listener = new Thread(this::listen, "smart-retry-table-changes");
    listener.setDaemon(true);
    listener.start();
  }

  /**
   * A number that changes whenever the tables may have changed: a value read before loading them
   * stays current exactly as long as what was loaded does. {@link #UNKNOWN} while changes cannot be
   * seen.
   */
  public long generation() {
    return listening ? generation.get() : UNKNOWN;
  }

  /** Whether the database is away: what caches of the watched tables serve meanwhile. */
  public DatabaseOutage outage() {
    return outage;
  }

  /**
   * Calls {@code follower} whenever {@code table} may have changed: when a notification names it,
   * and whenever listening starts or starts again (what changed while nothing listened is unknown).
   * It runs on the thread that listens, so it must only hand the work on, never do it.
   */
  public void follow(String table, Runnable follower) {
    followers.computeIfAbsent(table, name -> new CopyOnWriteArrayList<>()).add(follower);
    if (listening) {
      follower.run();
    }
  }

  /**
   * Runs {@code work} in a write transaction on the watched tables. Once it has ended, committed or
   * not, what was loaded before counts as stale, so this instance's next read sees the change
   * without waiting for the notification.
   */
  public <R> R write(TransactionCallback<Connection, R> work) {
    try {
      return transactions.executeWrite(work);
    } finally {
      generation.incrementAndGet();
    }
  }

  private void listen() {
    boolean warned = false;
    int failures = 0;
    while (running) {
      try (Connection held = dataSource.getConnection()) {
        connection = held;
        held.setAutoCommit(true);
        try (Statement statement = held.createStatement()) {
          statement.execute("listen " + CHANNEL);
        }
        // Whatever changed while nothing listened is unknown: everything loaded before is stale.
        generation.incrementAndGet();
        listening = true;
        outage.listeningAgain();
        followers.values().forEach(TableChanges::tell);
        if (warned) {
          LOG.info("Listening for policy and routing rule changes again");
          warned = false;
        }
        failures = 0;
        PGConnection notifications = held.unwrap(PGConnection.class);
        while (running) {
          var received = notifications.getNotifications(WAIT_MILLIS);
          if (received != null && received.length > 0) {
            generation.incrementAndGet();
            Arrays.stream(received)
                .map(PGNotification::getParameter)
                .distinct()
                .map(followers::get)
                .filter(Objects::nonNull)
                .forEach(TableChanges::tell);
          }
        }
      } catch (SQLException | RuntimeException e) {
        listening = false;
        generation.incrementAndGet();
        failures++;
        if (running) {
          outage.listeningLost(e);
        }
        if (running && outage.ongoing()) {
          // The outage's own log line says it; the listening adds nothing an operator needs.
          LOG.debug("Not listening for policy and routing rule changes", e);
        } else if (running && failures == 1) {
          // A single loss is often the service shutting down: a warning only when the next
          // attempt fails too.
          LOG.info("Lost the connection listening for policy and rule changes: {}", e.getMessage());
        } else if (running && !warned) {
          LOG.warn(
              "Not listening for policy and routing rule changes ({}); decisions read them from"
                  + " the database until it is back",
              e.getMessage());
          warned = true;
        }
        pause();
      } finally {
        connection = null;
      }
    }
  }

  private static void tell(List<Runnable> tables) {
    for (Runnable follower : tables) {
      try {
        follower.run();
      } catch (RuntimeException e) {
        // One follower's mistake must not stop the listening the others rely on.
        LOG.error("A follower of table changes failed", e);
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    listening = false;
    listener.interrupt();
    Connection open = connection;
    if (open != null) {
      try {
        // Closes the socket under the wait rather than letting it run out; the pool then finds
        // the connection closed and drops it.
        ((Connection) open.unwrap(PGConnection.class)).abort(Runnable::run);
      } catch (SQLException e) {
        LOG.debug("Could not end the change listener's wait", e);
      }
    }
    try {
      listener.join(2 * WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
