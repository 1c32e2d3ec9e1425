import type { Span } from '@skein/model';
import { encodeAnyValue, encodeEvents, encodeLinks } from './binary-codec.js';
import { ATTR_TYPE, BIT_SHARED, BIT_TRACE_ID_HIGH64_ABSENT } from './schema.js';

/**
 * The fast write path. Setting values one by one through the DuckDB Node API costs a native call
 * per string (~0.35 µs; a span has ~20 strings), which alone would cap ingest near 100k spans/s
 * on the event-loop thread. Instead each column of a batch travels as ONE string: values joined
 * by U+001F, and for list columns rows joined by U+001E. DuckDB splits, casts and unescapes them
 * in C++ inside a single `INSERT … SELECT` (so the batch is one statement in one transaction).
 *
 * Strings containing the separators or the escape char U+001B are escaped (ESC e/u/r) and the row
 * is flagged so the SQL unescapes only those rows. Attribute keys are not written per span at
 * all: the span's shape id says which key each value belongs to (shape-registry.ts).
 */
const US = '\x1f';
const RS = '\x1e';
const NEEDS_ESCAPE = /[\x1b\x1e\x1f]/;
/** Separators, the escape char or a surrogate: one test per value keeps the common case cheap. */
const SPECIAL = /[\x1b\x1e\x1f\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function escapeText(s: string): string {
  return s.replace(/\x1b/g, '\x1be').replace(/\x1f/g, '\x1bu').replace(/\x1e/g, '\x1br');
}

/** Text DuckDB parses back to exactly this double (String() loses the sign of -0). */
function doubleText(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

const b64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** Row columns, in bind order ($1…). */
const ROW_PARAMS = ['tid', 'sid', 'pid', 'st', 'du', 'rs', 'sc', 'nm', 'kd', 'cd', 'sm', 'ts', 'fl', 'bt', 'da', 'de', 'dl', 'sh', 'ty', 'ex', 'ev', 'lk'] as const;
/** List columns, in bind order after the row columns. */
const LIST_PARAMS = ['sv', 'iv', 'dv', 'bv', 'ov', 'en'] as const;
type Columns<P extends string> = { readonly [K in P]: string[] };
const newColumns = <P extends string>(names: readonly P[]): Columns<P> => Object.fromEntries(names.map((p) => [p, [] as string[]])) as unknown as Columns<P>;

/** Ids the encoder needs from the store's registries (allocating new ones as pending). */
export interface SpanIds {
  resource(span: Span): number;
  scope(span: Span): number;
  key(key: string): number;
  /** `types`: one letter per attribute; `keyIds`: their key ids, comma-joined. */
  shape(types: string, keyIds: string): number;
}

/**
 * Collects a batch column-wise; `params()` gives the strings to bind, in order. Each span adds
 * one string per column (list columns are concatenated per span), joined once per batch.
 */
export class SpanInsertColumns {
  private readonly rows = newColumns(ROW_PARAMS);
  private readonly lists = newColumns(LIST_PARAMS);
  count = 0;
  /** Set while encoding a span when one of its strings had to be escaped. */
  private escaped = false;

  private text(s: string): string {
    if (!NEEDS_ESCAPE.test(s)) return s;
    this.escaped = true;
    return escapeText(s);
  }

  add(span: Span, ids: SpanIds): void {
    this.escaped = false;
    const r = this.rows;
    r.tid.push(span.traceId);
    r.sid.push(span.spanId);
    r.pid.push(span.parentSpanId);
    r.st.push(span.startTimeUnixNano.toString());
    r.du.push((span.endTimeUnixNano - span.startTimeUnixNano).toString());
    r.rs.push(String(ids.resource(span)));
    r.sc.push(String(ids.scope(span)));
    r.nm.push(this.text(span.name));
    r.kd.push(String(span.kind));
    r.cd.push(String(span.status.code));
    r.sm.push(this.text(span.status.message));
    r.ts.push(this.text(span.traceState));
    r.fl.push(String(span.flags >>> 0));
    r.bt.push(String((span.traceIdHigh64Absent ? BIT_TRACE_ID_HIGH64_ABSENT : 0) | (span.shared ? BIT_SHARED : 0)));
    r.da.push(String(span.droppedAttributesCount));
    r.de.push(String(span.droppedEventsCount));
    r.dl.push(String(span.droppedLinksCount));

    let types = '';
    let keyIds = '';
    let sv = '', iv = '', dv = '', bv = '', ov = '';
    let ns = 0, ni = 0, nd = 0, nb = 0, no = 0;
    for (const a of span.attributes) {
      keyIds += (types === '' ? '' : ',') + ids.key(a.key);
      const v = a.value;
      switch (v.type) {
        case 'string':
          if (!SPECIAL.test(v.value)) {
            sv += (ns++ === 0 ? '' : US) + v.value;
            types += ATTR_TYPE.string;
          } else if (LONE_SURROGATE.test(v.value)) {
            // UTF-8 (what DuckDB stores) cannot hold a lone surrogate: keep it exact, binary.
            ov += (no++ === 0 ? '' : US) + b64(encodeAnyValue(v));
            types += ATTR_TYPE.other;
          } else {
            sv += (ns++ === 0 ? '' : US) + this.text(v.value);
            types += ATTR_TYPE.string;
          }
          break;
        case 'int':
          iv += (ni++ === 0 ? '' : US) + v.value.toString();
          types += ATTR_TYPE.int;
          break;
        case 'double':
          dv += (nd++ === 0 ? '' : US) + doubleText(v.value);
          types += ATTR_TYPE.double;
          break;
        case 'bool':
          bv += (nb++ === 0 ? '' : US) + (v.value ? 'true' : 'false');
          types += ATTR_TYPE.bool;
          break;
        default:
          ov += (no++ === 0 ? '' : US) + b64(encodeAnyValue(v));
          types += ATTR_TYPE.other;
      }
    }
    const l = this.lists;
    l.sv.push(sv);
    l.iv.push(iv);
    l.dv.push(dv);
    l.bv.push(bv);
    l.ov.push(ov);
    let names = '';
    if (span.events.length > 0) {
      r.ev.push(b64(encodeEvents(span.events, span.startTimeUnixNano)));
      for (let i = 0; i < span.events.length; i++) names += (i === 0 ? '' : US) + this.text(span.events[i]!.name);
    } else {
      r.ev.push('');
    }
    l.en.push(names);
    r.lk.push(span.links.length > 0 ? b64(encodeLinks(span.links)) : '');
    r.sh.push(String(ids.shape(types, keyIds)));
    r.ty.push(types);
    r.ex.push(this.escaped ? '1' : '0');
    this.count++;
  }

  /** One string per parameter, in the order of `insertSpansSql`'s $1…$n. */
  params(): string[] {
    return [...ROW_PARAMS.map((p) => this.rows[p].join(US)), ...LIST_PARAMS.map((p) => this.lists[p].join(RS))];
  }
}

const unescapeSql = (x: string): string => `replace(replace(replace(${x}, chr(27) || 'u', chr(31)), chr(27) || 'r', chr(30)), chr(27) || 'e', chr(27))`;
const textSql = (x: string): string => `CASE WHEN ex = '1' THEN ${unescapeSql(x)} ELSE ${x} END`;
const hexId = (x: string): string => `('0x' || ${x})::UBIGINT`;

/** A list column: split only when `attr_types` says the row has entries of that type. */
function listSql(param: (typeof LIST_PARAMS)[number], has: string, cast: string, escapable: boolean): string {
  const split = `string_split(${param}, chr(31))`;
  const parts = escapable ? `CASE WHEN ex = '1' THEN list_transform(${split}, lambda x: ${unescapeSql('x')}) ELSE ${split} END` : split;
  return `CASE WHEN ${has} THEN ${parts}${cast} ELSE []${cast || '::VARCHAR[]'} END`;
}

/** `INSERT INTO <table> SELECT …` turning the joined strings back into typed columns. */
export function insertSpansSql(table: string): string {
  const unnest = [
    ...ROW_PARAMS.map((p, i) => `unnest(string_split($${i + 1}, chr(31))) AS ${p}`),
    ...LIST_PARAMS.map((p, i) => `unnest(string_split($${ROW_PARAMS.length + i + 1}, chr(30))) AS ${p}`),
  ];
  const has = (letter: string) => `contains(ty, '${letter}')`;
  return `INSERT INTO ${table} SELECT
    (${hexId('tid[1:16]')}::UHUGEINT << 64) | ${hexId('tid[17:32]')},
    ${hexId('sid')},
    CASE WHEN pid = '' THEN 0::UBIGINT ELSE ${hexId('pid')} END,
    st::BIGINT, du::BIGINT, rs::UINTEGER, sc::UINTEGER,
    ${textSql('nm')}, kd::UTINYINT, cd::UTINYINT, ${textSql('sm')}, ${textSql('ts')},
    fl::UINTEGER, bt::UTINYINT, da::UINTEGER, de::UINTEGER, dl::UINTEGER, sh::UINTEGER,
    ${listSql('sv', has(ATTR_TYPE.string), '', true)},
    ${listSql('iv', has(ATTR_TYPE.int), '::BIGINT[]', false)},
    ${listSql('dv', has(ATTR_TYPE.double), '::DOUBLE[]', false)},
    ${listSql('bv', has(ATTR_TYPE.bool), '::BOOLEAN[]', false)},
    CASE WHEN ${has(ATTR_TYPE.other)} THEN list_transform(string_split(ov, chr(31)), lambda x: from_base64(x)) ELSE []::BLOB[] END,
    ${listSql('en', `ev <> ''`, '', true)},
    CASE WHEN ev = '' THEN NULL ELSE from_base64(ev) END,
    CASE WHEN lk = '' THEN NULL ELSE from_base64(lk) END
  FROM (SELECT ${unnest.join(', ')})`;
}

/** Per trace: the start-time range of its spans in this batch (rows of `traces_<day>`). */
export function traceRanges(spans: readonly Span[]): { params: [string, string, string]; count: number } {
  const ranges = new Map<string, [bigint, bigint]>();
  for (const s of spans) {
    const r = ranges.get(s.traceId);
    if (!r) ranges.set(s.traceId, [s.startTimeUnixNano, s.startTimeUnixNano]);
    else {
      if (s.startTimeUnixNano < r[0]) r[0] = s.startTimeUnixNano;
      if (s.startTimeUnixNano > r[1]) r[1] = s.startTimeUnixNano;
    }
  }
  const ids: string[] = [];
  const mins: string[] = [];
  const maxs: string[] = [];
  for (const [id, [min, max]] of ranges) {
    ids.push(id);
    mins.push(min.toString());
    maxs.push(max.toString());
  }
  return { params: [ids.join(US), mins.join(US), maxs.join(US)], count: ranges.size };
}

export const insertTraceRangesSql = (table: string): string =>
  `INSERT INTO ${table} SELECT (${hexId('t[1:16]')}::UHUGEINT << 64) | ${hexId('t[17:32]')}, lo::BIGINT, hi::BIGINT
   FROM (SELECT unnest(string_split($1, chr(31))) AS t, unnest(string_split($2, chr(31))) AS lo, unnest(string_split($3, chr(31))) AS hi)`;
