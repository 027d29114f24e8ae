/**
 * The score command: a customer's score depends on nobody else in the file,
 * unlabelled exports without money.csv score, and nobody is dropped silently;
 * the action segment follows the run's rule with the value cut model.json
 * stores, and is empty where the label or the cut is missing.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { OUTLIER_REVENUE, writeSynthetic } from "../../src/data/synth.ts";
import { TABLES } from "../../src/data/schema.ts";
import { loadDataset } from "../../src/data/load.ts";
import { type ModelArtifact, modelText, readModel } from "../../src/artifacts/model.ts";
import { calibrateProbability, type Calibrator } from "../../src/models/calibration.ts";
import { ACTION_SEGMENTS } from "../../src/decisions/action_segments.ts";
import { quantile } from "../../src/stats/quantile.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const deno = (args: string[]) =>
  new Deno.Command(Deno.execPath(), { args: ["run", "-A", ...args], env: { NO_COLOR: "1" } }).output();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

const data = await Deno.makeTempDir(), out = await Deno.makeTempDir();
await writeSynthetic(data, { customers: 400, seed: 11 });
// Raw probabilities (calibration off) as the base the calibration tests add a calibrator to; no nested CV (speed).
const configFile = join(out, "config.json");
await Deno.writeTextFile(configFile, JSON.stringify({ calibration: { method: "none" }, nestedCv: { repeats: 0 } }));
const trained = await deno([
  join(ROOT, "src/cli/model.ts"),
  ...["--data", data, "--out", out, "--workers", "2", "--config", configFile],
]);
assert.equal(trained.code, 0, text(trained.stderr));
const model = join(out, "model.json");

/** Copies the export keeping the customers `keep`, optionally without the label column or money.csv. */
async function subset(keep: Set<string>, o: { label?: boolean; money?: boolean } = {}): Promise<string> {
  const dir = await Deno.makeTempDir();
  for (const t of Object.values(TABLES)) {
    if (t.name === "money" && o.money === false) continue;
    const [header, ...rows] = (await Deno.readTextFile(join(data, t.file))).split(/\r?\n/);
    const sep = header!.includes(";") ? ";" : header!.includes("\t") ? "\t" : ",";
    const drop = o.label === false && t.name === "market_file"
      ? header!.split(sep).findIndex((h) => h.trim() === "Покупательская активность")
      : -1;
    const cut = (line: string) => drop < 0 ? line : line.split(sep).filter((_, i) => i !== drop).join(sep);
    const kept = rows.filter((l) => keep.has(l.split(sep)[0]!.trim()));
    await Deno.writeTextFile(join(dir, t.file), [header!, ...kept].map(cut).join("\n") + "\n");
  }
  return dir;
}

interface Row {
  id: string;
  probability: string;
  flagged: string;
  profit: string;
  profit_at_risk: string;
  status: string;
  action_segment: string;
}

async function score(dir: string, modelFile = model): Promise<{ rows: Row[]; stderr: string }> {
  const file = join(dir, "scores.csv");
  const r = await deno([join(ROOT, "src/cli/score.ts"), "--model", modelFile, "--data", dir, "--out", file]);
  assert.equal(r.code, 0, text(r.stderr));
  const [header, ...lines] = (await Deno.readTextFile(file)).trim().split("\n");
  assert.equal(header, "id,probability,flagged,profit,profit_at_risk,status,action_segment");
  const names = header!.split(",") as (keyof Row)[];
  const rows = lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i], v])) as unknown as Row);
  return { rows, stderr: text(r.stderr) };
}

const full = await score(data);
const byId = new Map(full.rows.map((r) => [r.id, r]));
const quality = JSON.parse(await Deno.readTextFile(join(out, "quality.json")));
const inactive: string[] = quality.steps.find((s: { step: string }) => s.step === "inactive_customers").ids;
const outlierId: string = quality.outliers.find((o: { value: number }) => o.value === OUTLIER_REVENUE).id;

Deno.test("every customer of the export has a row; inactive ones say why they have no score", () => {
  assert.equal(full.rows.length, 400);
  assert.ok(inactive.length > 0, "the generator makes inactive customers");
  for (const id of inactive) {
    assert.deepEqual(byId.get(id), {
      id,
      probability: "",
      flagged: "",
      profit: "",
      profit_at_risk: "",
      status: "not_scored_inactive",
      action_segment: "",
    });
  }
  assert.match(full.stderr, new RegExp(`Scored ${400 - inactive.length} of 400 customers`));
  assert.match(full.stderr, new RegExp(`Not scored \\(${inactive.length}\\).*${inactive[0]}`));
  assert.equal(byId.get(outlierId)!.status, "scored_revenue_replaced");
});

