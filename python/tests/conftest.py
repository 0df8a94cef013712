"""Shared fixtures. ``clusapi_sim`` is imported first, as a Windows client's test would;
the client itself is imported only once the library is known to be there, so that a
missing build is one clear failure (under CI) or skip (elsewhere), not an import error."""

import clusapi_sim  # noqa: F401 - first: the shims must be in place before the client

import importlib
import importlib.abc
import os
import sys
from pathlib import Path

import pytest

pytest_plugins = ["clusapi_sim.pytest_plugin"]

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent.parent
# The client is a script, as it would be on Windows: importable by its own name.
sys.path.insert(0, str(TESTS / "windows_client"))

SQL_CLUSTER = """
[[cluster]]
name = "SQLCLUSTER"
nodes = ["SQL1", "SQL2"]
networks = ["Public", "Private"]

[[cluster.group]]
name = "Cluster Group"
owner = "SQL1"
resources = [
    { name = "Cluster Name", type = "Network Name" },
    { name = "Cluster IP Address", type = "IP Address" },
]

[[cluster.group]]
name = "SQL Group"
owner = "SQL1"
online = true
resources = [
    { name = "SQL Network Name", type = "Network Name" },
    { name = "SQL Server", type = "Generic Service" },
]

[[cluster.group]]
name = "Reporting"
owner = "SQL2"
resources = [{ name = "Report Server", type = "Generic Service" }]
"""


def missing(what: str) -> None:
    """A prerequisite is missing: a failure under CI (CI=true), where it must be there, a
    visible skip elsewhere (of the whole module when called while importing one)."""
    if os.environ.get("CI") == "true":
        pytest.fail(what, pytrace=False)
    pytest.skip(what, allow_module_level=True)


class _ClientNeedsTheLibrary(importlib.abc.MetaPathFinder):
    """The client loads clusapi when imported, as on Windows; a test module that imports it
    at its top (test_readme_example.py, as a user's would) is then skipped or failed by
    ``missing`` with the search's message, instead of erroring in collection."""

    def find_spec(self, name, path=None, target=None):
        if name == "cluster_inventory":
            try:
                clusapi_sim.find_library()
            except clusapi_sim.LibraryNotFoundError as e:
                missing(str(e))
        return None  # found the usual way


sys.meta_path.insert(0, _ClientNeedsTheLibrary())


@pytest.fixture(scope="session")
def native_library() -> Path:
    """The path of libclusapi_native.so, found and loaded as the package does.

    A library that is missing is ``missing``; one that is there but of the wrong width
    (CLUSAPI_SIM_LIBRARY naming the UTF-16 libclusapi.so, say) always fails: it is a
    mistake to fix, not a prerequisite to build, and every test would otherwise fail on
    names cut after their first character.
    """
    try:
        path = clusapi_sim.find_library()
    except clusapi_sim.LibraryNotFoundError as e:
        missing(str(e))
    try:
        return clusapi_sim.library_path()
    except clusapi_sim.WrongLibraryError as e:
        wrong = str(e)
    pytest.fail(f"{wrong}\n(found as {path})", pytrace=False)  # outside: no chained trace


@pytest.fixture(scope="session")
def client(native_library):
    """The Windows client module, imported after clusapi_sim."""
    return importlib.import_module("cluster_inventory")


@pytest.fixture
def clusapi_topology():
    return SQL_CLUSTER


@pytest.fixture
def sim(client, clusapi_simulator):
    """The test's simulator (SQL_CLUSTER unless the test overrides ``clusapi_topology``),
    bound to the test's thread, with the client loaded."""
    return clusapi_simulator
