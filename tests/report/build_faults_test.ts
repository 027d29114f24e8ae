/**
 * Faults injected into real report builds (small notebooks written by the
 * tests, the real runner, Deno kernels, nbconvert and Chromium):
 *
 * - interrupted in each stage — notebooks (SIGINT to `deno task`, which passes
 *   it on), the notebooks' HTML export (SIGTERM to the build) and the PDF
 *   (Ctrl-C as a terminal sends it, to the whole process group): exit 130, one
 *   line saying so, `out/` byte-identical to the previous build, no temporary
 *   folder, no lock, and no process of the build left after a grace period;
 * - a second build into the same folder names the first and exits 75, or
 *   waits with `--wait`; a lock left by a dead build is taken over with a
 *   note, and what that build left running is stopped;
 * - an output folder that cannot be written: exit 73 with a message naming
 *   it, before and at the final move, previous outputs untouched.
 *
 * Stages are held open deterministically: a notebook cell that sleeps, an
 * nbconvert that hangs (a Python wrapper), a page whose script keeps
 * Chromium's renderer busy (a Chromium wrapper). Skipped without Jupyter,
 * the Deno kernel, Chromium or /proc.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { findPython } from "../../src/report/notebooks.ts";
import { lockOutput } from "../../src/report/output_lock.ts";
import { ProcessWatch } from "./process_watch.ts";
import {
  commandAvailable,
  jupyterAvailable,
  notebookJson,
  writeCopyNotebook,
  writeFixtureArtifacts,
} from "./render_fixtures_test.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REPORT = join(ROOT, "src/cli/report.ts");
const PROC = await Deno.stat("/proc/self/stat").then(() => true, () => false);
const JUPYTER = PROC && await jupyterAvailable();
const CHROMIUM = await commandAvailable("chromium");
const PYTHON = JUPYTER ? await findPython() : undefined;
const ROOT_USER = Deno.uid() === 0;
/** How long the processes of an interrupted build may take to disappear, milliseconds. */
const GRACE_MS = 5000;

/** Files under `dir` (hidden ones too) with their bytes' SHA-256. */
async function snapshot(dir: string, root = dir): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) Object.assign(out, await snapshot(path, root), { [relative(root, path) + "/"]: "dir" });
    else {
      const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
      out[relative(root, path)] = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    }
  }
  return out;
}

/** Copies a folder tree. */
async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(join(from, e.name), join(to, e.name));
    else await Deno.copyFile(join(from, e.name), join(to, e.name));
  }
}

/** A scratch folder removed when the test module ends. */
const scratch = await Deno.makeTempDir({ prefix: "oneclick-faults-" });
globalThis.addEventListener("unload", () => Deno.removeSync(scratch, { recursive: true }));

/** The fixture artifacts and a notebook that copies them: a whole build in a few seconds. */
let copyNotebooks: Promise<string> | undefined;
function fixtureNotebooks(): Promise<string> {
  copyNotebooks ??= (async () => {
    const fixture = join(scratch, "fixture"), notebooks = join(scratch, "notebooks");
    await writeFixtureArtifacts(fixture, { demo: true });
    await writeCopyNotebook(notebooks, fixture);
    return notebooks;
  })();
  return copyNotebooks;
}

/** Notebooks whose second one sleeps in its second cell: the notebook stage stays open. */
async function sleepingNotebooks(): Promise<string> {
  const dir = join(scratch, "sleeping");
  await copyTree(await fixtureNotebooks(), dir);
  await Deno.writeTextFile(
    join(dir, "02_sleep.ipynb"),
    notebookJson(["1 + 1", "await new Promise((resolve) => setTimeout(resolve, 600_000));"]),
  );
  return dir;
}

/** A successful build, made once; every test starts from a copy of its out/. */
let previous: Promise<string> | undefined;
function previousBuild(): Promise<string> {
  previous ??= (async () => {
    const out = join(scratch, "previous");
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", REPORT, "--out", out, "--notebooks", await fixtureNotebooks()],
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    return out;
  })();
  return previous;
}

/** A fresh out/ holding the previous build. */
async function outWithPreviousBuild(name: string): Promise<string> {
  const out = join(scratch, name, "out");
  await copyTree(await previousBuild(), out);
  return out;
}

