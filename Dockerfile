# syntax=docker/dockerfile:1
# One image for the service and the command line: both jars are built from this source tree, then
# run on a JRE only, so the image carries no JDK, Maven or sources.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# A cache mount keeps the downloaded dependencies between builds without putting them in a layer.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
# Not root: a service that only needs to listen on a port and reach its database. The embedded
# PostgreSQL (no DATASOURCES_DEFAULT_URL) even refuses to run as root. Its files, and models put
# under SMART_RETRY_MODELS_DIR, go under the working directory, this user's home.
RUN useradd --system --uid 10001 --create-home --home-dir /var/lib/smart-retry smart-retry
COPY --from=build /src/service/target/smart-retry-service.jar /opt/smart-retry/smart-retry-service.jar
COPY --from=build /src/training/target/smart-retry.jar /opt/smart-retry/smart-retry.jar
USER smart-retry
WORKDIR /var/lib/smart-retry
EXPOSE 8080
# The JRE image promises no curl or wget, so bash's /dev/tcp asks /health itself; Micronaut answers
# 503 while the database or the model is down, so only a 200 status line counts as healthy.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MICRONAUT_SERVER_PORT:-8080} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/opt/smart-retry/smart-retry-service.jar"]
