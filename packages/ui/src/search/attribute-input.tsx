import { useId } from 'react';
import { api } from '../shared/api-client.js';
import { useAsync } from '../shared/use-async.js';
import { suggestionNeed, suggestionOptions } from './attribute-suggestions.js';

/** One attribute condition box with key, then value, suggestions from the store. */
export function AttributeInput(props: {
  index: number;
  value: string;
  /** The input's name ('attr', the AND conditions, by default) and how its label starts. */
  name?: string;
  label?: string;
  service: string;
  keys: readonly string[];
  invalid: boolean;
  describedBy: string;
  onChange: (value: string) => void;
  onRemove: (() => void) | undefined;
}) {
  const listId = useId();
  const need = suggestionNeed(props.value);
  const values = useAsync(need.kind === 'values' && need.key ? `${props.service}\u0000${need.key}` : undefined, (signal) =>
    api.attributeValues(need.kind === 'values' ? need.key : '', props.service, signal),
  );
  const options = suggestionOptions(need, props.keys, values.status === 'done' ? values.data : []);
  return (
    <div className="attr-row">
      <input
        name={props.name ?? 'attr'}
        type="text"
        list={listId}
        value={props.value}
        placeholder="http.response.status_code>=500"
        aria-label={`${props.label ?? 'Attribute condition'} ${props.index + 1}`}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {props.onRemove ? (
        <button type="button" className="icon-button" aria-label={`Remove ${(props.label ?? 'condition').toLowerCase()} ${props.index + 1}`} onClick={props.onRemove}>
          ×
        </button>
      ) : null}
    </div>
  );
}
