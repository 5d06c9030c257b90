#!/usr/bin/env node
// `npm test`: make sure the services the tests need are installed (PostgreSQL 15 with pgvector,
// redis-server; .ci/install-deps.sh installs them on Debian when run as root, and otherwise says
// exactly what is missing), then run the whole vitest suite. Extra arguments go to vitest.
import { spawnSync } from "node:child_process";

const deps = spawnSync("bash", [".ci/install-deps.sh"], { stdio: "inherit" });
if (deps.status !== 0) process.exit(deps.status ?? 1);
const run = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
