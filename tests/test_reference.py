"""The API reference (docs/reference*.md, built by mkdocs) documents the whole public surface.

The site is built once per session into a temporary directory; each test then reads its HTML.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import pasqal_sdk

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")

# The public modules whose `__all__` the reference must cover, besides `pasqal_sdk` itself.
PUBLIC_MODULES = (
    "pasqal_sdk.device",
    "pasqal_sdk.pulser",
    "pasqal_sdk.errors",
    "pasqal_sdk.local",
    "pasqal_sdk.local.testing",
    "pasqal_sdk.pasqal_cloud_client",
    "pasqal_sdk.pasqal_cloud_connection",
    "pasqal_sdk.authentication",
    "pasqal_sdk.backends",
    "pasqal_sdk.utils.filters",
    "pasqal_sdk.utils.constants",
    "pasqal_sdk.utils.responses",
    "pasqal_sdk.endpoints",
    "pasqal_sdk.batch",
    "pasqal_sdk.job",
    "pasqal_sdk.workload",
    "pasqal_sdk.project",
    "pasqal_sdk.sdk",
    "pasqal_sdk.client",
    "pasqal_sdk.http_client",
    "pasqal_sdk.ovh",
    "pasqal_sdk.device.configuration",
)

# Members that live on private base classes today: they must still be shown on the public class.
INHERITED = (
    "pasqal_sdk.Batch.ordered_jobs",
    "pasqal_sdk.Batch.jobs",
    "pasqal_sdk.AsyncBatch.ordered_jobs",
    "pasqal_sdk.Job.result",
    "pasqal_sdk.Job.counts",
    "pasqal_sdk.Job.probabilities",
    "pasqal_sdk.Job.plot_histogram",
    "pasqal_sdk.AsyncJob.counts",
    "pasqal_sdk.SDK.project_id",
    "pasqal_sdk.AsyncSDK.project_id",
)

_ID = re.compile(r'\bid="([^"]+)"')
_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)
_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of one strict build of the site."""
    if shutil.which(str(MKDOCS)) is None:
        pytest.skip("mkdocs is not installed (the `docs` extra)")
    site = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    output = (build.stdout + build.stderr)[-4000:]
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{output}"
    return site


@pytest.fixture(scope="session")
def reference_html(site: Path) -> str:
    """The reference pages' HTML, concatenated."""
    pages = sorted((site / "reference").rglob("*.html"))
    assert pages, "the build produced no reference pages"
    return "\n".join(page.read_text(encoding="utf-8") for page in [site / "reference.html", *pages])


_HREF = re.compile(r'<a [^>]*href="([^"]+)"')


def test_the_built_site_reads_from_file_urls(site: Path) -> None:
    """Every link from a page to a page of the site names its .html file, which exists (a
    browser opening .site/index.html from disk follows them); the search index is a script."""
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")  # a server's page
    assert len(pages) > 20
    checked = 0
    for page in pages:
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            target = href.split("#", 1)[0]
            if not target or re.match(r"[a-z][a-z0-9+.-]*:", target):  # same page, or a URL
                continue
            checked += 1
            relative = page.relative_to(site)
            assert target.endswith(".html"), f"{relative}: {href}"
            assert (page.parent / target).resolve().is_file(), f"{relative}: {href}"
    assert checked > 100
    assert (site / "search" / "search_index.js").is_file()


@pytest.fixture(scope="session")
def anchors(reference_html: str) -> set[str]:
    return set(_ID.findall(reference_html))


def _public_names() -> Iterator[str]:
    """Every public path: `pasqal_sdk.<name>` and `<module>.<name>` for each `__all__`."""
    yield from (f"pasqal_sdk.{name}" for name in pasqal_sdk.__all__)
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        yield module_name
        yield from (f"{module_name}.{name}" for name in module.__all__)


def test_every_public_name_has_an_entry(anchors: set[str]) -> None:
    missing = [path for path in _public_names() if path not in anchors]
    assert not missing, f"add these to docs/reference/*.md: {missing}"


def test_inherited_public_members_are_shown(anchors: set[str]) -> None:
    missing = [path for path in INHERITED if path not in anchors]
    assert not missing, f"not shown (set inherited_members for their class): {missing}"


