import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_FORM, MAX_OR_GROUPS, apiSearchParams, nonEmptyGroups, conditionProblem, formFromParams, formToParams, parseDurationNanos, searchUrl, splitConditions, validateForm, type SearchForm } from './search-query.js';

const form = (over: Partial<SearchForm>): SearchForm => ({ ...DEFAULT_FORM, ...over });

test('an empty URL is the default form, and the default form is an empty URL', () => {
  assert.deepEqual(formFromParams(new URLSearchParams()), DEFAULT_FORM);
  assert.equal(formToParams(DEFAULT_FORM).toString(), '');
  assert.equal(searchUrl(DEFAULT_FORM), '/search');
});

test('every field survives URL → form → URL', () => {
  const url = 'service=shop&operation=GET+%2Fcart&kind=server&attr=http.route%3D%2Fcart&attr=http.response.status_code%3E%3D500&minDuration=10ms&maxDuration=2s&status=error&lookback=6h&limit=50&sort=most-errors';
  const f = formFromParams(new URLSearchParams(url));
  assert.deepEqual(f, {
    service: 'shop',
    operation: 'GET /cart',
    kind: 'server',
    attrs: ['http.route=/cart', 'http.response.status_code>=500'],
    anyOf: [],
    minDuration: '10ms',
    maxDuration: '2s',
    status: 'error',
    lookback: '6h',
    start: '',
    end: '',
    limit: '50',
    sort: 'most-errors',
  });
  assert.equal(formToParams(f).toString(), url);
});

test('an absolute range in the URL means a custom lookback; a preset drops any start/end', () => {
  const custom = formFromParams(new URLSearchParams('start=2026-11-21T10:00:00.000Z&end=2026-11-21T11:00:00.000Z'));
  assert.equal(custom.lookback, 'custom');
  assert.equal(custom.start, '2026-11-21T10:00:00.000Z');
  assert.equal(formToParams(custom).toString(), 'start=2026-11-21T10%3A00%3A00.000Z&end=2026-11-21T11%3A00%3A00.000Z');
  const preset = formToParams(form({ lookback: '15m', start: '2026-11-21T10:00:00.000Z' }));
  assert.equal(preset.toString(), 'lookback=15m');
  // Custom without bounds (all time within the range the user has yet to type) still round-trips.
  assert.equal(formFromParams(formToParams(form({ lookback: 'custom' }))).lookback, 'custom');
});

test('conditions typed in one box split on " and " and new lines', () => {
  assert.deepEqual(splitConditions('a=1 and b!=2\n c~^x AND !d\n\n'), ['a=1', 'b!=2', 'c~^x', '!d']);
  assert.deepEqual(formFromParams(new URLSearchParams('attr=a%3D1+and+b')).attrs, ['a=1', 'b']);
  assert.deepEqual([...formToParams(form({ attrs: ['a=1 and b', ' ', 'c>=5'] })).getAll('attr')], ['a=1', 'b', 'c>=5']);
});

test('unknown sort and status values fall back to defaults', () => {
  const f = formFromParams(new URLSearchParams('sort=random&status=meh'));
  assert.equal(f.sort, 'newest');
  assert.equal(f.status, '');
});

test('API parameters: sorts map to server sorts, "most …" fetch newest; all time sends no bound', () => {
  const p = (over: Partial<SearchForm>): string => apiSearchParams(form(over)).toString();
  assert.equal(p({}), 'lookback=1h&limit=20&sort=newest');
  assert.equal(p({ sort: 'slowest' }), 'lookback=1h&limit=20&sort=duration');
  assert.equal(p({ sort: 'fastest' }), 'lookback=1h&limit=20&sort=shortest');
  assert.equal(p({ sort: 'oldest' }), 'lookback=1h&limit=20&sort=oldest');
  assert.equal(p({ sort: 'most-spans' }), 'lookback=1h&limit=20&sort=newest');
  assert.equal(p({ lookback: 'all' }), 'limit=20&sort=newest');
  assert.equal(p({ lookback: 'custom', start: '2026-01-01T00:00:00.000Z' }), 'start=2026-01-01T00%3A00%3A00.000Z&limit=20&sort=newest');
  assert.equal(
    p({ service: 'shop', attrs: ['a=1 and b'], status: 'error', minDuration: '1s' }),
    'service=shop&attr=a%3D1&attr=b&minDuration=1s&status=error&lookback=1h&limit=20&sort=newest',
  );
});

test('durations: the server grammar', () => {
  assert.equal(parseDurationNanos('1.5s'), 1.5e9);
  assert.equal(parseDurationNanos('200ms'), 2e8);
  assert.equal(parseDurationNanos('1m30s'), 90e9);
  assert.equal(parseDurationNanos('0'), 0);
  assert.equal(parseDurationNanos(' 10us '), 1e4);
  for (const bad of ['', 'soon', '5', '1.5', 's', '10 ms', '-1s', '1min']) assert.equal(parseDurationNanos(bad), undefined, bad);
});

