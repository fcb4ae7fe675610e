# One image recipe for every Stratum service. Build the jars first (./stratum build), then
#   docker build --build-arg SERVICE=finance -t stratum/finance .
# docker-compose.yml does this for each service.
FROM eclipse-temurin:21-jre
ARG SERVICE
RUN useradd --system --create-home --home-dir /var/lib/stratum stratum
WORKDIR /var/lib/stratum
COPY ${SERVICE}/target/${SERVICE}-*-exec.jar /opt/stratum/service.jar
USER stratum
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Dai.djl.offline=true"
# Background threads (projections, feature checkpoints) at the lowest OS priority, none raised: the
# JVM warns that policy 1 may need privileges, but lowering a thread's priority needs none.
COPY jvm-priority.args /opt/stratum/jvm-priority.args
ENTRYPOINT ["java", "@/opt/stratum/jvm-priority.args", "-jar", "/opt/stratum/service.jar"]
