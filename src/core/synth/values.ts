/**
 * One synthetic value for a column, as a SQL literal, from its type (as `format_type`
 * prints it) and the rules its CHECKs impose. `seq` makes values distinct, so UNIQUE
 * columns and composite keys do not collide between rows.
 */
import type { ColumnRules } from './checks';
import { quoteLiteral } from '../pgtext';

export class UnsupportedType extends Error {
  constructor(type: string) {
    super(`no value generator for type ${type}`);
    this.name = 'UnsupportedType';
  }
}

export interface TypeInfo {
  /** Enum labels when the type is an enum. */
  enumLabels?: string[];
  /** Base type when the type is a domain, e.g. `numeric(5,2)`. */
  domainBase?: string;
}

/** Timestamps and dates count from here (one second / one day per `seq`), never from the clock. */
export const SYNTH_EPOCH = Date.UTC(2025, 0, 1);

/** A value as SQL text (a quoted literal or NULL). */
export function generateValue(type: string, rules: ColumnRules, seq: number, info: TypeInfo = {}): string {
  if (rules.allowed && rules.allowed.length) return quoteLiteral(rules.allowed[seq % rules.allowed.length]);
  if (info.enumLabels?.length) return quoteLiteral(info.enumLabels[seq % info.enumLabels.length]);
  const t = (info.domainBase ?? type).trim().toLowerCase();
  if (t.endsWith('[]')) return quoteLiteral('{}');
  const m = /^([a-z ]+?)(?:\((\d+)(?:,\s*(\d+))?\))?(?: with(?:out)? time zone)?$/.exec(t);
  const base = m ? m[1].trim() : t;
  const p1 = m?.[2] ? Number(m[2]) : null;
  const p2 = m?.[3] ? Number(m[3]) : null;
  switch (base) {
    case 'uuid':
      return quoteLiteral(uuidFor(seq));
    case 'text': case 'character varying': case 'varchar': case 'character': case 'char': case 'bpchar': case 'citext': case 'name':
      return quoteLiteral(text(seq, rules, base.startsWith('char') || base === 'bpchar' ? (p1 ?? 1) : p1));
    case 'smallint': case 'integer': case 'bigint': case 'int2': case 'int4': case 'int8':
      return quoteLiteral(String(integer(seq, rules, base === 'smallint' || base === 'int2' ? 32767 : 2147483647)));
    case 'numeric': case 'decimal':
      return quoteLiteral(decimal(seq, rules, p1, p2 ?? 0));
    case 'real': case 'double precision': case 'float4': case 'float8':
      return quoteLiteral(decimal(seq, rules, null, 3));
    case 'money':
      return quoteLiteral(String(integer(seq, rules, 1_000_000)));
    case 'boolean':
      return quoteLiteral('true');
    case 'timestamp': case 'timestamptz':
      return quoteLiteral(new Date(SYNTH_EPOCH + seq * 1000).toISOString());
    case 'date':
      return quoteLiteral(new Date(SYNTH_EPOCH + seq * 86_400_000).toISOString().slice(0, 10));
    case 'time': case 'timetz':
      return quoteLiteral(`12:00:${String(seq % 60).padStart(2, '0')}`);
    case 'interval':
      return quoteLiteral(`${seq % 1000 + 1} seconds`);
    case 'json': case 'jsonb':
      return quoteLiteral('{}');
    case 'bytea':
      return quoteLiteral(`\\x${(seq % 256).toString(16).padStart(2, '0')}`);
    case 'inet': case 'cidr':
      return quoteLiteral(`10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`);
    case 'macaddr':
      return quoteLiteral(`08:00:2b:00:${((seq >> 8) & 255).toString(16).padStart(2, '0')}:${(seq & 255).toString(16).padStart(2, '0')}`);
    case 'tsvector':
      return quoteLiteral(`w${seq}`);
    case 'xml':
      return quoteLiteral(`<v>${seq}</v>`);
    case 'oid':
      return quoteLiteral(String(seq));
    default:
      throw new UnsupportedType(type);
  }
}

