/** The report refuses artifacts of different data (demo beside real, two exports); agreeing stamps render. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { stampSource } from "../../src/report/data_provenance.ts";
import { ArtifactError, renderReport } from "../../src/report/render.ts";
import { writeFixtureArtifacts } from "./render_fixtures_test.ts";

async function fixture(): Promise<{ dir: string; hash: string; folder: string }> {
  const dir = await Deno.makeTempDir();
  await writeFixtureArtifacts(dir, { demo: true });
  const q = JSON.parse(await Deno.readTextFile(join(dir, "quality.json")));
  return { dir, hash: q.source.identity.hash, folder: q.source.identity.folder };
}

Deno.test("stamps that agree with quality.json render; a real-data stamp beside demo artifacts is one clear error", async () => {
  const { dir, hash, folder } = await fixture();
  await stampSource(dir, "01_data", { kind: "demo", identity: { hash, folder } });
  await stampSource(dir, "03_model", { kind: "demo", identity: { hash, folder } });
  assert.match(await renderReport(dir, { builtAt: new Date(0) }), /<html/);

  await stampSource(dir, "04_segments", { kind: "user", identity: { hash: "0123456789ab", folder: "one-click" } });
  await assert.rejects(
    () => renderReport(dir, { builtAt: new Date(0) }),
    (e: unknown) =>
      e instanceof ArtifactError &&
      e.message ===
        `The artifacts in ${dir} come from different data: quality.json from the demo data (hash ${hash}), ` +
          "notebook 04_segments (sources/04_segments.json) from the data «one-click» (hash 0123456789ab). " +
          "A report never mixes them: run all notebooks on one data set.",
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("another export of the same kind is refused too; an unreadable stamp names its file", async () => {
  const { dir, folder } = await fixture();
  await stampSource(dir, "02_eda", { kind: "demo", identity: { hash: "ffffffffffff", folder } });
  await assert.rejects(
    () => renderReport(dir, { builtAt: new Date(0) }),
    (e: unknown) =>
      e instanceof ArtifactError && /notebook 02_eda .* from the demo data \(hash ffffffffffff\)/.test(e.message),
  );
  await Deno.writeTextFile(join(dir, "sources", "02_eda.json"), "{not json");
  await assert.rejects(
    () => renderReport(dir, { builtAt: new Date(0) }),
    (e: unknown) =>
      e instanceof ArtifactError &&
      e.message === `${join(dir, "sources", "02_eda.json")}: expected a data stamp {notebook, kind, hash, folder}; ` +
          "rebuild the report to rewrite it",
  );
  await Deno.remove(dir, { recursive: true });
});
