/**
 * offers.json is written and read one offer at a time (a million offers are
 * more JSON than one string holds), yet stays one JSON document; a damaged
 * file is one message naming its line and field, and a failed write keeps the
 * previous file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  buildOffersArtifact,
  OFFERS_SCHEMA_VERSION,
  type OffersArtifact,
  readOffers,
  scanOffers,
  writeFileAtomicChunks,
  writeOffers,
  writeOffersOf,
} from "../../src/artifacts/mod.ts";
import { DataError } from "../../src/data/errors.ts";
import { smallRun } from "./fixtures.ts";

const run = await smallRun();
const artifact: OffersArtifact = buildOffersArtifact(run.segments, run.config);
const root = await Deno.makeTempDir();
const n = artifact.offers.length;

/** A fresh folder with offers.json written from the run. */
async function written(): Promise<{ dir: string; text: string }> {
  const dir = await Deno.makeTempDir({ dir: root });
  await writeOffers(dir, artifact);
  return { dir, text: await Deno.readTextFile(join(dir, "offers.json")) };
}

/** The one problem line of the DataError that `read` throws. */
async function problemLine(read: () => Promise<unknown>): Promise<string> {
  const e = await read().then(() => undefined, (e: unknown) => e);
  assert.ok(e instanceof DataError, `expected a DataError, got ${e}`);
  assert.equal(e.problems.length, 1, "one problem");
  assert.doesNotMatch(e.format(), /\n\s+at /, "no stack trace");
  return e.format().split("\n")[1]!.trim();
}

/** `text` as offers.json in a fresh folder. */
async function folderWith(text: string): Promise<string> {
  const dir = await Deno.makeTempDir({ dir: root });
  await Deno.writeTextFile(join(dir, "offers.json"), text);
  return dir;
}

