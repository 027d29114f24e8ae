/**
 * A job's child processes end together: the children, what they start in
 * their process group, what escapes it into a session of its own (as Jupyter
 * kernels and Chromium's crash handler do), and a process that ignores
 * SIGTERM (SIGKILL after the grace period). Linux (/proc) only.
 */
import assert from "node:assert/strict";
import { CHILD_GROUP_DEFAULTS, ChildGroup, processesWith, withChildGroup } from "../../src/util/child_group.ts";

const PROC = await Deno.stat("/proc/self/stat").then(() => true, () => false);

const alive = (pid: number) =>
  Deno.readTextFile(`/proc/${pid}/stat`).then((s) => s.slice(s.lastIndexOf(")") + 2, s.lastIndexOf(")") + 3) !== "Z")
    .catch(() => false);

Deno.test({
  name: "child group: stop ends children, their group, escaped sessions and SIGTERM-deaf processes",
  ignore: !PROC,
  async fn() {
    const group = new ChildGroup(`test-${crypto.randomUUID()}`);
    // A child whose own child ignores SIGTERM, and which starts a grandchild in a new session.
    const child = group.spawn("bash", {
      args: ["-c", "(trap '' TERM; sleep 600) & setsid sleep 600 & wait"],
      stdout: "null",
    });
    const session = async (pid: number) => (await Deno.readTextFile(`/proc/${pid}/stat`)).split(") ")[1]!.split(" ")[3];
    let pids: number[] = [], sessions = new Set<string | undefined>();
    for (let i = 0; i < 100 && (pids.length < 3 || sessions.size < 2); i++) {
      await new Promise((r) => setTimeout(r, 20));
      pids = await processesWith(CHILD_GROUP_DEFAULTS.variable, group.id);
      sessions = new Set(await Promise.all(pids.map((pid) => session(pid).catch(() => undefined))));
    }
    assert.equal(pids.length, 3, "bash and both sleeps carry the job's id");
    assert.equal(sessions.size, 2, "one sleep is in a session of its own");
    const started = performance.now();
    assert.deepEqual(await group.stop(), [], "none left");
    const seconds = (performance.now() - started) / 1000;
    for (const pid of pids) assert.equal(await alive(pid), false, `process ${pid} ended`);
    assert.deepEqual(await processesWith(CHILD_GROUP_DEFAULTS.variable, group.id), []);
    assert.ok(seconds < (CHILD_GROUP_DEFAULTS.graceMs + CHILD_GROUP_DEFAULTS.killWaitMs) / 1000 + 1, `${seconds} s`);
    assert.notEqual((await child.status).success, true);
    assert.throws(() => group.spawn("true"), /the job is stopping/, "no new child once stopping");
  },
});

Deno.test({
  name: "child group: withChildGroup leaves nothing behind its work, and an abort stops the work's processes",
  ignore: !PROC,
  async fn() {
    let id = "";
    const out = await withChildGroup(undefined, undefined, async (g) => {
      id = g.id;
      g.spawn("setsid", { args: ["sleep", "600"], stdout: "null" }); // outlives its parent unless stopped
      return await g.spawn("echo", { args: ["done"], stdout: "piped" }).output();
    });
    assert.equal(new TextDecoder().decode(out.stdout), "done\n");
    assert.deepEqual(await processesWith(CHILD_GROUP_DEFAULTS.variable, id), []);

    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const status = await withChildGroup(undefined, stop.signal, (g) => g.spawn("sleep", { args: ["600"] }).status);
    assert.equal(status.signal, "SIGTERM");
  },
});
