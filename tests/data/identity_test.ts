/** The export's identity: folder name, export date (files or given) and the short hash of the four files. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { dataIdentity, parseExportDate } from "../../src/data/identity.ts";
import { TABLE_NAMES, TABLES } from "../../src/data/schema.ts";
import { writeSynthetic } from "../../src/data/synth.ts";

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A folder named `name` with 30 synthetic customers; every file dated `date`. */
async function export30(name: string, date = new Date(Date.UTC(2026, 10, 2, 10))) {
  const dir = join(await Deno.makeTempDir(), name);
  await writeSynthetic(dir, { customers: 30, seed: 4 });
  for (const t of TABLE_NAMES) await Deno.utime(join(dir, TABLES[t].file), date, date);
  return dir;
}

Deno.test("parseExportDate: YYYY-MM-DD calendar dates only", () => {
  assert.equal(parseExportDate("2026-11-30"), "2026-11-30");
  assert.equal(parseExportDate(" 2024-02-29 "), "2024-02-29", "a leap day, spaces trimmed");
  for (const bad of ["2026-02-30", "2025-02-29", "2026-13-01", "2026-1-5", "30.11.2026", "", "2026-11-30T00:00"]) {
    assert.equal(parseExportDate(bad), undefined, bad);
  }
});

Deno.test("dataIdentity: folder name, newest file date in UTC, SHA-256 of the four files in table order", async () => {
  const dir = await export30("one-click");
  try {
    // One file is newer, late in the UTC day: the date is that file's UTC date.
    const newest = new Date(Date.UTC(2026, 10, 14, 23, 30));
    await Deno.utime(join(dir, TABLES.market_time.file), newest, newest);
    const id = await dataIdentity(dir);
    const bytes = await Promise.all(TABLE_NAMES.map((t) => Deno.readFile(join(dir, TABLES[t].file))));
    const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
    bytes.reduce((at, b) => (all.set(b, at), at + b.length), 0);
    assert.deepEqual(id, {
      folder: "one-click",
      exportDate: "2026-11-14",
      exportDateFrom: "files",
      hash: (await sha256Hex(all)).slice(0, 12),
    });
    // A given date wins; the hash does not depend on dates or on the folder's path.
    const given = await dataIdentity(dir + "/", { exportDate: "2026-12-01" });
    assert.deepEqual(given, { ...id, exportDate: "2026-12-01", exportDateFrom: "given" });
  } finally {
    await Deno.remove(join(dir, ".."), { recursive: true });
  }
});

Deno.test("dataIdentity: one changed byte, or the same bytes in another table, give another hash", async () => {
  const a = await export30("a"), b = await export30("b");
  try {
    const base = (await dataIdentity(a)).hash;
    assert.equal((await dataIdentity(b)).hash, base, "the same data in another folder: the same hash");
    const money = join(b, TABLES.money.file);
    const text = await Deno.readTextFile(money);
    await Deno.writeTextFile(money, text.replace(/\d(?=\s*$)/, (d) => String((Number(d) + 1) % 10)));
    assert.notEqual((await dataIdentity(b)).hash, base);
    // Swapping two files' contents keeps every byte but changes the order they are hashed in.
    const [f, t] = [join(a, TABLES.market_file.file), join(a, TABLES.market_time.file)];
    const [fb, tb] = await Promise.all([Deno.readFile(f), Deno.readFile(t)]);
    await Deno.writeFile(f, tb);
    await Deno.writeFile(t, fb);
    assert.notEqual((await dataIdentity(a)).hash, base);
  } finally {
    await Deno.remove(join(a, ".."), { recursive: true });
    await Deno.remove(join(b, ".."), { recursive: true });
  }
});