Deno.test("a customer's score does not depend on who else is in the file", async () => {
  // A small batch: the outlier customer, an inactive one and six others. Its own
  // medians differ wildly from the training data's; the scores must not move.
  const scored = full.rows.filter((r) => r.status === "scored").map((r) => r.id);
  // Six customers with nearly the same current revenue and one far from them.
  const { frame } = await loadDataset(data);
  const revenue = new Map(
    (frame.select("id", "revenue_current").toRecords()).map((r) => [String(r.id), Number(r.revenue_current)]),
  );
  const median = [...revenue.values()].sort((a, b) => a - b)[revenue.size >> 1]!;
  const near = scored.filter((id) => id !== outlierId).sort((a, b) =>
    Math.abs(revenue.get(a)! - median) - Math.abs(revenue.get(b)! - median)
  );
  const far = scored.reduce((a, b) => (revenue.get(b)! > revenue.get(a)! && b !== outlierId ? b : a));
  const keep = new Set([outlierId, inactive[0]!, far, ...near.slice(0, 5)]);
  const dir = await subset(keep);
  // Cleaning fitted on this batch would replace revenues; the model's rules must not.
  const batchRelative = await loadDataset(dir);
  assert.ok(
    batchRelative.quality.outliers.some((o) => o.id !== outlierId),
    "the batch's own rule would replace others",
  );
  const small = await score(dir);
  assert.equal(small.rows.length, 8);
  for (const r of small.rows) assert.deepEqual(r, byId.get(r.id), `customer ${r.id}`);
});

Deno.test("an unlabelled export without money.csv scores; profit columns stay empty", async () => {
  const keep = new Set(full.rows.slice(0, 60).map((r) => r.id));
  const { rows, stderr } = await score(await subset(keep, { label: false, money: false }));
  assert.equal(rows.length, 60);
  for (const r of rows) {
    const f = byId.get(r.id)!;
    assert.equal(r.probability, f.probability);
    assert.equal(r.flagged, f.flagged);
    assert.equal(r.profit, "");
    assert.equal(r.profit_at_risk, "");
    assert.equal(r.action_segment, "");
  }
  assert.match(stderr, /No money\.csv/);
  assert.match(stderr, /Action segment left empty: the export has no label column/);
});

Deno.test("model.json stores the run's value cut: the profit quantile of the run's customers", async () => {
  const m = await readModel(model);
  const { frame } = await loadDataset(data);
  const profit = Float64Array.from(frame.getColumn("profit").toArray(), Number);
  assert.deepEqual(m.decisions, { profitQuantile: 0.5, valueCut: quantile(profit, 0.5) });
});

Deno.test("the action segment: label, flag and value cut place every scored customer", async () => {
  const cut = (await readModel(model)).decisions!.valueCut;
  const { frame } = await loadDataset(data);
  const label = new Map(frame.select("id", "activity").toRecords().map((r) => [String(r.id), String(r.activity)]));
  const seen = new Set<string>();
  for (const r of full.rows.filter((r) => r.probability !== "")) {
    const valuable = Number(r.profit) >= cut;
    const want = label.get(r.id) === "Снизилась"
      ? (valuable ? "win_back_valuable" : "win_back")
      : r.flagged === "0"
      ? "maintain"
      : (valuable ? "prevent_valuable" : "prevent");
    assert.equal(r.action_segment, want, `customer ${r.id}`);
    seen.add(r.action_segment);
  }
  assert.deepEqual([...seen].sort(), ACTION_SEGMENTS.map((s) => s.id).sort());
  assert.doesNotMatch(full.stderr, /Action segment left empty/);
});

Deno.test("a model.json written before decisions were stored still reads; its action segments are empty", async () => {
  const { decisions: _, ...old } = await readModel(model);
  const file = join(await Deno.makeTempDir(), "model.json");
  await Deno.writeTextFile(file, modelText(old));
  const { rows, stderr } = await score(data, file);
  assert.ok(rows.every((r) => r.action_segment === ""));
  assert.deepEqual(rows.map((r) => r.probability), full.rows.map((r) => r.probability));
  assert.match(stderr, /Action segment left empty: model\.json has no "decisions"/);
});

