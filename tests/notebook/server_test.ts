/**
 * `deno task notebook` (what `./oneclick notebook` runs) from a temporary
 * HOME: the server lists the project's Deno kernel, a cell executes through
 * it over the REST and WebSocket API, the stop ends the server and every
 * kernel, and nothing was written under the HOME's `.local/share/jupyter`.
 * Skipped, with a visible line, when Debian's jupyter-notebook is missing.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { processesWith } from "../../src/util/child_group.ts";

const SERVER = fileURLToPath(new URL("../../src/cli/notebook_server.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

async function notebookInstalled(): Promise<boolean> {
  try {
    return (await new Deno.Command("jupyter-notebook", { args: ["--version"], stdout: "null", stderr: "null" })
      .output()).success;
  } catch {
    return false;
  }
}

const INSTALLED = await notebookInstalled();
if (!INSTALLED) console.log("SKIPPED tests/notebook/server_test.ts: jupyter-notebook is not installed");

/** A port nobody listens on now. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Polls `probe` until it yields a value; a fetch that fails means "not yet", an Error from `fatal` ends the wait. */
async function waitFor<T>(
  what: string,
  until: number,
  probe: () => Promise<T | undefined>,
  fatal: () => Promise<string | undefined>,
): Promise<T> {
  while (performance.now() < until) {
    const problem = await fatal();
    if (problem !== undefined) throw new Error(problem);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Message {
  header: { msg_id: string; msg_type: string };
  parent_header: { msg_id?: string };
  content: Record<string, unknown>;
  channel: string;
}

/** Executes `code` in the kernel over the channels WebSocket; resolves with the execute_result's text/plain. */
function execute(url: string, code: string, until: number): Promise<string> {
  const ws = new WebSocket(url);
  const msgId = crypto.randomUUID();
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.close();
      reject(new Error("no execute_result in time"));
    }, Math.max(0, until - performance.now()));
    const finish = (f: () => void) => {
      clearTimeout(timer);
      ws.close();
      f();
    };
    ws.onerror = () => finish(() => reject(new Error("the channels WebSocket failed")));
    ws.onopen = () =>
      ws.send(JSON.stringify({
        header: {
          msg_id: msgId,
          msg_type: "execute_request",
          username: "test",
          session: crypto.randomUUID(),
          version: "5.3",
          date: new Date().toISOString(),
        },
        parent_header: {},
        metadata: {},
        content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false },
        channel: "shell",
        buffers: [],
      }));
    ws.onmessage = (event) => {
      const m = JSON.parse(String(event.data)) as Message;
      if (m.parent_header.msg_id !== msgId) return;
      if (m.header.msg_type === "error") {
        finish(() => reject(new Error(`the cell raised: ${JSON.stringify(m.content)}`)));
      }
      if (m.header.msg_type === "execute_result") {
        const data = m.content.data as Record<string, string>;
        finish(() => resolve(data["text/plain"] ?? ""));
      }
    };
  });
}

Deno.test({
  name: "the notebook server serves the project's Deno kernel, executes a cell, stops all, leaves HOME alone",
  ignore: !INSTALLED,
  sanitizeResources: false,
  fn: async () => {
    const home = await Deno.makeTempDir({ prefix: "oneclick-home-" });
    const port = freePort(), token = crypto.randomUUID().replaceAll("-", "");
    const base = `http://127.0.0.1:${port}`, auth = { Authorization: `token ${token}` };
    const until = performance.now() + 90_000;
    const server = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", SERVER, "--no-browser", "--port", String(port), "--", `--NotebookApp.token=${token}`],
      cwd: ROOT,
      // The Deno cache stays the usual one: the temporary HOME must not make Deno fetch anything.
      env: {
        HOME: home,
        DENO_DIR: Deno.env.get("DENO_DIR") ?? join(Deno.env.get("HOME") ?? "/root", ".cache/deno"),
        // Connection files in the temporary folder, not the clone's .tools/jupyter/runtime, even if a stop fails.
        JUPYTER_RUNTIME_DIR: join(home, "runtime"),
      },
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(server.stderr).text();
    let exited = false;
    server.status.then(() => exited = true);
    try {
      const specs = await waitFor("/api/kernelspecs", until, async () => {
        const r = await fetch(`${base}/api/kernelspecs`, { headers: auth });
        return r.ok ? await r.json() as { kernelspecs: Record<string, { spec: { argv: string[] } }> } : undefined;
      }, async () => exited ? `the server stopped before serving:\n${await stderr}` : undefined);
      const deno = specs.kernelspecs.deno;
      assert.ok(deno, `no deno kernelspec in ${JSON.stringify(Object.keys(specs.kernelspecs))}`);
      // The project's kernelspec, starting this very Deno.
      assert.equal(deno.spec.argv[0], Deno.execPath());
      const projectSpec = JSON.parse(await Deno.readTextFile(join(ROOT, ".tools/jupyter/kernels/deno/kernel.json")));
      assert.deepEqual(deno.spec.argv, projectSpec.argv);

      const started = await fetch(`${base}/api/kernels`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "deno" }),
      });
      assert.equal(started.status, 201);
      const kernel = await started.json() as { id: string };
      const result = await execute(
        `ws://127.0.0.1:${port}/api/kernels/${kernel.id}/channels?token=${token}`,
        "const answer: number = 6 * 7;\nanswer",
        until,
      );
      // The kernel colours its text/plain like a terminal.
      // deno-lint-ignore no-control-regex
      assert.equal(result.replace(/\x1b\[[0-9;]*m/g, ""), "42");
      // The server and its kernel, both carrying the temporary HOME.
      assert.ok((await processesWith("HOME", home)).length >= 3, "server, its Python and the kernel are running");
    } finally {
      try {
        server.kill("SIGTERM");
      } catch {
        // already gone
      }
      const status = await server.status;
      const log = await stderr;
      const left = await processesWith("HOME", home);
      const userKernels = await Deno.stat(join(home, ".local/share/jupyter/kernels")).then(() => true, () => false);
      await Deno.remove(home, { recursive: true }).catch(() => {});
      assert.deepEqual(left, [], `processes left after the stop:\n${log}`);
      assert.equal(status.code, 0, log);
      assert.equal(userKernels, false, "the user's ~/.local/share/jupyter/kernels was created");
    }
  },
});
