# wsbench images, all from one file (build context: the repository root):
#
#   ws-server  every impl in one jar; SERVER_IMPL picks (netty, jetty, undertow, java-websocket)
#   ws-client  the load client: CONNECTIONS connections to WS_URL, echo for DURATION, print a summary
#   nginx      nginx plus nginx/nginx.conf.template, rendered by nginx/render-conf.sh at container start
#   nats       nats-server, the broker that carries broadcasts across ws-server replicas (BROKER_URL)
#
#   docker build --target ws-server -t wsbench/ws-server .            (Maven build inside, official images)
#   DOCKER_BUILDKIT=1 docker build --target ws-server --build-arg JARS=prebuilt -t wsbench/ws-server .
#                                                                      (COPY the jars built on the host)
#
# Base images are build arguments whose defaults are the official images; docker/ci.sh passes local
# stand-ins (docker/base/local-bases.sh) because CI reaches no image registry. JARS=prebuilt skips the Maven
# stage: it needs `mvn -pl server,containers -DskipTests package` on the host first and BuildKit (which
# builds only the stages the target needs). No RUN step follows a base image, so any base with java (or
# nginx and a POSIX sh with awk) on PATH works, a scratch image included.
ARG MAVEN_IMAGE=maven:3-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre
ARG NGINX_IMAGE=nginx:stable-alpine
ARG NATS_IMAGE=nats:2.9.10-alpine
ARG JARS=build

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl server,containers -DskipTests package \
 && mkdir /jars && cp server/target/wsbench-server.jar containers/target/wsbench-client.jar /jars/

FROM scratch AS prebuilt
COPY server/target/wsbench-server.jar containers/target/wsbench-client.jar /jars/

FROM ${JARS} AS jars

FROM ${JRE_IMAGE} AS ws-server
COPY --from=jars /jars/wsbench-server.jar /app/wsbench-server.jar
# Listen on every interface of the container (the jar's default is loopback only).
ENV WS_HOST=0.0.0.0 WS_PORT=8000 ADMIN_PORT=8001 WS_PATH=/ws-notifications \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
# A numeric user needs no useradd, so this works on a scratch base too.
USER 10001:10001
EXPOSE 8000 8001
# bash's /dev/tcp: no curl or wget needed in the image.
HEALTHCHECK --interval=3s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ADMIN_PORT} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200 '* ]]"]
ENTRYPOINT ["java", "-jar", "/app/wsbench-server.jar"]

FROM ${JRE_IMAGE} AS ws-client
COPY --from=jars /jars/wsbench-client.jar /app/wsbench-client.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:-UsePerfData"
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/wsbench-client.jar"]

FROM ${NGINX_IMAGE} AS nginx
# docker-compose.yaml mounts ./nginx over /etc/wsbench/nginx, so an edited template needs no rebuild.
COPY nginx/nginx.conf.template nginx/render-conf.sh /etc/wsbench/nginx/
COPY docker/nginx-entrypoint.sh /etc/wsbench/nginx-entrypoint.sh
EXPOSE 80 443
ENTRYPOINT ["sh", "/etc/wsbench/nginx-entrypoint.sh"]

FROM ${NATS_IMAGE} AS nats
# Client port 4222, monitoring (/healthz, /varz, /connz; what the monitoring profile's exporter reads) on 8222.
# nats-server is on PATH in the official alpine image and in the local stand-in alike.
EXPOSE 4222 8222
ENTRYPOINT ["nats-server", "--port", "4222", "--http_port", "8222"]
