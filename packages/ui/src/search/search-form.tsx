import type { FormEvent } from 'react';
import { api } from '../shared/api-client.js';
import { useAsync } from '../shared/use-async.js';
import { AttributeInput } from './attribute-input.js';
import { OrGroups } from './or-groups.js';
import { isoToLocalInput, localInputToIso } from './datetime-local.js';
import { LOOKBACK_CHOICES, SORT_CHOICES, SPAN_KINDS, type FormErrors, type SearchForm, type SortChoice } from './search-query.js';

/**
 * The filters. Every control is labelled and named (the names are the URL parameters); the
 * form is controlled by the page, which owns the draft and turns a submit into a URL.
 */
export function SearchFormView(props: {
  draft: SearchForm;
  errors: FormErrors;
  onChange: (draft: SearchForm) => void;
  onSubmit: () => void;
  onSort: (sort: SortChoice) => void;
}) {
  const { draft, errors } = props;
  const set = <K extends keyof SearchForm>(k: K, v: SearchForm[K]): void => props.onChange({ ...draft, [k]: v });
  const services = useAsync('services', (signal) => api.services(signal));
  const operations = useAsync(draft.service ? draft.service : undefined, (signal) => api.operations(draft.service, signal));
  const keys = useAsync(`keys:${draft.service}`, (signal) => api.attributeKeys(draft.service, signal));
  const serviceList = services.status === 'done' ? services.data : [];
  // Keep a service from the URL selectable even before (or without) the list containing it.
  const serviceOptions = draft.service && !serviceList.includes(draft.service) ? [draft.service, ...serviceList] : serviceList;
  const operationNames = operations.status === 'done' ? [...new Set(operations.data.map((o) => o.name))] : [];
  const attrs = draft.attrs.length > 0 ? draft.attrs : [''];
  const setAttr = (i: number, v: string): void => set('attrs', attrs.map((a, j) => (j === i ? v : a)));

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    props.onSubmit();
  };

  return (
    <form className="search-form" data-testid="search-form" onSubmit={submit} noValidate aria-label="Search traces">
      <div className="field">
        <label htmlFor="f-service">Service</label>
        <select id="f-service" name="service" value={draft.service} onChange={(e) => props.onChange({ ...draft, service: e.target.value, operation: '' })}>
          <option value="">All services</option>
          {serviceOptions.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        {services.status === 'failed' ? <p className="field-note">Could not load services: {services.error.message}</p> : null}
      </div>

      <div className="field">
        <label htmlFor="f-operation">Operation</label>
        <input id="f-operation" name="operation" type="text" list="f-operation-list" value={draft.operation} placeholder={draft.service ? 'any operation' : 'any (choose a service for suggestions)'} autoComplete="off" onChange={(e) => set('operation', e.target.value)} />
        <datalist id="f-operation-list">
          {operationNames.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </div>

      <div className="field">
        <label htmlFor="f-kind">Span kind</label>
        <select id="f-kind" name="kind" value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="">any</option>
          {SPAN_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="field field-wide attrs">
        <legend>Attributes (all must hold)</legend>
        {attrs.map((a, i) => (
          <AttributeInput
            key={i}
            index={i}
            value={a}
            service={draft.service}
            keys={keys.status === 'done' ? keys.data : []}
            invalid={errors.attrs !== undefined}
            describedBy="f-attr-help"
            onChange={(v) => setAttr(i, v)}
            onRemove={attrs.length > 1 || a !== '' ? () => set('attrs', attrs.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        <button type="button" className="link-button" onClick={() => set('attrs', [...attrs, ''])}>
          + Add condition
        </button>
        <p id="f-attr-help" className="field-note">
          <code>k=v</code> <code>k!=v</code> <code>k~regex</code> <code>k&gt;=500</code> <code>k</code> (exists) <code>!k</code> (missing); several in one box: separate with <code>and</code>.
        </p>
        {errors.attrs ? <p className="field-error">{errors.attrs}</p> : null}
      </fieldset>

      <OrGroups groups={draft.anyOf} service={draft.service} keys={keys.status === 'done' ? keys.data : []} error={errors.anyOf} onChange={(g) => set('anyOf', g)} />

      <div className="field">
        <label htmlFor="f-min">Min duration</label>
        <input id="f-min" name="minDuration" type="text" value={draft.minDuration} placeholder="e.g. 100ms" aria-invalid={errors.minDuration ? true : undefined} aria-describedby={errors.minDuration ? 'f-min-error' : undefined} onChange={(e) => set('minDuration', e.target.value)} />
        {errors.minDuration ? <p id="f-min-error" className="field-error">{errors.minDuration}</p> : null}
      </div>

      <div className="field">
        <label htmlFor="f-max">Max duration</label>
        <input id="f-max" name="maxDuration" type="text" value={draft.maxDuration} placeholder="e.g. 1.5s" aria-invalid={errors.maxDuration ? true : undefined} aria-describedby={errors.maxDuration ? 'f-max-error' : undefined} onChange={(e) => set('maxDuration', e.target.value)} />
        {errors.maxDuration ? <p id="f-max-error" className="field-error">{errors.maxDuration}</p> : null}
      </div>

      <div className="field">
        <label htmlFor="f-status">Status</label>
        <select id="f-status" name="status" value={draft.status} onChange={(e) => set('status', e.target.value as SearchForm['status'])}>
          <option value="">any</option>
          <option value="error">error</option>
          <option value="ok">ok</option>
        </select>
      </div>

      <div className="field">
        <label htmlFor="f-lookback">Time range</label>
        <select id="f-lookback" name="lookback" value={draft.lookback} onChange={(e) => set('lookback', e.target.value)}>
          {LOOKBACK_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>

      {draft.lookback === 'custom' ? (
        <>
          <div className="field">
            <label htmlFor="f-start">From</label>
            <input id="f-start" name="start" type="datetime-local" step="0.001" value={isoToLocalInput(draft.start)} aria-invalid={errors.start ? true : undefined} onChange={(e) => set('start', localInputToIso(e.target.value))} />
            {errors.start ? <p className="field-error">{errors.start}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="f-end">To</label>
            <input id="f-end" name="end" type="datetime-local" step="0.001" value={isoToLocalInput(draft.end)} aria-invalid={errors.end ? true : undefined} onChange={(e) => set('end', localInputToIso(e.target.value))} />
            {errors.end ? <p className="field-error">{errors.end}</p> : null}
          </div>
        </>
      ) : null}

      <div className="field field-narrow">
        <label htmlFor="f-limit">Limit</label>
        <input id="f-limit" name="limit" type="number" min={1} max={1000} value={draft.limit} aria-invalid={errors.limit ? true : undefined} onChange={(e) => set('limit', e.target.value)} />
        {errors.limit ? <p className="field-error">{errors.limit}</p> : null}
      </div>

      <div className="field">
        <label htmlFor="f-sort">Sort</label>
        <select id="f-sort" name="sort" value={draft.sort} onChange={(e) => props.onSort(e.target.value as SortChoice)}>
          {SORT_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>

      <div className="form-actions">
        <button type="submit" className="primary">
          Find traces
        </button>
      </div>
    </form>
  );
}
