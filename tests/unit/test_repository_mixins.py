"""The repository's mixins each own their names: none defines what another already defines.

`Repository` is one class built from many mixins (storage/repository.py); when two of them
define the same method, the one listed first silently wins and the other becomes dead code that
still looks alive. Public and private names count; dunders (`__init__`, `__doc__`, …) do not.
"""

from __future__ import annotations

from collections import defaultdict

from storage.repository import Repository


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def shared_names(cls: type) -> dict[str, list[str]]:
    """Each name defined by more than one class of `cls`'s MRO → those classes, in MRO order."""
    owners: dict[str, list[str]] = defaultdict(list)
    for klass in cls.__mro__:
        if klass is object:
            continue
        for name in vars(klass):
            if not _is_dunder(name):
                owners[name].append(f"{klass.__module__}.{klass.__qualname__}")
    return {name: classes for name, classes in owners.items() if len(classes) > 1}


def test_no_two_repository_mixins_define_the_same_name():
    shared = shared_names(Repository)
    assert not shared, "defined more than once; the first listed hides the rest:\n" + "\n".join(
        f"{name}: {', '.join(classes)}" for name, classes in sorted(shared.items()))


def test_a_shadowed_method_is_found():
    """The check itself: a private helper defined twice is caught, dunders are not."""
    class Base:
        def __init__(self) -> None: ...

    class First(Base):
        def _rows(self) -> None: ...
        def latest(self) -> None: ...

    class Second(Base):
        def __init__(self) -> None: ...
        def _rows(self) -> None: ...

    class Both(First, Second):
        pass

    assert list(shared_names(Both)) == ["_rows"]
    assert shared_names(Both)["_rows"][0].endswith("First")
