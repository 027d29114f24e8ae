/**
 * Messages stay readable whatever the input: long values and column names are
 * shown as their beginning and their length; a file that is one huge line, or
 * holds a huge field, gives one short message quickly instead of a crash.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DataError, formatProblem, MAX_SHOWN_CHARS } from "../../src/data/errors.ts";
import { loadDataset } from "../../src/data/load.ts";
import { MAX_HEADER_BYTES, MAX_LINE_BYTES } from "../../src/data/raw_file.ts";
import { tinyTables, toCsv, writeTables } from "./fixtures.ts";

const enc = new TextEncoder();

async function loadError(dir: string): Promise<DataError> {
  try {
    await loadDataset(dir);
  } catch (e) {
    assert.ok(e instanceof DataError, `expected a DataError, got ${e}`);
    return e;
  }
  assert.fail("expected the load to fail");
}

Deno.test("formatProblem shows short values whole and long ones as beginning, … and length", () => {
  assert.equal(
    formatProblem({ file: "money.csv", line: 3, column: "Прибыль", value: "x".repeat(80), expected: "a number" }),
    `money.csv:3, column «Прибыль»: found "${"x".repeat(80)}", expected a number`,
  );
  assert.equal(
    formatProblem({ file: "money.csv", line: 3, value: "я".repeat(81), expected: "a number" }),
    `money.csv:3: found "${"я".repeat(80)}…" (81 characters), expected a number`,
  );
  // a value already cut by the reader carries its full length
  assert.equal(
    formatProblem({ line: 2, value: "1".repeat(90), valueLength: 20_000_000, expected: "a number" }),
    `2: found "${"1".repeat(80)}…" (20000000 characters), expected a number`,
  );
  // column names read from a file are shortened the same way
  assert.match(
    formatProblem({ line: 1, column: "c".repeat(500), expected: "only the columns «id»" }),
    new RegExp(`^1, column «c{${MAX_SHOWN_CHARS}}… \\(500 characters\\)»: expected only the columns «id»$`),
  );
});

Deno.test("formatProblem counts characters, not UTF-16 units, and never splits a pair", () => {
  const emoji = "😀".repeat(100); // 200 UTF-16 units
  const text = formatProblem({ value: emoji, expected: "a number" });
  assert.equal(text, `found "${"😀".repeat(80)}…" (100 characters), expected a number`);
  assert.equal(formatProblem({ value: "😀".repeat(80), expected: "x" }), `found "${"😀".repeat(80)}", expected x`);
});

Deno.test("a 200 MB file of one line without a line break: one short message, no crash", async () => {
  const t = tinyTables();
  const size = 200 * 1024 * 1024;
  const line = new Uint8Array(size).fill(0x78); // "x"
  for (let i = 1; i < size; i += 2) line[i] = 0x2c; // "x,x,x,…"
  const dir = await writeTables({ ...t, market_file: line });
  const error = await loadError(dir);
  assert.equal(error.problems.length, 1);
  const message = error.format();
  assert.ok(message.length < 600, message);
  assert.equal(
    message,
    `Data problem:\n  ${join(dir, "market_file.csv")}:1: found "${"x,".repeat(40)}…" (${size} characters), ` +
      `expected a header line with column names of at most ${MAX_HEADER_BYTES} bytes ` +
      `(line 1 is ${size} bytes long and the file has no line break: is this the store's CSV export?)`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a data line of megabytes (a lost line break) is named by line, not parsed", async () => {
  const t = tinyTables();
  const lines = toCsv(t.market_money).split("\n");
  lines[2] += "9".repeat(3 * MAX_LINE_BYTES); // file line 3 runs into megabytes
  const dir = await writeTables({ ...t, market_money: lines.join("\n") });
  const error = await loadError(dir);
  await Deno.remove(dir, { recursive: true });
  assert.equal(error.problems.length, 1);
  const p = error.problems[0]!;
  assert.equal(p.line, 3);
  assert.ok(p.value!.length <= 4 * MAX_SHOWN_CHARS + 4);
  assert.ok(p.valueLength! > 3 * MAX_LINE_BYTES);
  assert.match(p.expected, new RegExp(`^a line of at most ${MAX_LINE_BYTES} bytes \\(line 3 is \\d+ bytes long`));
  assert.ok(error.format().length < 600);
});

Deno.test("a long field below the line limit is located by column and not echoed whole", async () => {
  const t = tinyTables();
  const long = "7".repeat(500_000) + "x";
  t.money[4]![1] = long;
  const error = await loadError(await writeTables(t));
  assert.deepEqual(error.problems.map((p) => [p.line, p.column]), [[5, "Прибыль"]]);
  assert.match(
    error.format(),
    new RegExp(`found "7{${MAX_SHOWN_CHARS}}…" \\(500001 characters\\), expected a number$`),
  );
});

Deno.test("a ragged line and a bad byte on a long line are located without echoing the line", async () => {
  const t = tinyTables();
  t.market_time[3] = [...t.market_time[3]!, "z".repeat(100_000)];
  let error = await loadError(await writeTables(t));
  assert.equal(error.problems.length, 1);
  assert.equal(error.problems[0]!.line, 4);
  assert.equal(error.problems[0]!.valueLength, codeLength(t.market_time[3]!.join(",")));
  assert.ok(error.format().length < 400, error.format());

  // an invalid byte at the end of a 200 000-character line: its character is counted, not decoded
  const t2 = tinyTables();
  const text = toCsv(t2.money);
  const at = text.indexOf("\n4,") + 3;
  const pad = "5".repeat(200_000);
  const bytes = new Uint8Array([...enc.encode(text.slice(0, at) + pad), 0xff, ...enc.encode(text.slice(at))]);
  error = await loadError(await writeTables({ ...t2, money: bytes }));
  assert.deepEqual(error.problems.map((p) => [p.line, p.column, p.value]), [
    [5, "Прибыль", `byte 0xff at character ${2 + pad.length + 1}`],
  ]);
});

function codeLength(s: string): number {
  return [...s].length;
}
