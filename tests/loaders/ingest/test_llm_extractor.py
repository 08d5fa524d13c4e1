"""The optional LLM extractor, against a real HTTP server speaking the OpenAI chat-completions protocol."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from computekg.graph.schema import RelType
from computekg.loaders.article import Article
from computekg.loaders.bundle import FactBase
from computekg.loaders.ingest.llm_extractor import LlmError, LlmExtractor, LlmSettings

ARTICLE = Article(id="llm-test", title="t", date="2024-01-01",
                  body="字节跳动今年向英伟达订购了1万块H800。台积电为英伟达代工。\n\nAcme Labs bought 500 GPUs.")
FACTS = [
    {"subject": "英伟达", "type": "SUPPLIES", "object": "字节跳动", "quote": "字节跳动今年向英伟达订购了1万块H800",
     "confidence": 0.9, "product": "H800", "quantity": "1万块", "date": "2024"},
    {"subject": "台积电", "type": "MANUFACTURES", "object": "H100", "quote": "台积电为英伟达代工H100芯片",
     "confidence": 0.9},  # hallucinated: not in the article
    {"subject": "Acme Labs", "subject_kind": "Organization", "type": "PURCHASED", "object": "GPUs",
     "quote": "Acme Labs bought 500 GPUs.", "confidence": 0.7, "quantity": "500 GPUs"},
    {"subject": "英伟达", "type": "LEADS", "object": "字节跳动", "quote": "字节跳动今年向英伟达订购了1万块H800",
     "confidence": 0.5},  # a LEADS from an organization breaks the schema
    {"subject": "英伟达", "type": "OWNS", "object": "台积电", "quote": "台积电为英伟达代工", "confidence": 0.5},
]


class _FakeOpenAI(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []
    reply: Any = {"facts": FACTS}

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        content = self.reply if isinstance(self.reply, str) else json.dumps(self.reply, ensure_ascii=False)
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _FakeOpenAI.requests = []
    _FakeOpenAI.reply = {"facts": FACTS}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FakeOpenAI)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def _extractor(url: str, fact_base: FactBase) -> LlmExtractor:
    settings = LlmSettings.from_env({"COMPUTEKG_LLM_BASE_URL": url, "COMPUTEKG_LLM_MODEL": "fake-model",
                                     "COMPUTEKG_LLM_API_KEY": "sk-test"})
    assert settings is not None
    return LlmExtractor(settings, fact_base.entities, index=fact_base.aliases)


def test_verified_facts_become_candidates_and_hallucinations_are_dropped(server: str, fact_base: FactBase) -> None:
    candidates = _extractor(server, fact_base).extract(ARTICLE)
    assert [c.triple for c in candidates] == [("nvidia", RelType.SUPPLIES, "bytedance"),
                                              ("Acme Labs", RelType.PURCHASED, "gpu")]
    order, purchase = candidates
    assert order.product == "nvidia-h800" and order.quantity is not None and order.quantity.value == 10_000
    assert ARTICLE.body[order.start:order.end] == order.evidence
    assert order.rule == "llm:fake-model" and order.source == "llm-test"
    assert purchase.subject_new and not purchase.object_new
    (request,) = _FakeOpenAI.requests
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer sk-test"
    assert request["body"]["model"] == "fake-model" and request["body"]["response_format"]["type"] == "json_schema"
    assert "英伟达 (nvidia" in request["body"]["messages"][1]["content"]


def test_a_reply_that_is_not_the_json_asked_for_is_an_error(server: str, fact_base: FactBase) -> None:
    _FakeOpenAI.reply = "sorry, I cannot help"
    with pytest.raises(LlmError):
        _extractor(server, fact_base).extract(ARTICLE)


def test_an_unreachable_endpoint_is_an_error(fact_base: FactBase) -> None:
    with pytest.raises(LlmError, match="cannot reach"):
        _extractor("http://127.0.0.1:9/v1", fact_base).extract(ARTICLE)


def test_off_unless_configured() -> None:
    assert LlmSettings.from_env({}) is None
    assert LlmSettings.from_env({"COMPUTEKG_LLM_BASE_URL": "http://x"}) is None
