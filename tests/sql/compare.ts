/** Scores from the engine against `oneclick score`'s, customer by customer. */
import assert from "node:assert/strict";
import type { ModelArtifact } from "../../src/artifacts/model.ts";
import type { ScoredCustomer } from "../../src/scoring/score_export.ts";
import type { SqlScore } from "../../src/sql/engine.ts";

/** How far the engine's probability may be from score's. */
export const TOLERANCE = 1e-9;

/**
 * Asserts the same customers in the same order with the same status, profit,
 * flag, action segment, and probability and profit at risk within
 * {@linkcode TOLERANCE} (profit at risk relative to the profit it
 * multiplies). Returns the largest probability difference. `label`: the
 * query was exported (and run) with the label, so its action segment must be
 * score's; without, it must be NULL for everyone.
 */
export function assertSameScores(
  model: ModelArtifact,
  want: readonly ScoredCustomer[],
  got: readonly SqlScore[],
  what: string,
  label = false,
): number {
  assert.equal(got.length, want.length, `${what}: customers`);
  let largest = 0;
  want.forEach((w, i) => {
    const g = got[i]!, at = `${what}, customer ${w.id}`;
    if (!label) assert.equal(g.actionSegment, null, `${at}: no label read, no action segment`);
    const segment = label ? w.actionSegment : null;
    assert.equal(g.id, w.id, at);
    assert.equal(g.status, w.status, at);
    assert.equal(g.profit, w.profit, at);
    if (w.probability === null) {
      assert.deepEqual([g.probability, g.flagged, g.profitAtRisk, g.actionSegment], [null, null, null, null], at);
      return;
    }
    assert.ok(g.probability !== null, at);
    const diff = Math.abs(g.probability - w.probability);
    largest = Math.max(largest, diff);
    assert.ok(diff <= TOLERANCE, `${at}: probability ${g.probability} vs ${w.probability}`);
    // A flag (and so prevent or maintain) may differ only for a probability within the tolerance of the threshold.
    if (Math.abs(w.probability - model.threshold) > TOLERANCE) {
      assert.equal(g.flagged, w.flagged, at);
      assert.equal(g.actionSegment, segment, `${at}: action segment`);
    } else assert.equal(g.actionSegment === null, segment === null, `${at}: action segment`);
    const scale = Math.max(1, Math.abs((w.profit ?? 0) * model.config.horizonMonths));
    assert.ok(Math.abs(g.profitAtRisk! - w.profitAtRisk!) <= TOLERANCE * scale, `${at}: profit at risk`);
  });
  return largest;
}
