# crm-agents image: the `crm` CLI, the API and the worker (`crm serve --role api|worker|all`).
# Multi-stage: dependencies are installed in a build stage, the runtime stage runs as a non-root user.
# The sources run through tsx (no compile step), so the runtime keeps the TypeScript files.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# patches/: fixes to dependencies applied by patch-package at install (see patches/README.md)
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    CRM_DATA_DIR=/data \
    PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY agents ./agents
COPY db ./db
COPY evals ./evals
COPY graphs ./graphs
COPY memory ./memory
COPY models ./models
COPY server ./server
COPY tools ./tools
# /data holds the embedded store when DATABASE_URL is unset (one process only: role `all`).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
ENTRYPOINT ["node", "bin/crm.js"]
CMD ["serve", "--role", "all"]
