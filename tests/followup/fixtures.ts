/**
 * offers.csv fixtures written the way the segments stage writes the file
 * (`;`, decimal comma, UTF-8 with a BOM, CRLF, RFC 4180 quotes), with the
 * columns of issue 10 — built here, independent of the writer's code.
 */
import { join } from "node:path";
import { Rng } from "../../src/util/random.ts";

/** Action segments: code and Russian name. */
export const SEGMENTS = [
  ["win_back_valuable", "Вернуть ценных"],
  ["win_back", "Вернуть"],
  ["prevent_valuable", "Удержать ценных"],
  ["prevent", "Удержать"],
  ["maintain", "Поддерживать"],
] as const;

/** The header, in the writer's order. */
export const HEADER = [
  "id покупателя",
  "Вероятность снижения активности",
  "Сегмент действия",
  "Код сегмента действия",
  "Канал",
  "Код канала",
  "Группа",
  "Любимая категория",
  "Покупательская активность",
];

/** One fixture row. */
export interface FixtureRow {
  id: string;
  probability: number;
  segment: number;
  control: boolean;
}

/**
 * `n` customers with 64-bit ids (past 2^53, so exactness is tested), drop
 * probabilities from 0.2 to 0.9, spread over the five segments, every other
 * one in the control group.
 */
export function fixtureRows(n: number, seed = 1): FixtureRow[] {
  const rng = new Rng().reset(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: String(9007199254740993n + BigInt(i * 7)),
    probability: Math.round((0.2 + 0.7 * rng.next()) * 1000) / 1000,
    segment: i % SEGMENTS.length,
    control: Math.floor(i / SEGMENTS.length) % 2 === 1,
  }));
}

const cell = (s: string) => /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;

/** offers.csv text; `header` and `line` let a test break it. */
export function offersText(
  rows: readonly FixtureRow[],
  header: readonly string[] = HEADER,
  line: (r: FixtureRow) => string[] = defaultLine,
): string {
  return "\uFEFF" + [header.map(cell).join(";"), ...rows.map((r) => line(r).map(cell).join(";"))].join("\r\n") +
    "\r\n";
}

function defaultLine(r: FixtureRow): string[] {
  const [code, name] = SEGMENTS[r.segment]!;
  return [
    r.id,
    r.probability.toFixed(3).replace(".", ","),
    name,
    code,
    "Рассылка; e-mail", // a separator inside a quoted cell
    "email",
    r.control ? "контроль" : "предложение",
    "Домашний текстиль",
    "Снизилась",
  ];
}

/** Writes `offers.csv` into `dir` and returns its path. */
export async function writeOffers(dir: string, text: string): Promise<string> {
  const path = join(dir, "offers.csv");
  await Deno.writeTextFile(path, text);
  return path;
}
