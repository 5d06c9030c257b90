import pino from "pino";

export type Logger = pino.Logger;

/** Holds back a logger's lines below `warn` while `quiet` is true (children included). */
export interface LogGate {
  quiet: boolean;
}

const WARN = 40;

/**
 * JSON logs on stderr (stdout is for command output). With a `gate`, lines below `warn` are
 * dropped while `gate.quiet` is set: `crm start` keeps request and start-up logs from
 * interleaving with the summary it prints on the same terminal.
 */
export function createLogger(level: string, gate?: LogGate): Logger {
  return pino(
    {
      level,
      base: { service: "crm-agents" },
      ...(gate
        ? {
            hooks: {
              logMethod(args, method, lineLevel) {
                if (gate.quiet && lineLevel < WARN) return;
                method.apply(this, args);
              },
            },
          }
        : {}),
    },
    pino.destination(2),
  );
}