/** Builds started by the current test; whatever of them still runs when it ends is killed. */
const started: Build[] = [];

/** Runs a test body, then kills what its builds left running (only a failing test leaves anything). */
function cleaning(body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } finally {
      for (const build of started.splice(0)) await build.watch.killAll();
    }
  };
}

/** A running build: its output so far, its processes, its end. */
interface Build {
  child: Deno.ChildProcess;
  stdout: () => string;
  stderr: () => string;
  watch: ProcessWatch;
  status: Promise<Deno.CommandStatus>;
}

/**
 * Starts a report build in a session of its own (as a terminal starts a
 * command) — through `deno task report` or `deno run` directly.
 */
function startBuild(
  out: string,
  args: string[],
  o: { via: "task" | "run"; env?: Record<string, string> },
): Build {
  const command = o.via === "task" ? ["task", "--quiet", "report"] : ["run", "-A", REPORT];
  const child = new Deno.Command(Deno.execPath(), {
    args: [...command, "--out", out, ...args],
    cwd: ROOT,
    // A cache of its own: the notebooks run (the interrupts aim at them), and the project's .cache is untouched.
    env: { NO_COLOR: "1", ONECLICK_CACHE_DIR: Deno.makeTempDirSync(), ...o.env },
    stdout: "piped",
    stderr: "piped",
    detached: true,
  }).spawn();
  const collect = (stream: ReadableStream<Uint8Array>) => {
    let text = "";
    const done = (async () => {
      for await (const chunk of stream.pipeThrough(new TextDecoderStream())) text += chunk;
    })();
    return { text: () => text, done };
  };
  const stdout = collect(child.stdout), stderr = collect(child.stderr);
  const watch = new ProcessWatch([child.pid], [out]).start();
  const status = Promise.all([child.status, stdout.done, stderr.done]).then(([s]) => s);
  const build = { child, stdout: stdout.text, stderr: stderr.text, watch, status };
  started.push(build);
  return build;
}

