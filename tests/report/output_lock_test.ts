/**
 * The output folder's lock in one process (flock(2) conflicts between two
 * open files of one process too): a second taker is refused with the
 * holder's details or waits; a file left by a dead holder is taken over;
 * release removes the file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describeHolder, lockOutput, OUTPUT_LOCK_DEFAULTS, OutputLockedError } from "../../src/report/output_lock.ts";

const exists = (path: string) => Deno.lstat(path).then(() => true, () => false);

Deno.test("output lock: a second taker is refused with the holder's pid and start; release removes the file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await lockOutput(dir, { job: "job-1" });
    const written = JSON.parse(await Deno.readTextFile(join(dir, OUTPUT_LOCK_DEFAULTS.file)));
    assert.equal(written.pid, Deno.pid);
    assert.equal(written.job, "job-1");
    const error = await lockOutput(dir).then(() => undefined, (e) => e);
    assert.ok(error instanceof OutputLockedError, String(error));
    assert.equal(error.holder?.pid, Deno.pid);
    assert.equal(error.holder?.startedAt, written.startedAt);
    first.release();
    first.release(); // twice is harmless
    assert.ok(!(await exists(join(dir, OUTPUT_LOCK_DEFAULTS.file))));
    const again = await lockOutput(dir);
    assert.equal(again.takenOver, undefined, "a released lock leaves nothing to take over");
    again.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("output lock: a lock file nobody holds (its builder died) is taken over and reported", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const stale = { pid: 999_999_999, startedAt: "2026-01-02T03:04:05.000Z", host: "h1", job: "old-job" };
    await Deno.writeTextFile(join(dir, OUTPUT_LOCK_DEFAULTS.file), JSON.stringify(stale));
    const lock = await lockOutput(dir);
    assert.deepEqual(lock.takenOver, stale);
    assert.equal(JSON.parse(await Deno.readTextFile(lock.path)).pid, Deno.pid, "the file now names us");
    lock.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("output lock: with wait, the second taker says whom it waits for and gets the lock on release", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await lockOutput(dir);
    const waitedFor: (number | undefined)[] = [];
    let got = false;
    const second = lockOutput(dir, { wait: true, onWait: (h) => waitedFor.push(h?.pid) }).then((l) => {
      got = true;
      return l;
    });
    await new Promise((r) => setTimeout(r, OUTPUT_LOCK_DEFAULTS.pollMs * 3));
    assert.equal(got, false, "still waiting while the first holds it");
    assert.deepEqual(waitedFor, [Deno.pid], "told once, with the holder's pid");
    first.release();
    const lock = await second;
    assert.equal(lock.takenOver, undefined);
    lock.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("output lock: waiting stops when the signal aborts, with its reason", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await lockOutput(dir);
    const stop = new AbortController();
    const waiting = lockOutput(dir, { wait: true, signal: stop.signal });
    setTimeout(() => stop.abort("SIGINT"), OUTPUT_LOCK_DEFAULTS.pollMs);
    await assert.rejects(waiting, (e) => e === "SIGINT");
    first.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("output lock: the holder in words", () => {
  const holder = { pid: 4242, startedAt: "2026-12-02T01:40:03.120Z", host: "a1" };
  assert.equal(
    describeHolder(holder, new Date("2026-12-02T01:41:18Z")),
    "process 4242 on host a1 (started 2026-12-02 01:40:03 UTC, 75 s ago)",
  );
  assert.equal(
    describeHolder(holder, new Date("2026-12-02T03:40:03Z")),
    "process 4242 on host a1 (started 2026-12-02 01:40:03 UTC, 2 h ago)",
  );
  assert.equal(describeHolder(undefined), "another build (its lock file could not be read)");
});
