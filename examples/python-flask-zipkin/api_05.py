"""api-05 (Flask + py_zipkin): the catalogue api-04 recommends from.

    /usr/bin/python3 api_05.py [--port 5005] [--zipkin http://127.0.0.1:9411]

(each also from the environment: API05_PORT, ZIPKIN_URL.)

`GET /api-05` joins the caller's trace from its B3 headers and builds the catalogue in a nested
`@zipkin_span` function (load-catalogue > rate-items).
"""
import argparse
import os
import time

from flask import Flask, jsonify, request
from py_zipkin import Encoding, Kind
from py_zipkin.zipkin import zipkin_span

from serve import Service
from zipkin_b3 import join_or_start_trace, zipkin_v2_transport

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument('--port', type=int, default=int(os.environ.get('API05_PORT', '5005')))
parser.add_argument('--zipkin', default=os.environ.get('ZIPKIN_URL', 'http://127.0.0.1:9411'))
args = parser.parse_args()

NAME = 'api-05'
transport = zipkin_v2_transport(args.zipkin)
app = Flask(NAME)
TRAILS = ['Ridge loop', 'Lake shore', 'Old mill', 'Pine hill', 'River bend']


@app.route('/api-05')
def catalogue():
    with zipkin_span(service_name=NAME, span_name='GET /api-05', kind=Kind.SERVER,
                     transport_handler=transport, port=service.port, encoding=Encoding.V2_JSON,
                     **join_or_start_trace(request.headers),
                     binary_annotations={'http.method': 'GET', 'http.route': '/api-05'}) as span:
        items = load_catalogue()
        span.update_binary_annotations({'http.status_code': '200'})
        return jsonify(service=NAME, items=items)


@zipkin_span(service_name=NAME, span_name='load-catalogue')
def load_catalogue():
    time.sleep(0.005)  # stands in for a database read
    return rate_items([{'name': name} for name in TRAILS])


@zipkin_span(service_name=NAME, span_name='rate-items', binary_annotations={'catalogue.size': str(len(TRAILS))})
def rate_items(items):
    return [dict(item, rating=(len(item['name']) * 7) % 10) for item in items]


service = Service(app, NAME, args.port)
service.run()
