"""A small valid data directory (catalog, article, fact file) for tests that change one thing in it."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ARTICLE", "CATALOG", "FACTS", "write_small_fact_base"]

CATALOG = """\
- id: nvidia
  kind: Organization
  name: NVIDIA
  name_zh: 英伟达
  name_zh_hant: 英偉達
  roles: [chip_designer]
- id: bytedance
  kind: Organization
  name: ByteDance
  name_zh: 字节跳动
  aliases: [字节, 字節]
  roles: [internet_platform]
- id: nvidia-a800
  kind: Product
  name: NVIDIA A800
  aliases: [A800]
  product_kind: chip
"""

ARTICLE = """\
---
id: 900_test
title: 测试
date: '2023-07'
script: Hans
---
字节今年向英伟达订购了超过10亿美元的GPU产品,其中包括A800。
"""

FACTS = """\
source: 900_test
facts:
  - id: "900-001"
    subject: 英伟达
    type: SUPPLIES
    object: 字節
    product: A800
    amount: 超过10亿美元
    confidence: 0.9
    quote: "字节今年向英伟达订购了超过10亿美元的GPU产品"
"""


def write_small_fact_base(root: Path, *, catalog: str = CATALOG, facts: str = FACTS) -> Path:
    """A data directory of three entities, one article and one fact, in `root`; returns `root`."""
    for folder in ("catalog", "articles", "facts"):
        (root / folder).mkdir(parents=True)
    (root / "catalog" / "organizations.yaml").write_text(catalog, encoding="utf-8")
    (root / "articles" / "900_test.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "facts" / "900_test.yaml").write_text(facts, encoding="utf-8")
    return root
