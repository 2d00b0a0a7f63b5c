"""A tiny backend on alimock's default contract: POST /api/alipay/phone {"encryptedData": "<res.response>"} →
200 {"mobile"} or non-2xx {"error": {"code", "message"}}; GET /healthz → 200.

    python3 server.py <port> <keys dir>
"""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from alipay_phone import Refusal, http_status, load_keys, phone_number
from alipay_phone.members import top_level_members

MAX_BODY = 1024 * 1024
USAGE = 'send JSON { "encryptedData": "<res.response string, unchanged>" }'


def encrypted_data(body):
    """The non-empty encryptedData string of a one-object JSON body without duplicate members, or None."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    members = top_level_members(text)
    value = next((v for k, v, _ in members or [] if k == "encryptedData"), None)
    return value if isinstance(value, str) and value != "" else None


class Handler(BaseHTTPRequestHandler):
    keys = None
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet
        pass

    def send_json(self, status, body, headers=()):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def send_error_body(self, status, code, message):
        headers = [("Retry-After", "1")] if code == "ALIPAY_BUSY" else []
        self.send_json(status, {"error": {"code": code, "message": message}}, headers)

    def drain(self, length, limit=64 * MAX_BODY):
        left = min(length, limit)
        while left > 0:
            chunk = self.rfile.read(min(left, 65536))
            if not chunk:
                break
            left -= len(chunk)

    def do_GET(self):
        if self.path == "/healthz":
            self.send_json(200, {"ok": True})
        else:
            self.send_error_body(404, "NOT_FOUND", "POST /api/alipay/phone or GET /healthz")

    def do_POST(self):
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            self.close_connection = True
            self.send_error_body(411, "BAD_REQUEST", "Content-Length required")
            return
        if int(length) > MAX_BODY:
            # read and drop the body first: a socket closed with unread data resets, and the client loses the answer
            self.drain(int(length))
            self.close_connection = True
            self.send_error_body(413, "BAD_REQUEST", "request body too large")
            return
        body = self.rfile.read(int(length))
        if self.path != "/api/alipay/phone":
            self.send_error_body(404, "NOT_FOUND", "POST /api/alipay/phone or GET /healthz")
            return
        data = encrypted_data(body)
        if data is None:
            self.send_error_body(400, "BAD_REQUEST", USAGE)
            return
        try:
            self.send_json(200, {"mobile": phone_number(data, self.keys)})
        except Refusal as refusal:
            self.send_error_body(http_status(refusal.code), refusal.code, refusal.message)


def main():
    if len(sys.argv) != 3:
        print("usage: server.py <port> <keys dir>", file=sys.stderr)
        sys.exit(2)
    Handler.keys = load_keys(sys.argv[2])
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print(f"python recipe backend listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
