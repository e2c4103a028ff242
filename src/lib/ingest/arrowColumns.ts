/** JS values (from JSON, dbf or parquet) → typed Arrow vectors. */
import { Bool, Float64, Int32, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';

const toJs = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);

/** The Arrow type that holds all non-null `values` losslessly enough: Int32, Float64, Bool, else Utf8. */
export function inferArrowType(values: unknown[]): DataType {
  let nums = 0;
  let ints = 0;
  let bools = 0;
  let filled = 0;
  for (const raw of values) {
    const v = toJs(raw);
    if (v == null) continue;
    filled++;
    if (typeof v === 'number' && Number.isFinite(v)) {
      nums++;
      if (Number.isInteger(v) && Math.abs(v) < 2 ** 31) ints++;
    } else if (typeof v === 'boolean') bools++;
  }
  if (filled > 0 && nums === filled) return ints === filled ? new Int32() : new Float64();
  if (filled > 0 && bools === filled) return new Bool();
  return new Utf8();
}

function asText(v: unknown): string | null {
  if (v == null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
  return String(v).trim();
}

/** A vector of `values` as `type` (inferred when omitted); BigInt → Number, objects → JSON text. */
export function columnVector(values: unknown[], type: DataType = inferArrowType(values)): Vector {
  if (type instanceof Utf8) return vectorFromArray(values.map(asText), new Utf8());
  if (type instanceof Bool) return vectorFromArray(values.map((v) => (typeof v === 'boolean' ? v : null)), new Bool());
  const nums = values.map((raw) => {
    const v = toJs(raw);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  });
  return vectorFromArray(nums, type instanceof Int32 ? new Int32() : new Float64());
}
