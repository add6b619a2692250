# Artifacta server image: `docker compose up --build` (see README.md), or
#   docker build -t artifacta . && docker run -p 8080:8080 -e ARTIFACTA_DB_URL=... artifacta

# --- build stage ----------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
# Build from sources only: drop anything a local build or run left in the context.
RUN rm -rf target */target data \
 && mvn -B --no-transfer-progress -Dmaven.test.skip=true package

# --- runtime stage --------------------------------------------------------------------------
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 artifacta \
 && useradd --system --uid 10001 --gid artifacta --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin artifacta \
 && mkdir -p /app/data \
 && chown artifacta:artifacta /app/data
WORKDIR /app
COPY --from=build /src/server/target/server-0.1.0-SNAPSHOT-all.jar /app/artifacta.jar
USER 10001:10001
EXPOSE 8080
# Without ARTIFACTA_DB_URL the server uses the embedded H2 database under /app/data.
# The heap is explicit (ARTIFACTA_HEAP, default 512m; at least ARTIFACTA_HEAP_MIN, 256m; marking at
# a fixed share of it), as in bin/run-server; JAVA_OPTS adds JVM options.
ENV ARTIFACTA_HEAP=512m
ENV ARTIFACTA_HEAP_MIN=256m
ENTRYPOINT ["sh", "-c", "exec java -Xms\"$ARTIFACTA_HEAP_MIN\" -Xmx\"$ARTIFACTA_HEAP\" -XX:-G1UseAdaptiveIHOP -Ddisable-axoniq-console-message=true $JAVA_OPTS -jar /app/artifacta.jar \"$@\"", "artifacta"]
