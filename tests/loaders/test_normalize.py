"""When two texts count as the same: script, width, glosses, spacing and case are ignored."""

from __future__ import annotations

import pytest

from computekg.loaders.normalize import normalize_for_matching, strip_pinyin_glosses


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("中國大公司競逐GPU", "中国大公司竞逐gpu"),
        ("財(cái)經(jīng)", "财经"),
        ("ＴＳＭＣ，台積電", "tsmc,台积电"),
        ("字節  跳動\n的", "字节 跳动 的"),
    ],
)
def test_equivalent_texts_normalize_alike(left: str, right: str) -> None:
    assert normalize_for_matching(left) == normalize_for_matching(right)


@pytest.mark.parametrize("text", ["large models (llm)", "Decode(ID:kankeji001)", "(de) at the start"])
def test_brackets_that_are_not_glosses_stay(text: str) -> None:
    assert strip_pinyin_glosses(text) == text


def test_conversion_never_reaches_across_a_line_break() -> None:
    """The cleaner converts a page line by line and hands the body's conversion on; it must be the same."""
    from computekg.loaders.bundle import bundled_data_dir
    from computekg.loaders.normalize import _t2s, to_simplified

    lines = [line for path in sorted((bundled_data_dir() / "articles").glob("*"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert any(to_simplified(line) != line for line in lines)  # Traditional text is among them
    joined = "\n\n".join(lines)
    assert str(_t2s().convert(joined)) == "\n\n".join(str(_t2s().convert(line)) for line in lines)
