"""One union-find for compare: name variants joined into one term, passages into events.

The smaller root always wins a union, so the groups, and which member is a
group's root, depend only on the pairs joined, never on the order of the calls
in between: builds and events stay deterministic.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=_Ordered)


class DisjointSets(Generic[T]):
    """Disjoint sets over any ordered keys (words, passage numbers); an unseen key is alone."""

    __slots__ = ("_parent",)

    def __init__(self) -> None:
        self._parent: dict[T, T] = {}

    def find(self, x: T) -> T:
        """The root of ``x``'s set (path halving keeps later finds short)."""
        parent = self._parent
        while True:
            p = parent.get(x, x)
            if p == x:
                return x
            grand = parent.get(p, p)
            if grand != p:
                parent[x] = grand
            x = grand

    def union(self, a: T, b: T) -> T:
        """Join the sets of ``a`` and ``b``; return the root of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self._parent[rb] = ra
        return ra

    def joined(self) -> dict[T, list[T]]:
        """Root → members (root included) of every set that holds more than one key."""
        groups: dict[T, list[T]] = {}
        for x in self._parent:
            root = self.find(x)
            members = groups.get(root)
            if members is None:
                members = groups[root] = [root]
            members.append(x)
        return groups
