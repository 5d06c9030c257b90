import { SingleBar, Presets } from "cli-progress";
import type { Progress } from "./types.ts";

/** A progress bar over every suite's steps, on stderr and only on a terminal; otherwise silent. */
export class ProgressBar implements Progress {
  private readonly bar: SingleBar | null;
  private done = 0;

  constructor(total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = stream.isTTY
      ? new SingleBar(
          { stream, format: "eval [{bar}] {value}/{total} {step}", hideCursor: true, clearOnComplete: true },
          Presets.shades_classic,
        )
      : null;
    this.bar?.start(total, 0, { step: "" });
  }

  step(label: string): void {
    this.done++;
    this.bar?.update(this.done, { step: label });
  }

  stop(): void {
    this.bar?.stop();
  }
}
