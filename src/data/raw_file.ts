/**
 * Byte-level facts about one raw CSV export: encoding, byte-order mark,
 * separator, line ends and header. Everything here works on bytes so that a
 * million-row file is never turned into one JS string.
 *
 * @module
 */
import { Buffer, isUtf8 } from "node:buffer";
import type { Problem } from "./errors.ts";

/** How a file was exported; reported in the data-quality summary. */
export interface FileFormat {
  separator: "," | ";" | "\t";
  /** Decimal mark of numbers: a comma is only told apart where it is not the separator. */
  decimal: "." | ",";
  lineEnding: "LF" | "CRLF";
  bom: boolean;
}

/** A raw file read into memory, with its format and header. */
export interface RawFile {
  /** Path as given (used in messages). */
  path: string;
  /** File body without the byte-order mark. */
  body: Buffer;
  format: FileFormat;
  /** Header fields, trimmed and unquoted. */
  header: string[];
}

const BOM = [0xef, 0xbb, 0xbf];
const LF = 0x0a, CR = 0x0d, QUOTE = 0x22;

/**
 * Reads a file and checks the things that must hold before parsing: it exists,
 * is UTF-8 and has a header. Problems are returned, not thrown.
 */
export async function readRawFile(
  path: string,
  room: number,
): Promise<RawFile | Problem[]> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    const expected = e instanceof Deno.errors.NotFound
      ? "the file to exist"
      : `a readable file (${(e as Error).message})`;
    return [{ file: path, expected }];
  }
  const bom = BOM.every((b, i) => bytes[i] === b);
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + (bom ? 3 : 0));
  if (!isUtf8(body)) return invalidUtf8(path, body, room);
  const headerEnd = indexOfOr(body, LF, body.length);
  const headerLine = body.subarray(0, headerEnd).toString("utf8").replace(/\r$/, "");
  if (headerLine.trim() === "") {
    return [{ file: path, line: 1, expected: "a header line with column names (the file is empty)" }];
  }
  const separator = sniffSeparator(headerLine);
  const header = headerLine.split(separator).map((h) => h.trim().replace(/^"(.*)"$/, "$1").trim());
  const lineEnding = headerEnd > 0 && body[headerEnd - 1] === CR ? "CRLF" : "LF";
  const decimal = separator !== "," && body.indexOf(0x2c, headerEnd) >= 0 ? "," : ".";
  return { path, body, format: { separator, decimal, lineEnding, bom }, header };
}

/** The separator is whichever candidate the header uses most (ties: comma). */
export function sniffSeparator(headerLine: string): FileFormat["separator"] {
  const count = (c: string) => headerLine.split(c).length - 1;
  const candidates = [",", ";", "\t"] as const;
  return candidates.reduce((best, c) => count(c) > count(best) ? c : best, candidates[0]);
}

function indexOfOr(buf: Uint8Array, byte: number, fallback: number): number {
  const i = buf.indexOf(byte);
  return i < 0 ? fallback : i;
}

/**
 * Maps 0-based data record numbers to 1-based file lines. Records are one per
 * line unless a quoted field spans lines, which only a file with quotes can do,
 * so the scan runs only then (and only on the error path).
 */
export function recordLines(raw: RawFile): (record: number) => number {
  if (raw.body.indexOf(QUOTE) < 0) return (r) => r + 2;
  const starts: number[] = []; // line number of each record start, after the header
  let line = 1, inQuotes = false, atRecordStart = false;
  for (let i = 0; i < raw.body.length; i++) {
    const b = raw.body[i];
    if (atRecordStart) {
      starts.push(line);
      atRecordStart = false;
    }
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === LF) {
      line++;
      if (!inQuotes) atRecordStart = i + 1 < raw.body.length;
    }
  }
  // starts[0] is the first data record (the header is skipped by line 1).
  return (r) => starts[r] ?? r + 2;
}

/**
 * Finds lines whose field count differs from the header's, honouring quotes.
 * Used to explain a parse failure, so speed matters less than precision.
 */
export function raggedLines(raw: RawFile, limit: number): Problem[] {
  const sep = raw.format.separator.charCodeAt(0);
  const expected = raw.header.length;
  const problems: Problem[] = [];
  let line = 1, fields = 1, inQuotes = false, lineStart = 0;
  for (let i = 0; i <= raw.body.length && problems.length < limit; i++) {
    const b = i < raw.body.length ? raw.body[i] : LF;
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === sep && !inQuotes) fields++;
    else if (b === LF && !inQuotes) {
      const blank = i - lineStart <= 1;
      if (line > 1 && !blank && fields !== expected) {
        problems.push({
          file: raw.path,
          line,
          value: raw.body.subarray(lineStart, i).toString("utf8").replace(/\r$/, "").slice(0, 80),
          expected: `${expected} fields separated by "${raw.format.separator}", found ${fields}`,
        });
      }
      line++, fields = 1, lineStart = i + 1;
    }
  }
  return problems;
}

/** Locates invalid UTF-8 sequences: line, column (by header) and the bytes. */
function invalidUtf8(path: string, body: Uint8Array, limit: number): Problem[] {
  const problems: Problem[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // The header may itself hold the bad bytes: read it leniently to name columns.
  const headerLine = new TextDecoder().decode(body.subarray(0, indexOfOr(body, LF, body.length)));
  const separator = sniffSeparator(headerLine);
  const header = headerLine.replace(/\r$/, "").split(separator).map((h) => h.trim());
  let line = 1, lineStart = 0;
  for (let i = 0; i < body.length && problems.length < limit;) {
    const b = body[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let ok = len > 0 && i + len <= body.length;
    if (ok && len > 1) {
      try {
        decoder.decode(body.subarray(i, i + len));
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      const prefix = Buffer.from(body.subarray(lineStart, i)).toString("utf8");
      const field = prefix.split(separator).length;
      problems.push({
        file: path,
        line,
        column: header[field - 1] ?? `${field}`,
        value: `byte 0x${b.toString(16).padStart(2, "0")} at character ${[...prefix].length + 1}`,
        expected: "text encoded as UTF-8 (save the file as UTF-8)",
      });
      i++;
      continue;
    }
    if (b === LF) line++, lineStart = i + 1;
    i += len;
  }
  return problems;
}
