"""What api-04 and api-05 share: joining a trace from incoming B3 headers, and sending spans.

Kept beside the two services so each stays a page of Flask code. Needs Debian's python3-py-zipkin
and python3-requests.
"""
import sys

import requests
from py_zipkin.util import generate_random_64bit_string
from py_zipkin.zipkin import ZipkinAttrs


def zipkin_attrs_from_b3(headers):
    """ZipkinAttrs for the server span of this request, or None to start a new trace.

    B3 callers come in two kinds. py_zipkin's create_http_headers_for_new_span allocates the
    callee's span id and sends its own span as X-B3-ParentSpanId: we take both as they are.
    OpenTelemetry's B3 propagator (the Node services) sends its client span as X-B3-SpanId and
    no parent: our server span becomes a child of that client span, with a new id, so the two
    sides never share one span id.
    """
    trace_id = headers.get('X-B3-TraceId')
    span_id = headers.get('X-B3-SpanId')
    if not trace_id or not span_id:
        return None
    flags = headers.get('X-B3-Flags', '0')
    sampled = headers.get('X-B3-Sampled')
    # Debug (flags 1) implies sampled; no decision at all means "you decide": the demo keeps it.
    is_sampled = flags == '1' or sampled in ('1', 'true', 'd') or sampled is None
    parent_span_id = headers.get('X-B3-ParentSpanId')
    if parent_span_id:
        return ZipkinAttrs(trace_id=trace_id, span_id=span_id, parent_span_id=parent_span_id,
                           flags=flags, is_sampled=is_sampled)
    return ZipkinAttrs(trace_id=trace_id, span_id=generate_random_64bit_string(),
                       parent_span_id=span_id, flags=flags, is_sampled=is_sampled)


def join_or_start_trace(headers):
    """The zipkin_span arguments of a request's root span: join the caller's trace when it sent
    B3 headers (respecting its sampling decision), else start a new, sampled one. The span
    reports its own timestamp and duration because no caller records it under the same id."""
    attrs = zipkin_attrs_from_b3(headers)
    if attrs is None:
        return {'sample_rate': 100.0, 'report_root_timestamp': True}
    return {'zipkin_attrs': attrs, 'report_root_timestamp': True}


def zipkin_v2_transport(zipkin_url):
    """A py_zipkin transport_handler that POSTs Zipkin v2 JSON to {zipkin_url}/api/v2/spans.

    A tracing backend that is down must not fail the request being traced, so errors are
    printed, not raised.
    """
    spans_url = zipkin_url.rstrip('/') + '/api/v2/spans'

    def send(encoded_spans):
        try:
            response = requests.post(spans_url, data=encoded_spans,
                                     headers={'Content-Type': 'application/json'}, timeout=10)
            if response.status_code >= 300:
                print(f'zipkin: {spans_url} answered {response.status_code}: {response.text}',
                      file=sys.stderr, flush=True)
        except requests.RequestException as error:
            print(f'zipkin: cannot send spans to {spans_url}: {error}', file=sys.stderr, flush=True)

    return send
