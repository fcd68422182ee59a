# syntax=docker/dockerfile:1
#
# One image for the api (default command), the worker and the cli:
#   docker build -t seoul-aiedu .
#   docker run ... seoul-aiedu                                   # api on :3000
#   docker run ... seoul-aiedu node dist/apps/worker/src/main.js # worker
#   docker run ... seoul-aiedu node dist/apps/cli/src/main.js db:migrate
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, compile the server (tsc + tsc-alias) and the web UI (vite) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Native pieces (@node-rs/argon2, @swc/core, msgpackr-extract, @resvg/resvg-js) come as prebuilt optional
# packages for linux-x64/arm64 glibc; no install script has to run, and none is allowed to.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts

COPY tsconfig.json tsconfig.build.json ./
COPY migrations ./migrations
COPY libs ./libs
COPY apps ./apps
RUN npm run build

# Only production dependencies go on to the runtime stage.
RUN npm prune --omit=dev --ignore-scripts

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Owned by root and read-only for the app user: nothing at run time writes to /app
# (uploads stream into memory, generated files are kept in PostgreSQL).
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The built Korean UI, served by the api (WEB_DIST_DIR overrides the place).
COPY --from=build /app/apps/web/dist ./apps/web/dist
# Read at run time: projectRoot() looks for package.json beside libs/, and the seed migration
# loads the 284 AI classrooms from this CSV.
COPY libs/classrooms/data ./libs/classrooms/data

USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
