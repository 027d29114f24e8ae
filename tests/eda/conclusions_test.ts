import assert from "node:assert/strict";
import { edaConclusions } from "../../src/eda/conclusions.ts";
import { edaSummary } from "../../src/eda/eda_summary.ts";
import { ruAuto, ruNumber, ruPercent, ruShort } from "../../src/text/ru_format.ts";
import { edaFrame } from "./fixtures.ts";

Deno.test("conclusions name the features the data make different, and change with the data", () => {
  const a = edaConclusions(edaSummary(edaFrame(500, 5, { pages_per_visit: -2 })));
  const b = edaConclusions(edaSummary(edaFrame(500, 5, { minutes_current: 2 })));
  assert.notDeepEqual(a, b);
  const differ = (c: string[]) => c.find((s) => s.startsWith("Сильнее всего классы различаются"))!;
  assert.match(differ(a), /^Сильнее всего классы различаются по признакам «Страниц за визит» \(d = −\d,\d\d: .*ниже/);
  assert.match(
    differ(b),
    /^Сильнее всего классы различаются по признакам «Минут на сайте, текущий месяц» \(d = \d,\d\d/,
  );
  const target = (c: string[]) => c.find((s) => s.startsWith("Сильнее всего с признаком"))!;
  assert.match(target(a), /связаны «Страниц за визит» \(η = 0,\d\d\)/);
  assert.match(target(b), /связаны «Минут на сайте, текущий месяц» \(η = 0,\d\d\)/);
});

Deno.test("class balance is measured, and an imbalance is called one only when it is", () => {
  const c = edaConclusions(edaSummary(edaFrame(500, 6)));
  assert.equal(
    c[0],
    "Покупателей в данных: 500; «Снизилась» — 200 (40,0\u00a0%), «Прежний уровень» — 300 (60,0\u00a0%).",
  );
  const imbalanced = edaConclusions(edaSummary(edaFrame(500, 6)), { imbalance: 0.45 });
  assert.match(imbalanced[0]!, /Классы несбалансированы \(1 : 1,5\)/);
});

Deno.test("multicollinearity warnings follow VIF and pair associations against their limits", () => {
  const s = edaSummary(edaFrame(500, 7));
  const warn = edaConclusions(s);
  assert.ok(warn.some((x) => /^Мультиколлинеарность: VIF выше 5 у признаков .*«Выручка, текущий месяц»/.test(x)));
  assert.ok(
    warn.some((x) =>
      /^Сильно связаны \(выше 0,7\) пары «Выручка, предыдущий месяц» и «Выручка, текущий месяц» \(\|ρ\| = 0,\d\d\)/
        .test(x)
    ),
  );
  const calm = edaConclusions(s, { vifLimit: 1e9, associationLimit: 0.999 });
  assert.ok(
    calm.some((x) => /^Мультиколлинеарности среди числовых признаков нет: наибольший VIF — \d+,\d у «Выручка/.test(x)),
  );
  assert.ok(
    calm.some((x) =>
      /^Пар признаков со связью выше 0,999 нет; самая сильная — «Выручка, предыдущий месяц» и «Выручка, текущий месяц»/
        .test(x)
    ),
  );
});

Deno.test("period sentences carry the measured means of both classes", () => {
  const s = edaSummary(edaFrame(300, 8, { minutes_prev: -1, minutes_current: -2 }));
  const minutes = edaConclusions(s).find((x) => x.startsWith("Минут на сайте в среднем"))!;
  const [prev, cur] = s.periods.filter((p) => p.measure === "minutes");
  assert.ok(
    minutes.includes(`«Снизилась» ${ruAuto(prev!.byClass.dropped.mean)} → ${ruAuto(cur!.byClass.dropped.mean)}`),
  );
  assert.ok(
    minutes.includes(`«Прежний уровень» ${ruAuto(prev!.byClass.same.mean)} → ${ruAuto(cur!.byClass.same.mean)}`),
  );
  assert.match(minutes, /за текущий месяц у «Снизилась» на \d+,\d\s% меньше\.$/);
});

Deno.test("Russian number formats: comma, grouping from five digits, true minus, no −0", () => {
  assert.equal(ruNumber(-12345.678, 1), "−12\u00a0345,7");
  assert.equal(ruNumber(4950, 0), "4950");
  assert.equal(ruNumber(-0.0001, 2), "0,00");
  assert.equal(ruNumber(NaN, 2), "—");
  assert.equal(ruPercent(0.3817), "38,2\u00a0%");
  assert.equal(ruAuto(0.123456), "0,123");
  assert.equal(ruAuto(15), "15,0");
  assert.equal(ruShort(0.5), "0,5");
  assert.equal(ruShort(12000), "12\u00a0000");
});
