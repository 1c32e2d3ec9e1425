import { AttributeInput } from './attribute-input.js';
import { MAX_OR_GROUPS } from './search-query.js';
import './or-groups.css';

/**
 * The OR part of the attribute filter: groups of conditions, at least one group must hold
 * (each group's own conditions all must). Conditions inside a group use the same boxes and
 * suggestions as the AND conditions, under another name so `attr` keeps meaning AND.
 */
export function OrGroups(props: {
  groups: ReadonlyArray<readonly string[]>;
  service: string;
  keys: readonly string[];
  error: string | undefined;
  onChange: (groups: ReadonlyArray<readonly string[]>) => void;
}) {
  const { groups } = props;
  const setGroup = (i: number, g: readonly string[]): void => props.onChange(groups.map((old, j) => (j === i ? g : old)));
  return (
    <fieldset className="field field-wide attrs or-groups">
      <legend>Any of these groups must hold (OR)</legend>
      {groups.map((group, i) => {
        const boxes = group.length > 0 ? group : [''];
        return (
          <div key={i} className="or-group" data-testid="or-group" role="group" aria-label={`OR group ${i + 1}`}>
            {i > 0 ? <p className="or-separator">or</p> : null}
            {boxes.map((c, k) => (
              <AttributeInput
                key={k}
                index={k}
                name="anyOf-condition"
                label={`Group ${i + 1} condition`}
                value={c}
                service={props.service}
                keys={props.keys}
                invalid={props.error !== undefined}
                describedBy="f-attr-help"
                onChange={(v) => setGroup(i, boxes.map((old, j) => (j === k ? v : old)))}
                onRemove={boxes.length > 1 ? () => setGroup(i, boxes.filter((_, j) => j !== k)) : undefined}
              />
            ))}
            <div className="or-group-actions">
              <button type="button" className="link-button" onClick={() => setGroup(i, [...boxes, ''])}>
                + Add condition to group {i + 1}
              </button>
              <button type="button" className="link-button" onClick={() => props.onChange(groups.filter((_, j) => j !== i))}>
                Remove group {i + 1}
              </button>
            </div>
          </div>
        );
      })}
      <button type="button" className="link-button" data-testid="add-or-group" disabled={groups.length >= MAX_OR_GROUPS} onClick={() => props.onChange([...groups, ['']])}>
        + Add OR group
      </button>
      {props.error ? <p className="field-error">{props.error}</p> : null}
    </fieldset>
  );
}
