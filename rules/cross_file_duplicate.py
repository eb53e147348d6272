"""DUP003: the same article in two documents of one run."""
from __future__ import annotations

import sys
from array import array
from hashlib import blake2b, sha1
from operator import methodcaller
from typing import NamedTuple

from newslint.model import Original
from newslint.rule import Repeat, corpus_rule

SCHEME = "affine32"  # datasketch's hashing scheme, named so sketches can be rebuilt from their values
CHUNK_WORDS = 100_000  # words shingled at a time: bounds the memory of a signature


class Signature(NamedTuple):
    digest: bytes  # of the normalised word sequence: exact copies
    # datasketch's `sha1_hash32` of each word shingle: the per-shingle half
    # of the MinHash, done where the document is linted (4 bytes a shingle,
    # against about 30 for the shingle itself). Their order does not matter.
    hashes: array


@corpus_rule("DUP003", "cross-file-duplicate", category="duplication",
             options={"threshold": 0.7, "num_perm": 64, "shingle_words": 5, "min_words": 50,
                      "max_shingles": 4096})
class CrossFileDuplicate:
    """Flags a document that repeats an earlier document of the same run.

    ## What it does
    Compares every document of a run (files, JSONL records, WARC responses)
    with the documents before it, in the order of the paths on the command
    line with directories walked in sorted order. An exact copy (same words,
    ignoring case and punctuation) or a near copy (MinHash estimate of the
    share of shared 5-word shingles at least `threshold`, found with
    locality-sensitive hashing from datasketch) is reported on the later
    document, pointing at the earlier one. Documents under `min_words` words
    are not compared. Reports point at the earlier document: `original` in
    JSON (its path, record and line), `relatedLocations` in SARIF, a link in
    the HTML report.

    Memory is bounded per document. Where the document is linted (a worker
    process under `--jobs`), its shingles are hashed, and only those 32-bit
    hashes travel: 4 bytes a shingle, at most `max_shingles` (4,096, so
    16 kB) however long the document, since shingles beyond that are sampled
    by hash. The index then keeps one 8-byte digest and a MinHash of
    `num_perm` 32-bit values (256 bytes by default) plus their LSH bucket
    keys and the document's place (path, record id, lines: about 0.6 kB,
    the `original` of a later copy), and drops the hashes.

    There is no fix: which copy to keep is a decision for a person.

    ## Why is this bad?
    Scrapers fetch the same story under several URLs (print views, AMP pages,
    syndication). Duplicates overweight one text in a training corpus and
    inflate counts in an archive.

    ## Example
    `wire/a.txt` holds an agency story and `site/b.txt` the same story with a
    changed headline: `site/b.txt` gets `DUP003 Near-duplicate of wire/a.txt`.
    """

    def __init__(self, options: dict):
        self.options = options
        self.first_with_digest: dict[bytes, Original] = {}
        self.documents: list[Original] = []
        self.sketches: list = []  # numpy arrays of MinHash values
        self.lsh = None  # built when a second document arrives: datasketch imports SciPy (~1 s)
        self.pending: Signature | None = None

    @staticmethod
    def signature(doc, options: dict) -> Signature | None:
        texts = doc.token_texts
        if len(texts) < options["min_words"]:
            return None
        size, limit = options["shingle_words"], options["max_shingles"]
        digest = blake2b(digest_size=8)
        shingles: set[bytes] = set()
        # A chunk of words at a time, so that a huge document never holds a
        # string per word and per shingle (~40 bytes per byte of text). A
        # chunk also holds the next chunk's first size - 1 words, to make the
        # shingles that straddle the two.
        for first in range(0, len(texts), CHUNK_WORDS):
            words = " ".join(texts[first:first + CHUNK_WORDS + size - 1]).casefold().split(" ")  # casefold once
            digest.update((" " if first else "").encode() + " ".join(words[:CHUNK_WORDS]).encode())
            shingles.update(map(str.encode, map(" ".join, zip(*(words[i:] for i in range(size))))))
            if len(shingles) > limit:
                shingles = _sample(shingles, limit)
        return Signature(digest.digest(), _sha1_hash32(shingles))

    def _sketch(self, signature: Signature):
        from datasketch import MinHash

        # The hashes are already datasketch's sha1_hash32 values: `int` passes them on.
        sketch = MinHash(num_perm=self.options["num_perm"], seed=1, scheme=SCHEME, hashfunc=int)
        sketch.update_batch(signature.hashes)
        return sketch

    def _insert(self, sketch) -> None:
        self.lsh.insert(len(self.sketches), sketch)
        self.sketches.append(sketch.hashvalues)

    def add(self, document: Original, signature: Signature | None) -> Repeat | None:
        if signature is None:
            return None
        original = self.first_with_digest.get(signature.digest)
        if original is not None:
            return Repeat(f"Exact duplicate of {original.label}", original)
        self.first_with_digest[signature.digest] = document
        self.documents.append(document)
        if self.lsh is None and self.pending is None:
            self.pending = signature  # a run of one document needs no MinHash at all
            return None
        if self.lsh is None:
            from datasketch import MinHashLSH

            self.lsh = MinHashLSH(threshold=self.options["threshold"], num_perm=self.options["num_perm"])
            self._insert(self._sketch(self.pending))
            self.pending = None
        sketch = self._sketch(signature)
        best = max(((float((self.sketches[key] == sketch.hashvalues).mean()), key)
                    for key in self.lsh.query(sketch)), default=None)
        self._insert(sketch)
        if best is not None and best[0] >= self.options["threshold"]:
            original = self.documents[best[1]]
            return Repeat(f"Near-duplicate of {original.label} (about {best[0]:.0%} of its 5-word shingles shared)",
                          original)
        return None



def _sample(shingles: set[bytes], limit: int) -> set[bytes]:
    """The `limit` shingles of least BLAKE2 hash: a consistent sample, the
    same in every copy. Those of a union are among those of its parts, so
    the sample can be taken chunk by chunk."""
    return set(sorted(shingles, key=lambda s: blake2b(s, digest_size=8).digest())[:limit])


def _sha1_hash32(shingles: set[bytes]) -> array:
    """datasketch's `sha1_hash32` (the first 4 bytes of SHA-1, little-endian)
    of every shingle, without a Python-level call or int per shingle."""
    digests = array("I", b"".join(map(methodcaller("digest"), map(sha1, shingles))))
    if sys.byteorder == "big":
        digests.byteswap()
    return digests[::5]  # a digest is 20 bytes: 5 unsigned 32-bit words, the first is the hash
