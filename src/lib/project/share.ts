/**
 * The settings-only share link: method settings of the workspaces (indicators with their column
 * names, weights, thresholds, disclosure rules …) packed into the URL fragment, never data, table
 * names, area ids or results. The fragment never reaches a server (browsers do not send it).
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { appError } from '../contract/errors';

export const SHARE_PARAM = 'einstellungen';
export const SHARE_FORMAT = 'srw-einstellungen';
export const SHARE_VERSION = 1;

export interface SharedSettings {
  format: typeof SHARE_FORMAT;
  v: number;
  /** settings per workspace part key (see PersistedPart.share) */
  parts: Record<string, unknown>;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

/** The fragment value for these settings (compressed JSON, URL-safe). */
export function encodeShared(parts: Record<string, unknown>): string {
  const s: SharedSettings = { format: SHARE_FORMAT, v: SHARE_VERSION, parts };
  return toBase64Url(deflateSync(strToU8(JSON.stringify(s)), { level: 9 }));
}

/** A full link: this page's address (without our query, e.g. `?demo=…`: the other town uses its own files) with the settings in the fragment. */
export function shareUrl(base: string, parts: Record<string, unknown>): string {
  return `${base.split('#')[0].split('?')[0]}#${SHARE_PARAM}=${encodeShared(parts)}`;
}

/**
 * Settings from a location hash (`#einstellungen=…`); null when the hash carries none.
 * @throws AppError 'share.invalid' when it carries something that is not readable settings.
 */
export function decodeShared(hash: string): SharedSettings | null {
  const m = new RegExp(`[#&]${SHARE_PARAM}=([A-Za-z0-9_-]+)`).exec(hash);
  if (!m) return null;
  let s: unknown;
  try {
    s = JSON.parse(strFromU8(inflateSync(fromBase64Url(m[1]))));
  } catch {
    throw appError('share.invalid');
  }
  const o = s as SharedSettings;
  if (!o || o.format !== SHARE_FORMAT || typeof o.v !== 'number' || o.v > SHARE_VERSION || !o.parts || typeof o.parts !== 'object') throw appError('share.invalid');
  return o;
}