/** Waits until `ready` holds (polled), failing after `ms` with the build's output. */
async function waitFor(build: Build, what: string, ready: () => boolean | Promise<boolean>, ms = 90_000) {
  const until = performance.now() + ms;
  while (!(await ready())) {
    if (performance.now() > until) {
      assert.fail(`${what} did not happen within ${ms} ms\nstdout:\n${build.stdout()}\nstderr:\n${build.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The processes the watch has seen whose command line matches. */
const seenMatching = (build: Build, re: RegExp) => [...build.watch.seen.values()].filter((p) => re.test(p.command));

/** What every interrupted build must leave: exit 130, the one line, out/ as before, nothing running. */
async function assertInterrupted(build: Build, out: string, before: Record<string, string>, signal: string) {
  const status = await build.status;
  assert.equal(status.code, 130, `stdout:\n${build.stdout()}\nstderr:\n${build.stderr()}`);
  assert.deepEqual(build.stderr().trim().split("\n"), [
    `Report build interrupted by ${signal}: every process it started was stopped and the previous report in ${out} ` +
    `is intact.`,
  ]);
  const after = await snapshot(out);
  assert.deepEqual(Object.keys(after).filter((f) => f.startsWith(".build")), [], "no temporary folder, no lock");
  assert.deepEqual(after, before, "out/ byte-identical to the previous build");
  const survivors = await build.watch.survivorsAfter(GRACE_MS);
  await build.watch.stop();
  assert.deepEqual(survivors, [], "no process of the build survives");
}

Deno.test({
  name: "report faults: SIGINT during the notebooks (via deno task) ends runner and kernels; " +
    "a second build meanwhile names the first and exits 75",
  ignore: !JUPYTER,
  fn: cleaning(async () => {
    const out = await outWithPreviousBuild("notebooks");
    const before = await snapshot(out);
    const notebooks = await sleepingNotebooks();
    const build = startBuild(out, ["--notebooks", notebooks], { via: "task" });
    await waitFor(build, "the sleeping cell", async () => {
      await build.watch.tick();
      return /02_sleep {2}cell 1\/2/.test(build.stdout()) && seenMatching(build, /jupyter --kernel/).length > 0;
    });

    // The first build holds the lock: a second one says who, and leaves everything alone.
    const holder = JSON.parse(await Deno.readTextFile(join(out, ".build.lock")));
    assert.match(await Deno.readTextFile(`/proc/${holder.pid}/cmdline`), /src\/cli\/report\.ts/);
    const second = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", REPORT, "--out", out, "--notebooks", notebooks],
      env: { NO_COLOR: "1" },
    }).output();
    const secondErr = new TextDecoder().decode(second.stderr);
    assert.equal(second.code, 75, secondErr);
    assert.match(
      secondErr,
      new RegExp(
        `^Report not built: Another report build is writing into ${out}: process ${holder.pid} on host \\S+ ` +
          `\\(started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, \\d+ s ago\\)\\.\\n` +
          `Wait for it to finish \\(or stop it\\), or run with --wait to start when it is done\\.\\n`,
      ),
    );

    Deno.kill(build.child.pid, "SIGINT"); // to `deno task` alone: it passes the signal on
    // One runner per notebook executed so far (each is ended when its notebook is done).
    assert.ok(seenMatching(build, /run_notebooks\.py/).length >= 1, "the runner was seen");
    await assertInterrupted(build, out, before, "SIGINT");
  }),
});

Deno.test({
  name: "report faults: SIGTERM during the notebooks' HTML export ends it; out/ unchanged",
  ignore: !JUPYTER || !CHROMIUM,
  fn: cleaning(async () => {
    const out = await outWithPreviousBuild("html");
    const before = await snapshot(out);
    const dir = join(scratch, "html");
    const started = join(dir, "nbconvert-started");
    // An nbconvert that hangs; every other use of Python passes through.
    const wrapper = join(dir, "python");
    await Deno.writeTextFile(
      wrapper,
      `#!/bin/sh\nif [ "$1" = "-m" ] && [ "$2" = "nbconvert" ]; then\n  : > '${started}'\n` +
        `  exec '${PYTHON}' -c 'import time; time.sleep(600)'\nfi\nexec '${PYTHON}' "$@"\n`,
    );
    await Deno.chmod(wrapper, 0o755);
    const build = startBuild(out, ["--notebooks", await fixtureNotebooks()], {
      via: "run",
      env: { ONECLICK_PYTHON: wrapper },
    });
    // The PDF is printed alongside the export: once it is done, only the export is running.
    await waitFor(
      build,
      "the hanging export after the PDF",
      async () => {
        await build.watch.tick();
        return /— pdf: /.test(build.stdout()) && await Deno.stat(started).then(() => true, () => false) &&
          seenMatching(build, /time\.sleep\(600\)/).length > 0;
      },
    );
    Deno.kill(build.child.pid, "SIGTERM");
    await assertInterrupted(build, out, before, "SIGTERM");
  }),
});

Deno.test({
  name: "report faults: Ctrl-C during the PDF ends Chromium and all its processes; out/ unchanged",
  ignore: !JUPYTER || !CHROMIUM,
  fn: cleaning(async () => {
    const out = await outWithPreviousBuild("pdf");
    const before = await snapshot(out);
    const dir = join(scratch, "pdf");
    // The real Chromium, given a page whose script keeps the renderer busy, so the print does not finish.
    const page = join(dir, "busy.html");
    await Deno.writeTextFile(page, "<script>const t = Date.now(); while (Date.now() - t < 600000) {}</script>");
    const wrapper = join(dir, "chromium");
    await Deno.writeTextFile(
      wrapper,
      `#!/bin/bash\n[ "$1" = "--version" ] && exec chromium --version\nexec chromium "\${@:1:$#-1}" 'file://${page}'\n`,
    );
    await Deno.chmod(wrapper, 0o755);
    const build = startBuild(out, ["--notebooks", await fixtureNotebooks()], {
      via: "task",
      env: { ONECLICK_CHROMIUM: wrapper },
    });
    await waitFor(build, "Chromium's renderer", async () => {
      await build.watch.tick();
      return seenMatching(build, /--type=renderer/).length > 0 && /— render: /.test(build.stdout());
    });
    Deno.kill(-build.child.pid, "SIGINT"); // the whole process group, as a terminal's Ctrl-C
    assert.ok(seenMatching(build, /chromium/).length >= 4, "Chromium and its helpers were seen");
    await assertInterrupted(build, out, before, "SIGINT");
  }),
});

