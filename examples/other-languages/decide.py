"""What to tell the user and whether to retry, from `taxonomy export` alone.

    taxonomy export --out errors.json
    python3 decide.py errors.json STATUS [CODE [SOURCE]]
"""
import json
import sys


def decide(export, status, code=None, source=None):
    for entry in export["codes"]:
        spellings = [w.get("code") for w in entry["wire"] if source in (None, w["source"])]
        if code is not None and (code == entry["id"] or code in spellings):
            return entry["user_message"], entry["retry"]
    statuses = {s["status"]: s for s in export["statuses"]}
    # A status no document names answers as its class's x00 (RFC 9110 §15).
    entry = statuses.get(status) or statuses.get(status // 100 * 100) or statuses[500]
    own = [v["retry"] for v in entry["views"] if v["source"] == source and "retry" in v]
    return entry.get("user_message"), (own or [entry.get("retry")])[0]


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        export = json.load(f)
    status, code, source = (sys.argv[2:] + ["", ""])[:3]
    message, retry = decide(export, int(status), code or None, source or None)
    print(json.dumps({"tell_user": message, "retry": bool(retry and retry["retryable"]),
                      "rule": retry and retry["summary"]}))
