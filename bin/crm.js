#!/usr/bin/env node
// The `crm` command. Runs the TypeScript sources through tsx, so there is no build step.
import { register } from "tsx/esm/api";

register();
await import("../server/cli/main.ts");