Deno.test({
  name: "report faults: with --wait a second build waits for the lock's holder, then builds",
  ignore: !JUPYTER || !CHROMIUM,
  fn: cleaning(async () => {
    const out = await outWithPreviousBuild("wait");
    const before = await Deno.stat(join(out, "report.html"));
    const lock = await lockOutput(out); // held by this test's process
    let build: Build | undefined;
    try {
      build = startBuild(out, ["--notebooks", await fixtureNotebooks(), "--wait"], { via: "run" });
      const b = build;
      await waitFor(b, "the waiting line", () => b.stdout().includes(`Waiting for process ${Deno.pid} on host`));
      await new Promise((r) => setTimeout(r, 1000));
      assert.doesNotMatch(b.stdout(), /01_copy/, "nothing runs while the lock is held");
    } finally {
      lock.release();
    }
    const status = await build.status;
    assert.equal(status.code, 0, build.stderr());
    assert.match(build.stdout(), /^Report: /m);
    assert.notEqual((await Deno.stat(join(out, "report.html"))).ino, before.ino, "the new report is in place");
    assert.ok(!(await snapshot(out))[".build.lock"], "the lock is released");
    await build.watch.stop();
  }),
});

Deno.test({
  name: "report faults: a lock left by a dead build is taken over with a note, and what it left running is ended",
  ignore: !JUPYTER || !CHROMIUM,
  fn: cleaning(async () => {
    const out = await outWithPreviousBuild("stale");
    const dead = new Deno.Command("true").spawn();
    await dead.status;
    const job = join(out, ".build-999999999");
    await Deno.writeTextFile(
      join(out, ".build.lock"),
      JSON.stringify({ pid: dead.pid, startedAt: "2026-01-02T03:04:05.000Z", host: "h1", job }) + "\n",
    );
    // A process the dead build left behind (it carries that build's job id).
    const leftover = new Deno.Command("sleep", {
      args: ["600"],
      env: { ONECLICK_JOB: job },
      detached: true,
      stdout: "null",
    }).spawn();
    const build = startBuild(out, ["--notebooks", await fixtureNotebooks()], { via: "run" });
    const status = await build.status;
    await build.watch.stop();
    assert.equal(status.code, 0, build.stderr());
    assert.match(
      build.stdout(),
      new RegExp(
        `^Note: took over the lock of ${out} from process ${dead.pid} on host h1 \\(started 2026-01-02 03:04:05 UTC, ` +
          `[^)]+\\), which ended without releasing it; stopped 1 process\\(es\\) it left running\\.$`,
        "m",
      ),
    );
    const ended = await Promise.race([leftover.status, new Promise((r) => setTimeout(() => r("running"), 5000))]);
    if (ended === "running") leftover.kill("SIGKILL");
    assert.notEqual(ended, "running", "the leftover process was ended");
    assert.ok(!(await snapshot(out))[".build.lock"], "the lock is released");
  }),
});

/**
 * Makes `dir` unwritable for this process: as root (who ignores permission
 * bits) a read-only bind mount, else the permission bits. Returns the undo,
 * or undefined when neither works here.
 */
async function makeReadOnly(dir: string): Promise<(() => Promise<void>) | undefined> {
  const run = async (cmd: string, ...args: string[]) =>
    (await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).output().catch(() => ({ success: false })))
      .success;
  if (!ROOT_USER) {
    await Deno.chmod(dir, 0o555);
    return () => Deno.chmod(dir, 0o755);
  }
  if (await run("mount", "--bind", dir, dir)) {
    if (await run("mount", "-o", "remount,ro,bind", dir)) return async () => void await run("umount", dir);
    await run("umount", dir);
  }
  return undefined;
}

/** Whether `chattr +i` works here (root on a file system with the immutable attribute). */
async function chattrWorks(): Promise<boolean> {
  const file = await Deno.makeTempFile();
  const works = ROOT_USER && await commandAvailable("chattr", ["+i", file]);
  if (works) await commandAvailable("chattr", ["-i", file]);
  await Deno.remove(file);
  return works;
}
const CHATTR = await chattrWorks();
const probe = await Deno.makeTempDir();
const undoProbe = await makeReadOnly(probe);
const READ_ONLY_WORKS = undoProbe !== undefined && await Deno.writeTextFile(join(probe, "x"), "").then(
  () => false,
  () => true,
);
await undoProbe?.();
await Deno.remove(probe, { recursive: true });

