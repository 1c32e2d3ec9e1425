"""One service of the classic Flask + py_zipkin demo, for Skein's end-to-end tests.

Run with Debian's interpreter (/usr/bin/python3, which has python3-flask, python3-py-zipkin and
python3-requests):

    /usr/bin/python3 flask_zipkin_service.py --name webapp --zipkin http://127.0.0.1:9411 \
        --encoding V1_THRIFT [--downstream http://127.0.0.1:PORT/service1/]

It listens on an ephemeral 127.0.0.1 port and prints `listening on PORT` once ready. With
--downstream it is the front service: `GET /` opens the root span `index`, a local span
`do_stuff`, and a client span `call_service1` that calls the downstream with B3 headers; the
response body is the trace id. Without --downstream it is `service1`: `GET /service1/` joins the
trace from the B3 headers. Spans go to Skein's Zipkin endpoint in the chosen encoding.
"""
import argparse
import sys

import requests
from flask import Flask, request
from py_zipkin import Encoding, Kind
from py_zipkin.zipkin import ZipkinAttrs, create_http_headers_for_new_span, zipkin_span
from werkzeug.serving import make_server

parser = argparse.ArgumentParser()
parser.add_argument('--name', required=True)
parser.add_argument('--zipkin', required=True)
parser.add_argument('--encoding', required=True, choices=['V1_THRIFT', 'V1_JSON', 'V2_JSON'])
parser.add_argument('--downstream')
args = parser.parse_args()

ENCODING = Encoding[args.encoding]
CONTENT_TYPE = 'application/x-thrift' if ENCODING is Encoding.V1_THRIFT else 'application/json'
SPANS_URL = args.zipkin + ('/api/v2/spans' if ENCODING is Encoding.V2_JSON else '/api/v1/spans')


def http_transport(encoded_span):
    # py_zipkin hands over the encoded batch; Skein answers 202 once the spans are durable.
    response = requests.post(SPANS_URL, data=encoded_span, headers={'Content-Type': CONTENT_TYPE}, timeout=10)
    if response.status_code != 202:
        print(f'zipkin endpoint answered {response.status_code}: {response.text}', file=sys.stderr, flush=True)


app = Flask(args.name)
PORT = 0


@app.route('/')
def index():
    with zipkin_span(service_name=args.name, span_name='index', transport_handler=http_transport,
                     port=PORT, sample_rate=100, encoding=ENCODING, kind=Kind.SERVER,
                     binary_annotations={'http.path': '/', 'user.id': '42'}) as root:
        with zipkin_span(service_name=args.name, span_name='do_stuff', encoding=ENCODING):
            with zipkin_span(service_name=args.name, span_name='call_service1', kind=Kind.CLIENT,
                             encoding=ENCODING, binary_annotations={'http.url': args.downstream}):
                headers = create_http_headers_for_new_span()
                requests.get(args.downstream, headers=headers, timeout=10).raise_for_status()
        return root.zipkin_attrs.trace_id


@app.route('/service1/')
def service1():
    attrs = ZipkinAttrs(
        trace_id=request.headers['X-B3-TraceId'],
        span_id=request.headers['X-B3-SpanId'],
        parent_span_id=request.headers['X-B3-ParentSpanId'],
        flags=request.headers.get('X-B3-Flags', '0'),
        is_sampled=request.headers.get('X-B3-Sampled') == '1',
    )
    with zipkin_span(service_name=args.name, span_name='service1', zipkin_attrs=attrs,
                     transport_handler=http_transport, port=PORT, encoding=ENCODING, kind=Kind.SERVER):
        with zipkin_span(service_name=args.name, span_name='service1_db', encoding=ENCODING):
            pass
    return 'ok'


server = make_server('127.0.0.1', 0, app, threaded=True)
PORT = server.server_port
print(f'listening on {PORT}', flush=True)
server.serve_forever()
