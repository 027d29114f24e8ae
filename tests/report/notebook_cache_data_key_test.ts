/**
 * The notebook cache's data key: the four files' SHA-256 (each file's name,
 * then its bytes, in table order) beside the export's identity — the same
 * key as when the two hashes were computed by separate reads, so existing
 * entries stay valid, now from one read of each file.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { dataIdentity } from "../../src/data/identity.ts";
import { TABLE_NAMES, TABLES } from "../../src/data/schema.ts";
import { writeSynthetic } from "../../src/data/synth.ts";
import { dataKey } from "../../src/report/notebook_cache.ts";

const dir = await Deno.makeTempDir();
await writeSynthetic(dir, { customers: 40, seed: 5 });

/** The key as it was computed before: a hash of names and bytes, then `dataIdentity`'s own read. */
async function separateReads(d: string, date: string | undefined) {
  const hash = createHash("sha256");
  for (const name of TABLE_NAMES) {
    hash.update(`${TABLES[name].file}\n`);
    hash.update(await Deno.readFile(join(d, TABLES[name].file)));
  }
  return { sha256: hash.digest("hex"), identity: await dataIdentity(d, { exportDate: date }) };
}

Deno.test("dataKey: the same key as two separate reads (file dates or a given date)", async () => {
  for (const date of [undefined, "2026-01-02"]) {
    const key = await dataKey(dir, date);
    assert.deepEqual(key, await separateReads(dir, date));
    assert.equal(JSON.stringify(key), JSON.stringify(await separateReads(dir, date)), "same field order");
  }
});

Deno.test("dataKey: opens each of the four files once", async () => {
  const opened: string[] = [];
  const open = Deno.open;
  Deno.open = ((path: string | URL, options?: Deno.OpenOptions) => {
    opened.push(String(path));
    return open(path, options);
  }) as typeof Deno.open;
  try {
    assert.notEqual(await dataKey(dir, undefined), undefined);
  } finally {
    Deno.open = open;
  }
  assert.deepEqual(opened.sort(), TABLE_NAMES.map((t) => join(dir, TABLES[t].file)).sort());
});

Deno.test("dataKey: undefined when a file is missing; a changed byte changes the key", async () => {
  const other = await Deno.makeTempDir();
  try {
    for (const t of TABLE_NAMES) await Deno.copyFile(join(dir, TABLES[t].file), join(other, TABLES[t].file));
    const base = await dataKey(other, "2026-01-02") as { sha256: string; identity: { hash: string } };
    const money = join(other, TABLES.money.file);
    const text = await Deno.readTextFile(money);
    await Deno.writeTextFile(money, text.replace(/\d(?=\s*$)/, (d) => String((Number(d) + 1) % 10)));
    const changed = await dataKey(other, "2026-01-02") as { sha256: string; identity: { hash: string } };
    assert.notEqual(changed.sha256, base.sha256);
    assert.notEqual(changed.identity.hash, base.identity.hash);
    await Deno.remove(money);
    assert.equal(await dataKey(other, undefined), undefined);
  } finally {
    await Deno.remove(other, { recursive: true });
  }
});
