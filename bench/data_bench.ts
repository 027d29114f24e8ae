/**
 * `deno task bench:data --customers N [--seed S] [--keep]`: generates N
 * synthetic customers once (in a child process, so its memory is not counted),
 * then times load + validate + clean + merge and prints
 * `{customers, stages: {name: seconds}, totalSeconds, peakRssBytes}`.
 *
 * Target on the 2-core machine: 1 000 000 customers in ≤ 10 s, peak RSS ≤ 3 GB.
 */
import { peakRssBytes } from "./process_stats.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadDataset } from "../src/data/load.ts";
import { parseOptions, runCommand, UsageError } from "../src/cli/run.ts";

const USAGE = "deno task bench:data --customers N [--seed S] [--dir DIR]";
const ROOT = fileURLToPath(new URL("..", import.meta.url));

await runCommand(USAGE, async () => {
  const { values } = parseOptions(Deno.args, {
    customers: { type: "string", default: "1000000" },
    seed: { type: "string", default: "42" },
    dir: { type: "string" },
  });
  const customers = Number(values.customers);
  if (!Number.isInteger(customers) || customers < 20) throw new UsageError("--customers must be a whole number ≥ 20");
  const dir = values.dir ?? join(Deno.env.get("TMPDIR") ?? "/tmp", `oneclick-bench-${customers}-${values.seed}`);
  const marker = join(dir, ".complete");
  if (!(await Deno.stat(marker).then(() => true, () => false))) {
    console.error(`Generating ${customers} customers into ${dir} …`);
    const gen = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        join(ROOT, "src/cli/synth.ts"),
        "--customers",
        String(customers),
        "--seed",
        values.seed!,
        "--out",
        dir,
      ],
      stdout: "null",
      stderr: "inherit",
    }).output();
    if (!gen.success) throw new Error("the generator failed");
    await Deno.writeTextFile(marker, "");
  }
  const stages: Record<string, number> = {};
  const t0 = performance.now();
  const { frame } = await loadDataset(dir, { onStage: (s, sec) => stages[s] = Number(sec.toFixed(3)) });
  const totalSeconds = Number(((performance.now() - t0) / 1000).toFixed(3));
  console.log(
    JSON.stringify({ customers, rows: frame.height, stages, totalSeconds, peakRssBytes: peakRssBytes() }, null, 1),
  );
});
