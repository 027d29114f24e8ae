import assert from "node:assert/strict";
import fc from "fast-check";
import { DataError } from "../../src/data/errors.ts";
import {
  MINUTES_PERIODS,
  MISSPELLINGS,
  REVENUE_PERIODS,
  TABLE_NAMES,
  type TableName,
  TABLES,
} from "../../src/data/schema.ts";
import {
  type ExportVariant,
  FIRST_ID,
  OUTLIER_REVENUE,
  RAW_SPELLING,
  synthesizeTables,
  writeSynthetic,
} from "../../src/data/synth.ts";
import { synthArgs } from "../../src/cli/synth.ts";

type Tables = Record<TableName, string>;
/** Parsed file: header and rows of cells, quotes removed, decimal commas turned into dots. */
interface Frame {
  header: string[];
  rows: string[][];
}

const MONEY_COLUMN = TABLES.money.columns.length - 1;

/** Splits a file by simple string splitting (the real loader lives elsewhere). */
function parse(text: string, sep: string, dec: string): Frame {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  assert.equal(lines.pop(), "", "file ends with a line end");
  const cells = (line: string) => {
    const out: string[] = [];
    // A quoted "4,16" splits into `"4` and `16"`: glue them back.
    for (const piece of line.split(sep)) {
      const last = out.length - 1;
      if (last >= 0 && out[last]!.startsWith('"') && !out[last]!.endsWith('"')) out[last] += sep + piece;
      else out.push(piece);
    }
    return out.map((c) => c.replace(/^"(.*)"$/, "$1")).map((c) =>
      /^\d+[.,]?\d*$/.test(c) ? String(Number(c.replace(dec, "."))) : c
    );
  };
  const [header, ...rows] = lines.map(cells);
  return { header: header!, rows };
}

/** Parses the four files of the default export. */
function frames(t: Tables): Record<TableName, Frame> {
  return {
    market_file: parse(t.market_file, ",", "."),
    market_money: parse(t.market_money, ",", "."),
    market_time: parse(t.market_time, ",", "."),
    money: parse(t.money, ";", ","),
  };
}

/** Rows of a table grouped by id, the id dropped. */
function byId(f: Frame): Map<number, string[][]> {
  const m = new Map<number, string[][]>();
  for (const [id, ...rest] of f.rows) {
    const k = Number(id);
    m.set(k, [...(m.get(k) ?? []), rest]);
  }
  return m;
}

/** Revenue per id and period. */
function revenue(f: Frame): Map<number, Record<string, number>> {
  const m = new Map<number, Record<string, number>>();
  for (const [id, period, value] of f.rows) {
    const r = m.get(Number(id)) ?? {};
    r[period!] = Number(value);
    m.set(Number(id), r);
  }
  return m;
}

/** Rank AUC of a score for a 0/1 label. */
function auc(score: number[], label: boolean[]): number {
  let wins = 0, pos = 0, neg = 0;
  const idx = score.map((_, i) => i).sort((a, b) => score[a]! - score[b]!);
  const rank = new Map<number, number>();
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && score[idx[j]!] === score[idx[i]!]) j++;
    for (let k = i; k < j; k++) rank.set(idx[k]!, (i + j + 1) / 2);
    i = j;
  }
  label.forEach((y, i) => y ? (pos++, wins += rank.get(i)!) : neg++);
  return (wins - pos * (pos + 1) / 2) / (pos * neg);
}

const small = synthesizeTables({ customers: 2000, seed: 7 });
const smallFrames = frames(small);

Deno.test("same seed gives the same bytes, another seed different ones", () => {
  assert.deepEqual(synthesizeTables({ customers: 300, seed: 5 }), synthesizeTables({ customers: 300, seed: 5 }));
  const other = synthesizeTables({ customers: 300, seed: 6 });
  const base = synthesizeTables({ customers: 300, seed: 5 });
  for (const t of TABLE_NAMES) assert.notEqual(other[t], base[t], t);
});

