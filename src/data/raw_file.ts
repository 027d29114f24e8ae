/**
 * Byte-level facts about one raw CSV export: encoding, byte-order mark,
 * separator, line ends and header. Everything here works on bytes so that a
 * million-row file is never turned into one JS string.
 *
 * @module
 */
import { Buffer, isUtf8 } from "node:buffer";
import { MAX_SHOWN_CHARS, type Problem } from "./errors.ts";

/**
 * Text encodings read. Excel in a Russian locale saves "CSV" as Windows-1251
 * and "Unicode text" as UTF-16LE; both are converted to UTF-8 before parsing.
 */
export type Encoding = "utf-8" | "windows-1251" | "utf-16le" | "utf-16be";

/** How a file was exported; reported in the data-quality summary. */
export interface FileFormat {
  separator: "," | ";" | "\t";
  /** Decimal mark of numbers: a comma is only told apart where it is not the separator. */
  decimal: "." | ",";
  lineEnding: "LF" | "CRLF";
  bom: boolean;
  /** Encoding the file was written in (anything but UTF-8 was converted to UTF-8 for reading). */
  encoding: Encoding;
}

/** A raw file read into memory, with its format and header. */
export interface RawFile {
  /** Path as given (used in messages). */
  path: string;
  /** File body as UTF-8, without the byte-order mark. */
  body: Buffer;
  format: FileFormat;
  /** Header fields, trimmed and unquoted. */
  header: string[];
}

/**
 * Longest header line read. The store's longest is about 700 bytes; a first
 * line longer than this is a file without line breaks or not a CSV export, and
 * is reported without being turned into a string (a 200 MB line would be).
 */
export const MAX_HEADER_BYTES = 64 * 1024;
/**
 * Longest data line read: a record of these tables is under 1 KB, so a line of
 * a megabyte is a broken export (a missing line break, a runaway quote). It is
 * reported at once rather than parsed: the CSV reader needs ~15 s and 2.5 GB
 * for one 200 MB field. Lines of 1.5 × this or more are always caught.
 */
export const MAX_LINE_BYTES = 1024 * 1024;

const LF = 0x0a, CR = 0x0d, QUOTE = 0x22;
const BOMS: readonly { bytes: readonly number[]; encoding: Encoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];

/**
 * Reads a file and checks the things that must hold before parsing: it exists,
 * is text in a known encoding (converted to UTF-8) and has a header of a
 * sensible length. Problems are returned, not thrown.
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
  const text = decodeText(path, bytes, room);
  if (Array.isArray(text)) return text;
  const { body, encoding, bom } = text;
  const headerEnd = indexOfOr(body, LF, body.length);
  if (headerEnd > MAX_HEADER_BYTES) return [longHeader(path, body, headerEnd)];
  const headerLine = body.subarray(0, headerEnd).toString("utf8").replace(/\r$/, "");
  if (headerLine.trim() === "") {
    return [{ file: path, line: 1, expected: "a header line with column names (the file is empty)" }];
  }
  const long = longLine(path, body, headerEnd + 1);
  if (long) return [long];
  const separator = sniffSeparator(headerLine);
  const header = headerLine.split(separator).map((h) => h.trim().replace(/^"(.*)"$/, "$1").trim());
  const lineEnding = headerEnd > 0 && body[headerEnd - 1] === CR ? "CRLF" : "LF";
  const decimal = separator !== "," && body.indexOf(0x2c, headerEnd) >= 0 ? "," : ".";
  return { path, body, format: { separator, decimal, lineEnding, bom, encoding }, header };
}

/** A file's text as UTF-8 bytes, with the encoding it was found in. */
interface Text {
  body: Buffer;
  encoding: Encoding;
  bom: boolean;
}

/**
 * Finds the encoding (byte-order mark; else the zero bytes of UTF-16; else
 * UTF-8; else Windows-1251 when the bytes read as Cyrillic text) and converts
 * to UTF-8. UTF-8 with stray bytes gets each bad byte located.
 */
