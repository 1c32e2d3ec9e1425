"""Runs a Flask app on 127.0.0.1 until SIGTERM or Ctrl-C, like the Node services of the demo."""
import signal
import sys

from werkzeug.serving import make_server


class Service:
    """Binds at once (port 0 = any free port) so the real port is known to the span endpoints
    before the first request; run() then serves until SIGTERM or SIGINT and exits quietly."""

    def __init__(self, app, name, port):
        self.name = name
        # One request at a time, on the thread that imported the app: Debian's py_zipkin (0.15)
        # gives a @zipkin_span decorator the span storage of the thread that created it, so
        # spans of decorated functions running on another thread would never be sent.
        self._server = make_server('127.0.0.1', port, app, threaded=False)
        self.port = self._server.server_port

    def run(self):
        def stop(signum, _frame):
            print(f'{self.name}: {signal.Signals(signum).name}, stopping', flush=True)
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # The launcher and the tests wait for this line before sending requests.
        print(f'{self.name} listening on http://127.0.0.1:{self.port}', flush=True)
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()
