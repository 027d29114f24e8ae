/**
 * The one error type for problems in the user's data or arguments. It carries
 * where each problem is (file, line, column) and what was expected, and prints
 * as a readable message without a stack trace.
 *
 * @module
 */

/** One problem found in an input: where it is and what was expected. */
export interface Problem {
  /** File the problem is in (as the user named it), if any. */
  file?: string;
  /** 1-based line in the file; line 1 is the header. */
  line?: number;
  /** Column header (or 1-based position when the header is unusable). */
  column?: string;
  /** The offending value as read (or its beginning, see `valueLength`), if there is one. */
  value?: string;
  /** Length of the whole value in characters, when `value` holds only its beginning. */
  valueLength?: number;
  /** What was expected, in plain words. */
  expected: string;
}

/** Problems kept per file before the rest are only counted. */
export const DEFAULT_PROBLEM_LIMIT = 20;

/**
 * A user-facing data problem (or several). Commands catch it, print
 * {@linkcode DataError.prototype.format} and exit non-zero.
 *
 * @example
 * ```ts
 * const err = new DataError([{ file: "money.csv", line: 3, column: "Прибыль", value: "x", expected: "a number" }]);
 * err.format(); // "money.csv:3, column «Прибыль»: found "x", expected a number"
 * ```
 */
export class DataError extends Error {
  /** The problems, at most the limit per file. */
  readonly problems: readonly Problem[];
  /** Problems found but not listed, because of the per-file limit. */
  readonly omitted: number;

  constructor(problems: readonly Problem[], omitted = 0) {
    super(formatProblems(problems, omitted));
    this.name = "DataError";
    this.problems = problems;
    this.omitted = omitted;
  }

  /** The message to show a user: one line per problem. */
  format(): string {
    return this.message;
  }
}

/** Characters of a value or column name shown in a message; the rest is counted, not echoed. */
export const MAX_SHOWN_CHARS = 80;
/** Characters of the `expected` text shown: it may list header names read from a file. */
const MAX_EXPECTED_CHARS = 2000;

/**
 * Formats one problem as `file:line, column «c»: found "v", expected …`.
 * Values and column names longer than {@linkcode MAX_SHOWN_CHARS} show their
 * beginning, "…" and their length, so a 20 MB field makes a one-line message.
 *
 * @example
 * ```ts
 * formatProblem({ file: "money.csv", line: 3, value: "9".repeat(100), expected: "a number" });
 * // money.csv:3: found "9999…" (100 characters), expected a number — with the first 80 nines
 * ```
 */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line].filter((x) => x !== undefined).join(":");
  const column = p.column === undefined ? "" : `column «${shorten(p.column, MAX_SHOWN_CHARS)}»`;
  const place = [where, column].filter((x) => x !== "").join(", ");
  const found = p.value === undefined ? "" : `found ${quoted(p.value, p.valueLength)}, `;
  return `${place === "" ? "" : place + ": "}${found}expected ${shorten(p.expected, MAX_EXPECTED_CHARS)}`;
}

/** A value in quotes; a long one as its beginning, "…" and its full length. */
function quoted(value: string, fullLength?: number): string {
  const length = fullLength ?? codePoints(value);
  if (length <= MAX_SHOWN_CHARS) return JSON.stringify(value);
  return `${JSON.stringify(prefix(value, MAX_SHOWN_CHARS) + "…")} (${length} characters)`;
}

function shorten(text: string, max: number): string {
  const length = codePoints(text);
  return length <= max ? text : `${prefix(text, max)}… (${length} characters)`;
}

/** Counts code points without building an array (values may be megabytes long). */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate ends a pair already counted
  }
  return n;
}

/** The first `n` code points of `s`, never splitting a surrogate pair. */
function prefix(s: string, n: number): string {
  let end = 0;
  for (let k = 0; k < n && end < s.length; k++) {
    const c = s.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && end + 1 < s.length ? 2 : 1;
  }
  return s.slice(0, end);
}

function formatProblems(problems: readonly Problem[], omitted: number): string {
  const lines = problems.map(formatProblem);
  if (omitted > 0) lines.push(`… and ${omitted} more problem(s) not listed`);
  const head = problems.length + omitted === 1 ? "Data problem:" : `${problems.length + omitted} data problems:`;
  return [head, ...lines.map((l) => "  " + l)].join("\n");
}

/**
 * Collects problems with a per-file limit, so a broken file of a million rows
 * reports the first few of each kind and a count of the rest.
 */
export class ProblemLog {
  readonly #limit: number;
  readonly #kept: Problem[] = [];
  readonly #perFile = new Map<string, number>();
  #omitted = 0;

  constructor(limit = DEFAULT_PROBLEM_LIMIT) {
    this.#limit = limit;
  }

  /** Records a problem (or only counts it, past the file's limit). */
  add(p: Problem): void {
    const key = p.file ?? "";
    const n = this.#perFile.get(key) ?? 0;
    this.#perFile.set(key, n + 1);
    if (n < this.#limit) this.#kept.push(p);
    else this.#omitted++;
  }

  /** Counts problems that are known to exist but are not itemised. */
  addOmitted(count: number): void {
    this.#omitted += count;
  }

  /** Whether a file has reached its limit (callers may stop scanning it). */
  full(file: string): boolean {
    return (this.#perFile.get(file) ?? 0) >= this.#limit;
  }

  /** Remaining room for a file. */
  room(file: string): number {
    return Math.max(0, this.#limit - (this.#perFile.get(file) ?? 0));
  }

  get size(): number {
    return this.#kept.length + this.#omitted;
  }

  /** Throws a {@linkcode DataError} if anything was recorded. */
  throwIfAny(): void {
    if (this.size > 0) throw new DataError([...this.#kept], this.#omitted);
  }
}
