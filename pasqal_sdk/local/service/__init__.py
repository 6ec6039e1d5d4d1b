"""The local cloud's operations, one module per resource (the documents' tags)."""
