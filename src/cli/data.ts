/**
 * `deno task data [--data DIR] [--out DIR]`: runs the data stage alone and
 * writes the data-quality summary as `quality.json`.
 *
 * @module
 */
import { join } from "node:path";
import { loadDataset, type QualitySummary } from "../data/load.ts";
import { DEMO_NOTE, resolveSource } from "../data/source.ts";
import { parseOptions, runCommand } from "./run.ts";

const USAGE = "deno task data [--data DIR] [--out DIR]";

/** Runs the data stage and writes `quality.json`; returns the summary. */
export async function dataStage(args: string[]): Promise<QualitySummary & { source: object }> {
  const { values } = parseOptions(args, {
    data: { type: "string" },
    out: { type: "string", default: join("out", "artifacts") },
  });
  const source = await resolveSource(values.data, { env: Deno.env.get("ONECLICK_DATA") });
  if (source.kind === "demo") console.log(DEMO_NOTE);
  const { quality } = await loadDataset(source.dir);
  const summary = { source: { ...source, ...(source.kind === "demo" ? { note: DEMO_NOTE } : {}) }, ...quality };
  await Deno.mkdir(values.out!, { recursive: true });
  const file = join(values.out!, "quality.json");
  // Write then rename, so a failure never leaves a half-written summary.
  await Deno.writeTextFile(`${file}.tmp`, JSON.stringify(summary, null, 2) + "\n");
  await Deno.rename(`${file}.tmp`, file);
  console.log(describe(summary, file));
  return summary;
}

/** A short human summary of the data stage. */
function describe(q: QualitySummary & { source: { dir: string; kind: string } }, file: string): string {
  const lines = [
    `Data: ${q.source.dir}${q.source.kind === "demo" ? " (DEMO)" : ""}`,
    `Rows read: ${Object.entries(q.tables).map(([n, t]) => `${n} ${t.rows}`).join(", ")}`,
    ...q.fixes.map((f) => `Fixed ${f.table}.${f.column}: «${f.from}» → «${f.to}» ×${f.count}`),
    ...q.steps.map((s) => `Step ${s.step}: ${s.count} (${s.rule})`),
    `Customers: ${q.customers} (${Object.entries(q.classBalance).map(([k, v]) => `${k} ${v}`).join(", ")})`,
    `Summary written to ${file}`,
  ];
  return lines.join("\n");
}

if (import.meta.main) await runCommand(USAGE, async () => void await dataStage(Deno.args));
