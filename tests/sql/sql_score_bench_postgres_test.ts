/**
 * `bench:sql --engine postgres` (bench/sql_score_bench.ts) on a tiny export: it
 * starts its own PostgreSQL server, checks every probability against `oneclick
 * score`'s, prints the JSON, and stops the server — at the end, and when
 * interrupted. Skips with a visible line when no server can start.
 */
import assert from "node:assert/strict";
import { postgresBinaries } from "../../src/sql/postgres_server.ts";
import { EXIT_INTERRUPTED, EXIT_UNAVAILABLE } from "../../src/util/exit_codes.ts";
import { pathExists } from "../../src/util/path_exists.ts";
import { TOLERANCE } from "./compare.ts";

const BENCH = new URL("../../bench/sql_score_bench.ts", import.meta.url).pathname;
/** Each run is a few seconds on this machine; the bound only keeps a hung server from hanging the suite. */
const RUN_BOUND_MS = 180_000;
const SKIP = "SKIPPED bench:sql --engine postgres checks";

const binaries = await postgresBinaries();
if (!binaries) console.log(`${SKIP}: no /usr/lib/postgresql/*/bin/initdb (./oneclick installs it)`);

function bench(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", BENCH, "--engine", "postgres", "--train", "300", ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(RUN_BOUND_MS),
  }).spawn();
}

/** Whether a process of that id runs (this machine's /proc; a zombie awaiting its parent's wait does not). */
async function alive(pid: number): Promise<boolean> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`).catch(() => "");
  return stat !== "" && !/^\d+ \(.*\) Z /s.test(stat);
}

/** Whether the process ends within a few seconds (`pg_ctl stop -w` returns as the server removes its pid file). */
async function ends(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (!(await alive(pid))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

Deno.test({
  name: "bench:sql --engine postgres: checks every probability, prints JSON, stops its server",
  ignore: binaries === undefined,
  fn: async () => {
    const out = await bench(["--customers", "300", "--only", "logistic,tree"]).output();
    const stderr = new TextDecoder().decode(out.stderr);
    if (out.code === EXIT_UNAVAILABLE) {
      console.log(`${SKIP}: the server did not start (${stderr.trim()})`);
      return;
    }
    assert.equal(out.code, 0, stderr);
    const result = JSON.parse(new TextDecoder().decode(out.stdout));
    assert.equal(result.engine, "postgres");
    assert.equal(result.customers, 300);
    assert.deepEqual(Object.keys(result.models), ["logistic", "tree"], "--only's models, in its order");
    for (const [name, m] of Object.entries<Record<string, number>>(result.models)) {
      assert.ok(m.sqlSeconds! >= 0 && m.scoreSeconds! >= 0, name);
      assert.ok(m.largestDifference! >= 0 && m.largestDifference! <= TOLERANCE, `${name}: ${m.largestDifference}`);
    }
    assert.match(result.server, /oneclick-pg-/);
    assert.equal(await pathExists(result.server), false, "the server's folder is removed");
  },
});

Deno.test({
  name: "bench:sql --engine postgres: an interrupt stops the server and removes its folder",
  ignore: binaries === undefined,
  fn: async () => {
    // KNN over 5 000 customers keeps the server busy for seconds after it is announced: the signal finds it running.
    const child = bench(["--customers", "5000", "--only", "knn_uniform_manhattan"]);
    let stderr = "", folder: string | undefined;
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    while (folder === undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      stderr += value;
      folder = /PostgreSQL server in (\S+)/.exec(stderr)?.[1];
    }
    if (folder === undefined) {
      const { code } = await child.status;
      await child.stdout.cancel();
      if (code === EXIT_UNAVAILABLE) return console.log(`${SKIP}: the server did not start (${stderr.trim()})`);
      assert.fail(`no server announced (exit ${code}): ${stderr}`);
    }
    const postmaster = Number((await Deno.readTextFile(`${folder}/data/postmaster.pid`)).split("\n")[0]);
    assert.ok(await alive(postmaster), "the server runs");
    child.kill("SIGINT");
    const drain = (async () => {
      for (;;) if ((await reader.read()).done) return;
    })();
    const [{ code }] = await Promise.all([child.status, drain, child.stdout.cancel()]);
    assert.equal(code, EXIT_INTERRUPTED);
    assert.ok(await ends(postmaster), "the server is stopped");
    assert.equal(await pathExists(folder), false, "the server's folder is removed");
  },
});
