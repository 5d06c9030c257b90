/**
 * Where a command's output goes. Commands write through this (never `console` directly), so a
 * command run inside a serving process (`crm` forwarded to `crm start`, see ../control) is
 * captured and sent back to the CLI that asked, without touching that process's console.
 */
export interface CliOutput {
  /** A line of command output (stdout). */
  log(line: string): void;
  /** A line of diagnostics: warnings, "store it now" notes (stderr). */
  error(line: string): void;
  /** True when stderr is a terminal this command may draw progress bars on. */
  readonly tty: boolean;
  /** The exit code the command ends with (default 0); set it to report a failure. */
  exitCode: number;
}

/** The CLI process's own terminal: console lines, progress on stderr, `process.exitCode`. */
export function consoleOutput(): CliOutput {
  return {
    log: (line) => console.log(line),
    error: (line) => console.error(line),
    tty: Boolean(process.stderr.isTTY),
    get exitCode() {
      return typeof process.exitCode === "number" ? process.exitCode : 0;
    },
    set exitCode(code: number) {
      process.exitCode = code;
    },
  };
}

/** Output that hands every chunk to `write` (stdout or stderr); no terminal, exit code kept. */
export function capturedOutput(write: (stream: "stdout" | "stderr", text: string) => void): CliOutput {
  return {
    log: (line) => write("stdout", `${line}\n`),
    error: (line) => write("stderr", `${line}\n`),
    tty: false,
    exitCode: 0,
  };
}
