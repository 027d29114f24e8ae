/** The data command as a user runs it: exit codes, messages, quality.json. */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setCell, tinyTables, toCsv, writeTables } from "../data/fixtures.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the data command; an env value of undefined removes the variable. */
async function run(args: string[], env: Record<string, string | undefined> = {}, cwd = ROOT) {
  const all: Record<string, string> = { ...Deno.env.toObject(), NO_COLOR: "1" };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete all[k];
    else all[k] = v;
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "src/cli/data.ts"), ...args],
    cwd,
    env: all,
    clearEnv: true,
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("data command writes quality.json with the customer count", async () => {
  const data = await writeTables(tinyTables());
  const out = await Deno.makeTempDir();
  const r = await run(["--data", data, "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  const q = JSON.parse(await Deno.readTextFile(join(out, "quality.json")));
  assert.equal(q.customers, 11);
  const { identity, ...where } = q.source;
  assert.deepEqual(where, { dir: data, kind: "user", origin: "--data" });
  assert.equal(identity.folder, basename(data));
  assert.equal(identity.exportDateFrom, "files");
  assert.match(identity.hash, /^[0-9a-f]{12}$/);
  assert.match(r.stdout, /Customers: 11/);
});

Deno.test("--data-date names the export's date in quality.json; a date that is not one is a usage error", async () => {
  const data = await writeTables(tinyTables());
  const out = await Deno.makeTempDir();
  const r = await run(["--data", data, "--data-date", "2026-11-30", "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  const q = JSON.parse(await Deno.readTextFile(join(out, "quality.json")));
  assert.equal(q.source.identity.exportDate, "2026-11-30");
  assert.equal(q.source.identity.exportDateFrom, "given");
  const bad = await run(["--data", data, "--data-date", "2026-02-30", "--out", out]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--data-date must be a calendar date YYYY-MM-DD, got "2026-02-30"/);
  assert.doesNotMatch(bad.stderr, /\bat .+:\d+:\d+/, "no stack trace");
});

Deno.test("bad data: one readable message naming file, line and column; exit 1; no stack trace", async () => {
  const data = await writeTables(setCell(tinyTables(), "market_file", 3, 7, "много"));
  const out = await Deno.makeTempDir();
  await Deno.writeTextFile(join(out, "quality.json"), "previous");
  const r = await run(["--data", data, "--out", out]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr.trim(),
    `Data problem:\n  ${join(data, "market_file.csv")}:4, column «Акционные_покупки»: found "много", ` +
      "expected a number from 0 to 1",
  );
  assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
  // nothing already built is lost
  assert.equal(await Deno.readTextFile(join(out, "quality.json")), "previous");
});

Deno.test("an explicit --data without the files is an error, not a silent switch to demo data", async () => {
  const r = await run(["--data", "/nonexistent/dir", "--out", await Deno.makeTempDir()]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /4 data problems:/);
  assert.match(r.stderr, /\/nonexistent\/dir\/market_file\.csv: expected the file to exist/);
});

Deno.test("bad usage: exit 2 with the usage line", async () => {
  const r = await run(["--dta", "x"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Usage: deno task data/);
});

Deno.test("ONECLICK_DATA is used when --data is absent; --data wins over it", async () => {
  const data = await writeTables(tinyTables());
  const out = await Deno.makeTempDir();
  let r = await run(["--out", out], { ONECLICK_DATA: data });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(await Deno.readTextFile(join(out, "quality.json"))).source.origin, "ONECLICK_DATA");
  r = await run(["--data", data, "--out", out], { ONECLICK_DATA: "/nonexistent" });
  assert.equal(r.code, 0, r.stderr);
});

Deno.test("without any data the demo data is used and every output says so", async () => {
  const cwd = await Deno.makeTempDir(); // no data/raw here
  const r = await run(["--out", join(cwd, "out")], { ONECLICK_DATA: undefined }, cwd);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /DEMO DATA/);
  const q = JSON.parse(await Deno.readTextFile(join(cwd, "out", "quality.json")));
  assert.equal(q.source.kind, "demo");
  assert.match(q.source.note, /DEMO DATA/);
  assert.ok(q.customers > 1200);
});

Deno.test("an empty --data or ONECLICK_DATA is a usage error (exit 2), not a switch to demo data", async () => {
  const cwd = await Deno.makeTempDir(); // no data/raw here: the demo data would be next
  let r = await run(["--data", "", "--out", join(cwd, "out")], {}, cwd);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /^--data is empty: give the folder with the four files/);
  assert.match(r.stderr, /Usage: deno task data/);
  r = await run(["--out", join(cwd, "out")], { ONECLICK_DATA: "" }, cwd);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /^ONECLICK_DATA is set but empty/);
  assert.doesNotMatch(r.stdout, /DEMO DATA/);
  assert.equal(await Deno.stat(join(cwd, "out")).then(() => true, () => false), false);
});

Deno.test("the summary says which files were converted from another encoding", async () => {
  const t = tinyTables();
  const data = await writeTables({ ...t, money: new Uint8Array(Buffer.from("\uFEFF" + toCsv(t.money), "utf16le")) });
  const out = await Deno.makeTempDir();
  let r = await run(["--data", data, "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Encoding: money utf-16le \(converted to UTF-8 for reading\)$/m);
  const q = JSON.parse(await Deno.readTextFile(join(out, "quality.json")));
  assert.equal(q.tables.money.format.encoding, "utf-16le");
  assert.equal(q.tables.market_file.format.encoding, "utf-8");
  r = await run(["--data", await writeTables(t), "--out", out]);
  assert.match(r.stdout, /^Encoding: UTF-8$/m);
});
