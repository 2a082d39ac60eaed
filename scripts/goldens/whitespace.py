"""Goldens for src/lessons/tokenize.ts: which characters Python 3's str.split() splits on.

Writes src/math/fixtures/whitespace.json with
  python:    every code point c with chr(c).isspace(), the set str.split() (no argument) splits on
  sentences: {text, words}  words = text.split() for sentences holding each of those characters
             and the ones JavaScript's \\s adds (U+FEFF), alone, in runs and at the ends
"""
import sys

from common import write

python = [c for c in range(sys.maxunicode + 1) if chr(c).isspace()]

# Every whitespace character of either language, plus neighbours that are neither.
probe = sorted(set(python) | {0xFEFF, 0x180E, 0x200B, 0x1B, 0x20, 0x2060})
sentences = []
for c in probe:
    ch = chr(c)
    for text in (f"a{ch}b c", f"{ch}a b{ch}", f"a {ch} b", f"a{ch}{ch}b"):
        sentences.append({"text": text, "words": text.split()})
# A pasted sentence with a byte-order mark and a next-line character.
for text in ("\ufeffYour journey starts", "Your\x85journey starts", "Your\x1cjourney\u2028starts"):
    sentences.append({"text": text, "words": text.split()})

assert all(chr(c).split() == [] for c in python)
write("whitespace.json", {"python": python, "sentences": sentences})
