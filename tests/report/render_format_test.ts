/** Russian number formatting of the report. */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ruCount,
  ruDate,
  ruDateTime,
  ruInt,
  ruInterval,
  ruNumber,
  ruPercent,
  ruPlural,
} from "../../src/report/format.ts";

const G = "\u202F", NB = "\u00A0";

Deno.test("ruNumber: decimal comma, groups from five digits, a real minus, never −0", () => {
  assert.equal(ruNumber(1297), "1297");
  assert.equal(ruNumber(12345.678, 2), `12${G}345,68`);
  assert.equal(ruNumber(-1234567.5, 1), `\u22121${G}234${G}567,5`);
  assert.equal(ruNumber(-0.0001, 2), "0,00");
  assert.equal(ruNumber(0.5, 3), "0,500");
  assert.equal(ruInt(1296.6), "1297");
  assert.throws(() => ruNumber(NaN), /Cannot format the number "NaN"/);
});

Deno.test("ruNumber: reads back as the rounded number", () => {
  fc.assert(
    fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
      const s = ruNumber(x, d);
      assert.match(s, /^\u2212?\d{1,3}(\u202F\d{3})*(,\d+)?$|^\u2212?\d{4}(,\d+)?$/);
      const back = Number(s.replaceAll(G, "").replace("\u2212", "-").replace(",", "."));
      assert.ok(Math.abs(back - x) <= 0.5 * 10 ** -d + 1e-6 * Math.abs(x), `${x} → ${s}`);
    }),
  );
});

Deno.test("ruPercent, ruInterval", () => {
  assert.equal(ruPercent(0.38165), `38,2${NB}%`);
  assert.equal(ruPercent(1, 0), `100${NB}%`);
  assert.equal(ruInterval([0.8914, 0.93]), "[0,891; 0,930]");
});

Deno.test("ruPlural and ruCount: one, few, many", () => {
  const forms = ["покупатель", "покупателя", "покупателей"] as const;
  const cases: [number, string][] = [
    [1, "покупатель"],
    [2, "покупателя"],
    [5, "покупателей"],
    [11, "покупателей"],
    [12, "покупателей"],
    [21, "покупатель"],
    [22, "покупателя"],
    [111, "покупателей"],
    [1297, "покупателей"],
    [0, "покупателей"],
  ];
  for (const [n, word] of cases) assert.equal(ruPlural(n, forms), word, String(n));
  assert.equal(ruCount(440, forms), `440${NB}покупателей`);
});

Deno.test("ruDate and ruDateTime: Russian month names in the given offset", () => {
  const d = new Date(Date.UTC(2025, 11, 31, 22, 30));
  assert.equal(ruDate(d, 0), `31${NB}декабря 2025${NB}г.`);
  assert.equal(ruDate(d, 180), `1${NB}января 2026${NB}г.`);
  assert.equal(ruDateTime(d, 180), `1${NB}января 2026${NB}г., 01:30`);
});
