import { useState } from 'react';
import { navigate } from '../app/router.js';
import { isoToLocalInput, localInputToIso } from '../search/datetime-local.js';
import type { RateUnit } from './map-metrics.js';
import { MAP_LOOKBACKS, mapUrl, type MapRange, type MapSelection } from './map-range.js';

/**
 * The map's time range (a preset, or "Custom range…" with a start and end picked in local time)
 * and the unit rates are written in. Every choice becomes the URL, so the map is a link.
 */
export function MapRangeControls(p: { range: MapRange; selection: MapSelection }) {
  const { range, selection } = p;
  const [customOpen, setCustomOpen] = useState(range.lookback === 'custom');
  const [start, setStart] = useState(range.start);
  const [end, setEnd] = useState(range.end);
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  const problem =
    start === '' && end === ''
      ? 'Pick a start, an end, or both.'
      : start !== '' && end !== '' && startMs >= endMs
        ? 'The start must be before the end.'
        : undefined;
  const pickPreset = (value: string): void => {
    if (value === 'custom') {
      setCustomOpen(true);
      return;
    }
    setCustomOpen(false);
    navigate(mapUrl({ ...range, lookback: value, start: '', end: '' }, selection));
  };
  return (
    <>
      <label className="map-range">
        <span>Time range</span>
        <select name="lookback" value={customOpen ? 'custom' : range.lookback} onChange={(e) => pickPreset(e.target.value)}>
          {MAP_LOOKBACKS.filter((c) => c.value !== 'custom').map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </label>
      {customOpen ? (
        <form
          className="map-custom-range"
          data-testid="map-custom-range"
          onSubmit={(e) => {
            e.preventDefault();
            if (!problem) navigate(mapUrl({ ...range, lookback: 'custom', start, end }, selection));
          }}
        >
          <label>
            <span>From</span>
            <input name="start" type="datetime-local" step="1" value={isoToLocalInput(start)} onChange={(e) => setStart(localInputToIso(e.target.value))} />
          </label>
          <label>
            <span>to</span>
            <input name="end" type="datetime-local" step="1" value={isoToLocalInput(end)} onChange={(e) => setEnd(localInputToIso(e.target.value))} />
          </label>
          <button type="submit" disabled={problem !== undefined} title={problem}>
            Apply
          </button>
          {problem && (start !== '' || end !== '') ? (
            <span className="error-text" role="alert">
              {problem}
            </span>
          ) : null}
        </form>
      ) : null}
      <label className="map-range">
        <span>Rates</span>
        <select name="rate" value={range.rateUnit} onChange={(e) => navigate(mapUrl({ ...range, rateUnit: e.target.value as RateUnit }, selection), { replace: true })}>
          <option value="s">per second</option>
          <option value="min">per minute</option>
        </select>
      </label>
    </>
  );
}