Deno.test("decisions that are not a value cut are one message; edited ones break the digest", async () => {
  const original = await readModel(model);
  const dir = await Deno.makeTempDir();
  const bad = join(dir, "bad.json"), edited = join(dir, "edited.json");
  await Deno.writeTextFile(
    bad,
    modelText({ ...original, decisions: { profitQuantile: 2, valueCut: 1 } } as ModelArtifact),
  );
  const r = await scoreWith(bad, data);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad\.json.*field "decisions" to be \{"profitQuantile": a number in \[0, 1\]/s);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  const json = JSON.parse(modelText(original));
  json.decisions.valueCut += 1;
  await Deno.writeTextFile(edited, JSON.stringify(json, null, 2));
  await assert.rejects(() => readModel(edited), /modified after it was written/);
});

Deno.test("profit at risk is probability × monthly profit × 3 months; flagged is probability ≥ threshold", async () => {
  const threshold = JSON.parse(await Deno.readTextFile(model)).threshold;
  for (const r of full.rows.filter((r) => r.probability !== "")) {
    const p = Number(r.probability);
    assert.ok(Math.abs(Number(r.profit_at_risk) - p * Number(r.profit) * 3) < 1e-12);
    assert.equal(r.flagged, p >= threshold ? "1" : "0");
  }
});

/** Writes a copy of the model with `calibration` and `threshold`, sealed as the model stage would. */
async function calibratedModel(calibration: unknown, threshold: number): Promise<string> {
  const original = await readModel(model);
  const file = join(await Deno.makeTempDir(), "model.json");
  await Deno.writeTextFile(file, modelText({ ...original, threshold, calibration } as ModelArtifact));
  return file;
}

async function scoreWith(modelFile: string, dir: string) {
  const file = join(await Deno.makeTempDir(), "scores.csv");
  const r = await deno([join(ROOT, "src/cli/score.ts"), "--model", modelFile, "--data", dir, "--out", file]);
  return { code: r.code, stderr: text(r.stderr), csv: r.code === 0 ? await Deno.readTextFile(file) : "" };
}

Deno.test("a calibrated model scores the calibrated probability, flagged against its own threshold", async () => {
  const cal: Calibrator = { method: "isotonic", x: [0.2, 0.5, 0.8], y: [0.1, 0.3, 0.9] };
  const r = await scoreWith(await calibratedModel(cal, 0.3), data);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.csv.trim().split("\n").slice(1).map((l) => l.split(","));
  assert.equal(rows.length, full.rows.length);
  let moved = 0;
  for (const [id, probability, flagged, profit, atRisk] of rows) {
    const before = byId.get(id!)!;
    if (before.probability === "") {
      assert.equal(probability, "");
      continue;
    }
    const p = calibrateProbability(cal, Number(before.probability));
    assert.equal(Number(probability), p, `customer ${id}`);
    assert.equal(flagged, p >= 0.3 ? "1" : "0");
    assert.ok(Math.abs(Number(atRisk) - p * Number(profit) * 3) < 1e-12);
    if (Math.abs(p - Number(before.probability)) > 0.01) moved++;
  }
  assert.ok(moved > rows.length / 2, `the calibration changed most probabilities (${moved})`);
});

Deno.test("a calibration that is not a calibrator is one message naming the field (exit 1)", async () => {
  const bad = await calibratedModel({ method: "isotonic", x: [0.5, 0.2], y: [0, 1] }, 0.3);
  const r = await scoreWith(bad, data);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /model\.json.*field "calibration" to be a calibrator/s);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
});

Deno.test("a calibration edited after writing breaks the digest", async () => {
  const file = await calibratedModel({ method: "sigmoid", a: -4, b: 2 }, 0.5);
  const json = JSON.parse(await Deno.readTextFile(file));
  json.calibration.b = 1;
  await Deno.writeTextFile(file, JSON.stringify(json, null, 2));
  await assert.rejects(() => readModel(file), /modified after it was written/);
  const r = await scoreWith(file, data);
  assert.equal(r.code, 1);
});

Deno.test("a model.json without calibration (calibration off, or written before it existed) reads and has none", async () => {
  const m = await readModel(model);
  assert.equal(m.calibration, undefined);
  assert.equal("calibration" in JSON.parse(await Deno.readTextFile(model)), false);
});
