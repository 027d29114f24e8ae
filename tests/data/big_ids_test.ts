/**
 * 64-bit customer ids stay exact end to end: past 2^53 a JS number rounds
 * neighbouring ids onto one value, which once merged customers and emptied
 * offers.csv of half its distinct ids.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FIRST_ID, writeSynthetic } from "../../src/data/synth.ts";
import { loadDataset } from "../../src/data/load.ts";
import { compareIds, denseCodes } from "../../src/data/customer_id.ts";
import { TABLES } from "../../src/data/schema.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Rewrites every table's id column to `base + (id − FIRST_ID)`, exactly (BigInt). */
export async function shiftIds(dir: string, base: bigint): Promise<void> {
  for (const t of Object.values(TABLES)) {
    const path = join(dir, t.file);
    const [header, ...rows] = (await Deno.readTextFile(path)).split("\n");
    const sep = header!.includes(";") ? ";" : header!.includes("\t") ? "\t" : ",";
    const shifted = rows.map((line) => {
      if (line.trim() === "") return line;
      const at = line.indexOf(sep);
      return String(base + BigInt(line.slice(0, at).trim()) - BigInt(FIRST_ID)) + line.slice(at);
    });
    await Deno.writeTextFile(path, [header, ...shifted].join("\n"));
  }
}

const expectedIds = (base: bigint, n: number) => Array.from({ length: n }, (_, k) => String(base + BigInt(k)));

for (const [name, base] of [["2^53", 2n ** 53n], ["2^60", 2n ** 60n], ["2^63 − 400", 2n ** 63n - 400n]] as const) {
  Deno.test(`ids from ${name}: every customer kept, each id exact`, async () => {
    const dir = await Deno.makeTempDir();
    await writeSynthetic(dir, { customers: 300, seed: 5 });
    const before = await loadDataset(dir);
    await shiftIds(dir, base);
    const { frame, quality } = await loadDataset(dir);
    assert.equal(frame.height, before.frame.height);
    const ids = frame.getColumn("id").toArray() as string[];
    const shift = (id: string) => String(base + BigInt(id) - BigInt(FIRST_ID));
    assert.deepEqual(ids, (before.frame.getColumn("id").toArray() as string[]).map(shift));
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => expectedIds(base, 300).includes(id)));
    // Every id in the quality summary is exact too.
    const steps = before.quality.steps.map((s) => s.ids.map(shift));
    assert.deepEqual(quality.steps.map((s) => s.ids), steps);
    assert.deepEqual(quality.duplicates.members, before.quality.duplicates.members.map((m) => m.map(shift)));
    await Deno.remove(dir, { recursive: true });
  });
}

Deno.test("an id beyond 64 bits is a located data error, not a rounded id", async () => {
  const dir = await Deno.makeTempDir();
  await writeSynthetic(dir, { customers: 20, seed: 1 });
  await shiftIds(dir, 2n ** 64n);
  await assert.rejects(() => loadDataset(dir), (e: Error) => {
    assert.match(e.message, /market_file\.csv:2, column «id»: found "18446744073709551616", expected a whole-number/);
    return true;
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("id order and group codes follow the numbers, not the text", () => {
  assert.deepEqual(["10", "9", "-3", "9007199254740993", "9007199254740992"].sort(compareIds), [
    "-3",
    "9",
    "10",
    "9007199254740992",
    "9007199254740993",
  ]);
  assert.deepEqual(Array.from(denseCodes(["7", "7", "9", "7", "11"])), [0, 0, 1, 0, 2]);
});

Deno.test("segments command on ids from 2^60: offers.csv and every artifact keep all ids exact", async () => {
  const data = await Deno.makeTempDir(), out = await Deno.makeTempDir();
  const base = 2n ** 60n;
  await writeSynthetic(data, { customers: 300, seed: 3 });
  await shiftIds(data, base);
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "src/cli/segments.ts"), "--data", data, "--out", out, "--workers", "2"],
    env: { NO_COLOR: "1" },
  }).output();
  assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
  const quality = JSON.parse(await Deno.readTextFile(join(out, "quality.json")));
  const all = new Set(expectedIds(base, 300));
  const removed = new Set<string>(quality.steps[0].ids);
  const kept = [...all].filter((id) => !removed.has(id));
  assert.equal(quality.customers, kept.length);

  const predictions = JSON.parse(await Deno.readTextFile(join(out, "predictions.json")));
  assert.deepEqual(predictions.rows.map((r: { id: string }) => r.id), kept);

  const csv = await Deno.readTextFile(join(out, "offers.csv"));
  const offerIds = csv.trim().split("\r\n").slice(1).map((l) => l.split(";")[0]!);
  assert.equal(offerIds.length, kept.length);
  assert.deepEqual([...offerIds].sort(compareIds), kept);
  await Deno.remove(data, { recursive: true });
  await Deno.remove(out, { recursive: true });
});
