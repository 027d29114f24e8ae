import assert from "node:assert/strict";
import { join } from "node:path";
import { DataError } from "../../src/data/errors.ts";
import { CsvRecordReader, csvRecords } from "../../src/followup/csv_records.ts";
import {
  compareCampaign,
  compareCampaignColumns,
  compareGroups,
  type Outcome,
} from "../../src/followup/compare_groups.ts";
import { offeredCustomer, type OffersFile, parseOffers, readOffersFile } from "../../src/followup/offers_file.ts";
import { Rng } from "../../src/util/random.ts";
import { HEADER } from "./fixtures.ts";

/**
 * The offers.csv reader as it was before it became incremental (one string in,
 * every record out), kept verbatim as the oracle the streaming reader must match.
 */
function referenceRecords(text: string, path: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [], field = "", quoted = false, line = 1, start = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') field += '"', i++;
        else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true, quoteLine = line;
    else if (ch === ";") fields.push(field), field = "";
    else if (ch === "\r" && text[i + 1] === "\n") continue;
    else if (ch === "\n") {
      fields.push(field), records.push({ line: start, fields });
      fields = [], field = "", start = ++line;
    } else field += ch;
  }
  if (quoted) {
    throw new DataError([{ file: path, line: quoteLine, expected: 'a closing quote (") for the field opened here' }]);
  }
  if (field !== "" || fields.length > 0) fields.push(field), records.push({ line: start, fields });
  return records;
}

/** Records, or the message of the error, so results and failures compare alike. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return `DataError: ${e.message}`;
  }
}

/** The incremental reader fed `text` in the given pieces. */
function inPieces(text: string, cuts: readonly number[]): unknown {
  return outcome(() => {
    const reader = new CsvRecordReader("f.csv");
    const records = [];
    let from = 0;
    for (const cut of [...cuts, text.length]) records.push(...reader.push(text.slice(from, cut))), from = cut;
    records.push(...reader.end());
    return records;
  });
}

const TOKENS = ["a", "бв", ";", '"', '""', "\r", "\n", "\r\n", "\uFEFF", " "];

Deno.test("the incremental reader gives the old reader's records and messages, however the text is cut", () => {
  const rng = new Rng().reset(20261202);
  const pick = (n: number) => Math.floor(rng.next() * n);
  const texts = [
    '\uFEFFa;"b;c"\r\n"x""y";\r\n\r\n"multi\r\nline";z', // BOM, quoted `;`, `""`, a blank line, a quoted line break
    'a;b\r\n"never closed;\r\nc;d\r\n', // an unclosed quote: its line is named
    "lone\rcr;x\n", // a CR without LF is field text
    "",
  ];
  for (let t = 0; t < 400; t++) {
    texts.push(Array.from({ length: pick(30) }, () => TOKENS[pick(TOKENS.length)]).join(""));
  }
  for (const text of texts) {
    // offers.csv dropped one leading BOM before the old reader; the new one skips it itself.
    const expected = outcome(() => referenceRecords(text.replace(/^\uFEFF/, ""), "f.csv"));
    assert.deepEqual(outcome(() => csvRecords(text, "f.csv")), expected, JSON.stringify(text));
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(inPieces(text, [cut]), expected, JSON.stringify(text));
    }
    const everyChar = Array.from({ length: text.length }, (_, i) => i);
    assert.deepEqual(inPieces(text, everyChar), expected, JSON.stringify(text));
  }
  // The oracle is not vacuous: the cases above do give records and errors.
  assert.deepEqual(csvRecords(texts[0]!, "f.csv"), [
    { line: 1, fields: ["a", "b;c"] },
    { line: 2, fields: ['x"y', ""] },
    { line: 3, fields: [""] },
    { line: 4, fields: ["multi\r\nline", "z"] },
  ]);
  assert.match(
    String(inPieces(texts[1]!, [9])),
    /^DataError: .*\n {2}f\.csv:2: expected a closing quote \("\) for the field opened here$/,
  );
});

const cell = (s: string) => /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
const line = (cells: readonly string[]) => cells.map(cell).join(";");
const row = (id: string, p: string, name: string, code: string, group: string) =>
  line([id, p, name, code, "Рассылка; e-mail", "email", group, "Домашний текстиль", "Снизилась"]);

/** Plain arrays, for comparing two reads. */
const plain = (o: OffersFile) => ({
  ...o,
  probability: [...o.probability],
  treated: [...o.treated],
  segment: [...o.segment],
});

/** Reads `text` as a file at several read sizes (splitting records and two-byte characters) and as a string. */
async function readAllWays(dir: string, name: string, text: string): Promise<unknown[]> {
  const path = join(dir, name);
  await Deno.writeTextFile(path, text);
  const ways = [
    ...[1, 2, 3, 5, 7, 64, undefined].map((bytes) => () => readOffersFile(path, bytes)),
    () => Promise.resolve(parseOffers(text, path)),
  ];
  const results = [];
  for (const read of ways) {
    try {
      results.push(plain(await read()));
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      results.push(e.message);
    }
  }
  return results;
}

