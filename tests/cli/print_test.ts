/** What `deno task model` prints: a line per family, the ensemble's members, nested CV and calibration. */
import assert from "node:assert/strict";
import { modelSummary } from "../../src/cli/print.ts";
import { smallRun } from "../artifacts/fixtures.ts";

Deno.test("model summary: compact parameters, the ensemble's members beneath it, nested CV and calibration", async () => {
  const { stage, config } = await smallRun();
  const lines = modelSummary(stage, config, "out/x").split("\n");
  assert.ok(lines.every((l) => !l.includes("{") && l.length < 200), lines.join("\n"));
  const logistic = lines.find((l) => l.startsWith("logistic "))!;
  assert.match(
    logistic,
    /CV AUC 0\.\d{4} ± 0\.\d{4} {2}hold-out 0\.\d{4} {2}3×2 CV 0\.\d{4} \[0\.\d{4}, 0\.\d{4}\] {2}penalty=l2 C=(0\.1|1) standard$/,
  );
  const ensemble = lines.findIndex((l) => l.startsWith("ensemble "));
  assert.ok(ensemble >= 0 && lines[ensemble]!.endsWith("members:"), lines.join("\n"));
  const members = lines.slice(ensemble + 1).filter((l) => l.startsWith("    "));
  assert.equal(members.length, 2, "logistic and tree");
  for (const m of members) assert.match(m, /^ {4}0\.500 × (logistic|tree {4}) \S+=/);
  assert.ok(lines.some((l) => /^Nested CV 2×1 \(inner 3\): selected AUC 0\.\d{4} \[\S+, \S+\]; wins \w+ \d/.test(l)));
  assert.ok(
    lines.some((l) => /^Best: \w+, hold-out AUC 0\.\d{4}, threshold 0\.\d{4} \(margin \S+ over \w+, one SE/.test(l)),
  );
  const calibration = lines.at(-1)!;
  assert.match(
    calibration,
    /^Calibration: (sigmoid|isotonic) \(inner Brier sigmoid 0\.\d{4}, isotonic 0\.\d{4}, SE 0\.\d{4}\); hold-out Brier 0\.\d{4} → 0\.\d{4}; threshold and money on the calibrated scale$/,
  );
  const off = modelSummary({ ...stage, nested: null, calibration: null }, config, "out/x").split("\n");
  assert.ok(off.includes("Nested CV: off (nestedCv.repeats = 0)"));
  assert.equal(off.at(-1), "Calibration: none (probabilities as the model gives them)");
});
