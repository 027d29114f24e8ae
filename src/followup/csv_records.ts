/**
 * The CSV dialect of the run's offers.csv (the Excel export: `;`, UTF-8 with a
 * BOM, CRLF, RFC 4180 quotes), read incrementally: text goes in by pieces of
 * any size and whole records come out, so a file of a million customers is
 * never one string nor one array of records. Fed the whole text at once it is
 * the reader offers.csv always had.
 *
 * @module
 */
import { DataError } from "../data/errors.ts";

/** A CSV record and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const QUOTE = 0x22, SEMICOLON = 0x3b, CR = 0x0d, LF = 0x0a;

/** Bytes read from a file at a time by {@linkcode csvFileRecords}. */
const READ_BYTES = 1 << 20;

/**
 * RFC 4180 records separated by `;`: quoted fields may hold `;`, `""` and line
 * breaks; CRLF or LF line ends; a byte-order mark at the very start is
 * skipped. An unclosed quote is a problem of the line it opens on, raised by
 * {@linkcode CsvRecordReader.end}.
 *
 * @example
 * ```ts
 * const reader = new CsvRecordReader("offers.csv");
 * reader.push('a;"b;'); // [] — the record is not complete yet
 * reader.push('c"\r\n1;2'); // [{ line: 1, fields: ["a", "b;c"] }]
 * reader.end(); // [{ line: 2, fields: ["1", "2"] }]
 * ```
 */
export class CsvRecordReader {
  readonly #path: string;
  #fields: string[] = [];
  /** The current field's text before the run that starts at the scan position. */
  #field = "";
  #quoted = false;
  #line = 1;
  #start = 1;
  #quoteLine = 0;
  /** A last character whose meaning depends on the next one (`"` inside quotes, `\r`). */
  #pending = "";
  #begun = false;
  #ended = false;

  /** @param path names the file in messages */
  constructor(path: string) {
    this.#path = path;
  }

  /** Reads the next piece of text; returns the records it completed. */
  push(piece: string): CsvRecord[] {
    if (this.#ended) throw new Error("CsvRecordReader: push after end");
    let text = this.#pending + piece;
    this.#pending = "";
    if (!this.#begun && text !== "") {
      this.#begun = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return this.#scan(text, false);
  }

  /**
   * Ends the input: returns the last record (when the text does not end with
   * a line break).
   *
   * @throws {DataError} when a quoted field is never closed
   */
  end(): CsvRecord[] {
    if (this.#ended) return [];
    const text = this.#pending;
    this.#pending = "";
    const records = this.#scan(text, true);
    this.#ended = true;
    if (this.#quoted) {
      throw new DataError([{
        file: this.#path,
        line: this.#quoteLine,
        expected: 'a closing quote (") for the field opened here',
      }]);
    }
    if (this.#field !== "" || this.#fields.length > 0) {
      this.#fields.push(this.#field), records.push({ line: this.#start, fields: this.#fields });
      this.#fields = [], this.#field = "";
    }
    return records;
  }

  /**
   * One pass over `text`. A field's characters are taken as slices of runs
   * between special characters (a character at a time would build the field
   * one string per character). `last`: no text follows.
   */
  #scan(text: string, last: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    const n = text.length;
    let run = 0; // where the current field's unread run starts
    for (let i = 0; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (this.#quoted) {
        if (ch === QUOTE) {
          if (i + 1 === n && !last) { // `""` or a closing quote: the next piece says
            this.#field += text.slice(run, i), this.#pending = '"';
            return records;
          }
          if (text.charCodeAt(i + 1) === QUOTE) this.#field += text.slice(run, i + 1), i++;
          else this.#quoted = false, this.#field += text.slice(run, i);
          run = i + 1;
        } else if (ch === LF) this.#line++;
      } else if (ch === QUOTE && this.#field === "" && run === i) {
        this.#quoted = true, this.#quoteLine = this.#line, run = i + 1;
      } else if (ch === SEMICOLON) {
        this.#fields.push(this.#field + text.slice(run, i)), this.#field = "", run = i + 1;
      } else if (ch === CR) {
        if (i + 1 === n && !last) {
          this.#field += text.slice(run, i), this.#pending = "\r";
          return records;
        }
        // A CR of a CRLF is dropped; a lone CR is field text.
        if (text.charCodeAt(i + 1) === LF) this.#field += text.slice(run, i), run = i + 1;
      } else if (ch === LF) {
        this.#fields.push(this.#field + text.slice(run, i)), records.push({ line: this.#start, fields: this.#fields });
        this.#fields = [], this.#field = "", this.#start = ++this.#line, run = i + 1;
      }
    }
    this.#field += text.slice(run, n);
    return records;
  }
}

/**
 * Every record of a whole text.
 *
 * @throws {DataError} on an unclosed quote
 * @example
 * ```ts
 * csvRecords('\uFEFFa;b\r\n"x;y";2\r\n', "f.csv"); // [{ line: 1, fields: ["a", "b"] }, { line: 2, fields: ["x;y", "2"] }]
 * ```
 */
export function csvRecords(text: string, path: string): CsvRecord[] {
  const reader = new CsvRecordReader(path);
  const records = reader.push(text);
  for (const r of reader.end()) records.push(r);
  return records;
}

/**
 * The records of a file, read `readBytes` (default a megabyte) at a time
 * (UTF-8; invalid bytes read as U+FFFD, as `Deno.readTextFile` reads them). Opening errors are thrown as
 * they come (`Deno.errors.NotFound`, …), an unclosed quote as a
 * {@linkcode DataError} after the last record.
 *
 * @example
 * ```ts
 * for await (const records of csvFileRecords("out/artifacts/offers.csv")) {
 *   records.length; // the records completed by one read
 * }
 * ```
 */
export async function* csvFileRecords(
  path: string,
  readBytes: number = READ_BYTES,
): AsyncGenerator<CsvRecord[], void, undefined> {
  using file = await Deno.open(path, { read: true });
  // ignoreBOM: the reader skips the mark itself, as for a string.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const reader = new CsvRecordReader(path);
  const buffer = new Uint8Array(readBytes);
  for (;;) {
    const read = await file.read(buffer);
    if (read === null) break;
    const records = reader.push(decoder.decode(buffer.subarray(0, read), { stream: true }));
    if (records.length > 0) yield records;
  }
  const records = reader.push(decoder.decode());
  for (const r of reader.end()) records.push(r);
  if (records.length > 0) yield records;
}
