import { describeCliError } from "./errors.ts";
import { hostPrograms } from "./hosted.ts";
import { buildProgram } from "./program.ts";

// command lines other processes send to a `crm start` / `crm serve` of this process run this program
hostPrograms(buildProgram);

const program = await buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(describeCliError(err));
  process.exitCode = 1;
}
