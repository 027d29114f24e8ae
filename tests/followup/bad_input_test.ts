import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFollowup } from "../../src/data/synth_followup.ts";
import { EXIT_DATA } from "../../src/util/exit_codes.ts";
import { type FixtureRow, fixtureRows, offersText, writeOffers } from "./fixtures.ts";

const CLI = new URL("../../src/cli/campaign.ts", import.meta.url).pathname;

/** Runs `campaign`; returns exit code and the two streams. */
async function campaign(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", CLI, ...args] }).output();
  const text = new TextDecoder();
  return { code: r.code, stdout: text.decode(r.stdout), stderr: text.decode(r.stderr) };
}

/** A data problem: exit 1, one message on stderr naming `file`, no stack, nothing written. */
function assertDataProblem(r: { code: number; stdout: string; stderr: string }, file: string, expected: RegExp) {
  assert.equal(r.code, EXIT_DATA, r.stderr);
  assert.match(r.stderr, /^Data problem:\n {2}\S/);
  assert.ok(r.stderr.includes(file), `names ${file}: ${r.stderr}`);
  assert.match(r.stderr, expected);
  assert.doesNotMatch(r.stderr, /\n\s+at |Internal error/);
  assert.equal(r.stdout, "");
}

const customersOf = (rows: readonly FixtureRow[]) =>
  rows.map((r) => ({ id: r.id, probability: r.probability, treated: !r.control }));

const dir = await Deno.makeTempDir({ prefix: "campaign_bad_" });
const rows = fixtureRows(60);
const offers = await writeOffers(dir, offersText(rows));
const next = join(dir, "next");
await writeFollowup(next, { customers: customersOf(rows), uplift: 0.1, seed: 1 });

Deno.test("the fixture itself measures cleanly (so the failures below are the inputs')", async () => {
  const out = join(dir, "out_ok");
  const r = await campaign(["--offers", offers, "--data", next, "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Всего: «предложение» 30/m);
  assert.ok((await Deno.stat(join(out, "campaign.json"))).isFile);
});

Deno.test("an offers file that is not an offers.csv: the missing columns are named", async () => {
  // The offers.csv of the run before action segments and control groups.
  const old = ["id покупателя", "Вероятность снижения активности", "Действие", "Код действия"];
  const path = join(dir, "old_offers.csv");
  await Deno.writeTextFile(path, offersText(rows.slice(0, 3), old, (r) => [r.id, "0,5", "Скидка", "discount"]));
  const r = await campaign(["--offers", path, "--data", next, "--out", join(dir, "o1")]);
  assertDataProblem(
    r,
    path,
    /:1: expected an offers\.csv .*missing «Сегмент действия», «Код сегмента действия», «Группа»/,
  );
});

Deno.test("offers whose ids are missing from the export: the count and the first ids", async () => {
  const part = join(dir, "part");
  await writeFollowup(part, { customers: customersOf(rows.slice(0, 50)), uplift: 0.1, seed: 1 });
  const r = await campaign(["--offers", offers, "--data", part, "--out", join(dir, "o2")]);
  const first = rows.slice(50, 55).map((x) => x.id).join(", ");
  assertDataProblem(r, join(part, "market_file.csv"), new RegExp(`10 of its 60 are missing: ${first}, …`));
});

Deno.test("an export without the label column: the label is named as what the campaign is measured by", async () => {
  const unlabelled = join(dir, "unlabelled");
  await writeFollowup(unlabelled, { customers: customersOf(rows), uplift: 0.1, seed: 1 });
  const file = join(unlabelled, "market_file.csv");
  const lines = (await Deno.readTextFile(file)).split("\r\n");
  const at = lines[0]!.split(",").indexOf("Покупательская активность");
  assert.ok(at > 0);
  await Deno.writeTextFile(file, lines.map((l) => l.split(",").filter((_, j) => j !== at).join(",")).join("\r\n"));
  const r = await campaign(["--offers", offers, "--data", unlabelled, "--out", join(dir, "o3")]);
  assertDataProblem(
    r,
    file,
    /column «Покупательская активность»: expected the column .* by which the campaign is measured/,
  );
});

Deno.test("offers without a control group anywhere", async () => {
  const path = join(dir, "all_treated.csv");
  await Deno.writeTextFile(path, offersText(rows.map((r) => ({ ...r, control: false }))));
  const r = await campaign(["--offers", path, "--data", next, "--out", join(dir, "o4")]);
  assertDataProblem(r, path, /column «Группа»: expected some customers in the group «контроль»/);
});

Deno.test("bad cells of offers.csv are listed with line and column", async () => {
  const path = join(dir, "bad_cells.csv");
  const text = offersText(rows.slice(0, 4)).split("\r\n");
  text[2] = text[2]!.replace(/^\d+;[\d,]+/, "abc;1,5").replace(/;(предложение|контроль);/, ";может быть;");
  await Deno.writeTextFile(path, text.join("\r\n"));
  const r = await campaign(["--offers", path, "--data", next, "--out", join(dir, "o5")]);
  assert.equal(r.code, EXIT_DATA);
  assert.match(r.stderr, /^3 data problems:/);
  assert.match(r.stderr, /bad_cells\.csv:3, column «id покупателя»: found "abc", expected a customer id/);
  assert.match(
    r.stderr,
    /:3, column «Вероятность снижения активности»: found "1,5", expected a probability from 0 to 1/,
  );
  assert.match(r.stderr, /:3, column «Группа»: found "может быть", expected «предложение» or «контроль»/);
});

Deno.test("usage: --offers and --data are required (exit 2)", async () => {
  const r = await campaign(["--offers", offers]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--offers and --data are required\nUsage: deno task campaign/);
});

Deno.test({
  name: "(cleanup)",
  fn: () => Deno.remove(dir, { recursive: true }),
});
