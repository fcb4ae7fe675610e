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
ENTRYPOINT ["java", "-jar", "/opt/stratum/service.jar"]
