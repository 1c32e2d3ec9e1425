/**
 * The Search page's state, and its two translations: URL query string ↔ form state (so
 * reload, back/forward and shared links restore a search), and form state → the Skein API's
 * `/api/skein/traces` parameters. Pure, no DOM, tested under node.
 */

export type SortChoice = 'newest' | 'oldest' | 'slowest' | 'fastest' | 'most-spans' | 'most-errors';
export type StatusChoice = '' | 'error' | 'ok';

export interface SearchForm {
  readonly service: string;
  readonly operation: string;
  /** '' (any) or server, client, producer, consumer, internal. */
  readonly kind: string;
  /** One condition each: `k=v`, `k!=v`, `k~regex`, `k`, `!k`, `k>=5`… (all must hold: AND). */
  readonly attrs: readonly string[];
  /**
   * OR groups: each group's condition boxes must all hold, and at least one group must (on top
   * of `attrs` and the other filters). In the URL one `anyOf` per group, conditions joined by ` and `.
   */
  readonly anyOf: ReadonlyArray<readonly string[]>;
  readonly minDuration: string;
  readonly maxDuration: string;
  readonly status: StatusChoice;
  /** A preset ('1h'…), 'all', or 'custom' (then `start`/`end` hold the range). */
  readonly lookback: string;
  /** ISO 8601 instants ('' when open). */
  readonly start: string;
  readonly end: string;
  readonly limit: string;
  readonly sort: SortChoice;
}

export const SORT_CHOICES: ReadonlyArray<{ readonly value: SortChoice; readonly label: string }> = [
  { value: 'newest', label: 'newest' },
  { value: 'oldest', label: 'oldest' },
  { value: 'slowest', label: 'slowest' },
  { value: 'fastest', label: 'fastest' },
  { value: 'most-spans', label: 'most spans' },
  { value: 'most-errors', label: 'most errors' },
];

