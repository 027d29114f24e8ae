import assert from "node:assert/strict";
import { join } from "node:path";
import pl from "nodejs-polars";
import { codeHash, moduleFiles, references } from "../../src/cache/code_hash.ts";
import { cacheKey, frameHash } from "../../src/cache/key.ts";
import { CacheStore } from "../../src/cache/store.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

Deno.test("cache store: an entry round-trips; a damaged, truncated or foreign entry is a warned miss and removed", async () => {
  const dir = await Deno.makeTempDir();
  const warnings: string[] = [];
  const store = new CacheStore({ dir, warn: (l) => warnings.push(l) });
  await store.put("k", "a1", new Map([["x.json", bytes("{}")], ["sub/y.txt", bytes("y")]]), { n: 1 });
  const entry = await store.get("k", "a1");
  assert.deepEqual(entry?.meta, { n: 1 });
  assert.equal(new TextDecoder().decode(entry?.files.get("sub/y.txt")), "y");
  assert.equal(await store.get("k", "other"), undefined);
  assert.deepEqual(warnings, []);

  for (
    const damage of [
      () => Deno.writeTextFile(join(dir, "k", "a1", "files", "x.json"), "{ }"),
      () => Deno.remove(join(dir, "k", "a1", "files", "sub", "y.txt")),
      () => Deno.writeTextFile(join(dir, "k", "a1", "manifest.json"), "{not json"),
      async () => {
        const m = JSON.parse(await Deno.readTextFile(join(dir, "k", "a1", "manifest.json")));
        await Deno.writeTextFile(join(dir, "k", "a1", "manifest.json"), JSON.stringify({ ...m, key: "b2" }));
      },
    ]
  ) {
    warnings.length = 0;
    await store.put("k", "a1", new Map([["x.json", bytes("{}")], ["sub/y.txt", bytes("y")]]));
    await damage();
    assert.equal(await store.get("k", "a1"), undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^Warning: cache entry k\/a1 is corrupt \(.+\); recomputing/);
    assert.equal(await store.get("k", "a1"), undefined, "removed: the next look is a plain miss");
    assert.equal(warnings.length, 1);
  }
});

Deno.test("cache store: keeps the most recently used entries of a kind; an unwritable cache is a warning", async () => {
  const dir = await Deno.makeTempDir();
  const store = new CacheStore({ dir, keep: 2, warn: () => {} });
  for (const key of ["a", "b", "c"]) {
    await store.put("k", key, new Map([["f", bytes(key)]]));
    await new Promise((r) => setTimeout(r, 15)); // distinct modification times
  }
  assert.deepEqual([...Deno.readDirSync(join(dir, "k"))].map((e) => e.name).sort(), ["b", "c"]);

  const file = join(await Deno.makeTempDir(), "a-file");
  await Deno.writeTextFile(file, "");
  const warnings: string[] = [];
  const broken = new CacheStore({ dir: join(file, "cache"), warn: (l) => warnings.push(l) });
  await broken.put("k", "a", new Map([["f", bytes("x")]]));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /could not save cache entry k\/a/);
});

Deno.test("code hash: follows imports, re-exports, dynamic imports and worker URLs; changes with any of them", async () => {
  assert.deepEqual(
    references(
      'import { a } from "./a.ts";\nexport * from "../b.ts";\nimport type { C } from "./c.ts";\n' +
        'await import("./d.ts");\nnew URL("./w.ts", import.meta.url);\nimport pl from "nodejs-polars";',
    ),
    ["./a.ts", "../b.ts", "./c.ts", "./d.ts", "./w.ts"],
  );
  const root = await Deno.makeTempDir();
  await Deno.mkdir(join(root, "src"));
  await Deno.writeTextFile(join(root, "src", "entry.ts"), 'import { x } from "./dep.ts";\nexport const y = x;');
  await Deno.writeTextFile(
    join(root, "src", "dep.ts"),
    'new URL("./worker.ts", import.meta.url);\nexport const x = 1;',
  );
  await Deno.writeTextFile(join(root, "src", "worker.ts"), "self.onmessage = () => {};");
  await Deno.writeTextFile(join(root, "src", "unrelated.ts"), "export const z = 0;");
  assert.deepEqual(await moduleFiles(["src/entry.ts"], root), ["src/dep.ts", "src/entry.ts", "src/worker.ts"]);

  const before = await codeHash(["src/entry.ts"], root);
  await Deno.writeTextFile(join(root, "src", "unrelated.ts"), "export const z = 1;");
  // codeHash is memoised per process; a fresh root shows what a new process would see.
  const copy = await Deno.makeTempDir();
  await Deno.mkdir(join(copy, "src"));
  for (const f of ["entry.ts", "dep.ts", "worker.ts", "unrelated.ts"]) {
    await Deno.copyFile(join(root, "src", f), join(copy, "src", f));
  }
  assert.equal(await codeHash(["src/entry.ts"], copy), before, "an unrelated file does not count");
  const edited = await Deno.makeTempDir();
  await Deno.mkdir(join(edited, "src"));
  for (const f of ["entry.ts", "dep.ts", "unrelated.ts"]) {
    await Deno.copyFile(join(root, "src", f), join(edited, "src", f));
  }
  await Deno.writeTextFile(join(edited, "src", "worker.ts"), "self.onmessage = () => { /* changed */ };");
  assert.notEqual(await codeHash(["src/entry.ts"], edited), before, "the worker counts");

  const project = await moduleFiles(["src/stages/model_stage.ts"]);
  assert.ok(project.includes("src/selection/search_worker.ts"));
  assert.ok(!project.some((f) => f.startsWith("src/report/")), "the model stage does not depend on the report");
});

Deno.test("keys: order-free for objects, sensitive to every value; a frame's hash to values, types and labels", () => {
  assert.equal(cacheKey({ a: 1, b: { c: [1, 2] } }), cacheKey({ b: { c: [1, 2] }, a: 1 }));
  assert.notEqual(cacheKey({ a: 1, b: { c: [1, 2] } }), cacheKey({ a: 1, b: { c: [2, 1] } }));
  const f = pl.DataFrame({ id: ["1", "2"], x: [0.5, 0.1 + 0.2] });
  assert.equal(frameHash(f), frameHash(pl.DataFrame({ id: ["1", "2"], x: [0.5, 0.1 + 0.2] })));
  assert.notEqual(frameHash(f), frameHash(pl.DataFrame({ id: ["1", "2"], x: [0.5, 0.3] })));
  assert.notEqual(frameHash(f), frameHash(pl.DataFrame({ id: ["1", "2"], y: [0.5, 0.1 + 0.2] })));
  assert.notEqual(frameHash(f), frameHash(pl.DataFrame({ id: [1, 2], x: [0.5, 0.1 + 0.2] })));
});
