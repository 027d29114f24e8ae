/**
 * The decisions on the store's real data (when ../shared is beside the
 * project): the segments command, then offers.csv and campaign_plan.json
 * checked against the raw market_file.csv.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ACTION_SEGMENTS } from "../../src/decisions/action_segments.ts";
import { OFFERS_CSV_GROUPS, OFFERS_CSV_HEADERS } from "../../src/segments/offers_csv.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REAL = fileURLToPath(new URL("../../../shared/data/one-click", import.meta.url));
const present = await Deno.stat(join(REAL, "market_file.csv")).then(() => true, () => false);

/** The raw consent per customer id, from market_file.csv (comma-separated, the store's export). */
async function consentById(): Promise<Map<string, string>> {
  const [head, ...lines] = (await Deno.readTextFile(join(REAL, "market_file.csv"))).replace(/^\uFEFF/, "")
    .split(/\r?\n/).filter((l) => l.trim() !== "");
  const col = head!.split(",").indexOf("Разрешить сообщать");
  assert.ok(col > 0, "market_file.csv has «Разрешить сообщать»");
  return new Map(lines.map((l) => {
    const cells = l.split(",");
    return [cells[0]!.trim(), cells[col]!.trim()];
  }));
}

Deno.test({
  name: "real data: one action segment each, no message without consent, both groups where measurable",
  ignore: !present,
  fn: async () => {
    const out = await Deno.makeTempDir();
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "src/cli/segments.ts"), "--data", REAL, "--out", out, "--workers", "2"],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    const [header, ...rows] = (await Deno.readTextFile(join(out, "offers.csv"))).replace(/^\uFEFF/, "")
      .trimEnd().split("\r\n");
    const names = header!.split(";");
    const appended = names.slice(-7);
    assert.deepEqual(appended, [
      OFFERS_CSV_HEADERS.actionSegmentName,
      OFFERS_CSV_HEADERS.actionSegment,
      OFFERS_CSV_HEADERS.channelName,
      OFFERS_CSV_HEADERS.channel,
      OFFERS_CSV_HEADERS.group,
      OFFERS_CSV_HEADERS.category,
      OFFERS_CSV_HEADERS.activity,
    ]);
    // The appended cells hold no separator, so each row's last seven fields are they.
    const parsed = rows.map((l) => {
      const f = l.split(";"), [, segment, , channel, group] = f.slice(-7);
      return { id: f[0]!, segment: segment!, channel: channel!, group: group! };
    });
    assert.equal(parsed.length, 1297);
    const segmentIds = new Set<string>(ACTION_SEGMENTS.map((s) => s.id));
    for (const p of parsed) assert.ok(segmentIds.has(p.segment), `${p.id}: ${p.segment}`);
    assert.equal(new Set(parsed.map((p) => p.id)).size, parsed.length, "one row (one segment) per customer");

    const consent = await consentById();
    const refused = parsed.filter((p) => consent.get(p.id) === "нет");
    assert.ok(refused.length > 300, `${refused.length} customers without consent`);
    for (const p of refused) assert.equal(p.channel, "site", `customer ${p.id} has no consent but gets ${p.channel}`);

    const plan = JSON.parse(await Deno.readTextFile(join(out, "campaign_plan.json")));
    const cost = plan.assumptions.costPerContact;
    for (const s of plan.segments) {
      const mine = parsed.filter((p) => p.segment === s.id);
      assert.equal(s.economics.customers, mine.length, s.id);
      const control = mine.filter((p) => p.group === OFFERS_CSV_GROUPS.control).length;
      assert.equal(s.economics.control, control, s.id);
      if (s.control.measurable) assert.ok(control > 0 && mine.length - control > 0, `${s.id}: both groups`);
      const spent = mine.filter((p) => p.group === OFFERS_CSV_GROUPS.offer).reduce((a, p) => a + cost[p.channel], 0);
      assert.ok(Math.abs(s.economics.cost - spent) < 1e-9, `${s.id}: cost ${s.economics.cost} vs ${spent}`);
    }
    await Deno.remove(out, { recursive: true });
  },
});
