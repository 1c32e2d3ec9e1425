import { useRef, useState, type DragEvent } from 'react';
import { ErrorState } from '../shared/states.js';
import { TraceView } from '../trace/trace-view.js';
import '../trace/trace-page.css';
import { FORMAT_NAMES, parseTraceFile, type ParsedTraceFile } from './parse-trace-file.js';
import { TraceFileError } from './trace-file-error.js';
import './open-file-page.css';

/** Larger files would stall the tab while parsing; a 100k-span trace is well under this. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

type OpenState =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'error'; fileName: string; message: string }
  | { kind: 'loaded'; fileName: string; file: ParsedTraceFile; traceIndex: number };

/**
 * `/open`: view a trace from a local JSON file (OTLP, Jaeger or Zipkin v2) without sending it to
 * Skein. The file is read and converted in the browser, then shown with the trace page's view.
 */
export function OpenFilePage() {
  const [state, setState] = useState<OpenState>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const open = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setState({ kind: 'error', fileName: file.name, message: `The file is ${(file.size / 1024 ** 2).toFixed(0)} MiB; files up to ${MAX_FILE_BYTES / 1024 ** 2} MiB can be opened here.` });
      return;
    }
    setState({ kind: 'reading', fileName: file.name });
    try {
      const parsed = parseTraceFile(await file.text());
      setState({ kind: 'loaded', fileName: file.name, file: parsed, traceIndex: 0 });
    } catch (e) {
      const message = e instanceof TraceFileError ? e.message : `The file could not be read: ${(e as Error).message}`;
      setState({ kind: 'error', fileName: file.name, message });
    }
  };

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
  };

  return (
    <section className="open-file-page" data-testid="open-file-page" aria-labelledby="open-file-title">
      <h1 id="open-file-title" className="open-file-title">
        Open a trace file
      </h1>
      <label
        className={`open-file-drop${dragging ? ' open-file-dragging' : ''}`}
        data-testid="open-file-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span className="open-file-prompt">Drop a JSON file here, or choose one</span>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          data-testid="open-file-input"
          onChange={(e) => {
            void open(e.currentTarget.files?.[0]);
            // The same file chosen again (after editing it) must load again.
            e.currentTarget.value = '';
          }}
        />
        <span className="open-file-note">OTLP JSON, Jaeger JSON or Zipkin v2 JSON. The file is read in this browser and is not sent to Skein or stored.</span>
      </label>
      {state.kind === 'reading' ? (
        <div className="state state-loading" data-testid="loading" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> Reading {state.fileName}…
        </div>
      ) : null}
      {state.kind === 'error' ? <ErrorState title={`Could not open ${state.fileName}`} message={state.message} hint={'Skein opens OTLP JSON ({"resourceSpans": …}), Jaeger JSON ({"data": […]}) and Zipkin v2 JSON (a list of spans).'} /> : null}
      {state.kind === 'loaded' ? <LoadedFile state={state} onPick={(traceIndex) => setState({ ...state, traceIndex })} /> : null}
    </section>
  );
}

function LoadedFile(p: { state: Extract<OpenState, { kind: 'loaded' }>; onPick: (traceIndex: number) => void }) {
  const { file, fileName, traceIndex } = p.state;
  const trace = file.traces[traceIndex]!;
  const traces = file.traces.length;
  return (
    <>
      <p className="open-file-summary" data-testid="open-file-summary">
        <strong>{fileName}</strong>: {FORMAT_NAMES[file.format]}, {traces} {traces === 1 ? 'trace' : 'traces'}, {file.spanCount} {file.spanCount === 1 ? 'span' : 'spans'}; not stored.
        {traces > 1 ? (
          <label className="open-file-pick">
            {' '}Trace{' '}
            <select data-testid="open-file-trace" value={traceIndex} onChange={(e) => p.onPick(Number(e.currentTarget.value))}>
              {file.traces.map((t, i) => (
                <option key={t.traceId} value={i}>
                  {t.traceId} ({t.spans.length} spans)
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </p>
      <TraceView key={`${fileName}\n${trace.traceId}`} trace={trace} selectSpanId={undefined} stored={false} />
    </>
  );
}
