import { MappingError } from "./errors.ts";

/**
 * Shared state while a mapping is compiled against one CSV header: the issues found so far,
 * which header columns are used, excluded (leakage) or outcome labels.
 */
export class PlanContext {
  readonly issues: string[] = [];
  readonly used = new Set<number>();
  readonly excluded = new Set<number>();
  readonly labels = new Set<number>();
  private readonly positions = new Map<string, number[]>();

  constructor(
    readonly origin: string,
    readonly file: string,
    readonly header: string[],
  ) {
    header.forEach((name, i) => this.positions.set(name, [...(this.positions.get(name) ?? []), i]));
  }

  issue(key: string, message: string): void {
    this.issues.push(`${key}: ${message}`);
  }

  /** The index of a header column, or undefined (with an issue naming `key`) when it cannot be used. */
  find(name: string, key: string): number | undefined {
    const at = this.positions.get(name);
    if (!at) {
      const shown = this.header.slice(0, 40).map((h) => `"${h}"`);
      const more = this.header.length > 40 ? ", …" : "";
      this.issue(
        key,
        `column "${name}" is not in the header of ${this.file} (it has ${shown.join(", ")}${more})`,
      );
      return undefined;
    }
    if (at.length > 1) {
      this.issue(key, `column "${name}" appears ${at.length} times in the header of ${this.file}`);
      return undefined;
    }
    return at[0];
  }

  /**
   * Like `find`, for a column whose value will be stored: an excluded column may never be
   * read, and an outcome label may not also be stored on the entity (it would leak the label).
   */
  read(name: string, key: string, { label = false } = {}): number | undefined {
    const index = this.find(name, key);
    if (index === undefined) return undefined;
    if (this.excluded.has(index)) {
      this.issue(key, `column "${name}" is listed in exclude (leakage) and may not be read`);
      return undefined;
    }
    if (!label && this.labels.has(index)) {
      this.issue(key, `column "${name}" is an outcome label; storing it on the row would leak the label`);
      return undefined;
    }
    this.used.add(index);
    return index;
  }

  /** Throws every issue found, in one MappingError. */
  done(): void {
    if (this.issues.length > 0) throw new MappingError(this.origin, this.issues);
  }
}
