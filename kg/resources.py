"""Where the shipped files live: ``ontology/`` and ``queries/``.

In a checkout they sit at the top of the repository, next to ``kg/``. A wheel carries
them inside the package as ``kg/data/ontology`` and ``kg/data/queries`` (setup.py copies
them there at build time; the repository holds one copy only). The packaged folder wins,
so an installed ``kg`` never reads a stray folder beside site-packages.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir"]

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``ontology`` or ``queries``: inside the installed package, else the checkout's.

    >>> resource_dir("ontology").joinpath("conflict-kg.ttl").is_file()
    True
    """
    packaged = _PACKAGE / "data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
