# kserve4j model server image: 'serve' as the ClusterServingRuntimes run it, and the storage initializer.
# Build from the repository root after './mvnw -pl cli -am install -DskipTests':
#   docker build -f deploy/docker/server.Dockerfile -t ghcr.io/kserve4j/kserve4j-server:0.1.0 .
# The image holds the command line distribution (cli/target/kserve4j-cli.jar and the jars in
# cli/target/lib/, which the jar's manifest names on its class path).
FROM eclipse-temurin:21-jre
# libgomp1: the OpenMP runtime LightGBM's native library links against. python3 with
# python3-sklearn: the sklearn and python runtimes run models in Python worker processes.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 python3 python3-sklearn \
 && rm -rf /var/lib/apt/lists/*
# A numeric non-root user: Kubernetes can verify runAsNonRoot only for a numeric USER.
RUN useradd --system --uid 10001 --gid 0 --home-dir /opt/kserve4j --no-create-home kserve4j
COPY --chown=10001:0 cli/target/lib/ /opt/kserve4j/lib/
COPY --chown=10001:0 cli/target/kserve4j-cli.jar /opt/kserve4j/kserve4j-cli.jar
USER 10001
WORKDIR /opt/kserve4j
# 'serve' binds all interfaces unless --host says otherwise, so that the container's port is
# reachable from outside it (KServe's custom containers pass only the model's flags).
ENV KSERVE4J_HOST=0.0.0.0
# Heap sized from the container's memory limit; native access allowed as the ./kserve4j launcher
# allows it (the runtimes load native libraries).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/kserve4j/kserve4j-cli.jar"]
# No CMD: a ServingRuntime's container args name the command (serve --model-dir=... ...).