function decodeText(path: string, bytes: Uint8Array, room: number): Text | Problem[] {
  const marked = BOMS.find((m) => m.bytes.every((b, i) => bytes[i] === b));
  const rest = bytes.subarray(marked?.bytes.length ?? 0);
  const encoding = marked?.encoding ?? utf16Order(rest);
  const bom = marked !== undefined;
  if (encoding === "utf-16le" || encoding === "utf-16be") {
    const body = transcode(rest, encoding);
    if (body !== undefined) return { body, encoding, bom };
    const name = encoding.toUpperCase();
    return [{
      file: path,
      expected: `text in one encoding (the file looks like ${name}${bom ? ", from its byte-order mark" : ""}, ` +
        `but is not valid ${name}: save it as UTF-8)`,
    }];
  }
  const body = Buffer.from(rest.buffer, rest.byteOffset, rest.byteLength);
  if (isUtf8(body)) return { body, encoding: "utf-8", bom };
  if (!bom && looksLikeWindows1251(body)) {
    return { body: fromWindows1251(body), encoding: "windows-1251", bom };
  }
  return invalidUtf8(path, body, room);
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: the CSV's digits,
 * separators and line ends are ASCII, whose high byte is zero, so one byte of
 * each pair is often zero and the other almost never. UTF-8 and Windows-1251
 * text has no zero bytes at all.
 */
function utf16Order(bytes: Uint8Array): Encoding | undefined {
  const n = Math.min(bytes.length, 64 * 1024) & ~1;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const enough = Math.max(2, n / 2 / 20); // at least 5% of the characters are ASCII
  if (odd >= enough && even * 20 <= odd) return "utf-16le";
  if (even >= enough && odd * 20 <= even) return "utf-16be";
  return undefined;
}

/** Windows-1251 bytes below the letters А–я that Russian text uses: Ё ё № « » – — and the no-break space. */
const WINDOWS_1251_TEXT = new Set([0xa8, 0xb8, 0xb9, 0xab, 0xbb, 0x96, 0x97, 0xa0]);

/**
 * Whether bytes that are not UTF-8 are Windows-1251 text: almost none of the
 * bytes above 0x7f form UTF-8 sequences (a UTF-8 file with a few stray bytes is
 * mostly sequences, and gets the stray ones located instead), and at least 90%
 * of them are Cyrillic letters or the punctuation Russian text uses in that
 * code page. The first megabyte (the header and
 * thousands of rows) decides, so a large file costs no full scan.
 */
function looksLikeWindows1251(body: Uint8Array): boolean {
  let sequences = 0, stray = 0, cyrillic = 0;
  const n = Math.min(body.length, 1024 * 1024);
  for (let i = 0; i < n;) {
    const b = body[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = utf8Length(body, i);
    if (len > 0) {
      sequences++, i += len;
      continue;
    }
    stray++, i++;
    if (b >= 0xc0 || WINDOWS_1251_TEXT.has(b)) cyrillic++;
  }
  return stray > 0 && sequences * 20 <= stray && cyrillic >= 0.9 * stray;
}

/** Length of the well-formed UTF-8 sequence starting at `i`, or 0 (lead bytes and ranges per RFC 3629). */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80, hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80, hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Bytes decoded per step, so a large file is never one JS string. */
const TRANSCODE_CHUNK = 16 * 1024 * 1024;

/** Converts UTF-16 text to UTF-8; undefined when it is not valid UTF-16 (an odd byte, a lone surrogate). */
function transcode(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): Buffer | undefined {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  try {
    for (let i = 0; i < bytes.length || i === 0; i += TRANSCODE_CHUNK) {
      const end = Math.min(bytes.length, i + TRANSCODE_CHUNK);
      parts.push(encoder.encode(decoder.decode(bytes.subarray(i, end), { stream: end < bytes.length })));
    }
  } catch {
    return undefined;
  }
  return Buffer.concat(parts);
}

/** UTF-8 of each byte in Windows-1251 (1 to 3 bytes), from the platform's decoder; built on first use. */
let windows1251: { length: Uint8Array; utf8: Uint8Array } | undefined;

/**
 * Converts Windows-1251 to UTF-8 byte by byte through a table: a single-byte
 * code page needs no decoder state, and this is about 2.5× faster than going
 * through JS strings (0.4 s for a 120 MB file).
 */
function fromWindows1251(bytes: Uint8Array): Buffer {
  windows1251 ??= (() => {
    const length = new Uint8Array(256), utf8 = new Uint8Array(256 * 3);
    const decoder = new TextDecoder("windows-1251"), encoder = new TextEncoder();
    for (let b = 0; b < 256; b++) {
      const seq = encoder.encode(decoder.decode(new Uint8Array([b])));
      length[b] = seq.length, utf8.set(seq, 3 * b);
    }
    return { length, utf8 };
  })();
  const { length, utf8 } = windows1251;
  let size = 0;
  for (let i = 0; i < bytes.length; i++) size += length[bytes[i]!]!;
  const out = Buffer.allocUnsafe(size);
  for (let i = 0, o = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out[o++] = b;
      continue;
    }
    for (let k = 3 * b, end = k + length[b]!; k < end; k++) out[o++] = utf8[k]!;
  }
  return out;
}

/** The problem for a first line too long to be a header (often a file with no line breaks at all). */
function longHeader(path: string, body: Buffer, headerEnd: number): Problem {
  const breaks = headerEnd === body.length ? " and the file has no line break" : "";
  return {
    file: path,
    line: 1,
    ...lineValue(body, 0, headerEnd),
    expected: `a header line with column names of at most ${MAX_HEADER_BYTES} bytes ` +
      `(line 1 is ${headerEnd} bytes long${breaks}: is this the store's CSV export?)`,
  };
}

/**
 * The first data line of at least {@linkcode MAX_LINE_BYTES}, found by probing
 * for a line break every half limit: a few hundred native searches for a
 * 100 MB file, so the normal path stays fast.
 */
function longLine(path: string, body: Buffer, from: number): Problem | undefined {
  for (let at = from; at + MAX_LINE_BYTES <= body.length; at += MAX_LINE_BYTES / 2) {
    const next = body.indexOf(LF, at);
    if (next >= 0 && next < at + MAX_LINE_BYTES) continue;
    const start = body.lastIndexOf(LF, at) + 1;
    const end = next < 0 ? body.length : next;
    let line = 1;
    for (let i = body.indexOf(LF); i >= 0 && i < start; i = body.indexOf(LF, i + 1)) line++;
    return {
      file: path,
      line,
      ...lineValue(body, start, end),
      expected: `a line of at most ${MAX_LINE_BYTES} bytes (line ${line} is ${end - start} bytes long; ` +
        `a record of this table is a few hundred bytes: is a line break or a closing quote missing?)`,
    };
  }
  return undefined;
}

/**
 * A line's text for a message, decoding only its beginning: the value shown
 * is at most {@linkcode MAX_SHOWN_CHARS} characters, and a longer line's
 * length is counted on the bytes (UTF-8 continuation bytes are not characters).
 */
function lineValue(body: Uint8Array, start: number, end: number): Pick<Problem, "value" | "valueLength"> {
  if (end > start && body[end - 1] === CR) end--;
  const shown = Math.min(end, start + 4 * MAX_SHOWN_CHARS + 4); // ≥ MAX_SHOWN_CHARS + 1 whole characters
  const value = Buffer.from(body.buffer, body.byteOffset + start, shown - start).toString("utf8");
  if (shown === end) return { value };
  let length = 0;
  for (let i = start; i < end; i++) if ((body[i]! & 0xc0) !== 0x80) length++;
  return { value, valueLength: length };
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
          ...lineValue(raw.body, lineStart, i),
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
  // The header may itself hold the bad bytes: read (the start of) it leniently to name columns.
  const headerEnd = Math.min(indexOfOr(body, LF, body.length), MAX_HEADER_BYTES);
  const headerLine = new TextDecoder().decode(body.subarray(0, headerEnd)).replace(/\r$/, "");
  const separator = sniffSeparator(headerLine);
  const sep = separator.charCodeAt(0);
  const header = headerLine.split(separator).map((h) => h.trim());
  // Field and character within the line are counted on the way: no line becomes a string.
  let line = 1, field = 1, chars = 0;
  for (let i = 0; i < body.length && problems.length < limit;) {
    const b = body[i]!;
    const len = utf8Length(body, i);
    if (len === 0) {
      problems.push({
        file: path,
        line,
        column: header[field - 1] ?? `${field}`,
        value: `byte 0x${b.toString(16).padStart(2, "0")} at character ${chars + 1}`,
        expected: "text encoded as UTF-8 (save the file as UTF-8)",
      });
      chars++, i++; // a lenient reader shows the byte as one replacement character
      continue;
    }
    if (b === LF) line++, field = 1, chars = 0;
    else {
      if (b === sep) field++;
      chars++;
    }
    i += len;
  }
  return problems;
}
