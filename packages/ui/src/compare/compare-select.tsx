import { useState } from 'react';
import { navigate } from '../app/router.js';
import { compareHref, togglePick } from './model/compare-params.js';
import './compare-select.css';

/**
 * Picking two search results to compare: a checkbox per row and one "Compare selected" button.
 * The picks live in the results list (a new search starts a new selection); the first pick is
 * trace a, the second trace b.
 */
export function useComparePicks(): { picked: readonly string[]; toggle: (traceId: string) => void } {
  const [picked, setPicked] = useState<readonly string[]>([]);
  return { picked, toggle: (traceId) => setPicked((p) => togglePick(p, traceId)) };
}

export function CompareCheckbox(props: { traceId: string; picked: readonly string[]; onToggle: (traceId: string) => void }) {
  const at = props.picked.indexOf(props.traceId);
  return (
    <label className="compare-pick" title={at >= 0 ? `Trace ${at === 0 ? 'A' : 'B'} of the comparison` : 'Pick for comparison'}>
      <input type="checkbox" data-testid="compare-select" checked={at >= 0} onChange={() => props.onToggle(props.traceId)} />
      <span className="compare-pick-label">{at === 0 ? 'A' : at === 1 ? 'B' : 'compare'}</span>
    </label>
  );
}

export function CompareSelectedButton(props: { picked: readonly string[] }) {
  const ready = props.picked.length === 2;
  return (
    <div className="compare-bar">
      <button type="button" data-testid="compare-selected" disabled={!ready} onClick={() => navigate(compareHref({ a: props.picked[0]!, b: props.picked[1]! }))}>
        Compare selected ({props.picked.length}/2)
      </button>
      <span className="compare-bar-hint">{ready ? 'The first pick is A, the second B.' : 'Tick two traces to see their structural diff.'}</span>
    </div>
  );
}
