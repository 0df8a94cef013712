"""pytest fixtures: a simulator of each test's own, bound to the test's thread.

Enable them in a ``conftest.py``::

    pytest_plugins = ["clusapi_sim.pytest_plugin"]

``clusapi_simulator`` is a :class:`clusapi_sim.Simulator` of the topology the
``clusapi_topology`` fixture returns: ``None`` (the default cluster, ``SIMCLUSTER`` with
``NODE1`` and ``NODE2``) unless a test module or conftest overrides it with TOML text. The
simulator is ended after the test, so handles cannot leak into the next one; whether the
code under test closed them is the test's to assert (``sim.assert_no_open_handles()``).
"""

from __future__ import annotations

import pytest

from .simulator import Simulator


@pytest.fixture
def clusapi_topology() -> str | None:
    """The TOML topology of ``clusapi_simulator``; override it to describe your cluster."""
    return None


@pytest.fixture
def clusapi_simulator(clusapi_topology):
    """A simulator of the test's own, bound to the test's thread for the test."""
    with Simulator(clusapi_topology) as sim:
        yield sim
