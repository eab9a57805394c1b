"""A lycée's own STS-WEB and SIECLE export files: read safely, pseudonymised, checked.

Layers: ``safe`` (bounded bytes, zip archives, encodings, a streamed defused XML parser)
→ ``key``/``pseudo`` (keyed pseudonyms) → ``readers`` (one per export, into the records of
``exports``) → the analysis (``sim.analysis.diagnosis``). ``writer`` does the reverse, for
the synthetic fixtures only.
"""
