package dev.smartretry.service.models;

import dev.smartretry.service.security.Allowed;
import dev.smartretry.service.security.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * {@code POST /v1/models}: admins upload a model archive, a {@code .tar.gz} of a model directory's
 * files as {@code train --archive} writes it, into the database for every instance. The answer is
 * 201 with the version's entry of {@code GET /v1/models}, or 200 when the version was known.
 *
 * <p>The body is collected on the event loop as it arrives ({@link UploadedBody}), up to {@code
 * micronaut.server.max-request-size}; unpacking, checking and storing run on the blocking pool.
 */
@Controller("/v1/models")
@Allowed(Role.ADMIN)
final class ModelUploadController {
  private final ModelUpload upload;
  private final ExecutorService blocking;
  private final long limit;

  ModelUploadController(
      ModelUpload upload,
      @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
      HttpServerConfiguration server) {
    this.upload = upload;
    this.blocking = blocking;
    this.limit = server.getMaxRequestSize();
  }

  @Post(consumes = {"application/gzip", "application/x-gzip"})
  CompletableFuture<HttpResponse<ModelVersionJson>> upload(HttpRequest<?> request) {
    return UploadedBody.collect(
            ((ServerHttpRequest<?>) request).byteBody().toByteArrayPublisher(), limit)
        .thenApplyAsync(
            archive -> {
              ModelUpload.Uploaded uploaded = upload.upload(archive);
              ModelVersionJson entry = ModelVersionJson.of(uploaded.version());
              return uploaded.created() ? HttpResponse.created(entry) : HttpResponse.ok(entry);
            },
            blocking);
  }
}
