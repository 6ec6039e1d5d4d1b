"""The local cloud's HTTP layer: the ASGI app (`app`), its server (`server`, `h11`), the routes of
the documents' operations bound by operationId (`routing`), request checks against the documents
(`spec`) and of bodies (`bodies`), and idempotency keys (`idempotency`).

Layers, each importing only itself and the layers below it: `http` → `service` → `worker` →
`storage` (tests/local/test_layers.py checks it)."""
