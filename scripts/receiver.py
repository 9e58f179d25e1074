#!/usr/bin/env python3
"""A local webhook receiver for trying Podium's notifier: prints every POST (path and JSON body) and
answers 200. Point Slack-, Discord-, webhook- and (with PODIUM_TELEGRAM_API) Telegram-shaped targets
at it:   python3 scripts/receiver.py [PORT]      (default 9000; loopback only)"""
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            shown = json.dumps(json.loads(body), ensure_ascii=False)
        except ValueError:
            shown = body.decode("utf-8", "replace")
        signature = self.headers.get("X-Podium-Signature")
        print(f"{self.path}{'  ' + signature if signature else ''}\n  {shown}", flush=True)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok":true}')

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 9000), Handler).serve_forever()
