# syntax=docker/dockerfile:1
# The procountor-bridge image: the bridge service with its admin console, run from the build on Node 20.
# docker build -t procountor-bridge . ; see the README's "Deploy" section and compose.yaml.

ARG NODE_IMAGE=node:20-slim

# ── build: every dependency, then the packages (tsup) and the console (Vite) ────────────────────────────────────────
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/client/package.json packages/client/
COPY packages/emulator/package.json packages/emulator/
COPY packages/bridge/package.json packages/bridge/
COPY packages/console/package.json packages/console/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY scripts/ scripts/
COPY packages/ packages/
RUN npm run build

# ── production dependencies only, from the same lockfile ────────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/client/package.json packages/client/
COPY packages/emulator/package.json packages/emulator/
COPY packages/bridge/package.json packages/bridge/
COPY packages/console/package.json packages/console/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ── the image: built JavaScript, production node_modules, a non-root user ───────────────────────────────────────────
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    BRIDGE_DATA_DIR=/data
WORKDIR /app
# node_modules links the workspace packages (node_modules/@procountor-bridge/* → packages/*), so each keeps its
# package.json (exports, "type": "module") beside its dist/.
COPY --from=production-dependencies /app/node_modules node_modules/
COPY package.json ./
COPY packages/client/package.json packages/client/
COPY --from=build /app/packages/client/dist packages/client/dist/
COPY packages/emulator/package.json packages/emulator/
COPY packages/emulator/bin packages/emulator/bin/
COPY --from=build /app/packages/emulator/dist packages/emulator/dist/
COPY packages/bridge/package.json packages/bridge/
COPY packages/bridge/bin packages/bridge/bin/
COPY --from=build /app/packages/bridge/dist packages/bridge/dist/
COPY packages/console/package.json packages/console/
COPY --from=build /app/packages/console/dist packages/console/dist/
# PGlite's files and the generated secret.key live here (mount a volume); with PostgreSQL and BRIDGE_SECRET_KEY set,
# nothing is written to it.
RUN mkdir -p /data && chown node:node /data && ln -s /app/packages/bridge/bin/bridge.js /usr/local/bin/bridge
VOLUME ["/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
# Migrations run at start (each process; an advisory lock keeps concurrent starts safe).
CMD ["node", "--enable-source-maps", "packages/bridge/dist/main.js"]
