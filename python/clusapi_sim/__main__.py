"""``python -m clusapi_sim script.py [args...]``: runs a Windows ctypes script unchanged,
with the shims in place first, as ``__main__`` (its ``if __name__ == "__main__"`` block
runs). Without a simulator bound, its calls reach the process's simulator: the topology of
``CLUSAPI_SIM_TOPOLOGY``, or the default cluster."""

import runpy
import sys

import clusapi_sim  # noqa: F401 - the shims, before the script imports ctypes.wintypes


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("usage: python -m clusapi_sim SCRIPT.py [ARGS...]")
    sys.argv = sys.argv[1:]  # the script sees its own name as argv[0], as when run directly
    runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
