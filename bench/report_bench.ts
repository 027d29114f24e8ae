/**
 * `deno task bench:report [--data DIR] [--workers N]`: the report build cold
 * (an empty cache), warm (nothing changed) and with one notebook re-executed
 * (`--notebook 04_segments`), each as a user runs it (`deno task report`, PDF
 * included), into one output folder with a temporary cache. Prints JSON: the
 * seconds of each, warm / cold, and whether the warm and one-notebook builds
 * left the same artifacts and report.html (but its build-time line) as the
 * cold one.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";

const { values } = parseArgs({
  args: Deno.args,
  options: { data: { type: "string" }, workers: { type: "string" } },
  strict: true,
});

const cache = await Deno.makeTempDir({ prefix: "bench-cache-" });
const out = await Deno.makeTempDir({ prefix: "bench-report-" });

async function build(extra: string[]): Promise<number> {
  const args = [
    "run",
    "-A",
    "src/cli/report.ts",
    "--out",
    out,
    ...(values.data ? ["--data", values.data] : []),
    ...(values.workers ? ["--workers", values.workers] : []),
    ...extra,
  ];
  const t0 = performance.now();
  const r = await new Deno.Command(Deno.execPath(), {
    args,
    env: { ONECLICK_CACHE_DIR: cache },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - t0) / 1000;
  if (!r.success) {
    console.error(new TextDecoder().decode(r.stdout).split("\n").slice(-10).join("\n"));
    console.error(new TextDecoder().decode(r.stderr));
    Deno.exit(1);
  }
  return seconds;
}

/** The artifacts and report.html (without its build-time line), file by file. */
async function outputs(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string, prefix: string) => {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) await walk(join(dir, e.name), `${prefix}${e.name}/`);
      else files.set(prefix + e.name, await Deno.readTextFile(join(dir, e.name)));
    }
  };
  await walk(join(out, "artifacts"), "artifacts/");
  files.set(
    "report.html",
    (await Deno.readTextFile(join(out, "report.html"))).replace(/<p class="build-date"[^>]*>[^<]*<\/p>/, ""),
  );
  return files;
}

const same = (a: Map<string, string>, b: Map<string, string>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

try {
  const cold = await build([]);
  const coldOut = await outputs();
  const warm = await build([]);
  const warmOut = await outputs();
  const one = await build(["--notebook", "04_segments"]);
  const oneOut = await outputs();
  console.log(JSON.stringify(
    {
      data: values.data ?? "default ($ONECLICK_DATA, data/raw/ or demo)",
      cores: navigator.hardwareConcurrency,
      coldSeconds: +cold.toFixed(2),
      warmSeconds: +warm.toFixed(2),
      oneNotebookSeconds: +one.toFixed(2),
      warmShareOfCold: +(warm / cold).toFixed(3),
      oneNotebookShareOfCold: +(one / cold).toFixed(3),
      warmOutputsIdentical: same(coldOut, warmOut),
      oneNotebookOutputsIdentical: same(coldOut, oneOut),
      files: coldOut.size,
    },
    null,
    2,
  ));
} finally {
  await Deno.remove(cache, { recursive: true }).catch(() => {});
  await Deno.remove(out, { recursive: true }).catch(() => {});
}
