"""Files in any supported encoding and format become cleaned articles; anything else is reported, not guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_samples import HTML, SIMPLIFIED, TRADITIONAL

from computekg.loaders.ingest.decoding import UndecodableText, decode_bytes
from computekg.loaders.ingest.pipeline import article_paths
from computekg.loaders.ingest.reading import (
    DEFAULT_MAX_MB,
    ReadLimits,
    UnreadableArticle,
    article_from_bytes,
    read_article_file,
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(TRADITIONAL, "big5"), (SIMPLIFIED, "gbk"), (SIMPLIFIED, "gb18030"), (TRADITIONAL, "utf-8"),
     (SIMPLIFIED, "utf-16")],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)).text.replace("\r\n", "\n") == text


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 50, bytes(range(256)) * 4, b"\xff\xfe\x00\xd8" * 10])
def test_binary_is_not_text(data: bytes) -> None:
    with pytest.raises(UndecodableText):
        decode_bytes(data)


def test_big5_traditional_article_keeps_its_script_and_metadata(article_files: dict[str, Path]) -> None:
    article = read_article_file(article_files["big5"])
    assert article.script == "Hant"
    assert article.title == "大廠搶購GPU"
    assert article.date == "2023-07-04"
    assert "字節跳動今年向英偉達訂購了超過10億美元的GPU。" in article.body
    assert "(big5)" in (article.notes or "")


def test_gbk_and_utf8_give_the_same_article_body(article_files: dict[str, Path]) -> None:
    assert read_article_file(article_files["gbk"]).body == read_article_file(article_files["simplified"]).body


def test_html_drops_scripts_and_navigation_and_reads_meta(article_files: dict[str, Path]) -> None:
    article = read_article_file(article_files["html"])
    assert article.title == "英伟达推出H20芯片"
    assert article.date == "2024-01-12"
    assert article.publisher == "某某网"
    assert "spam" not in article.body and "首页" not in article.body and "版权所有" not in article.body
    assert "字节跳动向英伟达订购了20万块H20。" in article.body


def test_english_article_is_latin_script(article_files: dict[str, Path]) -> None:
    article = read_article_file(article_files["english"])
    assert (article.language, article.script, article.date) == ("en", "Latn", "2024-03-05")
    assert article.title == "Acme orders GPUs from Nvidia"


def test_markdown_front_matter_is_metadata() -> None:
    page = "---\ntitle: 英伟达发布新芯片\ndate: 2024-02-01\npublisher: 测试社\n---\n# 英伟达发布新芯片\n\n**英伟达**推出了[H20](http://x)。\n"
    article = article_from_bytes(page.encode("utf-8"), "note.md")
    assert (article.title, article.date, article.publisher) == ("英伟达发布新芯片", "2024-02-01", "测试社")
    assert "英伟达推出了H20。" in article.body


def test_same_bytes_give_the_same_article_id() -> None:
    data = HTML.encode("utf-8")
    assert article_from_bytes(data, "a.html").id == article_from_bytes(data, "a.html").id
    assert article_from_bytes(data, "a.html").id.startswith("a_")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [("empty.txt", b"", "no article text"), ("blank.txt", b" \n\n \t\n", "no article text"),
     ("binary.txt", bytes(range(256)) * 8, "not text"), ("picture.png", b"\x89PNG", "unsupported file type")],
)
def test_unreadable_input_is_reported(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableArticle) as caught:
        article_from_bytes(data, name)
    assert reason in str(caught.value)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(UnreadableArticle, match="cannot read"):
        read_article_file(tmp_path / "nope.txt")


def test_a_symbolic_link_is_skipped_naming_where_it_points(tmp_path: Path, article_files: dict[str, Path]) -> None:
    """A link to /etc/passwd among the articles was read and copied into the review store (issue 16.8)."""
    link = tmp_path / "passwd.txt"
    link.symlink_to("/etc/passwd")
    with pytest.raises(UnreadableArticle, match=r"passwd.txt: is a symbolic link \(to /etc/passwd\); skipped"):
        read_article_file(link)
    article_link = tmp_path / "article.txt"
    article_link.symlink_to(article_files["gbk"])
    followed = read_article_file(article_link, ReadLimits(follow_links=True))
    assert followed.body == read_article_file(article_files["gbk"]).body


def test_a_file_above_the_size_limit_is_skipped_with_a_message(tmp_path: Path) -> None:
    """A 50 MB file took 7 min 19 s and 2.9 GB; a limit (5 MB unless raised) skips it with a message."""
    big = tmp_path / "big.txt"
    big.write_bytes(SIMPLIFIED.encode("utf-8") * (int(DEFAULT_MAX_MB * 1_000_000) // len(SIMPLIFIED.encode()) + 1))
    with pytest.raises(UnreadableArticle, match="big.txt: is larger than 5 MB, the most ingest reads; raise the "
                                                "limit with --max-mb or COMPUTEKG_INGEST_MAX_MB"):
        read_article_file(big)
    small = ReadLimits(max_mb=len(SIMPLIFIED.encode()) / 1_000_000)
    (tmp_path / "ok.txt").write_text(SIMPLIFIED, encoding="utf-8")
    assert read_article_file(tmp_path / "ok.txt", small).body


def test_links_in_a_folder_are_listed_to_be_reported_and_not_followed(tmp_path: Path) -> None:
    inside = tmp_path / "inside"
    inside.mkdir()
    (inside / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (inside / "passwd.txt").symlink_to("/etc/passwd")
    (inside / "etc").symlink_to("/etc")
    assert [p.name for p in article_paths([inside])] == ["a.txt", "etc", "passwd.txt"]


def test_following_links_visits_a_folder_linked_back_up_the_tree_once(tmp_path: Path) -> None:
    inside = tmp_path / "inside"
    (inside / "deeper").mkdir(parents=True)
    (inside / "deeper" / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (inside / "deeper" / "up").symlink_to(inside)
    assert article_paths([inside], follow_links=True) == [inside / "deeper" / "a.txt"]
