import assert from "node:assert/strict";
import { newcombeInterval, wilsonInterval } from "../../src/followup/proportion_interval.ts";
import { moments, welchInterval } from "../../src/followup/mean_interval.ts";
import { normalUpper, studentUpper } from "../../src/followup/student_t.ts";

const Z = 1.959963984540054;
const near = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

Deno.test("Newcombe's hybrid score interval matches Newcombe (1998), Table II, method 10", () => {
  // x1/n1 − x2/n2 and the published 95 % limits (four decimals).
  const table: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.8090],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
    [10, 10, 0, 10, 0.6075, 1.0],
  ];
  for (const [x1, n1, x2, n2, low, high] of table) {
    const i = newcombeInterval(x1, n1, x2, n2, Z);
    near(i.low, low, 5e-5, `${x1}/${n1} − ${x2}/${n2} low`);
    near(i.high, high, 5e-5, `${x1}/${n1} − ${x2}/${n2} high`);
  }
});

Deno.test("Wilson's interval matches Newcombe (1998b), Table I (81/263, 15/148, 0/20)", () => {
  for (const [x, n, low, high] of [[81, 263, 0.2553, 0.3662], [15, 148, 0.0624, 0.1605], [0, 20, 0, 0.1611]]) {
    const i = wilsonInterval(x!, n!, Z);
    near(i.low, low!, 5e-5, `${x}/${n} low`);
    near(i.high, high!, 5e-5, `${x}/${n} high`);
  }
});

Deno.test("the quantiles match tables: z 0.975, t 0.975 with 1, 10 and 30 df", () => {
  near(normalUpper(0.025), 1.959963984540054, 1e-10, "z");
  near(studentUpper(0.025, 1), 12.706204736174707, 1e-8, "t1");
  near(studentUpper(0.025, 10), 2.228138851986274, 1e-10, "t10");
  near(studentUpper(0.025, 30), 2.042272456301238, 1e-10, "t30");
});

Deno.test("Welch's interval matches R's t.test(c(1,2,3,4), c(2,4,6,8)): df 4.4118, [−6.3642, 1.3642]", () => {
  const i = welchInterval(moments([1, 2, 3, 4]), moments([2, 4, 6, 8]), 0.025)!;
  near(i.df, 4.411765, 1e-6, "df");
  near(i.low, -6.364167, 1e-6, "low");
  near(i.high, 1.364167, 1e-6, "high");
  assert.equal(welchInterval(moments([1]), moments([2, 3]), 0.025), null, "one value: no interval");
  assert.equal(welchInterval(moments([1, 1]), moments([2, 2]), 0.025), null, "no spread: no interval");
});
