package dev.smartretry.service.models;

import dev.smartretry.service.problem.ServiceProblem;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Collects an upload's body as it arrives, on the event loop. Read on the blocking pool instead,
 * the body would have to be held by the server until that thread started reading, and the server
 * holds no more than a JSON body's buffer; collected here, it may be as large as a request may be.
 */
final class UploadedBody implements Subscriber<byte[]> {
  private final long limit;
  private final CompletableFuture<byte[]> collected = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Subscription subscription;

  private UploadedBody(long limit) {
    this.limit = limit;
  }

  /** The whole body, once it has arrived; fails with 413 past {@code limit} bytes. */
  static CompletableFuture<byte[]> collect(Publisher<byte[]> body, long limit) {
    UploadedBody subscriber = new UploadedBody(limit);
    body.subscribe(subscriber);
    return subscriber.collected;
  }

  @Override
  public void onSubscribe(Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(byte[] chunk) {
    if (collected.isDone()) {
      return;
    }
    if (bytes.size() + (long) chunk.length > limit) {
      subscription.cancel();
      collected.completeExceptionally(
          ServiceProblem.tooLarge("A model archive may be at most " + limit + " bytes."));
      return;
    }
    bytes.write(chunk, 0, chunk.length);
  }

  @Override
  public void onError(Throwable failure) {
    collected.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    collected.complete(bytes.toByteArray());
  }
}
