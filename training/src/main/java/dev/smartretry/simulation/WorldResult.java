package dev.smartretry.simulation;

import java.util.List;

/**
 * One randomized world of a benchmark: what it is, the model trained on its history, and how every
 * strategy did there at each retry budget.
 *
 * @param world the seed of {@link dev.smartretry.generator.RandomWorlds#draw}
 * @param countries the world's countries, comma-separated
 * @param retriesInHistory retries in the history the model was trained on
 * @param model the version of that model
 */
public record WorldResult(
    long world, String countries, long retriesInHistory, String model, List<WorldScore> scores) {
  public WorldResult {
    scores = List.copyOf(scores);
  }
}
