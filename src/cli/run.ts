/**
 * The edge every command shares: argument parsing and turning user-facing
 * errors into one readable message and a non-zero exit, never a stack trace.
 *
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DataError } from "../data/errors.ts";
import { EXIT_DATA, EXIT_INTERNAL, EXIT_OUTPUT, EXIT_USAGE } from "../util/exit_codes.ts";

export { EXIT_DATA, EXIT_USAGE };

/** File-system refusals that are the user's setup, not our bug, in words. */
const FILE_SYSTEM_REFUSALS: Record<string, string> = {
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  ENOSPC: "no space is left on the device",
  EDQUOT: "the disk quota is exhausted",
};

/**
 * One line for an error the file system raised because of where the user
 * pointed us (a read-only or full `--out`), or undefined for anything else.
 *
 * @example
 * ```ts
 * const e = Object.assign(new Error("Read-only file system (os error 30): mkdir '/ro/out'"), { code: "EROFS" });
 * fileSystemRefusal(e); // "Cannot mkdir '/ro/out': the file system is read-only. …"
 * ```
 */
export function fileSystemRefusal(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  const reason = typeof code === "string" ? FILE_SYSTEM_REFUSALS[code] : undefined;
  if (reason === undefined) return undefined;
  // Deno's message: "Read-only file system (os error 30): mkdir '/ro/out'".
  const what = /\(os error \d+\):\s*(.+)$/.exec((e as Error).message)?.[1] ?? (e as Error).message;
  return `Cannot ${what}: ${reason}. Check that --out names a writable folder and the inputs are readable.`;
}

/** Thrown for bad command-line usage; printed with the usage text. */
export class UsageError extends Error {}

/**
 * Parses `args` strictly (unknown options are usage errors).
 *
 * @example
 * ```ts
 * const { values } = parseOptions(["--data", "x"], { data: { type: "string" } });
 * ```
 */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * Runs a command's main function; prints user-facing errors as plain messages
 * and exits with a code that says what went wrong.
 */
export async function runCommand(usage: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof DataError) {
      console.error(e.format());
      Deno.exit(EXIT_DATA);
    }
    if (e instanceof UsageError) {
      console.error(`${e.message}\nUsage: ${usage}`);
      Deno.exit(EXIT_USAGE);
    }
    const refusal = fileSystemRefusal(e);
    if (refusal !== undefined) {
      console.error(refusal);
      Deno.exit(EXIT_OUTPUT);
    }
    // A bug of ours, not the user's input: say so; the stack only on request.
    console.error(`Internal error: ${(e as Error).message ?? e}`);
    if (Deno.env.get("ONECLICK_DEBUG")) console.error((e as Error).stack);
    Deno.exit(EXIT_INTERNAL);
  }
}

/** Writes a file via a temporary name and a rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await Deno.writeTextFile(`${path}.tmp`, text);
  await Deno.rename(`${path}.tmp`, path);
}

/** Pretty JSON with a final newline. */
export const jsonText = (x: unknown) => JSON.stringify(x, null, 2) + "\n";
