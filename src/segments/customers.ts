/**
 * The per-customer columns the segment rules and offers read, taken from the
 * input once as plain and typed arrays.
 *
 * @module
 */
import type { CustomerId } from "../data/customer_id.ts";
import { numberColumn, textColumn } from "./frame_columns.ts";
import type { SegmentInput } from "./input.ts";

/** Row-aligned customer columns. */
export interface Customers {
  id: CustomerId[];
  probability: Float64Array;
  /** Mean monthly profit. */
  profit: Float64Array;
  promoShare: Float64Array;
  category: string[];
  /** Whether the customer allows messages («да»). */
  consent: boolean[];
}

/**
 * The columns of a validated input.
 *
 * @example
 * ```ts
 * import { customersOf } from "./customers.ts";
 * import type { SegmentInput } from "./input.ts";
 * declare const input: SegmentInput;
 * customersOf(input).profit[0];
 * ```
 */
export function customersOf(input: SegmentInput): Customers {
  const { frame } = input;
  return {
    id: (frame.getColumn("id").toArray() as unknown[]).map(String),
    probability: input.probability,
    profit: numberColumn(frame, "profit"),
    promoShare: numberColumn(frame, "promo_share"),
    category: textColumn(frame, "popular_category"),
    consent: textColumn(frame, "allow_messages").map((v) => v === "да"),
  };
}
