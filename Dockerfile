# One image recipe for every Stratum service. Build the jars first (./stratum build), then
#   docker build --build-arg SERVICE=finance -t stratum/finance .
# docker-compose.yml does this for each service.
FROM eclipse-temurin:21-jre
ARG SERVICE
RUN useradd --system --create-home --home-dir /var/lib/stratum stratum
WORKDIR /var/lib/stratum
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar /opt/stratum/service.jar
USER stratum
# Background threads (projections, feature checkpoints) at the lowest OS priority, none raised: the
# JVM warns that policy 1 may need privileges, but lowering a thread's priority needs none.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Dai.djl.offline=true -XX:ThreadPriorityPolicy=1 \
 -XX:JavaPriority1_To_OSPriority=19 -XX:JavaPriority6_To_OSPriority=0 -XX:JavaPriority7_To_OSPriority=0 \
 -XX:JavaPriority8_To_OSPriority=0 -XX:JavaPriority9_To_OSPriority=0 -XX:JavaPriority10_To_OSPriority=0"
ENTRYPOINT ["java", "-jar", "/opt/stratum/service.jar"]
