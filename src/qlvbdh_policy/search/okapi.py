"""A full-text index whose long word lists are records of their own.

ZCTextIndex keeps each document's word ids (for phrase search and
unindexing) in one IOBTree, ``_docwords``: a bucket holds up to 60
documents side by side, and indexing any of them rewrites the whole bucket.
A document whose file gave 400 KB of text then made each of the next
registrations (the neighbouring catalog ids) write that bucket again — 7.8
MB each on a real site (issue 15). Here a long list is kept in a
``WordCodes`` record of its own and the bucket holds only a reference, so
indexing a neighbour writes a few bytes for it; reindexing the document
itself rewrites its own record only. Search results are those of
ZCTextIndex's Okapi BM25 index (the class it extends).

Do not rename or move these classes without an upgrade step: the ZODB
stores their paths."""

from BTrees.IOBTree import IOBTree
from persistent import Persistent
from Products.ZCTextIndex.OkapiIndex import OkapiIndex

# a WidCode string longer than this (about 150 words) gets a record of its own
APART = 512


class WordCodes(Persistent):
    """One document's WidCode'd word ids."""

    def __init__(self, code):
        self.code = code


class DocWords:
    """docid → WidCode string, as ``BaseIndex`` reads and writes it; long
    strings live in ``WordCodes`` records. Stored inline in the index's
    record (it never changes; the tree and the records do)."""

    def __init__(self, tree=None):
        self._tree = IOBTree() if tree is None else tree

    def __getitem__(self, docid):
        value = self._tree[docid]
        return value.code if isinstance(value, WordCodes) else value

    def __setitem__(self, docid, code):
        old = self._tree.get(docid)
        if len(code) > APART:
            if isinstance(old, WordCodes):
                if old.code != code:
                    old.code = code  # its own record; the bucket is untouched
                return
            code = WordCodes(code)
        self._tree[docid] = code

    def __delitem__(self, docid):
        del self._tree[docid]

    def __contains__(self, docid):
        return docid in self._tree

    has_key = __contains__

    def __len__(self):
        return len(self._tree)

    def keys(self, *args):
        return self._tree.keys(*args)

    def get(self, docid, default=None):
        return self[docid] if docid in self._tree else default


class SeparateOkapiIndex(OkapiIndex):
    """Okapi BM25 (``index_type`` "Okapi BM25 Rank") with ``DocWords``."""

    def __init__(self, lexicon):
        OkapiIndex.__init__(self, lexicon)
        self._docwords = DocWords()
