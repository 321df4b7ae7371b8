# syntax=docker/dockerfile:1

# One recipe for every process of the monorepo. Final targets:
#
#   web      the Next.js app (`next start`), port 3000, health at /api/health
#   api      the standalone API server for phones and scripts, port 4000
#   worker   the background worker (`tsx src/main.ts`)
#   migrate  applies pending migrations as the owner role, then exits
#
#   docker build --target web     -t fastnext-web .
#   docker build --target worker  -t fastnext-worker .
#   docker build --target migrate -t fastnext-migrate .
#
# Run migrate before web and worker, with the owner connection:
#
#   docker run --rm -e DATABASE_URL=postgresql://fastnext_owner:...@db:5432/fastnext fastnext-migrate
#
# It runs `pnpm --filter @fastnext/db db:migrate`. The app role fastnext_app
# must already exist with a password (see docker/postgres/init.sql); web and
# worker log in as it through DATABASE_APP_URL. docker-compose.yml wires it all.

# Node.js 26, the Active LTS line (Node.js 20 reached its end of life in
# April 2026). package.json's engines still allow 20 for local machines.
FROM node:26-bookworm-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false
# Corepack cannot fetch pnpm here: install the version package.json's
# packageManager field pins.
RUN npm install -g pnpm@10.34.8
WORKDIR /app

# Every package.json (root and workspaces) plus the lockfile, in their
# folders. This stage reruns on any source change, but its output changes
# only with the manifests, so the install below stays cached until a
# dependency changes. No list to keep in step with new workspaces.
FROM base AS manifests
COPY . /src
RUN mkdir /manifests \
 && cd /src \
 && cp pnpm-lock.yaml pnpm-workspace.yaml /manifests/ \
 && find . -name package.json -not -path "*/node_modules/*" -exec cp --parents {} /manifests/ \;

# Dependencies: installed from the manifests and the lockfile alone. The
# build needs them all (compilers, lint, test tooling); the images do not.
FROM base AS deps
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,id=fastnext-pnpm-store,target=/pnpm-store \
    pnpm install --frozen-lockfile --store-dir=/pnpm-store

# Build: the Prisma client (generated, not committed) and the Next.js build.
# /built is the tree without the workspaces' node_modules folders (Next.js's
# own .next/node_modules stays): the images get their own install.
FROM deps AS build
COPY . .
RUN pnpm --filter @fastnext/db db:generate \
 && pnpm --filter @fastnext/web build \
 && rm -rf apps/web/.next/cache
RUN mkdir /built \
 && tar --create --file=- --no-wildcards-match-slash \
      --exclude=./node_modules --exclude=./*/node_modules --exclude=./*/*/node_modules . \
  | tar --extract --file=- --directory=/built

# What the images install: the production dependencies of the processes they
# run (web, the API server, the worker, and through them @fastnext/db, whose
# db:migrate the migrate target runs). Development tooling, the embedded
# PostgreSQL of tooling/dev-database among it, is never installed.
FROM base AS prod-deps
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,id=fastnext-pnpm-store,target=/pnpm-store \
    pnpm install --frozen-lockfile --prod --store-dir=/pnpm-store \
      --filter-prod "@fastnext/web..." \
      --filter-prod "@fastnext/api-server..." \
      --filter-prod "@fastnext/worker..."

# Shared runtime: the production install, then the built tree over it. The
# worker, the API server and migrations run TypeScript through tsx and the
# Prisma CLI, both production dependencies of theirs. Files stay owned by
# root; the processes run as the image's unprivileged `node` user (uid 1000)
# and can write only Next.js's cache folder.
FROM base AS runtime
ENV NODE_ENV=production \
    LOG_FORMAT=json
COPY --from=prod-deps /app /app
COPY --from=build /built /app
# .data/storage: the local attachment storage (STORAGE_DRIVER=local), a
# volume shared by web, api and worker in docker-compose.yml.
RUN mkdir -p apps/web/.next/cache .data/storage \
 && chown node:node apps/web/.next/cache .data/storage
USER node

FROM runtime AS web
WORKDIR /app/apps/web
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# next start reads PORT and listens on every interface.
CMD ["node_modules/.bin/next", "start"]

FROM runtime AS api
WORKDIR /app/apps/api
ENV API_HOST=0.0.0.0 \
    API_PORT=4000
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node_modules/.bin/tsx", "src/main.ts"]

FROM runtime AS worker
WORKDIR /app/apps/worker
CMD ["node_modules/.bin/tsx", "src/main.ts"]

FROM runtime AS migrate
WORKDIR /app
ENV CHECKPOINT_DISABLE=1
CMD ["pnpm", "--filter", "@fastnext/db", "db:migrate"]
