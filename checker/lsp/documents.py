"""The documents an editor holds open, and where every file's text comes from.

A document that is open is read from the editor's text, saved or not; any other file from disk.
The loader asks :meth:`DocumentStore.overlay` for each file it loads, so the imports of a spec
resolve against open documents first, then disk. Files are matched by their resolved path, so a
file opened through a symbolic link is the same file as its target.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pygls.uris import from_fs_path, to_fs_path

from ..syntax.source import SourceError, read_source

SPEC_SUFFIX = ".align"


def path_of(uri: str) -> str | None:
    """The file system path of a ``file:`` URI (None for ``untitled:`` and other schemes)."""
    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


def uri_of(path: str) -> str:
    """The ``file:`` URI of an absolute path."""
    return str(from_fs_path(os.path.abspath(path)))


@dataclass(frozen=True)
class Document:
    """One open document: its URI, its text and version as the editor last sent them, and its
    file system path (None for a document that is not a file, such as an unsaved new one)."""

    uri: str
    text: str
    version: int | None
    path: str | None

    @property
    def real(self) -> str | None:
        """The resolved path of the file (None when the document is not a file)."""
        return os.path.realpath(self.path) if self.path is not None else None


class DocumentStore:
    """The open documents, by URI and by resolved path."""

    def __init__(self) -> None:
        self._by_uri: dict[str, Document] = {}
        self._by_real: dict[str, Document] = {}

    def open(self, uri: str, text: str, version: int | None) -> Document:
        """Record the text of an opened or changed document and return it."""
        path = path_of(uri)
        document = Document(uri, text, version, path)
        self._by_uri[uri] = document
        if document.real is not None:
            self._by_real[document.real] = document
        return document

    def close(self, uri: str) -> None:
        """Forget a closed document: its file is read from disk again."""
        document = self._by_uri.pop(uri, None)
        if document is not None and document.real is not None and self._by_real.get(document.real) is document:
            del self._by_real[document.real]

    def get(self, uri: str) -> Document | None:
        """The open document at ``uri``, if any."""
        return self._by_uri.get(uri)

    def documents(self) -> list[Document]:
        """Every open document, in the order they were opened."""
        return list(self._by_uri.values())

    def by_path(self, path: str) -> Document | None:
        """The open document of the file at ``path``, if any."""
        return self._by_real.get(os.path.realpath(path))

    def overlay(self, real: str) -> bytes | None:
        """The editor's text of the file at the resolved path ``real``, as the loader wants it
        (None: the file is not open, so it is read from disk)."""
        document = self._by_real.get(real)
        return document.text.encode("utf-8") if document is not None else None

    def uri_for(self, file: str) -> str:
        """The URI of a file as a span names it: the open document's URI when the file is open
        (or when ``file`` is an open document's URI), else the ``file:`` URI of its path."""
        if file in self._by_uri:
            return file
        document = self.by_path(file)
        return document.uri if document is not None else uri_of(file)

    def text_for(self, file: str) -> str:
        """The text of a file as a span names it: the editor's when it is open, else the file on
        disk ("" when it cannot be read)."""
        if file in self._by_uri:
            return self._by_uri[file].text
        document = self.by_path(file)
        if document is not None:
            return document.text
        try:
            return read_source(file).text
        except (OSError, SourceError):
            return ""
