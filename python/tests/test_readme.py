"""python/README.md shows test_readme_example.py as it is, so its example cannot rot."""

from conftest import TESTS


def test_the_readme_example_is_the_tested_file():
    example = (TESTS / "test_readme_example.py").read_text(encoding="utf-8")
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    assert f"```python\n{example}```\n" in readme
