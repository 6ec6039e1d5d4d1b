"""Run one page's Python blocks in order, in one namespace, as a reader pasting them would.

Usage: python run_python.py BLOCKS.json RESULTS.json. BLOCKS.json is a list of
{"where": "page:line", "page": ..., "line": ..., "source": ...}; RESULTS.json gets
{where: null (it ran) or the traceback}, written after each block. The first failure stops the
page: the blocks after it are left out of RESULTS.json. Compiled with the page's name and line
numbers, so that a traceback points into the page.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path


def main(blocks_path: str, results_path: str) -> None:
    blocks = json.loads(Path(blocks_path).read_text())
    namespace: dict[str, object] = {"__name__": "__main__"}
    results: dict[str, str | None] = {}
    for block in blocks:
        print(f"--- {block['where']}", flush=True)
        code = compile("\n" * block["line"] + block["source"], block["page"], "exec")
        try:
            exec(code, namespace)  # running the documentation is the point
        except BaseException:  # any failure, SystemExit included, is reported
            results[block["where"]] = traceback.format_exc()
        else:
            results[block["where"]] = None
        Path(results_path).write_text(json.dumps(results))
        if results[block["where"]] is not None:
            break


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