Deno.test("writeSynthetic writes the same bytes as synthesizeTables, across several chunks", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // 40 000 customers make market_money ~5.5 MB: more than one 4 MB chunk.
    const options = { customers: 40_000, seed: 3, variant: { bom: true } };
    const s = await writeSynthetic(`${dir}/a`, options);
    await writeSynthetic(`${dir}/b`, options);
    const text = synthesizeTables(options);
    for (const t of TABLE_NAMES) {
      const a = await Deno.readFile(`${dir}/a/${TABLES[t].file}`);
      assert.deepEqual(a, await Deno.readFile(`${dir}/b/${TABLES[t].file}`), t);
      assert.deepEqual(a, new TextEncoder().encode(text[t]), t);
    }
    assert.equal(s.dir, `${dir}/a`);
    assert.equal(s.customers, 40_000);
    assert.equal(s.seed, 3);
    const dropped = text.market_file.split("\r\n").filter((l) => l.includes(",Снизилась,")).length;
    assert.equal(s.dropped, dropped);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("headers, row counts and consecutive ids", () => {
  const n = 2000;
  for (const t of TABLE_NAMES) {
    const f = smallFrames[t];
    assert.deepEqual(f.header, TABLES[t].columns.map((c) => c.header), t);
    const perCustomer = { market_file: 1, market_money: 3, market_time: 2, money: 1 }[t];
    assert.equal(f.rows.length, perCustomer * n, t);
    const ids = [...new Set(f.rows.map((r) => Number(r[0])))];
    assert.deepEqual(ids, Array.from({ length: n }, (_, i) => FIRST_ID + i), t);
  }
  for (const rows of byId(smallFrames.market_money).values()) {
    assert.deepEqual(rows.map((r) => r[0]).sort(), [...REVENUE_PERIODS].sort());
  }
  const minutes = MINUTES_PERIODS.map((p) => p === "предыдущий_месяц" ? RAW_SPELLING.previousMonth : p);
  for (const rows of byId(smallFrames.market_time).values()) {
    assert.deepEqual(rows.map((r) => r[0]).sort(), [...minutes].sort());
  }
});

Deno.test("period order within a customer varies, like the real export", () => {
  const orders = new Set([...byId(smallFrames.market_money).values()].map((rows) => rows.map((r) => r[0]).join()));
  assert.equal(orders.size, 6);
  const firsts = new Set([...byId(smallFrames.market_time).values()].map((rows) => rows[0]![0]));
  assert.equal(firsts.size, 2);
});

Deno.test("default format mimics the real files", () => {
  assert.ok(!small.market_file.startsWith("\uFEFF"));
  assert.equal(small.market_file.split("\r\n").length, 2002, "market_file: every line ends with CRLF");
  for (const t of ["market_money", "market_time", "money"] as const) assert.ok(!small[t].includes("\r"), t);
  assert.ok(small.money.startsWith("id;Прибыль\n"));
  assert.match(small.money, /^\d+;\d+,\d\d?$/m, "decimal comma");
  assert.ok(!small.money.includes("."));
  assert.match(small.market_money, /,0\.0\n/, "zero revenue written as 0.0");
  assert.match(small.market_money, /^\d+,[а-я_]+,\d+\.\d\n/m, "revenue with one decimal");
  assert.ok(!/\d\.\d\d/.test(small.market_money), "never two decimals in revenue");
});

Deno.test("raw spellings are the store's misspellings of schema values", () => {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  assert.equal(MISSPELLINGS[norm(RAW_SPELLING.standard)], "стандарт");
  assert.equal(MISSPELLINGS[norm(RAW_SPELLING.previousMonth)], "предыдущий_месяц");
  assert.equal(MISSPELLINGS[norm(RAW_SPELLING.cosmetics)], "Косметика и аксессуары");
});

Deno.test("quirks: misspellings present, canonical forms absent where the store never uses them", () => {
  const service = smallFrames.market_file.rows.map((r) => r[2]!);
  const misspelt = service.filter((s) => s === "стандартт").length;
  assert.ok(misspelt >= 10 && misspelt <= 25, `стандартт ×${misspelt}`);
  const premium = service.filter((s) => s === "премиум").length / service.length;
  assert.ok(premium > 0.22 && premium < 0.36, `премиум share ${premium}`);
  assert.ok(small.market_time.includes(",предыдцщий_месяц,"));
  assert.ok(!small.market_time.includes("предыдущий"));
  assert.ok(small.market_file.includes(",Косметика и аксесуары,"));
  assert.ok(!small.market_file.includes("аксессуары"));
});

Deno.test("one outlier, inactive customers with consistent zeros, duplicates identical except id", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const s = await writeSynthetic(dir, { customers: 2000, seed: 7 });
    const f = frames(small); // same options, so the same files
    const rev = revenue(f.market_money);
    const big = f.market_money.rows.filter((r) => Number(r[2]) >= 8000);
    assert.deepEqual(big, [[String(s.outlier.id), "текущий_месяц", String(OUTLIER_REVENUE)]]);
    assert.deepEqual(s.outlier, { id: s.outlier.id, period: "текущий_месяц", value: 106862.2 });

    assert.ok(s.inactiveIds.length >= 1);
    const zeros = [...rev].filter(([, r]) => Object.values(r).includes(0)).map(([id]) => id);
    assert.deepEqual(zeros, s.inactiveIds);
    for (const id of s.inactiveIds) {
      const r = rev.get(id)!;
      assert.equal(r["препредыдущий_месяц"], 0, `${id}: the oldest month is zero`);
      assert.ok(r["текущий_месяц"]! > 0, `${id}: active now`);
    }
    for (const r of rev.values()) {
      for (const v of Object.values(r)) assert.ok(v === 0 || v === OUTLIER_REVENUE || (v >= 2700 && v < 8000), `${v}`);
    }

    assert.ok(s.duplicateIds.length >= 2);
    for (const t of TABLE_NAMES) {
      const rows = byId(f[t]);
      for (const group of s.duplicateIds) {
        const [first, ...rest] = group.map((id) => rows.get(id));
        for (const r of rest) assert.deepEqual(r, first, `${t} ${group}`);
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("export variants change the format only", () => {
  const variants: [ExportVariant, string, string][] = [
    [{ separator: ";", decimal: "," }, ";", ","],
    [{ separator: ",", decimal: "." }, ",", "."],
    [{ separator: ",", decimal: "," }, ",", ","],
    [{ separator: ";", decimal: ".", lineEnding: "\r\n", bom: true, integerZero: true }, ";", "."],
    [{ separator: ",", decimal: ".", lineEnding: "\n", integerZero: true }, ",", "."],
  ];
  const base = synthesizeTables({ customers: 200, seed: 11 });
  const expected = frames(base);
  for (const [variant, sep, dec] of variants) {
    const t = synthesizeTables({ customers: 200, seed: 11, variant });
    for (const name of TABLE_NAMES) {
      assert.deepEqual(parse(t[name], sep, dec), expected[name], `${JSON.stringify(variant)} ${name}`);
      assert.equal(t[name].startsWith("\uFEFF"), variant.bom === true);
      if (variant.lineEnding === "\r\n") assert.ok(!/[^\r]\n/.test(t[name]), "CRLF everywhere");
      if (variant.lineEnding === "\n") assert.ok(!t[name].includes("\r"), "LF everywhere");
    }
    if (variant.integerZero) {
      assert.match(t.market_money, new RegExp(`${sep}0\\r?\\n`));
      assert.doesNotMatch(t.market_money, new RegExp(`${sep}0[.,]0\\r?\\n`));
    }
  }
  // `,` as both separator and decimal mark quotes the fractional numbers.
  const quoted = synthesizeTables({ customers: 50, seed: 11, variant: { separator: ",", decimal: "," } });
  assert.match(quoted.money, /^\d+,"\d+,\d\d?"$/m);
  assert.match(quoted.market_money, /,"\d+,\d"\n/);
});

Deno.test("class balance and a learnable link from features to the target", () => {
  const f = frames(synthesizeTables({ customers: 20_000, seed: 1 })).market_file;
  const col = (header: string) => TABLES.market_file.columns.findIndex((c) => c.header === header);
  const y = f.rows.map((r) => r[col("Покупательская активность")] === "Снизилась");
  const share = y.filter(Boolean).length / y.length;
  assert.ok(share > 0.35 && share < 0.42, `share of «Снизилась» ${share}`);
  const feature = (h: string) => f.rows.map((r) => Number(r[col(h)]));
  // Lower for «Снизилась»: marketing, pages; higher: promo share, unpaid items.
  assert.ok(auc(feature("Маркет_актив_6_мес"), y) < 0.32);
  assert.ok(auc(feature("Страниц_за_визит"), y) < 0.25);
  assert.ok(auc(feature("Акционные_покупки"), y) > 0.68);
  assert.ok(auc(feature("Неоплаченные_продукты_штук_квартал"), y) > 0.65);
  // A crude sum of standardised signs already separates the classes well.
  const std = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b) / xs.length;
    const s = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    return xs.map((x) => (x - m) / s);
  };
  const parts = [
    std(feature("Маркет_актив_6_мес")).map((v) => -v),
    std(feature("Страниц_за_визит")).map((v) => -v),
    std(feature("Средний_просмотр_категорий_за_визит")).map((v) => -v),
    std(feature("Акционные_покупки")),
    std(feature("Неоплаченные_продукты_штук_квартал")),
  ];
  const score = y.map((_, i) => parts.reduce((a, p) => a + p[i]!, 0));
  assert.ok(auc(score, y) > 0.8, `AUC ${auc(score, y)}`);
});

Deno.test("property: any seed and size keep counts, ranges and quirk counts", () => {
  const ranges: Record<string, [number, number]> = {
    "Маркет_актив_6_мес": [0.9, 6.6],
    "Маркет_актив_тек_мес": [3, 5],
    "Длительность": [110, 1079],
    "Акционные_покупки": [0, 0.99],
    "Средний_просмотр_категорий_за_визит": [1, 6],
    "Неоплаченные_продукты_штук_квартал": [0, 10],
    "Ошибка_сервиса": [0, 9],
    "Страниц_за_визит": [1, 20],
  };
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (n, seed) => {
      const f = frames(synthesizeTables({ customers: n, seed }));
      assert.equal(f.market_file.rows.length, n);
      for (const [h, [lo, hi]] of Object.entries(ranges)) {
        const j = f.market_file.header.indexOf(h);
        for (const r of f.market_file.rows) assert.ok(Number(r[j]) >= lo && Number(r[j]) <= hi, `${h}=${r[j]}`);
      }
      for (const r of f.market_time.rows) assert.ok(Number(r[2]) >= 4 && Number(r[2]) <= 23);
      for (const r of f.money.rows) assert.ok(Number(r[MONEY_COLUMN]) >= 0.86 && Number(r[MONEY_COLUMN]) <= 7.43);
      const rev = [...revenue(f.market_money).values()].flatMap((r) => Object.values(r));
      assert.equal(rev.filter((v) => v > 8000).length, 1, "exactly one outlier");
      const inactive = [...revenue(f.market_money).values()].filter((r) => Object.values(r).includes(0)).length;
      assert.ok(n < 20 ? inactive === 0 : inactive >= 1);
    }),
    { numRuns: 25, seed: 42 },
  );
});

