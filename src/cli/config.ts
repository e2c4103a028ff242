/**
 * Validation of JSON config files of the CLI against a small schema: every field is checked
 * (type, range, allowed values, ascending lists) and unknown keys are named, so a typo never
 * silently falls back to a default. Errors are codes `config.*` (German text in
 * `src/i18n/cli.ts`); `key` names the place, e.g. „classes.breaks“ or „weight“ von „SGB-II-Quote“.
 */
import { readFile } from 'node:fs/promises';
import { appError } from '../lib/contract/errors';

export type Rule =
  | { kind: 'string'; nonEmpty?: boolean }
  | { kind: 'number'; min?: number; max?: number; gt?: number; integer?: boolean; finite?: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'array'; of: Rule; minItems?: number; ascending?: boolean; length?: number; unique?: boolean }
  | { kind: 'object'; fields: Record<string, Rule & { required?: boolean }>; label?: (value: Record<string, unknown>) => string | undefined }
  | { kind: 'either'; rules: Rule[] };

/** „key“ of a path: top level „year“, nested „classes.breaks“, in a named list item „weight“ von „X“. */
function where(path: string[], owner?: string): string {
  const key = path.filter((p) => !/^\d+$/.test(p)).join('.');
  return owner ? `„${path[path.length - 1]}“ von „${owner}“` : `„${key || path.join('.')}“`;
}

const show = (v: unknown): string => (typeof v === 'string' ? `„${v}“` : JSON.stringify(v) ?? String(v));

/** Throws the first violation of `rule` by `value` as a `config.*` error. */
export function validate(value: unknown, rule: Rule, path: string[] = [], owner?: string): void {
  const key = where(path, owner);
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') throw appError('config.notString', { key, value: show(value) });
      if (rule.nonEmpty && !value.trim()) throw appError('config.empty', { key });
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw appError('config.notBoolean', { key, value: show(value) });
      return;
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value)) throw appError('config.notNumber', { key, value: show(value) });
      if (rule.finite !== false && !Number.isFinite(value)) throw appError('config.notNumber', { key, value: show(value) });
      if (rule.integer && !Number.isInteger(value)) throw appError('config.notInteger', { key, value });
      if (rule.min !== undefined && value < rule.min) throw appError('config.min', { key, min: rule.min, value });
      if (rule.gt !== undefined && !(value > rule.gt)) throw appError('config.greater', { key, min: rule.gt, value });
      if (rule.max !== undefined && value > rule.max) throw appError('config.max', { key, max: rule.max, value });
      return;
    case 'enum':
      if (!rule.values.includes(value as string | number)) throw appError('config.enum', { key, allowed: rule.values.map((v) => show(v)).join(', '), value: show(value) });
      return;
    case 'array': {
      if (!Array.isArray(value)) throw appError('config.notList', { key, value: show(value) });
      if (rule.minItems !== undefined && value.length < rule.minItems) throw appError('config.minItems', { key, n: rule.minItems });
      if (rule.length !== undefined && value.length !== rule.length) throw appError('config.length', { key, n: rule.length, value: show(value) });
      value.forEach((v, i) => validate(v, rule.of, [...path, String(i)], owner));
      if (rule.ascending && value.some((v, i) => i > 0 && !(v > value[i - 1]))) throw appError('config.ascending', { key, value: show(value) });
      if (rule.unique && new Set(value).size !== value.length) throw appError('config.unique', { key, value: show(value) });
      return;
    }
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw appError('config.notObject', { key: path.length ? key : '', value: show(value) });
      const obj = value as Record<string, unknown>;
      const known = Object.keys(rule.fields);
      const name = rule.label?.(obj);
      for (const k of Object.keys(obj)) {
        if (!known.includes(k)) throw appError('config.unknownKey', { key: where([...path, k], name), allowed: known.join(', ') });
      }
      for (const [k, r] of Object.entries(rule.fields)) {
        if (obj[k] === undefined) {
          if (r.required) throw appError('config.missing', { key: where([...path, k], name) });
          continue;
        }
        validate(obj[k], r, [...path, k], name);
      }
      return;
    }
    case 'either': {
      let first: unknown;
      for (const r of rule.rules) {
        try {
          validate(value, r, path, owner);
          return;
        } catch (e) {
          first ??= e;
        }
      }
      throw first;
    }
  }
}

/** Reads a JSON config file; German errors for a missing file or broken JSON. */
export async function readJsonConfig(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw appError('cli.fileUnreadable', { file });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw appError('config.notJson', { file, detail: (e as Error).message });
  }
}
