"""A binary format that can only hold data: what the cache is written in.

Why not pickle: unpickling runs whatever the file asks for, and a checksum in the
same file proves nothing, since whoever can write the file can recompute it (a keyed
HMAC is no better when its key lives in the same folder). This format has no way to
name a class, a function or a module: :func:`loads` can only build ``None``, ``bool``,
``int``, ``float``, ``str``, ``bytes``, ``list``, ``tuple``, ``dict`` and
``array.array`` of numbers. It is strict: every length is checked against what is
left of the buffer before anything is allocated (so a file of N bytes never makes
more than O(N) objects), nesting is limited to :data:`MAX_DEPTH`, an unknown tag,
a duplicate dict key, invalid UTF-8 or trailing bytes make the whole input invalid
(:class:`CodecError`). With ``plain=True``, a string holding a control character
(what :func:`brieftui.safe_text.strip_controls` removes at ingest) is invalid too,
so a planted file cannot smuggle an escape sequence past ingest.

Why not JSON or msgpack: speed, at no new dependency. A cached brief of 5,000
articles is 100,000 passages and an index of 100,000 words; decoding them one value
at a time in Python would cost more than the parse it saves. So homogeneous
sequences have bulk forms, each decoded by one C call: strings as one UTF-8 blob
plus an array of sizes, ints (in the narrowest width that holds them) and floats as arrays, a list of lists as one flat
list plus lengths, a list of strings with many repeats as its distinct strings plus
an index array, a list of dicts with the same keys as one column per key (with
other keys: all keys and all values, flat), a list of scalars of several types as a
kind per item and a column per type, a
``str | None`` list as a mask plus the strings, and a dict as its keys and its
values (so ``dict[str, int]`` is two arrays). :func:`dumps` picks the bulk form
whenever it applies; what comes back is always equal to what went in, types
included (lists stay lists and tuples tuples).

Layout: the size of the *structure* (unsigned 64-bit), the structure, then the
*string heap*. In the structure each value is a one-byte tag then its payload;
counts are unsigned 64-bit, string sizes (in bytes) and list lengths 32-bit,
numbers little-endian. Every string's UTF-8 bytes (``surrogatepass``, so a file
name that is not UTF-8, held as lone surrogates, survives) are in the heap, in
order. So the plain-text check is one pass over the heap, and the cache can read
the heap as its own buffer and decode every string from it without a copy.

Modules: ``format`` (tags, constants, the plain-text check), ``writer`` (:func:`dumps`),
``reader`` (:func:`loads`, :func:`loads_parts`).
"""

from brieftui.datacodec.format import MAX_DEPTH, CodecError, has_control_bytes
from brieftui.datacodec.reader import loads, loads_parts
from brieftui.datacodec.writer import dumps

__all__ = ["MAX_DEPTH", "CodecError", "dumps", "has_control_bytes", "loads", "loads_parts"]