export const LOOKBACK_CHOICES: ReadonlyArray<{ readonly value: string; readonly label: string }> = [
  { value: '5m', label: 'Last 5 minutes' },
  { value: '15m', label: 'Last 15 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '6h', label: 'Last 6 hours' },
  { value: '12h', label: 'Last 12 hours' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '2d', label: 'Last 2 days' },
  { value: '7d', label: 'Last 7 days' },
  { value: 'all', label: 'All stored time' },
  { value: 'custom', label: 'Custom range' },
];

export const SPAN_KINDS = ['server', 'client', 'producer', 'consumer', 'internal'] as const;
export const MAX_LIMIT = 1000;
/** The server's bound on `anyOf` groups (MAX_OR_GROUPS in packages/query/src/skein/search-params.ts). */
export const MAX_OR_GROUPS = 32;

export const DEFAULT_FORM: SearchForm = {
  service: '',
  operation: '',
  kind: '',
  attrs: [],
  anyOf: [],
  minDuration: '',
  maxDuration: '',
  status: '',
  lookback: '1h',
  start: '',
  end: '',
  limit: '20',
  sort: 'newest',
};

/** Conditions typed in one box may be separated by ` and ` or new lines. */
export function splitConditions(text: string): string[] {
  return text
    .split(/\r?\n|\s+and\s+/i)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The groups that hold a condition, each as its conditions (empty boxes and groups dropped). */
export function nonEmptyGroups(groups: ReadonlyArray<readonly string[]>): string[][] {
  return groups.map((g) => g.flatMap(splitConditions)).filter((g) => g.length > 0);
}

/** One `anyOf` parameter per non-empty group, in the syntax the server splits again. */
function appendGroups(p: URLSearchParams, groups: ReadonlyArray<readonly string[]>): void {
  for (const g of nonEmptyGroups(groups)) p.append('anyOf', g.join(' and '));
}

const isSort = (s: string | null): s is SortChoice => SORT_CHOICES.some((c) => c.value === s);

/** URL query string → form. Unknown values fall back to defaults (validation reports the rest). */
export function formFromParams(params: URLSearchParams): SearchForm {
  const get = (k: string): string => params.get(k)?.trim() ?? '';
  const start = get('start');
  const end = get('end');
  const lookback = get('lookback') || (start || end ? 'custom' : DEFAULT_FORM.lookback);
  const status = get('status');
  const sort = get('sort');
  return {
    service: get('service'),
    operation: get('operation'),
    kind: get('kind'),
    attrs: params.getAll('attr').flatMap(splitConditions),
    anyOf: nonEmptyGroups(params.getAll('anyOf').map((g) => [g])),
    minDuration: get('minDuration'),
    maxDuration: get('maxDuration'),
    status: status === 'error' || status === 'ok' ? status : '',
    lookback,
    start: lookback === 'custom' ? start : '',
    end: lookback === 'custom' ? end : '',
    limit: get('limit') || DEFAULT_FORM.limit,
    sort: isSort(sort) ? sort : DEFAULT_FORM.sort,
  };
}

/**
 * Form → the canonical URL query string of the Search page: defaults and empty fields are
 * left out so links stay short, and a custom range replaces the lookback.
 */
export function formToParams(form: SearchForm): URLSearchParams {
  const p = new URLSearchParams();
  const put = (k: string, v: string, dflt = ''): void => {
    const t = v.trim();
    if (t !== '' && t !== dflt) p.append(k, t);
  };
  appendFilters(p, form, put);
  if (form.lookback === 'custom') {
    put('start', form.start);
    put('end', form.end);
    if (!form.start.trim() && !form.end.trim()) p.append('lookback', 'custom');
  } else {
    put('lookback', form.lookback, DEFAULT_FORM.lookback);
  }
  put('limit', form.limit, DEFAULT_FORM.limit);
  put('sort', form.sort, DEFAULT_FORM.sort);
  return p;
}

/**
 * The filters the page URL and the API query share, written the same way in both (only the time
 * range, limit and sort differ: the URL leaves out defaults, the API gets explicit values).
 */
function appendFilters(p: URLSearchParams, form: SearchForm, put: (k: string, v: string) => void): void {
  put('service', form.service);
  put('operation', form.operation);
  put('kind', form.kind);
  for (const a of form.attrs.flatMap(splitConditions)) p.append('attr', a);
  appendGroups(p, form.anyOf);
  put('minDuration', form.minDuration);
  put('maxDuration', form.maxDuration);
  put('status', form.status);
}

/** The Search page URL for a form. */
export const searchUrl = (form: SearchForm): string => {
  const q = formToParams(form).toString();
  return q ? `/search?${q}` : '/search';
};

// Same grammar as the server's parseDuration (packages/model/src/time.ts): "1.5s", "200ms", "1m30s".
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h|d|w)/gy;
const UNIT_NANOS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9, w: 7 * 86400e9 };

export function parseDurationNanos(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  let matched = 0;
  for (let m = DURATION_PART.exec(s); m; m = DURATION_PART.exec(s)) {
    total += Number(m[1]) * UNIT_NANOS[m[2]!]!;
    matched = DURATION_PART.lastIndex;
  }
  return matched === s.length && matched > 0 ? total : undefined;
}

/**
 * Why an attribute condition is not one the API understands, or undefined when it is.
 * Same grammar as the server's parseAttributeCondition (packages/query/src/skein/search-params.ts).
 */
export function conditionProblem(text: string): string | undefined {
  const m = /^([^!=<>~]+?)\s*(!=|>=|<=|=|>|<|~)\s*(.*)$/s.exec(text);
  if (!m) {
    if (text.trim() === '' || text.trim() === '!') return 'is empty: write key=value, key!=value, key~regex, key>=5, key (exists) or !key (missing)';
    return undefined;
  }
  const [, , op, value] = m as unknown as [string, string, string, string];
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (value.trim() === '' || !Number.isFinite(Number(value))) return `compares with ${op}, so "${value}" must be a number`;
  }
  if (op === '~') {
    try {
      new RegExp(value);
    } catch {
      return `has an invalid regular expression after ~`;
    }
  }
  return undefined;
}