/**
 * Defaults whose value changes per call or per transaction (`gen_random_uuid()`, `now()`,
 * `CURRENT_TIMESTAMP`, `clock_timestamp()`, `random()`, …) as Postgres prints them in
 * `pg_get_expr`. Left to Postgres they make every run's rows differ, so the synthesiser supplies
 * its own deterministic value instead. `nextval(…)` is not volatile in that sense: a fresh scratch
 * copy replays the same sequence.
 */
const VOLATILE_DEFAULT = /\b(?:gen_random_uuid|uuid_generate_v[14]|uuidv[47]|uuid_generate_v1mc|now|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday|random|random_normal|gen_random_bytes)\s*\(|\b(?:CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|LOCALTIMESTAMP|LOCALTIME)\b/i;

export function isVolatileDefault(expr: string | null): boolean {
  return expr !== null && VOLATILE_DEFAULT.test(expr);
}

/**
 * A UUID (version 4, variant 1 layout) derived from `key` by a 128-bit string hash: the same
 * key gives the same UUID on every run and platform; different keys look unrelated. Not for
 * security — for reproducible synthetic rows.
 */
export function stableUuid(key: string): string {
  const h = hash128(key);
  const hex = h.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** cyrb128: four 32-bit lanes of a MurmurHash3-style mix over the UTF-16 code units. */
function hash128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4];
}

/**
 * The literal for a date/time column at instant number `n` (SYNTH_EPOCH + n seconds), or null
 * when the type is not a date/time type. Every date/time type of one row shares the instant.
 */
export function pinnedTime(type: string, n: number): string | null {
  const iso = new Date(SYNTH_EPOCH + n * 1000).toISOString();
  const t = type.trim().toLowerCase().replace(/\(\d+\)/, '');
  if (/^timestamp( with(out)? time zone)?$|^timestamptz$/.test(t)) return quoteLiteral(iso);
  if (t === 'date') return quoteLiteral(iso.slice(0, 10));
  if (/^time( with(out)? time zone)?$|^timetz$/.test(t)) return quoteLiteral(iso.slice(11, 19));
  return null;
}

/** Deterministic, valid UUID (version 4 layout) distinct per seq. */
export function uuidFor(seq: number, prefix = '00000000'): string {
  return `${prefix}-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
}

function text(seq: number, rules: ColumnRules, declaredMax: number | null): string {
  const max = Math.min(declaredMax ?? Infinity, rules.maxLength ?? Infinity);
  const min = rules.minLength ?? 1;
  // Short codes (ISO currency, country): upper-case letters, distinct per seq.
  if (max <= 4) return letters(seq, Math.max(min, Math.min(max, 3)));
  let s = `v${seq}`;
  while (s.length < min) s += 'x';
  return s.slice(0, max);
}

function letters(seq: number, len: number): string {
  let s = '';
  let n = seq;
  for (let i = 0; i < len; i++) {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}

function integer(seq: number, rules: ColumnRules, typeMax: number): number {
  let lo = rules.min ? Math.ceil(rules.min.inclusive ? rules.min.value : rules.min.value + 1e-9) : 1;
  if (rules.min && !rules.min.inclusive && Number.isInteger(rules.min.value)) lo = rules.min.value + 1;
  let hi = rules.max ? Math.floor(rules.max.inclusive ? rules.max.value : rules.max.value - 1e-9) : typeMax;
  if (rules.max && !rules.max.inclusive && Number.isInteger(rules.max.value)) hi = rules.max.value - 1;
  hi = Math.min(hi, typeMax);
  if (hi < lo) return lo;
  // Prefer a value ≥ 100 when allowed so money-like columns are not trivially zero.
  const start = lo <= 100 && hi >= 1000 ? 100 : lo;
  return start + (seq % (hi - start + 1));
}

function decimal(seq: number, rules: ColumnRules, precision: number | null, scale: number): string {
  const typeMax = precision !== null ? 10 ** (precision - scale) - 10 ** -scale : 1e9;
  const lo = rules.min ? rules.min.value : rules.max ? Math.min(0, rules.max.value) : 0;
  const hi = Math.min(rules.max ? rules.max.value : typeMax, typeMax);
  let v: number;
  if (rules.min || rules.max) v = lo + (hi - lo) / 2;
  else v = Math.min(1 + (seq % 1000), typeMax > 1 ? typeMax : 0.5);
  return v.toFixed(Math.min(scale, 6));
}
