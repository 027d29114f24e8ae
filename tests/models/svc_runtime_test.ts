import assert from "node:assert/strict";

const SRC = new URL("../../src/", import.meta.url).href;

/**
 * Runs `setup`, then imports the SVC module, then `body` (JavaScript, filling
 * `out`) in a fresh process, where nothing has loaded libsvm-js yet.
 */
async function child(setup: string, body: string): Promise<Record<string, unknown>> {
  const prelude = `
const process = (await import("node:process")).default;
${setup}
const src = (path) => new URL(path, ${JSON.stringify(SRC)}).href;
const { SVC, ensureSvcRuntime, svcFromJSON } = await import(src("models/svc.ts"));
const { matrix } = await import(src("models/estimator.ts"));
const X = matrix([[0], [1], [3], [4]]), y = Uint8Array.of(0, 0, 1, 1);
const out = {};
`;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=js", prelude + body + "\nconsole.log(JSON.stringify(out));"],
    cwd: new URL("../..", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout));
}

Deno.test("importing the pipeline modules touches no global; fitting before ensureSvcRuntime is a clear error", async () => {
  // `self` and `fetch` made non-configurable before any import: an import that deleted them
  // (as the wasm loader does) would throw, so the child would exit non-zero.
  const out = await child(
    `
for (const k of ["self", "fetch"]) {
  Object.defineProperty(globalThis, k, { ...Object.getOwnPropertyDescriptor(globalThis, k), configurable: false });
}
const before = process.listeners("unhandledRejection").length;`,
    `
for (const m of ["models/pipeline.ts", "models/registry.ts", "selection/select_model.ts", "selection/search.ts"]) {
  await import(src(m));
}
out.listenersKept = process.listeners("unhandledRejection").length === before;
try {
  new SVC({ kernel: "linear", C: 1 }).fit(X, y);
  out.fitBeforeLoad = "fitted";
} catch (e) {
  out.fitBeforeLoad = e.message;
}
const state = { gamma: 1, supportVectors: [[1], [3]], dualCoef: [-1, 1], rho: 2, labelOrder: [1, 0] };
const model = svcFromJSON({ family: "svc", params: { kernel: "linear", C: 1 }, state });
out.rebuilt = Array.from(model.decisionFunction(X));
`,
  );
  assert.equal(out.listenersKept, true);
  assert.match(String(out.fitBeforeLoad), /not loaded: `await ensureSvcRuntime\(\)`/);
  assert.deepEqual(out.rebuilt, [-2, 0, 4, 6]); // a model from JSON is plain data (Σ coef·x·sv − rho): no wasm needed
});

Deno.test("ensureSvcRuntime restores self, fetch and the rejection handlers it hides; concurrent calls load once", async () => {
  const out = await child(
    "",
    `
const FIELDS = ["value", "get", "set", "writable", "enumerable", "configurable"];
const snap = () => ["self", "fetch"].map((k) => Object.getOwnPropertyDescriptor(globalThis, k));
const same = (a, b) => a.every((d, i) => d !== undefined && FIELDS.every((f) => d[f] === b[i]?.[f]));
const before = snap(), listeners = process.listeners("unhandledRejection").length;
await Promise.all([ensureSvcRuntime(), ensureSvcRuntime()]);
out.globalsKept = same(before, snap());
out.listenersKept = process.listeners("unhandledRejection").length === listeners;
out.fitted = Array.from(new SVC({ kernel: "linear", C: 1 }).fit(X, y).decisionFunction(X), Math.sign);
`,
  );
  assert.deepEqual(out, { globalsKept: true, listenersKept: true, fitted: [-1, -1, 1, 1] });
});