Deno.test({
  name: "report faults: a read-only out/ is a clear message naming it, exit 73, previous outputs untouched",
  ignore: !READ_ONLY_WORKS,
  async fn() {
    const out = join(scratch, "read-only");
    await Deno.mkdir(join(out, "artifacts"), { recursive: true });
    await Deno.writeTextFile(join(out, "report.html"), "<p>previous report</p>");
    await Deno.writeTextFile(join(out, "artifacts", "quality.json"), "{}");
    const before = await snapshot(out);
    const undo = (await makeReadOnly(out))!;
    let r: Deno.CommandOutput;
    try {
      r = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", REPORT, "--out", out, "--notebooks", join(scratch, "no-notebooks-needed")],
        env: { NO_COLOR: "1" },
      }).output();
    } finally {
      await undo();
    }
    const stderr = new TextDecoder().decode(r.stderr);
    assert.equal(r.code, 73, stderr);
    const reason = ROOT_USER ? "it is on a read-only file system" : "permission denied";
    assert.equal(
      stderr,
      `Report not built: Cannot write into the output folder ${out}: ${reason} (open '${out}/.build.lock').\n` +
        `The build needs a writable folder: it creates .build.lock and a temporary .build-* folder there and ` +
        `replaces report.html, report.pdf, artifacts/ and notebooks/. Make ${out} writable, or choose another ` +
        `folder with --out DIR.\nThe previous report and artifacts in ${out} are unchanged.\n`,
    );
    assert.doesNotMatch(stderr, /Internal error/);
    assert.deepEqual(await snapshot(out), before);
  },
});

Deno.test({
  name: "report faults: an old report.html that cannot be replaced fails the final move, which is rolled back (73)",
  ignore: !JUPYTER || !CHROMIUM || !CHATTR,
  async fn() {
    const out = await outWithPreviousBuild("immutable");
    const before = await snapshot(out);
    const report = join(out, "report.html");
    await new Deno.Command("chattr", { args: ["+i", report] }).output();
    let r: Deno.CommandOutput;
    try {
      r = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", REPORT, "--out", out, "--notebooks", await fixtureNotebooks()],
        env: { NO_COLOR: "1" },
      }).output();
    } finally {
      await new Deno.Command("chattr", { args: ["-i", report] }).output();
    }
    const stderr = new TextDecoder().decode(r.stderr);
    assert.equal(r.code, 73, stderr);
    assert.match(
      stderr,
      new RegExp(
        `^Report not built: Cannot write into the output folder ${out}: the operation is not permitted ` +
          `\\(an immutable or append-only folder\\?\\) \\(link '${report}' -> '${out}/\\.build-\\d+/old-report\\.html'\\)\\.`,
      ),
    );
    assert.deepEqual(await snapshot(out), before, "artifacts/ and notebooks/ moved back");
  },
});

Deno.test({
  name: "report faults: other commands name a read-only --out too (exit 73), never an internal error",
  ignore: !READ_ONLY_WORKS,
  async fn() {
    const dir = join(scratch, "read-only-data");
    await Deno.mkdir(dir, { recursive: true });
    const data = join(scratch, "synthetic");
    const synth = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "src/cli/synth.ts"), "--customers", "40", "--out", data],
      stdout: "null",
    }).output();
    assert.equal(synth.code, 0);
    const undo = (await makeReadOnly(dir))!;
    let r: Deno.CommandOutput;
    try {
      r = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", join(ROOT, "src/cli/data.ts"), "--data", data, "--out", join(dir, "artifacts")],
        env: { NO_COLOR: "1" },
        stdout: "null",
      }).output();
    } finally {
      await undo();
    }
    const stderr = new TextDecoder().decode(r.stderr);
    assert.equal(r.code, 73, stderr);
    const reason = ROOT_USER ? "the file system is read-only" : "permission denied";
    assert.match(
      stderr,
      new RegExp(`^Cannot mkdir '${dir}/artifacts': ${reason}\\. Check that --out names a writable folder`),
    );
    assert.doesNotMatch(stderr, /Internal error/);
  },
});
