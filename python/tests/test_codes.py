"""The Python table of Win32 codes agrees with the simulator's (src/types/error.rs)."""

import re

from clusapi_sim._codes import CODES
from conftest import REPO, missing


def rust_codes():
    source = REPO / "src" / "types" / "error.rs"
    if not source.is_file():
        missing(f"no {source}: this test runs in a checkout of clusapi-sim")
    text = source.read_text(encoding="utf-8")
    block = text[text.index("codes! {") : text.index("use codes::*")]
    return {int(v): n for n, v in re.findall(r"^\s*(\w+) = (\d+);", block, re.MULTILINE)}


def test_every_code_of_the_simulator_has_its_name_and_a_text():
    python = {code: name for code, (name, _text) in CODES.items()}
    assert python == rust_codes()
    for name, text in CODES.values():
        assert text.endswith("."), name
