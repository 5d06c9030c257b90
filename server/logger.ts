import pino from "pino";

export type Logger = pino.Logger;

/** JSON logs on stderr (stdout is for command output). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "crm-agents" } }, pino.destination(2));
}
