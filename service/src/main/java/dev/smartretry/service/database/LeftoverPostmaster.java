package dev.smartretry.service.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on the data directory by a service that died without stopping it
 * (kill -9, out of memory). Its {@code postmaster.pid} keeps a new server from starting, so it is
 * stopped first, unless a live service still holds the directory: zonky's {@code epg-lock} says so.
 */
final class LeftoverPostmaster {
  private static final String ZONKY_LOCK = "epg-lock";
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);

  private LeftoverPostmaster() {}

  static void stopIfAny(Path directory) throws IOException {
    Path pidFile = directory.resolve("postmaster.pid");
    Path lockFile = directory.resolve(ZONKY_LOCK);
    if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock != null) {
        postmaster(pidFile, directory).ifPresent(LeftoverPostmaster::stop);
      }
    } catch (OverlappingFileLockException e) {
      // Held by a service in this very JVM: not left over.
    }
  }

  /** The process {@code postmaster.pid} names, if it is still a postgres on this directory. */
  private static Optional<ProcessHandle> postmaster(Path pidFile, Path directory)
      throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
      return Optional.empty();
    }
    // The pid may have been reused since: only a postgres started on this directory is ours.
    return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
        .filter(process -> isPostgresOn(directory, process.info()));
  }

  private static boolean isPostgresOn(Path directory, ProcessHandle.Info process) {
    boolean postgres = process.command().filter(path -> path.endsWith("/postgres")).isPresent();
    List<String> arguments = process.arguments().map(List::of).orElse(List.of());
    return postgres && arguments.contains(directory.toString());
  }

  private static void stop(ProcessHandle postmaster) {
    LOG.info("Stopping the embedded PostgreSQL (pid {}) a previous run left", postmaster.pid());
    // SIGTERM: PostgreSQL's smart shutdown, quick since its clients died with their service.
    postmaster.destroy();
    try {
      postmaster.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "The PostgreSQL a previous run left (pid " + postmaster.pid() + ") did not stop", e);
    }
  }
}
