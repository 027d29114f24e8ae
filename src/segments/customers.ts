/**
 * The per-customer columns the segment rules and offers read, taken from the
 * input once as plain arrays.
 *
 * @module
 */
import type { CustomerId } from "../data/customer_id.ts";
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
  const col = (name: string) => input.frame.getColumn(name).toArray() as unknown[];
  return {
    id: col("id").map(String),
    probability: input.probability,
    profit: Float64Array.from(col("profit"), Number),
    promoShare: Float64Array.from(col("promo_share"), Number),
    category: col("popular_category").map(String),
    consent: col("allow_messages").map((v) => v === "да"),
  };
}
