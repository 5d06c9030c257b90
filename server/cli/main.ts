import { describeCliError } from "./errors.ts";
import { buildProgram } from "./program.ts";

const program = await buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(describeCliError(err));
  process.exitCode = 1;
}
