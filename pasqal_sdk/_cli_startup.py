"""What the command line does before anything else is imported (for its start-up time).

httpx's own command line (`httpx._main`, which `import httpx` tries, pulling in rich and pygments:
about 0.1 s) is of no use to this one: marked absent in the CLI's process, httpx falls back on its
stub `main` at once. Only before httpx is imported, and only in the CLI (a program that imports
pasqal_sdk keeps httpx as it is).
"""

from __future__ import annotations

import sys

if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
