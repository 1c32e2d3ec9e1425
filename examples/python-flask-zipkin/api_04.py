"""api-04 (Flask + py_zipkin): recommendations for api-02, with help from api-05.

    /usr/bin/python3 api_04.py [--port 5004] [--api05 http://127.0.0.1:5005] \
        [--zipkin http://127.0.0.1:9411]

(each also from the environment: API04_PORT, API05_URL, ZIPKIN_URL.)

`GET /api-04` joins the caller's trace from its B3 headers (a new trace without them), scores
some recommendations in a local span, and asks api-05 for the catalogue in a client span whose
B3 headers come from py_zipkin's create_http_headers_for_new_span. Spans go to Zipkin v2 JSON at
{zipkin}/api/v2/spans (Skein listens there) once the request's root span ends.
"""
import argparse
import os

import requests
from flask import Flask, jsonify, request
from py_zipkin import Encoding, Kind
from py_zipkin.zipkin import create_http_headers_for_new_span, zipkin_span

from serve import Service
from zipkin_b3 import join_or_start_trace, zipkin_v2_transport

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument('--port', type=int, default=int(os.environ.get('API04_PORT', '5004')))
parser.add_argument('--api05', default=os.environ.get('API05_URL', 'http://127.0.0.1:5005'))
parser.add_argument('--zipkin', default=os.environ.get('ZIPKIN_URL', 'http://127.0.0.1:9411'))
args = parser.parse_args()

NAME = 'api-04'
API05 = args.api05.rstrip('/') + '/api-05'
transport = zipkin_v2_transport(args.zipkin)
app = Flask(NAME)


@app.route('/api-04')
def recommendations():
    with zipkin_span(service_name=NAME, span_name='GET /api-04', kind=Kind.SERVER,
                     transport_handler=transport, port=service.port, encoding=Encoding.V2_JSON,
                     **join_or_start_trace(request.headers),
                     binary_annotations={'http.method': 'GET', 'http.route': '/api-04'}) as span:
        with zipkin_span(service_name=NAME, span_name='GET /api-05', kind=Kind.CLIENT,
                         binary_annotations={'http.method': 'GET', 'http.url': API05}):
            response = requests.get(API05, headers=create_http_headers_for_new_span(), timeout=10)
            response.raise_for_status()
            catalogue = response.json()['items']
        picks = score(catalogue)
        span.update_binary_annotations({'http.status_code': '200', 'recommendations.count': str(len(picks))})
        return jsonify(service=NAME, recommendations=picks)


@zipkin_span(service_name=NAME, span_name='score-recommendations')
def score(items):
    # Local work worth a span of its own: the highest rated first, three at most.
    return sorted(items, key=lambda item: -item['rating'])[:3]


service = Service(app, NAME, args.port)
service.run()