def test_no_private_path_is_an_anchor_or_heading(reference_html: str, anchors: set[str]) -> None:
    private = sorted(a for a in anchors if re.match(r"pasqal_sdk(\.\w+)*\._(?!_version__$)", a))
    assert not private, f"private paths documented: {private}"
    headings = [_TAG.sub("", h) for h in _HEADING.findall(reference_html)]
    leaked = [
        h.strip()
        for h in headings
        if re.search(r"pasqal_sdk(\.\w+)*\._(?!_version__)|\b_[A-Z]\w+", h)
    ]
    assert not leaked, f"headings naming private objects: {leaked}"


def test_fields_read_from_the_service_are_listed(reference_html: str) -> None:
    """`batch.status`, `job.status`, ... come from the service's document: each class lists them."""
    for name in ("Batch", "Job", "Workload"):
        assert f'title="pasqal_sdk.{name}.status"' in reference_html, f"{name} lists no `status`"


def test_no_base_class_shown_is_private(reference_html: str) -> None:
    bases = re.findall(r'class="doc doc-class-bases">(.*?)</p>', reference_html, re.S)
    private = [_TAG.sub("", b).strip() for b in bases if re.search(r">_\w", b)]
    assert not private, f"private base classes shown: {private}"


def test_no_rest_example_block_is_left(reference_html: str) -> None:
    assert "Example::" not in reference_html


def test_examples_render_as_code(reference_html: str) -> None:
    """A Google `Example:` section becomes an example block holding highlighted code."""
    sections = re.findall(
        r'<details class="example" open>\s*<summary>Example</summary>(.*?)</details>',
        reference_html,
        re.S,
    )
    assert len(sections) >= 10, "the Example sections did not render as example blocks"
    assert all("<code>" in section for section in sections)


# Classes the SDK builds and returns, never built by hand: their constructors are not documented.
BUILT_BY_THE_SDK = {
    "Batch",
    "AsyncBatch",
    "Job",
    "AsyncJob",
    "Workload",
    "AsyncWorkload",
    "Project",
    "RawResponse",
    "HttpAnswer",
}


def _public_methods() -> Iterator[tuple[str, object]]:
    """(path, function) for every public method and constructor of the top-level classes."""
    seen: set[int] = set()
    for name in pasqal_sdk.__all__:
        value = getattr(pasqal_sdk, name)
        if not inspect.isclass(value) or issubclass(value, BaseException) or id(value) in seen:
            continue
        seen.add(id(value))  # an alias (PasqalCloudClient is SDK) is checked once
        for attr, member in inspect.getmembers(value):
            if attr.startswith("_") and not (attr == "__init__" and name not in BUILT_BY_THE_SDK):
                continue
            if inspect.isfunction(member) and member.__module__.startswith("pasqal_sdk"):
                yield f"pasqal_sdk.{name}.{attr}", member


def test_every_public_method_documents_its_parameters() -> None:
    """Each parameter appears in an `Args:` section (the class's own covers `__init__`)."""
    undocumented = []
    for path, function in _public_methods():
        owner = pasqal_sdk if path.count(".") == 1 else getattr(pasqal_sdk, path.split(".")[1])
        doc = inspect.getdoc(function) or ""
        if function.__name__ == "__init__":  # documented by its class, or the one defining it
            definer = vars(inspect.getmodule(function))[function.__qualname__.split(".")[0]]
            doc += "\n" + (inspect.getdoc(owner) or "") + "\n" + (inspect.getdoc(definer) or "")
        parameters = [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]
        documented = set(re.findall(r"^\s+\**(\w+)(?: \([^)]*\))?:", _args_section(doc), re.M))
        missing = [p for p in parameters if p not in documented]
        if missing:
            undocumented.append(f"{path}: {missing}")
    assert not undocumented, "parameters with no Args: entry:\n" + "\n".join(undocumented)


def _args_section(doc: str) -> str:
    """The text of every `Args:` (or `Arguments:`/`Parameters:`) section of a docstring."""
    sections = re.findall(
        r"^(?:Args|Arguments|Parameters|Keyword Args|Attributes):\n((?:[ \t]+.*\n?|\n)*)", doc, re.M
    )
    return "\n".join(sections)