export type FormErrors = Partial<Record<'attrs' | 'anyOf' | 'minDuration' | 'maxDuration' | 'start' | 'end' | 'limit', string>>;

/** What is wrong with the form, per field, in words a user can act on. Empty when valid. */
export function validateForm(form: SearchForm): FormErrors {
  const errors: { -readonly [K in keyof FormErrors]: string } = {};
  const min = form.minDuration.trim() ? parseDurationNanos(form.minDuration) : undefined;
  const max = form.maxDuration.trim() ? parseDurationNanos(form.maxDuration) : undefined;
  if (form.minDuration.trim() && min === undefined) errors.minDuration = `Min duration "${form.minDuration.trim()}" is not a duration like 1.5s, 200ms or 1m30s`;
  if (form.maxDuration.trim() && max === undefined) errors.maxDuration = `Max duration "${form.maxDuration.trim()}" is not a duration like 1.5s, 200ms or 1m30s`;
  if (min !== undefined && max !== undefined && min > max) errors.maxDuration = 'Max duration is shorter than min duration';
  const attrProblems = form.attrs.flatMap(splitConditions).flatMap((a) => {
    const why = conditionProblem(a);
    return why ? [`"${a}" ${why}`] : [];
  });
  if (attrProblems.length > 0) errors.attrs = attrProblems.join('; ');
  const groups = nonEmptyGroups(form.anyOf);
  // Numbered as the form shows them, empty groups included.
  const groupProblems = form.anyOf.flatMap((g, i) =>
    g.flatMap(splitConditions).flatMap((a) => {
      const why = conditionProblem(a);
      return why ? [`Group ${i + 1}: "${a}" ${why}`] : [];
    }),
  );
  if (groups.length > MAX_OR_GROUPS) groupProblems.unshift(`At most ${MAX_OR_GROUPS} OR groups (there are ${groups.length})`);
  if (groupProblems.length > 0) errors.anyOf = groupProblems.join('; ');
  if (form.lookback === 'custom') {
    const s = form.start.trim() ? Date.parse(form.start) : undefined;
    const e = form.end.trim() ? Date.parse(form.end) : undefined;
    if (s !== undefined && Number.isNaN(s)) errors.start = `Start "${form.start}" is not a date and time`;
    if (e !== undefined && Number.isNaN(e)) errors.end = `End "${form.end}" is not a date and time`;
    if (s !== undefined && e !== undefined && s > e) errors.end = 'End is before start';
  }
  const limit = Number(form.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) errors.limit = `Limit must be a whole number from 1 to ${MAX_LIMIT}`;
  return errors;
}

export const hasErrors = (e: FormErrors): boolean => Object.keys(e).length > 0;

/** The server sort for a choice; the "most …" sorts are done here over the newest traces. */
export function serverSort(sort: SortChoice): 'newest' | 'oldest' | 'duration' | 'shortest' {
  switch (sort) {
    case 'oldest':
      return 'oldest';
    case 'slowest':
      return 'duration';
    case 'fastest':
      return 'shortest';
    default:
      return 'newest';
  }
}

/** Form (valid) → query string for `GET /api/skein/traces`. */
export function apiSearchParams(form: SearchForm): URLSearchParams {
  const p = new URLSearchParams();
  const put = (k: string, v: string): void => {
    if (v.trim() !== '') p.append(k, v.trim());
  };
  appendFilters(p, form, put);
  if (form.lookback === 'custom') {
    put('start', form.start);
    put('end', form.end);
  } else if (form.lookback !== 'all') {
    put('lookback', form.lookback);
  }
  put('limit', form.limit);
  p.append('sort', serverSort(form.sort));
  return p;
}
