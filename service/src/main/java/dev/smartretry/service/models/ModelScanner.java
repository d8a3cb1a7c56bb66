package dev.smartretry.service.models;

import dev.smartretry.SmartRetryException;
import dev.smartretry.model.ModelDescription;
import dev.smartretry.model.ModelDirectory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the model directories on disk: the {@code SMART_RETRY_MODEL} directory and every
 * sub-directory of the models directory that {@link ModelDirectory#describe} accepts. Describing
 * reads only the manifest and the metrics, so a scan is cheap enough to run on every listing; the
 * models themselves are loaded only on activation.
 */
@Singleton
final class ModelScanner {
  private static final Logger LOG = LoggerFactory.getLogger(ModelScanner.class);

  private final Optional<Path> modelDirectory;
  private final Path modelsDirectory;
  // What each skipped directory was last reported for: a listing rescans, and an unchanged
  // reason need not fill the log at every one.
  private final Map<Path, String> reported = new ConcurrentHashMap<>();

  ModelScanner(ModelSettings settings) {
    this.modelDirectory = settings.modelDirectory();
    this.modelsDirectory = settings.modelsDirectory();
  }

  Path modelsDirectory() {
    return modelsDirectory;
  }

  /**
   * The model directories found now, each with its description: the {@code SMART_RETRY_MODEL} one
   * first, then the models directory's in name order. A directory that cannot be described is
   * skipped with a warning that names it and says why.
   */
  List<Found> scan() {
    List<Path> candidates = new ArrayList<>();
    modelDirectory.ifPresent(candidates::add);
    candidates.addAll(subdirectories());
    reported.keySet().retainAll(candidates);
    List<Found> found = new ArrayList<>();
    for (Path directory : candidates) {
      describe(directory)
          .ifPresent(description -> found.add(new Found(ModelSource.of(directory), description)));
    }
    return found;
  }

  private List<Path> subdirectories() {
    if (!Files.isDirectory(modelsDirectory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(modelsDirectory)) {
      return entries
          .filter(Files::isDirectory)
          // Hidden ones are work in progress or tools' own (.git, .tmp-...), never a version.
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .map(path -> path.toAbsolutePath().normalize())
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not list the models directory {}: {}", modelsDirectory, e.getMessage());
      return List.of();
    }
  }

  private Optional<ModelDescription> describe(Path directory) {
    try {
      ModelDescription description = ModelDirectory.describe(directory);
      if (reported.remove(directory) != null) {
        LOG.info("The model directory {} is readable again", directory);
      }
      return Optional.of(description);
    } catch (SmartRetryException | UncheckedIOException e) {
      String reason = String.valueOf(e.getMessage());
      if (!reason.equals(reported.put(directory, reason))) {
        LOG.warn("Skipped the model directory {}: {}", directory, reason);
      } else {
        LOG.debug("Skipped the model directory {} again: {}", directory, reason);
      }
      return Optional.empty();
    }
  }

  /** A model directory that could be described. */
  record Found(ModelSource source, ModelDescription description) {
    Found {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(description, "description");
    }
  }
}
