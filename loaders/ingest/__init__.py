"""Turn new articles into candidate facts for review: read, clean, link entities, find relations.

One module per step: `decoding` (bytes to text), `markup` (HTML and Markdown to text), `reading`
(a file to an `Article`), `sentences`, `aligned` (normalized text that remembers offsets), `linking`
and `new_entities` (who is named), `amounts` (counts, money, dates), `cues` and `cues.yaml` (the
pattern lexicon), `relations` (the rules), `candidate` (the output model), `extractor` (the
`Extractor` protocol and the offline extractor), `llm_extractor` (optional, off by default),
`pipeline` (files in, candidates out) and `evaluation` (scores against the curated facts).
"""