Deno.test("bad options are a DataError naming the value", () => {
  const bad = [
    { customers: 0 },
    { customers: 1.5 },
    { customers: 5_000_001 },
    { customers: 10, seed: 0.5 },
    { customers: 10, variant: { separator: "\t" } as unknown as ExportVariant },
    { customers: 10, variant: { quote: true } as unknown as ExportVariant },
  ];
  for (const options of bad) assert.throws(() => synthesizeTables(options), DataError, JSON.stringify(options));
  assert.throws(() => synthesizeTables({ customers: 0 }), /found "0", expected an integer from 1 to 5000000/);
});

Deno.test("CLI parses its flags and rejects bad ones", () => {
  assert.deepEqual(synthArgs(["--customers", "10", "--out", "/tmp/x"]), { customers: 10, out: "/tmp/x", seed: 42 });
  assert.deepEqual(synthArgs(["--customers=10", "--out=d", "--seed=-3"]), { customers: 10, out: "d", seed: -3 });
  assert.throws(() => synthArgs(["--customers", "10"]), /Missing --out/);
  assert.throws(
    () => synthArgs(["--customers", "ten", "--out", "d"]),
    /--customers must be a whole number ≥ 0, got "ten"/,
  );
  assert.throws(() => synthArgs(["--verbose"]), /Unknown option '--verbose'/);
  assert.throws(() => synthArgs(["--out"]), /argument missing/);
});

Deno.test("CLI: bad arguments exit 2 with one line, good ones print the summary", async () => {
  const cli = new URL("../../src/cli/synth.ts", import.meta.url).pathname;
  const run = (args: string[]) => new Deno.Command(Deno.execPath(), { args: ["run", "-A", cli, ...args] }).output();
  for (const args of [["--customers", "0", "--out", "/tmp/never"], ["--oops"]]) {
    const r = await run(args);
    assert.equal(r.code, 2);
    const err = new TextDecoder().decode(r.stderr).trim();
    assert.match(err, /^.*\nUsage: deno task synth/, err);
    assert.ok(!err.includes("    at "), "no stack trace");
  }
  const dir = await Deno.makeTempDir();
  try {
    const r = await run(["--customers", "30", "--out", dir, "--seed", "9"]);
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    const summary = JSON.parse(new TextDecoder().decode(r.stdout));
    assert.equal(summary.customers, 30);
    assert.equal(summary.seed, 9);
    assert.deepEqual(await Deno.readTextFile(`${dir}/money.csv`), synthesizeTables({ customers: 30, seed: 9 }).money);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
