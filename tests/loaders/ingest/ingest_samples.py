"""Small articles with known facts, shared by the ingest tests (imported as `ingest_samples`)."""

from __future__ import annotations

# An English article: each sentence states facts a reader would record.
ENGLISH = """Acme orders GPUs from Nvidia

Published 2024-03-05

Acme Compute Inc. ordered 10,000 H100 GPUs from Nvidia for $400 million in March 2024.
The H20 is a cut-down version of the H100.
Jensen Huang, the CEO of Nvidia, said demand remains strong.
Microsoft invested $10 billion in OpenAI last year.
The Athena chip is manufactured by TSMC.
Baidu rents GPUs from Volcano Engine.
GPT-4 was trained on A100 chips.
Tencent partnered with Cambricon on inference.
"""

# A Traditional Chinese article (as Taiwanese and Hong Kong outlets write).
TRADITIONAL = """大廠搶購GPU

發布時間:2023-07-04

字節跳動今年向英偉達訂購了超過10億美元的GPU。
英偉達推出的H20是H100的特供版。
A800晶片由台積電代工生產,交貨期長達數月。
阿里巴巴董事局主席張勇表示,大模型是不容錯過的機會。
騰訊與百度宣布合作,共同推進國產算力。
美團採購了1萬塊A800,用於訓練自己的大模型。
"""

# A Simplified Chinese article.
SIMPLIFIED = """算力租赁生意火热

发布时间:2023-05-30

百度从阿里云租用算力,训练新的大模型。
寒武纪为百度供货思元590芯片,数量约为2000片。
微软的新芯片由台积电代工制造,计划明年量产。
一家叫深算科技的公司囤了一大批A100芯片。
"""

HTML = """<!doctype html>
<html><head><title>英伟达推出H20 - 某某网</title>
<meta property="article:published_time" content="2024-01-12T08:00:00+08:00">
<meta property="og:site_name" content="某某网">
<script>var spam = "字节向英伟达订购了一百万块A100";</script>
<style>.x { color: red }</style></head>
<body><nav>首页 &gt; 科技 &gt; 芯片</nav>
<h1>英伟达推出H20芯片</h1>
<article><p>英伟达推出的H20是H100的特供版,主要面向中国市场。</p>
<p>字节跳动向英伟达订购了<b>20万块</b>H20。</p></article>
<footer>版权所有 © 某某网</footer></body></html>
"""
