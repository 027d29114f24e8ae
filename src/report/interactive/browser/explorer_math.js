// @ts-check
/**
 * The threshold explorer's arithmetic, in the browser: the prevention rule of
 * src/decisions/economics.ts (`thresholdCurve`) at one threshold, under an
 * assumed effect and costs per contact the reader may change. Money is
 * defined there; this is the same loop over the same rows in the same order,
 * and tests compare the two for many thresholds, effects and costs.
 *
 * @module
 */

/**
 * @typedef {object} ExplorerRows
 * @property {number[]} probability one per customer
 * @property {number[]} profitAtRisk probability × monthly profit × horizon
 * @property {number[]} prevention channel index of the prevention action; −1: activity already dropped
 * @property {number[]} [weight] customers a row stands for (a probability step's sums, when the page holds
 *   too many customers for a row each: then `profitAtRisk` is their sum); 1 each when absent
 */

/**
 * @typedef {object} Exploration
 * @property {number} threshold
 * @property {number} flagged every customer with probability ≥ threshold
 * @property {number} customers of them still at the previous level: whom prevention reaches
 * @property {number} cost Σ cost per contact of their prevention actions
 * @property {number} profitAtRisk Σ their profit at risk
 * @property {number} expectedSaved effect × profitAtRisk
 * @property {number} net expectedSaved − cost
 * @property {number | null} breakEvenEffect cost / profitAtRisk; null when nothing is at risk
 */

/**
 * Acting on every customer still at the previous level whose probability is at least `threshold`.
 * @param {ExplorerRows} rows
 * @param {number} threshold
 * @param {number} effect assumed relative reduction of drops
 * @param {readonly number[]} costs cost of one contact per channel index
 * @returns {Exploration}
 */
export function explore(rows, threshold, effect, costs) {
  const p = rows.probability, risk = rows.profitAtRisk, channel = rows.prevention, weight = rows.weight;
  let flagged = 0, customers = 0, cost = 0, atRisk = 0;
  for (let i = 0; i < p.length; i++) {
    if (/** @type {number} */ (p[i]) < threshold) continue;
    const w = weight ? /** @type {number} */ (weight[i]) : 1;
    flagged += w;
    const c = /** @type {number} */ (channel[i]);
    if (c < 0) continue;
    customers += w, cost += w * (costs[c] ?? 0), atRisk += /** @type {number} */ (risk[i]);
  }
  const expectedSaved = effect * atRisk;
  return {
    threshold,
    flagged,
    customers,
    cost,
    profitAtRisk: atRisk,
    expectedSaved,
    net: expectedSaved - cost,
    breakEvenEffect: atRisk > 0 ? cost / atRisk : null,
  };
}

/**
 * The expected-net-value curve at the thresholds 1/steps, 2/steps, …,
 * (steps − 1)/steps: {@linkcode explore} at each, in one pass over the
 * customers (each put in the bin of the highest threshold it reaches, then
 * sums from the top bin down), so that dragging the slider over 100 000
 * customers stays smooth. Sums may differ from `explore`'s in the last bits
 * (another order of addition).
 * @param {ExplorerRows} rows
 * @param {number} effect
 * @param {readonly number[]} costs
 * @param {number} steps
 * @returns {Exploration[]}
 */
export function exploreCurve(rows, effect, costs, steps) {
  const p = rows.probability, risk = rows.profitAtRisk, channel = rows.prevention, weight = rows.weight;
  const flagged = new Array(steps).fill(0), customers = new Array(steps).fill(0);
  const cost = new Array(steps).fill(0), atRisk = new Array(steps).fill(0);
  for (let i = 0; i < p.length; i++) {
    const x = /** @type {number} */ (p[i]);
    // The highest k with k / steps ≤ x, exactly as `explore` compares.
    let k = Math.min(steps - 1, Math.max(0, Math.floor(x * steps)));
    while (k + 1 < steps && (k + 1) / steps <= x) k++;
    while (k > 0 && k / steps > x) k--;
    if (k === 0) continue;
    const w = weight ? /** @type {number} */ (weight[i]) : 1;
    flagged[k] += w;
    const c = /** @type {number} */ (channel[i]);
    if (c < 0) continue;
    customers[k] += w, cost[k] += w * (costs[c] ?? 0), atRisk[k] += /** @type {number} */ (risk[i]);
  }
  /** @type {Exploration[]} */
  const out = [];
  let f = 0, n = 0, spent = 0, reached = 0;
  for (let k = steps - 1; k >= 1; k--) {
    f += flagged[k], n += customers[k], spent += cost[k], reached += atRisk[k];
    const expectedSaved = effect * reached;
    out.push({
      threshold: k / steps,
      flagged: f,
      customers: n,
      cost: spent,
      profitAtRisk: reached,
      expectedSaved,
      net: expectedSaved - spent,
      breakEvenEffect: reached > 0 ? spent / reached : null,
    });
  }
  return out.reverse();
}
