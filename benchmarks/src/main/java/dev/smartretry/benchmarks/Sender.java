package dev.smartretry.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Sends a request for each due time it is given, on a fixed set of keep-alive connections, one
 * thread each; a due time waits in a queue while every connection is busy. Each answer is reported
 * with the due time, status -1 for a failed exchange.
 */
final class Sender {
  /** Receives each answer. */
  interface Answers {
    void answered(long dueNanos, int status);
  }

  private final BlockingQueue<Long> due = new LinkedBlockingQueue<>();
  private volatile Answers answers = (dueNanos, status) -> {};

  Sender(URI base, byte[] request, int connections) {
    for (int index = 0; index < connections; index++) {
      Thread worker =
          new Thread(() -> work(new KeepAliveConnection(base, request)), "sender-" + index);
      worker.setDaemon(true);
      worker.start();
    }
  }

  void onAnswer(Answers answers) {
    this.answers = answers;
  }

  void due(long dueNanos) {
    due.add(dueNanos);
  }

  private void work(KeepAliveConnection connection) {
    while (true) {
      long dueNanos;
      try {
        dueNanos = due.take();
      } catch (InterruptedException e) {
        connection.close();
        return;
      }
      int status;
      try {
        status = connection.send();
      } catch (IOException | RuntimeException e) {
        status = -1;
      }
      answers.answered(dueNanos, status);
    }
  }
}
