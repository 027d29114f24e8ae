import assert from "node:assert/strict";
import { assignAction, type AssignmentContext } from "../../src/decisions/assignment.ts";
import { buildDecisions } from "../../src/decisions/build_decisions.ts";
import { CHANNELS } from "../../src/decisions/channels.ts";
import { buildSegments } from "../../src/segments/build_segments.ts";
import { LEVERS } from "../../src/segments/levers.ts";
import { reason } from "../segments/fixtures.ts";
import { DEFAULT_CONFIG, labelledInput, syntheticRows } from "./fixtures.ts";

const base: AssignmentContext = {
  segment: "prevent",
  reasons: [],
  consent: true,
  unpaidItems: 3,
  serviceErrors: 4,
  expectedSaved: 1,
  callCost: 0.5,
};
const unpaid = reason("unpaid_items_quarter", "Неоплаченные товары за квартал", 0.2);
const pages = reason("pages_per_visit", "Страниц за визит", 0.1);

Deno.test("the catalogue: names, what the customer receives, channel and consent", () => {
  for (const [key, l] of Object.entries(LEVERS)) {
    assert.equal(l.id, key);
    assert.ok(l.channel in CHANNELS, key);
    assert.equal(l.needsConsent, CHANNELS[l.channel].message, key);
    if (l.needsConsent) {
      assert.ok(l.siteAlternative, `${key} needs an on-site alternative`);
      assert.equal(LEVERS[l.siteAlternative].channel, "site", key);
    }
  }
});

Deno.test("prevention follows the customer's reasons and values; without consent the site replaces a message", () => {
  assert.equal(assignAction({ ...base, reasons: [unpaid, pages] }).lever, "cart_reminder");
  assert.equal(assignAction({ ...base, reasons: [unpaid, pages], unpaidItems: 0 }).lever, "personal_content");
  const noConsent = assignAction({ ...base, reasons: [unpaid], consent: false });
  assert.deepEqual(noConsent, { lever: "site_cart", reasonFeature: "unpaid_items_quarter", consentFallback: true });
  // A reason that lowers the risk is not a lever; the segment's default decides.
  const down = reason("service_errors", "Ошибки сервиса", -0.3);
  assert.equal(assignAction({ ...base, reasons: [down] }).lever, "category_offer");
  assert.equal(assignAction({ ...base, segment: "prevent_valuable", reasons: [down] }).lever, "personal_discount");
});

Deno.test("win-back takes only concrete problems from the reasons; a call only where it pays", () => {
  assert.equal(assignAction({ ...base, segment: "win_back", reasons: [pages] }).lever, "reactivation");
  assert.equal(assignAction({ ...base, segment: "win_back", reasons: [pages, unpaid] }).lever, "cart_reminder");
  assert.equal(assignAction({ ...base, segment: "win_back_valuable", expectedSaved: 0.6 }).lever, "manager_call");
  assert.equal(assignAction({ ...base, segment: "win_back_valuable", expectedSaved: 0.4 }).lever, "personal_discount");
  assert.equal(assignAction({ ...base, segment: "win_back_valuable", consent: false }).lever, "site_bonus");
  assert.equal(assignAction({ ...base, segment: "maintain", reasons: [unpaid] }).lever, "none");
});

Deno.test("synthetic data: no message channel for a customer without consent", () => {
  const input = labelledInput(syntheticRows(400, 12), 0.45);
  const d = buildDecisions(input, buildSegments(input), DEFAULT_CONFIG);
  const without = d.offers.filter((o) => !o.consent);
  assert.ok(without.length > 50, "the fixture has customers without consent");
  for (const o of without) assert.equal(o.channel, "site", `${o.id}: ${o.action}`);
  assert.ok(without.some((o) => o.consentFallback), "some were moved to the site");
  assert.ok(d.offers.some((o) => o.consent && CHANNELS[o.channel].message), "customers with consent get messages");
  for (const o of d.offers) {
    assert.equal(o.channelName, CHANNELS[o.channel].name);
    assert.equal(o.actionName, LEVERS[o.action].name);
    assert.equal(o.actionSegment === "maintain", o.action === "none", o.id);
  }
});
