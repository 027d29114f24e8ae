import assert from "node:assert/strict";
import fc from "fast-check";
import { orderBy } from "../../src/stats/order.ts";

/** What orderBy replaces: a stable comparator sort of the row indices. */
function comparatorOrder(key: number[], direction: "ascending" | "descending", tie: (a: number, b: number) => number) {
  const sign = direction === "ascending" ? 1 : -1;
  return Array.from(key, (_, i) => i).sort((a, b) => sign * (key[a]! - key[b]!) || tie(a, b));
}

Deno.test("orderBy gives a stable comparator sort's order: ties, -0 and 0, equal tie keys (property)", () => {
  const keys = fc.array(fc.constantFrom(-2, -0, 0, 0.5, 1, 1e300, Infinity), { maxLength: 40 });
  const tieKeys = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 40, maxLength: 40 });
  fc.assert(
    fc.property(keys, tieKeys, fc.constantFrom("ascending" as const, "descending" as const), (key, t, direction) => {
      const tie = (a: number, b: number) => t[a]! - t[b]!; // equal tie keys: input order stays
      assert.deepEqual(Array.from(orderBy(key, direction, tie)), comparatorOrder(key, direction, tie));
    }),
    { seed: 14, numRuns: 500 },
  );
});

Deno.test("orderBy asks the comparator only about equal keys, and refuses NaN", () => {
  const asked: [number, number][] = [];
  const order = orderBy([3, 1, 3, 2], "descending", (a, b) => (asked.push([a, b]), b - a));
  assert.deepEqual(Array.from(order), [2, 0, 3, 1]);
  assert.ok(asked.length > 0 && asked.every(([a, b]) => [0, 2].includes(a) && [0, 2].includes(b)));
  assert.deepEqual(Array.from(orderBy([], "ascending", () => 0)), []);
  assert.throws(() => orderBy([1, NaN], "ascending", () => 0), /key of row 1 is NaN/);
});
