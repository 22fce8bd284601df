#!/usr/bin/env python3
"""Independent cross-check of daftar's private set intersection (Ops/matching/PROTOCOL.md).

Recomputes, with Python's `cryptography` package (OpenSSL's X25519) and hashlib, what daftar computes
with swift-crypto: the normalisation of national ids, H(id), the singly and doubly blinded values for
given secrets, and, when the exchange files are given, checks them line by line: headers, trailers
(count and SHA-256), section D against file 1, section P against the partner's ids, and the
intersection recomputed from the files alone.

Usage: psi_crosscheck.py INPUT.json  (prints one JSON object on stdout)

INPUT.json:
  {"registry_secret": "<64 hex>", "partner_secret": "<64 hex>",
   "registry_ids": ["<national id as written>", ...], "partner_ids": [...],
   "rule_digits": 12,                       (optional, default 12)
   "file1": "<path>", "file2": "<path>"}    (optional)

Output:
  {"normalized": {"registry": [...], "partner": [...]},   ("!" + reason for ids that fail)
   "hash": {"registry": [hex], "partner": [hex]},
   "registry_blinded": [b64 X25519(a, H(x_i))], "registry_doubly": [b64 X25519(b, X25519(a, H(x_i)))],
   "partner_blinded": [b64 X25519(b, H(y_j))],  "partner_doubly": [b64 X25519(a, X25519(b, H(y_j)))],
   "fingerprints": {"registry": hex, "partner": hex},
   "files": {"problems": [...], "matched_lines": [[file1 line, indicator], ...]}}   (when files are given)
"""

import base64
import hashlib
import json
import sys

try:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
except ImportError:  # pragma: no cover - the Swift test reports this loudly
    sys.stderr.write("psi_crosscheck: the Python package `cryptography` is missing (apt-get install python3-cryptography, or pip install cryptography)\n")
    sys.exit(3)

PROTOCOL = "daftar-psi/1"
DOMAIN = b"daftar-psi-v1|"

SEPARATORS = set([0x20, 0x09, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000] + list(range(0x2000, 0x200B))
                 + [0x2D, 0x2212] + list(range(0x2010, 0x2016))
                 + [0x2E, 0x066B, 0x06D4, 0xB7]
                 + [0x200E, 0x200F, 0x061C, 0xFEFF] + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)))


def normalize(raw, digits=12):
    out = []
    for ch in raw:
        v = ord(ch)
        if 0x30 <= v <= 0x39:
            out.append(ch)
        elif 0x0660 <= v <= 0x0669:
            out.append(chr(0x30 + v - 0x0660))
        elif 0x06F0 <= v <= 0x06F9:
            out.append(chr(0x30 + v - 0x06F0))
        elif v in SEPARATORS:
            continue
        else:
            raise ValueError("character U+%04X" % v)
    if len(out) != digits:
        raise ValueError("%d digits" % len(out))
    return "".join(out)


def h(normalized):
    d = bytearray(hashlib.sha256(DOMAIN + normalized.encode("ascii")).digest())
    d[31] &= 0x7F
    return bytes(d)


def x25519(secret, u):
    return X25519PrivateKey.from_private_bytes(secret).exchange(X25519PublicKey.from_public_bytes(u))


def fingerprint(secret):
    pub = X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(pub).hexdigest()


def b64(b):
    return base64.b64encode(b).decode("ascii")


def read_file(path, side, problems):
    """Returns (header, body lines as parsed JSON, sha256 hex of everything before the trailer)."""
    data = open(path, "rb").read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    header = json.loads(lines[0])
    if header.get("protocol") != PROTOCOL or header.get("side") != side:
        problems.append("%s: header protocol/side %r/%r" % (path, header.get("protocol"), header.get("side")))
    trailer = json.loads(lines[-1])
    body = [json.loads(l) for l in lines[1:-1]]
    before = data[: len(data) - len(lines[-1]) - (1 if data.endswith(b"\n") else 0)]
    sha = hashlib.sha256(before).hexdigest()
    if trailer.get("trailer") is not True or trailer.get("count") != len(body) or trailer.get("sha256") != sha:
        problems.append("%s: trailer %r does not match (count %d, sha256 %s)" % (path, trailer, len(body), sha))
    return header, body, sha