test('validation messages name the field and say what is expected', () => {
  assert.deepEqual(validateForm(DEFAULT_FORM), {});
  assert.deepEqual(validateForm(form({ minDuration: 'soon', maxDuration: '5' })), {
    minDuration: 'Min duration "soon" is not a duration like 1.5s, 200ms or 1m30s',
    maxDuration: 'Max duration "5" is not a duration like 1.5s, 200ms or 1m30s',
  });
  assert.deepEqual(validateForm(form({ minDuration: '2s', maxDuration: '1s' })), { maxDuration: 'Max duration is shorter than min duration' });
  assert.deepEqual(validateForm(form({ limit: '0' })), { limit: 'Limit must be a whole number from 1 to 1000' });
  assert.deepEqual(validateForm(form({ limit: '1001' })).limit !== undefined, true);
  assert.deepEqual(validateForm(form({ lookback: 'custom', start: '2026-02-01T00:00:00Z', end: '2026-01-01T00:00:00Z' })), { end: 'End is before start' });
  assert.deepEqual(validateForm(form({ lookback: 'custom', start: 'yesterday' })), { start: 'Start "yesterday" is not a date and time' });
  assert.match(validateForm(form({ attrs: ['code>=abc', 'ok=1', 'x~('] })).attrs ?? '', /^"code>=abc" compares with >=, so "abc" must be a number; "x~\(" has an invalid regular expression after ~$/);
});

test('conditions: every operator of the CLI syntax is accepted', () => {
  for (const ok of ['k=v', 'k!=v', 'k~^GET', 'k', '!k', 'k>=5', 'k<=5', 'k>5', 'k<2.5', 'k=', 'a=b=c']) assert.equal(conditionProblem(ok), undefined, ok);
  for (const bad of ['k>', 'k<x', '!', ' ']) assert.notEqual(conditionProblem(bad), undefined, bad);
});

test('property: any form survives form → URL → form (after normalisation)', () => {
  const text = fc.string({ maxLength: 12 });
  const arbForm = fc.record({
    service: text,
    operation: text,
    kind: fc.constantFrom('', 'server', 'client'),
    attrs: fc.array(fc.stringMatching(/^[a-z.]{1,6}(=|!=|>=|~)[a-z0-9 ]{0,5}$/), { maxLength: 3 }),
    anyOf: fc.array(fc.array(fc.stringMatching(/^[a-z.]{1,6}(=|!=|>=|~)[a-z0-9 ]{0,5}$|^$/), { maxLength: 3 }), { maxLength: 3 }),
    minDuration: fc.constantFrom('', '1ms', '2.5s'),
    maxDuration: fc.constantFrom('', '10s'),
    status: fc.constantFrom('' as const, 'error' as const, 'ok' as const),
    lookback: fc.constantFrom('1h', '5m', 'all', 'custom'),
    start: fc.constantFrom('', '2026-01-01T00:00:00.000Z'),
    end: fc.constantFrom('', '2026-01-02T00:00:00.000Z'),
    limit: fc.constantFrom('20', '5', '1000'),
    sort: fc.constantFrom('newest' as const, 'slowest' as const, 'most-spans' as const),
  });
  fc.assert(
    fc.property(arbForm, (f) => {
      const once = formFromParams(formToParams(f));
      // A second trip changes nothing: the URL is canonical.
      assert.deepEqual(formFromParams(new URLSearchParams(formToParams(once).toString())), once);
      assert.equal(once.service, f.service.trim());
      assert.equal(once.sort, f.sort);
      assert.equal(once.lookback, f.lookback === 'custom' || !(f.start || f.end) ? f.lookback : f.lookback);
      if (f.lookback === 'custom') assert.deepEqual([once.start, once.end], [f.start, f.end]);
      assert.deepEqual(once.attrs, f.attrs.flatMap(splitConditions));
      assert.deepEqual(once.anyOf, nonEmptyGroups(f.anyOf));
    }),
    { numRuns: 300 },
  );
});

test('OR groups: one anyOf per non-empty group, conditions joined by " and ", and back', () => {
  const f = form({ attrs: ['http.route=/cart'], anyOf: [['http.response.status_code>=500'], ['', ' '], ['error.type', 'retry.count>2 and !x']] });
  const url = formToParams(f);
  assert.deepEqual(url.getAll('attr'), ['http.route=/cart']);
  assert.deepEqual(url.getAll('anyOf'), ['http.response.status_code>=500', 'error.type and retry.count>2 and !x']);
  assert.deepEqual(formFromParams(new URLSearchParams(url.toString())).anyOf, [['http.response.status_code>=500'], ['error.type', 'retry.count>2', '!x']]);
  // The API gets the same groups (the server splits them on " and " again).
  assert.deepEqual(apiSearchParams(f).getAll('anyOf'), url.getAll('anyOf'));
  // Empty groups alone leave the URL as if there were none.
  assert.equal(formToParams(form({ anyOf: [[''], []] })).toString(), '');
  assert.deepEqual(formFromParams(new URLSearchParams('anyOf=&anyOf=+and+')).anyOf, []);
});

test('OR groups: validation names the group and bounds their number', () => {
  assert.deepEqual(validateForm(form({ anyOf: [['a=1'], ['b>=x']] })), { anyOf: 'Group 2: "b>=x" compares with >=, so "x" must be a number' });
  assert.match(validateForm(form({ anyOf: [[''], ['ok'], ['c<y and d']] })).anyOf ?? '', /^Group 3: "c<y" compares with </);
  const many = Array.from({ length: MAX_OR_GROUPS + 1 }, (_, i) => [`k=${i}`]);
  assert.equal(validateForm(form({ anyOf: many })).anyOf, `At most ${MAX_OR_GROUPS} OR groups (there are ${MAX_OR_GROUPS + 1})`);
  assert.deepEqual(validateForm(form({ anyOf: many.slice(1) })), {});
});
