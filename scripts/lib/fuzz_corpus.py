#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from a conformance report directory (every request the
suite sends, after fixtures are expanded) and the examples of docs/.

Usage: fuzz_corpus.py REPORT_DIR OUT_DIR
Writes OUT_DIR/<target>/<n> files: push_body, tag_api, control_api, device_seed, config_file,
http_session. Standard library only.
"""
import json
import pathlib
import sys
import urllib.parse

TAG_PATHS = ["/user/tag/set.json", "/user/tag/batch/set.json", "/user/tags/get.json"]


def exchanges(report_dir):
    for f in sorted(pathlib.Path(report_dir).rglob("*.json")):
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(doc, dict):
            for ex in doc.get("exchanges", []):
                if isinstance(ex, dict) and isinstance(ex.get("request_body"), str):
                    yield ex


def main():
    report, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    seeds = {t: set() for t in ["push_body", "tag_api", "control_api", "device_seed",
                                "config_file", "http_session"]}
    for ex in exchanges(report):
        url = urllib.parse.urlsplit(ex.get("url", ""))
        path, body, method = url.path, ex["request_body"], ex.get("method", "POST")
        target = path + ("?" + url.query if url.query else "")
        if path.endswith("/push.json"):
            seeds["push_body"].add(b"\x00" + body.encode())
            seeds["push_body"].add(b"\x01" + body.encode())
        elif path in TAG_PATHS:
            seeds["tag_api"].add(bytes([TAG_PATHS.index(path)]) + body.encode())
        elif path.startswith("/_emulator/"):
            seeds["control_api"].add(f"{method} {target[len('/_emulator/'):]}\n{body}".encode())
            if path.endswith("/devices") and method == "POST":
                try:
                    devices = json.loads(body).get("devices", [])
                    seed = {"apps": {"shop": {"secret": "s", "devices": devices,
                                              "tags": {"u1": ["vip"]}}}}
                    seeds["device_seed"].add(json.dumps(seed).encode())
                except (ValueError, AttributeError):
                    pass
        headers = "".join(f"{h['name']}: {h['value']}\r\n" for h in ex.get("request_headers", [])
                          if h.get("name", "").lower() not in ("content-length", "host"))
        raw = (f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}"
               f"Content-Length: {len(body.encode())}\r\n\r\n{body}")
        seeds["http_session"].add(raw.encode())
    seeds["config_file"].update(s.encode() for s in [
        '{"port":8080,"profile":"strict","apps":[{"key":"k","secret":"s","per_hour":0}]}',
        '{"day_utc_offset":"+08:00","max_body":2048,"journal_capacity":5,"allow_hosts":["a"]}',
        '{"apps":[{"key":"a","secret":"s","push_enabled":false,"profile":null}]}',
    ])
    for target, items in seeds.items():
        d = out / target
        d.mkdir(parents=True, exist_ok=True)
        for i, data in enumerate(sorted(items)):
            (d / f"seed-{i:04d}").write_bytes(data)
        print(f"{target}: {len(items)} seeds")


if __name__ == "__main__":
    main()