Deno.test("offers.json: one JSON document, a header line, one offer per line, the closing line", async () => {
  const { text } = await written();
  const lines = text.split("\n");
  assert.equal(lines.length, n + 3, "header, the offers, the closing line, the final newline");
  assert.match(lines[0]!, /^\{"schemaVersion":3,.*,"customers":\d+,"offers":\[$/);
  assert.equal(lines[n + 1], "]}");
  assert.equal(lines[n + 2], "");
  for (let i = 1; i <= n; i++) assert.equal(lines[i]!.endsWith(","), i < n, `line ${i + 1}`);
  // Any JSON tool reads it whole.
  const whole = JSON.parse(text);
  assert.equal(whole.schemaVersion, OFFERS_SCHEMA_VERSION);
  assert.equal(whole.customers, n);
  assert.deepEqual(whole.offers, artifact.offers);
});

Deno.test("scanOffers visits every offer in order; readOffers gives back the artifact; writeOffersOf writes the same bytes", async () => {
  const { dir, text } = await written();
  const seen: string[] = [];
  const header = await scanOffers(dir, (o, i) => {
    assert.equal(i, seen.length);
    seen.push(o.id);
  });
  assert.equal(header.customers, n);
  assert.deepEqual(seen, artifact.offers.map((o) => o.id));
  assert.deepEqual(await readOffers(dir), artifact);
  const direct = await Deno.makeTempDir({ dir: root });
  await writeOffersOf(direct, run.segments, run.config);
  assert.equal(await Deno.readTextFile(join(direct, "offers.json")), text);
});

Deno.test("no offers: still one valid document that reads back empty", async () => {
  const dir = await Deno.makeTempDir({ dir: root });
  await writeOffers(dir, { ...artifact, offers: [] });
  const text = await Deno.readTextFile(join(dir, "offers.json"));
  assert.equal(JSON.parse(text).offers.length, 0);
  assert.deepEqual(await readOffers(dir), { ...artifact, offers: [] });
});

Deno.test("the same JSON in another layout (pretty-printed, one line) is read whole", async () => {
  const { text } = await written();
  const json = JSON.parse(text);
  for (const other of [JSON.stringify(json, null, 2), JSON.stringify(json)]) {
    assert.deepEqual(await readOffers(await folderWith(other)), artifact);
  }
});

Deno.test("a bad field names the line and the offer's field", async () => {
  const { text } = await written();
  const lines = text.split("\n");
  lines[3] = lines[3]!.replace(/"probability":[^,]+/, '"probability":"high"');
  const dir = await folderWith(lines.join("\n"));
  assert.equal(
    await problemLine(() => readOffers(dir)),
    `${join(dir, "offers.json")}:4: found "high", expected field "offers[2].probability" to be a finite number`,
  );
});

Deno.test("a line that is not JSON, a file cut short, a missing closing line: the line and what was expected", async () => {
  const { text } = await written();
  const lines = text.split("\n");
  const broken = [...lines];
  broken[2] = broken[2]!.slice(0, 40);
  let dir = await folderWith(broken.join("\n"));
  assert.match(await problemLine(() => readOffers(dir)), /offers\.json:3: expected one offer as a JSON object \(/);
  // Cut after the second offer: that line still ends with a comma, so the end is missing.
  dir = await folderWith(lines.slice(0, 3).join("\n") + "\n");
  assert.match(
    await problemLine(() => readOffers(dir)),
    new RegExp(
      `offers\\.json:3: expected ${n} offers and the closing "\\]\\}", found 2 offers and no end — the file is cut short`,
    ),
  );
  // The last offer kept, the closing line lost.
  dir = await folderWith(lines.slice(0, n + 1).join("\n") + "\n");
  assert.match(await problemLine(() => readOffers(dir)), /found \d+ offers and no end/);
  // An offer removed in the middle: the count no longer matches.
  dir = await folderWith([...lines.slice(0, 2), ...lines.slice(3)].join("\n"));
  assert.match(await problemLine(() => readOffers(dir)), new RegExp(`expected ${n} offers .*found ${n - 1} offers`));
});

Deno.test("another schemaVersion (a file of the previous pipeline, one line) says to run the stage again", async () => {
  const { text } = await written();
  const old = JSON.parse(text);
  old.schemaVersion = 2;
  delete old.customers;
  let dir = await folderWith(JSON.stringify(old));
  assert.match(
    await problemLine(() => readOffers(dir)),
    /found "2", expected field "schemaVersion" to be 3 \(offers\.json from another version of the pipeline: run the segment stage again\)/,
  );
  dir = await folderWith(text.replace('{"schemaVersion":3', '{"schemaVersion":4'));
  assert.match(
    await problemLine(() => readOffers(dir)),
    /offers\.json:1: found "4", expected field "schemaVersion" to be 3/,
  );
  dir = await Deno.makeTempDir({ dir: root });
  assert.match(
    await problemLine(() => readOffers(dir)),
    /offers\.json: expected offers\.json written by the segment stage \(it does not exist\)/,
  );
});

Deno.test("a failed write (a NaN in one offer, a piece that throws) keeps the previous file and leaves no temporary", async () => {
  const { dir, text } = await written();
  const bad = { ...artifact, offers: artifact.offers.map((o, i) => i === 5 ? { ...o, profit: NaN } : o) };
  await assert.rejects(() => writeOffers(dir, bad), /offers\[5\]\.profit is NaN/);
  assert.equal(await Deno.readTextFile(join(dir, "offers.json")), text);
  function* pieces() {
    yield "a;b\r\n";
    throw new Error("disk full");
  }
  await assert.rejects(() => writeFileAtomicChunks(dir, "offers.json", pieces()), /disk full/);
  assert.equal(await Deno.readTextFile(join(dir, "offers.json")), text);
  const names = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  assert.deepEqual(names, ["offers.json"]);
});

Deno.test("cleanup", async () => {
  await Deno.remove(root, { recursive: true });
});
