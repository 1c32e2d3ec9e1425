import { useEffect, useState, type FormEvent } from 'react';
import { navigate } from '../app/router.js';
import { compareHref, traceIdProblem } from './model/compare-params.js';

/** The two trace ids, editable; submitting puts them in the URL (which is what loads them). */
export function CompareForm(props: { a: string; b: string; validate: boolean }) {
  const [a, setA] = useState(props.a);
  const [b, setB] = useState(props.b);
  const [showProblems, setShowProblems] = useState(props.validate);
  useEffect(() => {
    setA(props.a);
    setB(props.b);
    setShowProblems(props.validate);
  }, [props.a, props.b, props.validate]);

  const problemA = showProblems ? traceIdProblem(a.trim()) : undefined;
  const problemB = showProblems ? traceIdProblem(b.trim()) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShowProblems(true);
    if (traceIdProblem(a.trim()) || traceIdProblem(b.trim())) return;
    navigate(compareHref({ a, b }));
  };
  const swap = () => navigate(compareHref({ a: b, b: a }));

  return (
    <form className="compare-form" data-testid="compare-form" onSubmit={submit} noValidate>
      <IdField label="Trace A" name="a" value={a} problem={problemA} onChange={setA} />
      <IdField label="Trace B" name="b" value={b} problem={problemB} onChange={setB} />
      <div className="compare-form-actions">
        <button type="submit" className="primary">
          Compare
        </button>
        {props.a && props.b ? (
          <button type="button" onClick={swap} title="Swap A and B">
            ⇄ Swap
          </button>
        ) : null}
      </div>
    </form>
  );
}

function IdField(props: { label: string; name: string; value: string; problem: string | undefined; onChange: (v: string) => void }) {
  const errorId = `compare-${props.name}-error`;
  return (
    <label className="compare-field">
      <span className="compare-field-label">{props.label}</span>
      <input
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder="trace id, e.g. 0af7651916cd43dd8448eb211c80319c"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? errorId : undefined}
      />
      {props.problem ? (
        <span className="compare-field-error" id={errorId}>
          {props.problem}
        </span>
      ) : null}
    </label>
  );
}
