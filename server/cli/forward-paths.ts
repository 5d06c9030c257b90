import { isAbsolute, resolve } from "node:path";

/** Options whose value is a file or directory (`--edit` takes `<draft-id>=<file>`). */
const PATH_OPTIONS = new Set(["--mapping", "--reject-file", "--out", "--edit"]);
/** Options of the path-taking commands that take a value which is not a path. */
const OTHER_VALUE_OPTIONS = new Set(["--tenant"]);
/** Commands whose positional arguments are files or directories. */
const PATH_POSITIONALS = [
  ["import", "csv"],
  ["import", "snapshot"],
];

/**
 * The command line with every relative file or directory made absolute against `cwd`, so a
 * command run inside a serving process (whose working directory may differ) reads and writes
 * the files the caller meant.
 */
export function absolutePaths(argv: string[], cwd: string): string[] {
  const abs = (p: string) => (p === "" || isAbsolute(p) ? p : resolve(cwd, p));
  const withPath = (option: string, value: string) => {
    if (option !== "--edit") return abs(value);
    const eq = value.indexOf("=");
    return eq < 0 ? value : `${value.slice(0, eq + 1)}${abs(value.slice(eq + 1))}`;
  };
  const words = argv.filter((a) => !a.startsWith("-")).slice(0, 2);
  const positionalPaths = PATH_POSITIONALS.some((c) => c.every((w, i) => words[i] === w));
  const out: string[] = [];
  let seenWords = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      const option = arg.slice(0, eq);
      out.push(PATH_OPTIONS.has(option) ? `${option}=${withPath(option, arg.slice(eq + 1))}` : arg);
    } else if (PATH_OPTIONS.has(arg) && i + 1 < argv.length) {
      out.push(arg, withPath(arg, argv[++i]!));
    } else if (OTHER_VALUE_OPTIONS.has(arg) && i + 1 < argv.length) {
      out.push(arg, argv[++i]!);
    } else if (arg.startsWith("-")) {
      out.push(arg);
    } else {
      seenWords++;
      out.push(positionalPaths && seenWords > 2 ? abs(arg) : arg);
    }
  }
  return out;
}
