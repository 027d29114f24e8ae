/**
 * `deno task data [--data DIR] [--out DIR]`: runs the data stage alone and
 * writes the data-quality summary as `quality.json`.
 *
 * @module
 */
import { join } from "node:path";
import { loadDataset, type QualitySummary } from "../data/load.ts";
import { type DataSource, DEMO_NOTE, EmptyDataSettingError, resolveSource } from "../data/source.ts";
import type pl from "nodejs-polars";
import { jsonText, parseOptions, runCommand, UsageError, writeFileAtomic } from "./run.ts";

const USAGE = "deno task data [--data DIR] [--out DIR]";

/** Options every stage command takes. */
export const DATA_OPTIONS = {
  data: { type: "string" },
  out: { type: "string", default: join("out", "artifacts") },
} as const;

/** The data stage's result: the clean frame and the summary written. */
export interface DataStage {
  frame: pl.DataFrame;
  summary: QualitySummary & { source: DataSource & { note?: string } };
}

/** Runs the data stage and writes `quality.json` into `out`. */
export async function dataStage(dataFlag: string | undefined, out: string): Promise<DataStage> {
  const source = await resolveSource(dataFlag, { env: Deno.env.get("ONECLICK_DATA") }).catch((e) => {
    throw e instanceof EmptyDataSettingError ? new UsageError(e.message) : e;
  });
  if (source.kind === "demo") console.log(DEMO_NOTE);
  const { frame, quality } = await loadDataset(source.dir);
  const summary = { source: { ...source, ...(source.kind === "demo" ? { note: DEMO_NOTE } : {}) }, ...quality };
  await Deno.mkdir(out, { recursive: true });
  const file = join(out, "quality.json");
  await writeFileAtomic(file, jsonText(summary));
  console.log(describe(summary, file));
  return { frame, summary };
}

/** A short human summary of the data stage. */
function describe(q: QualitySummary & { source: { dir: string; kind: string } }, file: string): string {
  const lines = [
    `Data: ${q.source.dir}${q.source.kind === "demo" ? " (DEMO)" : ""}`,
    `Rows read: ${Object.entries(q.tables).map(([n, t]) => `${n} ${t.rows}`).join(", ")}`,
    encodingLine(q.tables),
    ...q.fixes.map((f) => `Fixed ${f.table}.${f.column}: «${f.from}» → «${f.to}» ×${f.count}`),
    ...q.steps.map((s) => `Step ${s.step}: ${s.count} (${s.rule})`),
    `Customers: ${q.customers} (${Object.entries(q.classBalance).map(([k, v]) => `${k} ${v}`).join(", ")})`,
    `Summary written to ${file}`,
  ];
  return lines.join("\n");
}

/** `Encoding: UTF-8`, or which files were converted from what. */
function encodingLine(tables: QualitySummary["tables"]): string {
  const other = Object.entries(tables).filter(([, t]) => t.format.encoding !== "utf-8");
  if (other.length === 0) return "Encoding: UTF-8";
  return `Encoding: ${other.map(([n, t]) => `${n} ${t.format.encoding}`).join(", ")} (converted to UTF-8 for reading)`;
}

if (import.meta.main) {
  await runCommand(USAGE, async () => {
    const { values } = parseOptions(Deno.args, DATA_OPTIONS);
    await dataStage(values.data, values.out!);
  });
}