Deno.test("offers.csv read from a file in pieces equals the string's read: a quoted segment name with «;»", async () => {
  const dir = await Deno.makeTempDir({ prefix: "offers_stream_" });
  try {
    const text = "\uFEFF" + [
      line(HEADER),
      row("0012", "0,250", "Вернуть; ценных", "win_back_valuable", "предложение"), // leading zeros, quoted `;`
      row("7", "0,900", "Удержать", "prevent", "контроль"),
      "",
      row("9007199254740993", "1", "Вернуть; ценных", "win_back_valuable", "контроль"),
    ].join("\r\n") + "\n" + row("-5", "0", "Удержать", "prevent", "предложение"); // LF, no final line break
    const [first, ...rest] = await readAllWays(dir, "offers.csv", text);
    for (const other of rest) assert.deepEqual(other, first);
    const offers = parseOffers(text, "offers.csv");
    assert.deepEqual(Array.from({ length: offers.ids.length }, (_, i) => offeredCustomer(offers, i)), [
      { id: "12", probability: 0.25, segment: "win_back_valuable", segmentName: "Вернуть; ценных", treated: true },
      { id: "7", probability: 0.9, segment: "prevent", segmentName: "Удержать", treated: false },
      {
        id: "9007199254740993",
        probability: 1,
        segment: "win_back_valuable",
        segmentName: "Вернуть; ценных",
        treated: false,
      },
      { id: "-5", probability: 0, segment: "prevent", segmentName: "Удержать", treated: true },
    ]);
    assert.deepEqual(offers.segments, [
      { code: "win_back_valuable", name: "Вернуть; ценных" },
      { code: "prevent", name: "Удержать" },
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bad lines: the same messages from the file read in pieces as from the string, with line and column", async () => {
  const dir = await Deno.makeTempDir({ prefix: "offers_stream_" });
  try {
    const good = row("1", "0,5", "Удержать", "prevent", "контроль");
    const cases: [string, string, RegExp][] = [
      [
        "bad_cells.csv",
        [
          line(HEADER),
          good,
          row("x1", "1,5", "Удержать", "", "может быть"),
          row("1", "0,1", "Удержать", "prevent", "контроль"),
        ]
          .join("\r\n"),
        /^5 data problems:\n {2}\S+bad_cells\.csv:3, column «id покупателя»: found "x1", expected a customer id \(an integer\)\n.*:3, column «Вероятность снижения активности»: found "1,5", expected a probability from 0 to 1\n.*:3, column «Код сегмента действия»: found "", expected an action segment code\n.*:3, column «Группа»: found "может быть", expected «предложение» or «контроль»\n.*:4, column «id покупателя»: found "1", expected an id not already on line 2$/,
      ],
      [
        "unclosed.csv",
        [line(HEADER), good, '2;"0,5;Удержать;prevent;контроль', "3;0,5;Удержать;prevent;-;-;контроль;-;-"]
          .join("\r\n"),
        /unclosed\.csv:3: expected a closing quote \(\"\) for the field opened here$/,
      ],
      [
        // Not an offers.csv and an unclosed quote: the quote is reported, as before.
        "not_offers_unclosed.csv",
        ["a;b", '1;"2'].join("\r\n"),
        /not_offers_unclosed\.csv:2: expected a closing quote/,
      ],
      ["not_offers.csv", "a;b\r\n1;2\r\n", /not_offers\.csv:1: expected an offers\.csv .*missing «id покупателя»/],
      ["empty.csv", "", /empty\.csv:1: expected an offers\.csv .*\(the header has nothing\)$/],
      [
        "header_only.csv",
        line(HEADER) + "\r\n",
        /header_only\.csv: expected at least one customer row after the header$/,
      ],
    ];
    for (const [name, text, expected] of cases) {
      const [first, ...rest] = await readAllWays(dir, name, "\uFEFF" + text);
      assert.equal(typeof first, "string", name);
      assert.match(first as string, expected);
      for (const other of rest) assert.equal(other, first, name);
    }
    await assert.rejects(
      () => readOffersFile(join(dir, "missing.csv")),
      /missing\.csv: expected an offers\.csv written by the segments stage \(it does not exist\)/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the campaign's comparison by column equals the comparison of outcome objects", () => {
  const rng = new Rng().reset(7);
  const codes = [["maintain", "Поддерживать"], ["win_back", "Вернуть"], ["new_code", "Новый"], ["prevent", "Удержать"]];
  const outcomes: Outcome[] = Array.from({ length: 500 }, (_, i) => {
    const [segment, segmentName] = codes[Math.floor(rng.next() * codes.length)]!;
    return {
      id: String(i),
      probability: rng.next(),
      segment: segment!,
      // Only the first name of a code counts: a later different one must not show.
      segmentName: i > 400 ? "другое имя" : segmentName!,
      treated: segment === "maintain" ? true : rng.next() < 0.7,
      dropped: rng.next() < 0.4,
      profit: 3 + rng.next() * 2,
    };
  });
  const { overall, segments } = compareCampaign(outcomes);
  assert.deepEqual(segments.map((s) => s.segment), ["win_back", "prevent", "maintain", "new_code"]);
  for (const s of segments) {
    const list = outcomes.filter((o) => o.segment === s.segment);
    assert.deepEqual(s, compareGroups(s.segment, list[0]!.segmentName, list)); // bit for bit: the same sums
  }
  const pooled = outcomes.filter((o) => o.segment !== "maintain"); // maintain has no control group
  assert.deepEqual(overall, compareGroups("overall", "Все сегменты с обеими группами", pooled));
  assert.ok(Number.isNaN(segments[2]!.drop.effect));
  // Typed arrays in, the same result out.
  const segmentsList = codes.map(([code, name]) => ({ code: code!, name: name! }));
  const columns = compareCampaignColumns({
    size: outcomes.length,
    segment: Uint32Array.from(outcomes, (o) => codes.findIndex(([c]) => c === o.segment)),
    segments: segmentsList,
    treated: Uint8Array.from(outcomes, (o) => o.treated ? 1 : 0),
    dropped: Uint8Array.from(outcomes, (o) => o.dropped ? 1 : 0),
    profit: Float64Array.from(outcomes, (o) => o.profit),
    probability: Float64Array.from(outcomes, (o) => o.probability),
  });
  assert.deepEqual(columns.overall, overall);
  assert.deepEqual(columns.segments.map((s) => s.drop), segments.map((s) => s.drop));
});
