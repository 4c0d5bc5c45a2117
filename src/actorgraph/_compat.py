"""Old import paths of version 0.1 (``actorgraph.gains``), kept for one release.

A meta-path finder maps each old module name onto its new home and warns once with a
`DeprecationWarning`; the module object is the new one, so state is never duplicated.
The finder and loader are plain classes with the protocol's methods: subclassing
`importlib.abc` would import `importlib.resources` (about 25 ms) on every start-up.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Mapping, Sequence
from types import ModuleType


class _Alias:
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        pass  # already executed under its new name


class _MovedFinder:
    def __init__(self, package: str, moved: Mapping[str, str]) -> None:
        self.package = package
        self.moved = {f"{package}.{old}": f"{package}.{new}" for old, new in moved.items()}

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        new = self.moved.get(fullname)
        if new is None:
            return None
        warnings.warn(f"{fullname} moved to {new}; the old path goes in the next release",
                      DeprecationWarning, stacklevel=3)
        return importlib.machinery.ModuleSpec(fullname, _Alias(new))


def install(package: str, moved: Mapping[str, str]) -> None:
    """Add the finder once (importing the package twice must not stack finders)."""
    if not any(isinstance(f, _MovedFinder) and f.package == package for f in sys.meta_path):
        sys.meta_path.append(_MovedFinder(package, moved))
