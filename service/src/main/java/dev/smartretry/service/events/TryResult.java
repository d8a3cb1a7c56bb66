package dev.smartretry.service.events;

/** What one try of a delivery came back with. */
sealed interface TryResult permits TryResult.Answered, TryResult.NoAnswer {
  /** The endpoint answered with {@code statusCode}; 2xx is a delivery. */
  record Answered(int statusCode) implements TryResult {
    boolean delivered() {
      return statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the endpoint asks for nothing more to be sent to it. */
    boolean gone() {
      return statusCode == 410;
    }
  }

  /** No answer: a timeout, a refused or reset connection, or a URL refused before the call. */
  record NoAnswer(String problem) implements TryResult {}
}
