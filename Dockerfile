# Tandem's production image (README "Production"). Three stages:
#   deps     every dependency, dev ones too, with the C++ toolchain that better-sqlite3 builds with
#   build    the Prisma clients and the app, built once (`npm run build`: Next, the kernel worker,
#            Pyodide's files, Python's start-up snapshot, the chart libraries)
#   runtime  the production dependencies, the build and the sources server.ts runs (it runs under
#            tsx), as the unprivileged `node` user; it writes only data/ (SQLite, the auth secret,
#            the spool), Next's cache, and public/ should a generated file there differ.
# `npm start` (scripts/start.ts) finds the build up to date (same sources, same hash) and serves.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# package.json's allowScripts (which packages may run install scripts) needs npm 11.
RUN npm install -g npm@11 --no-audit --no-fund

FROM base AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

FROM toolchain AS deps
COPY package.json package-lock.json ./
# Install scripts need the sources (postinstall generates the Prisma clients): they run in `build`.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 esbuild

FROM toolchain AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 esbuild

FROM deps AS build
COPY . .
RUN node --import tsx scripts/prisma-generate.ts \
 && node --import tsx scripts/build.ts \
 && rm -rf .next/cache

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0
COPY --from=prod-deps /app/node_modules ./node_modules
# Everything scripts/build-if-needed.ts hashes comes from the build stage, unchanged, so that
# `npm start` sees the build as current and never rebuilds in the container.
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.ts /app/tsconfig.json /app/server.ts ./
COPY --from=build /app/.next ./.next
COPY --from=build /app/app ./app
COPY --from=build /app/components ./components
COPY --from=build /app/lib ./lib
# `npm start` checks the kernel worker bundle and Pyodide's files in public/ again, and rewrites
# any that differ (none should): public/ is the app user's so that such a check cannot fail start-up.
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/notebooks ./notebooks
RUN mkdir -p data .next/cache && chown node:node data .next/cache
USER node
VOLUME ["/app/data"]
EXPOSE 3000
# Liveness only: readiness (/api/ready) is for the load balancer and compose's depends_on.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "scripts/start.ts"]
