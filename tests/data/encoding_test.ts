/**
 * Files in the encodings Russian Excel writes (Windows-1251 for "CSV",
 * UTF-16 for "Unicode text") read exactly like the UTF-8 export, and the
 * summary says which encoding each file was in; broken UTF-8 is still located.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { DataError } from "../../src/data/errors.ts";
import { loadDataset } from "../../src/data/load.ts";
import { TABLE_NAMES, type TableName } from "../../src/data/schema.ts";
import { synthesizeTables } from "../../src/data/synth.ts";
import { tinyTables, toCsv, writeTables } from "./fixtures.ts";

type Files = Record<TableName, Uint8Array>;

/** Windows-1251 for ASCII and Russian letters: А–я are 0xC0–0xFF in order, Ё and ё apart. */
function toWindows1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[i] = c;
    else if (c >= 0x410 && c <= 0x44f) out[i] = 0xc0 + c - 0x410;
    else if (c === 0x401) out[i] = 0xa8;
    else if (c === 0x451) out[i] = 0xb8;
    else throw new Error(`no Windows-1251 byte for U+${c.toString(16)} in this test encoder`);
  }
  return out;
}

/** UTF-16 bytes, little- or big-endian, with or without a byte-order mark. */
function toUtf16(text: string, order: "le" | "be", bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? "\uFEFF" : "") + text, "utf16le");
  if (order === "be") le.swap16();
  return new Uint8Array(le);
}

/** The synthetic export (300 customers) re-encoded file by file, the UTF-8 BOM dropped. */
function synthetic(encode: (text: string) => Uint8Array): Files {
  const texts = synthesizeTables({ customers: 300, seed: 7 });
  return Object.fromEntries(TABLE_NAMES.map((n) => [n, encode(texts[n].replace(/^\uFEFF/, ""))])) as Files;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Loads files written as given and checks they give what the UTF-8 files give. */
async function assertSameAsUtf8(files: Files, encoding: string, bom: boolean) {
  const reference = await loadDataset(await writeTables(synthetic(utf8)));
  const { frame, quality } = await loadDataset(await writeTables(files));
  assert.ok(frame.frameEqual(reference.frame), `the ${encoding} files give another frame`);
  assert.deepEqual(
    { ...quality, tables: undefined },
    { ...reference.quality, tables: undefined },
  );
  for (const n of TABLE_NAMES) {
    const { format, ...rest } = quality.tables[n]!;
    const { format: refFormat, ...refRest } = reference.quality.tables[n]!;
    assert.deepEqual(rest, refRest, n);
    assert.deepEqual(format, { ...refFormat, encoding, bom }, n);
  }
}

Deno.test("Windows-1251 files (Russian Excel's CSV) are converted and read like UTF-8", async () => {
  const files = synthetic(toWindows1251);
  // the files really are not UTF-8: every Cyrillic letter is one byte ≥ 0xC0
  assert.equal(new TextDecoder().decode(files.money).includes("\uFFFD"), true);
  await assertSameAsUtf8(files, "windows-1251", false);
});

for (const order of ["le", "be"] as const) {
  for (const bom of [true, false]) {
    Deno.test(`UTF-16${order.toUpperCase()} ${bom ? "with" : "without"} a byte-order mark is read like UTF-8`, async () => {
      await assertSameAsUtf8(synthetic((t) => toUtf16(t, order, bom)), `utf-16${order}`, bom);
    });
  }
}

Deno.test("a UTF-8 file with a Windows-1251 word pasted in keeps its located byte errors", async () => {
  const t = tinyTables();
  const text = toCsv(t.market_file);
  const at = text.indexOf("Домашний текстиль");
  const bytes = new Uint8Array([
    ...utf8(text.slice(0, at)),
    ...toWindows1251("Игрушки"),
    ...utf8(text.slice(at + "Домашний текстиль".length)),
  ]);
  const line = text.slice(0, at).split("\n").length;
  try {
    await loadDataset(await writeTables({ ...t, market_file: bytes }));
    assert.fail("expected a DataError");
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.problems.length, 7); // one per byte of «Игрушки»
    assert.deepEqual([e.problems[0]!.line, e.problems[0]!.column], [line, "Популярная_категория"]);
    assert.match(e.problems[0]!.value!, /^byte 0xc8 at character \d+$/);
    assert.match(e.problems[0]!.expected, /UTF-8/);
  }
});

Deno.test("a UTF-16 file cut in the middle of a character names the encoding", async () => {
  const t = tinyTables();
  const bytes = toUtf16(toCsv(t.money), "le", true);
  try {
    await loadDataset(await writeTables({ ...t, money: bytes.subarray(0, bytes.length - 1) }));
    assert.fail("expected a DataError");
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    assert.equal(e.problems.length, 1);
    assert.match(e.format(), /money\.csv: expected .*UTF-16LE.*save it as UTF-8/);
  }
});

Deno.test("a UTF-8 file with a few NUL bytes is not taken for UTF-16", async () => {
  const t = tinyTables();
  const text = toCsv(t.money).replace("\n3,2.30\n", "\n3,2.3\u00000\n");
  assert.ok(text.includes("\u0000"));
  try {
    await loadDataset(await writeTables({ ...t, money: utf8(text) }));
    assert.fail("expected a DataError");
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    // read as UTF-8: the header is fine, the number with a NUL is the one problem
    assert.deepEqual(e.problems.map((p) => [p.line, p.column, p.value]), [[4, "Прибыль", "2.3\u00000"]]);
  }
});
