/**
 * A damaged artifact is one message naming the file and the field: missing,
 * not JSON, another schemaVersion, a mistyped, missing or out-of-set field —
 * never a stack trace.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  buildMetricsArtifact,
  buildOffersArtifact,
  buildSegmentsArtifact,
  readMetrics,
  readOffers,
  readQuality,
  readSearch,
  readSegments,
  writeMetrics,
  writeOffers,
  writeSegments,
} from "../../src/artifacts/mod.ts";
import { DataError } from "../../src/data/errors.ts";
import { smallRun } from "./fixtures.ts";

const run = await smallRun();
const dir = await Deno.makeTempDir();
await writeMetrics(dir, buildMetricsArtifact(run.stage, run.config));
await writeSegments(dir, buildSegmentsArtifact(run.segments, run.config));
await writeOffers(dir, buildOffersArtifact(run.segments, run.config));
const good = {
  metrics: await Deno.readTextFile(join(dir, "metrics.json")),
  segments: await Deno.readTextFile(join(dir, "segments.json")),
};

/** The one problem line of the DataError that `read` throws. */
async function problemLine(read: () => Promise<unknown>): Promise<string> {
  const e = await read().then(() => undefined, (e: unknown) => e);
  assert.ok(e instanceof DataError, `expected a DataError, got ${e}`);
  assert.equal(e.problems.length, 1, "one problem");
  const lines = e.format().split("\n");
  assert.equal(lines.length, 2, `a heading and one line: ${e.format()}`);
  assert.equal(lines[0], "Data problem:");
  assert.doesNotMatch(e.format(), /\n\s+at /, "no stack trace");
  return lines[1]!.trim();
}

/** Writes `text` as `name` into a fresh folder and returns the folder. */
async function folderWith(name: string, text: string): Promise<string> {
  const d = await Deno.makeTempDir({ dir });
  await Deno.writeTextFile(join(d, name), text);
  return d;
}

/** metrics.json with `edit` applied to its parsed JSON (typed loosely: the edits break the type on purpose). */
// deno-lint-ignore no-explicit-any
function metricsEdited(edit: (m: Record<string, any>) => void): string {
  const m = JSON.parse(good.metrics);
  edit(m);
  return JSON.stringify(m, null, 2);
}

Deno.test("a wrong schemaVersion names the file and the field, and says to run the stage again", async () => {
  const d = await folderWith("metrics.json", metricsEdited((m) => m.schemaVersion = 0));
  assert.equal(
    await problemLine(() => readMetrics(d)),
    `${join(d, "metrics.json")}: found "0", expected field "schemaVersion" to be 1 (metrics.json from another ` +
      `version of the pipeline: run the model stage again)`,
  );
  const old = await folderWith("metrics.json", metricsEdited((m) => delete m.schemaVersion));
  assert.match(await problemLine(() => readMetrics(old)), /metrics\.json: expected field "schemaVersion" to be 1 /);
});

Deno.test("a corrupted field names the file and the field path with what was found", async () => {
  const d = await folderWith("metrics.json", metricsEdited((m) => m.best.holdout.confusion.tp = "3"));
  assert.equal(
    await problemLine(() => readMetrics(d)),
    `${join(d, "metrics.json")}: found "3", expected field "best.holdout.confusion.tp" to be a finite number`,
  );
  const family = await folderWith("metrics.json", metricsEdited((m) => m.families[1].family = "forest"));
  assert.equal(
    await problemLine(() => readMetrics(family)),
    `${join(family, "metrics.json")}: found "forest", expected field "families[1].family" to be one of ` +
      `"knn", "tree", "logistic", "svc", "ensemble"`,
  );
  const config = await folderWith("metrics.json", metricsEdited((m) => m.config.cv.folds = "five"));
  assert.match(
    await problemLine(() => readMetrics(config)),
    /metrics\.json: found "five", expected field "config\.cv\.folds" to be a finite number$/,
  );
});

Deno.test("a missing field, a wrong kind and a list in place of an object name the field", async () => {
  const seg = JSON.parse(good.segments);
  delete seg.segments[2].name;
  const missing = await folderWith("segments.json", JSON.stringify(seg));
  assert.equal(
    await problemLine(() => readSegments(missing)),
    `${join(missing, "segments.json")}: expected a field "segments[2].name" (a string)`,
  );
  const seg2 = JSON.parse(good.segments);
  seg2.cuts = [1, 2];
  const list = await folderWith("segments.json", JSON.stringify(seg2));
  assert.equal(
    await problemLine(() => readSegments(list)),
    `${join(list, "segments.json")}: found "a list of 2", expected field "cuts" to be an object`,
  );
});

Deno.test("text that is not JSON names the file and the line; a JSON list is not an artifact", async () => {
  const cut = good.metrics.split("\n").slice(0, 5).join("\n");
  const d = await folderWith("metrics.json", cut);
  assert.match(
    await problemLine(() => readMetrics(d)),
    new RegExp(`^${join(d, "metrics.json")}(:\\d+)?: expected JSON written by the model stage \\(`),
  );
  const list = await folderWith("search.json", "[]\n");
  assert.equal(
    await problemLine(() => readSearch(list)),
    `${
      join(list, "search.json")
    }: found "a list of 0", expected a JSON object (search.json written by the model stage)`,
  );
});

Deno.test("a missing file names it and its writer; an optional one is undefined", async () => {
  const empty = await Deno.makeTempDir({ dir });
  assert.equal(
    await problemLine(() => readQuality(empty)),
    `${join(empty, "quality.json")}: expected quality.json written by the data stage (it does not exist)`,
  );
  assert.equal(await readSearch(empty, "optional"), undefined);
  // Optional means "may be absent", not "may be broken".
  const broken = await folderWith("search.json", "{");
  await problemLine(() => readSearch(broken, "optional"));
});

Deno.test("a huge number (1e999, read as Infinity) is refused like a wrong type", async () => {
  const offers = JSON.parse(await Deno.readTextFile(join(dir, "offers.json")));
  offers.threshold = 123456.789;
  const d = await folderWith("offers.json", JSON.stringify(offers).replace("123456.789", "1e999"));
  assert.equal(
    await problemLine(() => readOffers(d)),
    `${join(d, "offers.json")}: found "Infinity", expected field "threshold" to be a finite number`,
  );
});

Deno.test("cleanup", async () => {
  await Deno.remove(dir, { recursive: true });
});