def main():
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    a = bytes.fromhex(spec["registry_secret"])
    b = bytes.fromhex(spec["partner_secret"])
    digits = spec.get("rule_digits", 12)
    out = {"normalized": {}, "hash": {}}
    points = {}
    for side in ("registry", "partner"):
        norm, hashes, pts = [], [], []
        for raw in spec[side + "_ids"]:
            try:
                n = normalize(raw, digits)
                norm.append(n)
                hashes.append(h(n).hex())
                pts.append(h(n))
            except ValueError as e:
                norm.append("!" + str(e))
                hashes.append(None)
                pts.append(None)
        out["normalized"][side] = norm
        out["hash"][side] = hashes
        points[side] = pts
    reg_a = [x25519(a, p) if p else None for p in points["registry"]]
    reg_ab = [x25519(b, p) if p else None for p in reg_a]
    par_b = [x25519(b, p) if p else None for p in points["partner"]]
    par_ba = [x25519(a, p) if p else None for p in par_b]
    out["registry_blinded"] = [b64(p) if p else None for p in reg_a]
    out["registry_doubly"] = [b64(p) if p else None for p in reg_ab]
    out["partner_blinded"] = [b64(p) if p else None for p in par_b]
    out["partner_doubly"] = [b64(p) if p else None for p in par_ba]
    out["fingerprints"] = {"registry": fingerprint(a), "partner": fingerprint(b)}

    if "file1" in spec and "file2" in spec:
        problems = []
        h1, body1, sha1 = read_file(spec["file1"], "registry", problems)
        h2, body2, _ = read_file(spec["file2"], "partner", problems)
        if h1.get("fingerprint") != fingerprint(a):
            problems.append("file 1 fingerprint is not SHA-256(X25519(a, 9))")
        if h2.get("fingerprint") != fingerprint(b):
            problems.append("file 2 fingerprint is not SHA-256(X25519(b, 9))")
        for key, want in (("run", h1.get("run")), ("partner", h1.get("partner")), ("registry_fingerprint", h1.get("fingerprint")),
                          ("registry_sha256", sha1), ("registry_count", len(body1))):
            if h2.get(key) != want:
                problems.append("file 2 header %s is %r, expected %r" % (key, h2.get(key), want))
        if h1.get("count") != len(body1):
            problems.append("file 1 header count %r, body %d" % (h1.get("count"), len(body1)))
        # File 1 holds exactly the registry's distinct blinded ids, in some order other than the input's.
        expected_a = set(p for p in out["registry_blinded"] if p)
        if set(body1) != expected_a or len(body1) != len(expected_a):
            problems.append("file 1 lines are not the registry's blinded ids")
        first_seen = list(dict.fromkeys(p for p in out["registry_blinded"] if p))
        out["file1_in_input_order"] = body1 == first_seen
        n = len(body1)
        section_d, section_p = body2[:n], body2[n:]
        for i, (a_line, d_line) in enumerate(zip(body1, section_d)):
            if b64(x25519(b, base64.b64decode(a_line))) != d_line:
                problems.append("file 2 line %d is not X25519(b, file 1 line %d)" % (i + 2, i + 2))
                break
        if sorted(p for p, _ in section_p) != sorted(p for p in out["partner_blinded"] if p):
            problems.append("section P points are not the partner's blinded ids")
        d_index = {d: i for i, d in enumerate(section_d)}
        matched = []
        for p, indicator in section_p:
            i = d_index.get(b64(x25519(a, base64.b64decode(p))))
            if i is not None:
                matched.append([i + 2, indicator])
        out["files"] = {"problems": problems, "matched_lines": sorted(matched)}
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
