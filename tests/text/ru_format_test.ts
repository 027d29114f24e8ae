/** Russian formatting of every text the project shows (src/text/ru_format.ts). */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ruAuto,
  ruCount,
  ruDate,
  ruDateTime,
  ruDecimals,
  ruInt,
  ruInterval,
  ruNumber,
  ruP,
  ruPercent,
  ruPlural,
  ruScore,
  ruShort,
} from "../../src/text/ru_format.ts";

const NB = "\u00A0", MINUS = "\u2212";

Deno.test("ruNumber: decimal comma, groups of three from five digits, a real minus, never −0", () => {
  assert.equal(ruNumber(1297), "1297");
  assert.equal(ruNumber(12345.678, 2), `12${NB}345,68`);
  assert.equal(ruNumber(-1234567.5, 1), `${MINUS}1${NB}234${NB}567,5`);
  assert.equal(ruNumber(-4950), `${MINUS}4950`);
  assert.equal(ruNumber(-0.0001, 2), "0,00");
  assert.equal(ruNumber(-0), "0");
  assert.equal(ruNumber(0.5, 3), "0,500");
  assert.equal(ruInt(1296.6), "1297");
  assert.equal(ruScore(0.917995), "0,918");
  // Half away from zero on the shortest decimal form: 1.005 is written "1.005", so it reads «1,01».
  assert.equal(ruNumber(1.005, 2), "1,01");
  assert.equal(ruNumber(-2.5), `${MINUS}3`);
});

Deno.test("a value that does not exist reads «—»; a value that is not a number is a bug", () => {
  for (const x of [NaN, Infinity, -Infinity]) {
    assert.equal(ruNumber(x, 2), "—");
    assert.equal(ruPercent(x), "—");
    assert.equal(ruAuto(x), "—");
    assert.equal(ruP(x), "—");
  }
  assert.throws(() => ruNumber(null as unknown as number), /Cannot format "null" as a number/);
  assert.throws(() => ruPercent(undefined as unknown as number), /Cannot format "undefined" as a number/);
});

Deno.test("ruNumber reads back as the rounded number, with one separator and one minus sign", () => {
  fc.assert(
    fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
      const s = ruNumber(x, d);
      assert.match(s, /^\u2212?\d{1,3}(\u00A0\d{3})*(,\d+)?$|^\u2212?\d{4}(,\d+)?$/);
      const back = Number(s.replaceAll(NB, "").replace(MINUS, "-").replace(",", "."));
      assert.ok(Math.abs(back - x) <= 0.5 * 10 ** -d + 1e-6 * Math.abs(x), `${x} → ${s}`);
    }),
    { seed: 9, numRuns: 500 },
  );
});

Deno.test("every number function writes the same separator and minus sign", () => {
  fc.assert(
    fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), (x) => {
      const texts = [ruNumber(x, 2), ruInt(x), ruShort(x), ruAuto(x), ruPercent(x / 100), ruDecimals(x, 3, 1)];
      for (const t of texts) {
        assert.ok(!/[-\u202F ]/.test(t.replace(`${NB}%`, "")), `${x} → ${JSON.stringify(t)}`);
        assert.equal(t.startsWith(MINUS), !/^\u2212?[0,]+(\u00A0%)?$/.test(t) && x < 0, `${x} → ${t}`);
      }
    }),
    { seed: 11, numRuns: 300 },
  );
});

Deno.test("ruShort, ruAuto and ruDecimals: as many decimals as the number needs", () => {
  assert.equal(ruShort(0.5), "0,5");
  assert.equal(ruShort(0.7), "0,7");
  assert.equal(ruShort(12000), `12${NB}000`);
  assert.equal(ruShort(-0.25, 1), `${MINUS}0,3`);
  assert.equal(ruAuto(0.123456), "0,123");
  assert.equal(ruAuto(5234.5), "5235");
  assert.equal(ruAuto(15), "15,0");
  assert.equal(ruAuto(-1.5), `${MINUS}1,50`);
  assert.equal(ruDecimals(0.1, 20, 0), "0,1");
});

Deno.test("ruPercent, ruInterval, ruP", () => {
  assert.equal(ruPercent(0.38165), `38,2${NB}%`);
  assert.equal(ruPercent(1, 0), `100${NB}%`);
  assert.equal(ruPercent(-0.05, 0), `${MINUS}5${NB}%`);
  assert.equal(ruPercent(123.456, 0), `12${NB}346${NB}%`);
  assert.equal(ruInterval([0.8914, 0.93]), "[0,891; 0,930]");
  assert.equal(ruP(0.0123), "0,012");
  assert.equal(ruP(0.001), "0,001");
  assert.equal(ruP(3.2e-7), "3,2·10⁻⁷");
  assert.equal(ruP(3e-7), "3,0·10⁻⁷");
  assert.equal(ruP(9.96e-5), "1,0·10⁻⁴");
  assert.equal(ruP(2e-300), "2,0·10⁻³⁰⁰");
  assert.equal(ruP(0), "< 10⁻³⁰⁰");
});

Deno.test("ruPlural and ruCount: one, few, many (Intl.PluralRules)", () => {
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
    [1.5, "покупателя"],
  ];
  for (const [n, word] of cases) assert.equal(ruPlural(n, forms), word, String(n));
  assert.equal(ruCount(440, forms), `440${NB}покупателей`);
  assert.equal(ruCount(1297, forms), `1297${NB}покупателей`);
  assert.equal(ruCount(20.6, forms), `21${NB}покупатель`);
  assert.equal(ruCount(12345, forms), `12${NB}345${NB}покупателей`);
});

Deno.test("ruDate and ruDateTime: Russian month names in the given offset", () => {
  const d = new Date(Date.UTC(2025, 11, 31, 22, 30));
  assert.equal(ruDate(d, 0), `31${NB}декабря 2025${NB}г.`);
  assert.equal(ruDate(d, 180), `1${NB}января 2026${NB}г.`);
  assert.equal(ruDateTime(d, 180), `1${NB}января 2026${NB}г., 01:30`);
  assert.equal(ruDateTime(d, -330), `31${NB}декабря 2025${NB}г., 17:00`);
  assert.equal(ruDateTime(new Date(Date.UTC(2025, 10, 22, 9, 5)), 0), `22${NB}ноября 2025${NB}г., 09:05`);
});
