"""The explorer (kg/explore.py, ``jakkg explore``): its data against ``rank``, and the page in a
real headless Chromium (Debian's /usr/bin/chromium via Playwright): offline, no console error,
the CLI's coverage for each picked question, nothing drawn under the legend or the panel at a
desktop and a phone size, the URL fragment restoring a view, hostile labels inert.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.explore import UNUSED_KEYS, explorer_data, render_explorer, story, write_explorer
from kg.rationale import rank
from kg.rationale.ranking import context_of
from kg.resolve import resolver_for
from kg.store import KnowledgeGraph, default_files, load_graph

SAMPLE = Path(__file__).parent / "data" / "viz-sample.ttl"
HOSTILE_DISEASE = "<script>window.pwned=5</script>T-itch"
QUESTIONS = [
    (disease, drug)
    for disease in ("dermatomyositis", "psoriasis", "atopic dermatitis")
    for drug in ("upadacitinib", "deucravacitinib")
]
SIZES = [(1280, 800), (390, 844)]
JAKKG = shutil.which("jakkg") or str(Path(sys.executable).parent / "jakkg")


@pytest.fixture(scope="module")
def data() -> dict:
    return explorer_data()


def _hostile_sample(folder: Path) -> KnowledgeGraph:
    """The viz sample graph with a script injection as the disease's label, too."""
    text = SAMPLE.read_text(encoding="utf-8")
    label = 'rdfs:label "T-itch"@en'
    assert label in text
    path = folder / "hostile.ttl"
    path.write_text(text.replace(label, f'rdfs:label "{HOSTILE_DISEASE}"@en'), encoding="utf-8")
    return load_graph([default_files()[0], path])


# ------------------------------------------------------------------------ data


def test_every_disease_and_every_inhibitor_is_listed(data) -> None:
    entities = resolver_for(load_graph()).entities.values()
    assert {d["label"] for d in data["diseases"]} == {
        e.label for e in entities if e.kind == "Disease"
    }
    inhibitors = {e.label for e in entities if e.kind == "JAKInhibitor"}
    assert {d["label"] for d in data["drugs"]} == inhibitors
    for question in data["questions"].values():
        assert {a["drug"]["label"] for a in question["answers"].values()} == inhibitors


def test_each_answer_is_ranks_candidate(data) -> None:
    graph = load_graph()
    for disease in resolver_for(graph).entities.values():
        if disease.kind != "Disease":
            continue
        expected = {c["drug"]["id"]: c for c in rank(disease, graph).to_dict()["candidates"]}
        answers = data["questions"][disease.iri.rsplit("/", 1)[1]]["answers"]
        assert len(answers) == len(expected)
        for answer in answers.values():
            theirs = expected[answer["drug"]["id"]]
            kept = {k: v for k, v in theirs.items() if k not in UNUSED_KEYS}
            assert {k: answer[k] for k in kept} == kept
            statuses = {c["cytokine"]: c["status"] for c in theirs["covered"]}
            labels = {
                c["key"]: c["label"]
                for c in data["questions"][disease.iri.rsplit("/", 1)[1]]["cytokines"]
            }
            drawn = {labels[k]: v["status"] for k, v in answer["cytokine_status"].items()}
            assert {k: v for k, v in drawn.items() if v != "uncovered"} == statuses


def test_receptor_credit_follows_the_jak_requirement(data) -> None:
    # deucravacitinib inhibits only TYK2: TYK2 is dispensable for IL-6 (gp130) signalling, so
    # the IL-6 receptor earns nothing, and the gap says why with its source.
    answer = data["questions"]["rheumatoid-arthritis"]["answers"]["deucravacitinib"]
    assert answer["receptor_credit"]["IL-6-receptor"] == 0.0
    assert answer["cytokine_status"]["IL-6"]["status"] == "uncovered"
    assert any("dispensable" in gap and "doi:10.1084/jem.20140280" in gap for gap in answer["gaps"])
    upadacitinib = data["questions"]["rheumatoid-arthritis"]["answers"]["upadacitinib"]
    assert upadacitinib["receptor_credit"]["IL-6-receptor"] == 1.0


def test_story_explains_a_blocked_cytokine_in_words() -> None:
    graph = load_graph()
    ranking = rank(resolver_for(graph).resolve("dermatomyositis"), graph)
    item = next(c for c in ranking.candidates if c.drug.drug.label == "upadacitinib")
    lines = story(item, ranking.disease, context_of(graph).pathways)
    assert lines[0].startswith("upadacitinib covers 100% of dermatomyositis")
    assert (
        "IL-6 signals through JAK1 (IL-6 receptor needs JAK1); upadacitinib inhibits JAK1, "
        "so IL-6 signalling is blocked." in lines
    )


def test_hostile_labels_cannot_end_the_data_element(tmp_path: Path) -> None:
    page = render_explorer(_hostile_sample(tmp_path))
    assert "<script>window.pwned" not in page and "<img src=x" not in page
    assert page.count("<script") == 2


def test_cli_writes_the_page_and_refuses_a_bad_target(tmp_path: Path) -> None:
    out = tmp_path / "explore.html"
    done = subprocess.run(
        [JAKKG, "explore", "-o", str(out), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["bytes"] == out.stat().st_size
    bad = subprocess.run(
        [JAKKG, "explore", "-o", str(tmp_path / "x.txt")],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert not (tmp_path / "x.txt").exists()


# ------------------------------------------------------------------------ browser


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_explorer(tmp_path_factory.mktemp("explore") / "explore.html")


class Watched:
    """A page with the console errors, requests and dialogs it produced."""

    def __init__(self, browser, width: int, height: int) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path, fragment: str = "") -> object:
        self.page.goto(path.resolve().as_uri() + fragment, wait_until="load")
        self.page.wait_for_selector("figure.pathway svg .node")
        return self.page


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    found = Watched(browser, 1280, 800)
    yield found
    found.context.close()


def _cli_rank(disease: str) -> dict[str, float]:
    done = subprocess.run(
        [JAKKG, "rank", disease, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {c["drug"]["label"]: c["coverage"] for c in json.loads(done.stdout)["candidates"]}


@pytest.mark.browser
def test_picking_shows_the_coverage_rank_gives(watched, page_file) -> None:
    page = watched.open(page_file)
    for disease, drug in QUESTIONS:
        expected = _cli_rank(disease)[drug]
        page.fill("#disease", disease)
        page.press("#disease", "Enter")
        page.fill("#drug", drug)
        page.press("#drug", "Enter")
        caption = page.locator("figure.pathway figcaption").inner_text()
        assert caption == f"{drug} → {disease}: coverage {round(100 * expected)}%"
        shown = float(page.locator(".coverage-figure").first.get_attribute("data-coverage"))
        assert shown == expected
        disease_node = page.locator('figure.pathway .node[data-id="disease"]').text_content()
        assert f"coverage {round(100 * expected)}%" in disease_node
    assert watched.errors == []
    assert watched.requests == [page_file.resolve().as_uri()]


@pytest.mark.browser
def test_an_unknown_name_says_did_you_mean_and_keeps_the_view(watched, page_file) -> None:
    page = watched.open(page_file, "#disease=psoriasis&drug=tofacitinib")
    page.fill("#drug", "upadacitnib")
    page.press("#drug", "Enter")
    assert "did you mean upadacitinib" in page.inner_text("#message")
    assert page.locator("figure.pathway").get_attribute("data-drug") == "tofacitinib"
    assert watched.errors == []


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "fragment",
    [
        "#disease=dermatomyositis&drug=upadacitinib",
        "#disease=psoriasis&drug=deucravacitinib&vs=tofacitinib",
    ],
    ids=["single", "compare"],
)
def test_legend_and_panel_never_cover_the_drawing(browser, page_file, size, fragment) -> None:
    watched = Watched(browser, *size)
    page = watched.open(page_file, fragment)
    legend, panel = page.locator("#legend").bounding_box(), page.locator("#panel").bounding_box()
    figures = page.locator("figure.pathway svg")
    assert figures.count() == (2 if "vs=" in fragment else 1)
    for i in range(figures.count()):
        drawing = figures.nth(i).bounding_box()
        assert not _overlap(drawing, legend) and not _overlap(drawing, panel)
        assert drawing["x"] >= 0 and drawing["x"] + drawing["width"] <= size[0]
    boxes = page.evaluate(
        "[...document.querySelectorAll('figure.pathway svg .node rect')].map((r) => {"
        " const b = r.getBoundingClientRect();"
        " return {x: b.x, y: b.y, width: b.width, height: b.height}; })"
    )
    for i, a in enumerate(boxes):
        assert all(not _overlap(a, b) for b in boxes[i + 1 :])
    smallest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('figure.pathway svg text')]"
        ".map((t) => t.getBoundingClientRect().height))"
    )
    assert smallest >= 11, "labels must stay legible"
    assert watched.errors == [] and len(watched.requests) == 1
    watched.context.close()


@pytest.mark.browser
def test_the_fragment_restores_a_view(watched, page_file) -> None:
    page = watched.open(page_file, "#disease=psoriasis&drug=tofacitinib&vs=deucravacitinib")
    assert page.input_value("#disease") == "psoriasis"
    assert page.input_value("#drug") == "tofacitinib"
    assert page.input_value("#versus") == "deucravacitinib"
    drugs = page.eval_on_selector_all("figure.pathway", "(f) => f.map((x) => x.dataset.drug)")
    assert drugs == ["tofacitinib", "deucravacitinib"]
    page.click("#no-compare")
    assert page.evaluate("location.hash") == "#disease=psoriasis&drug=tofacitinib"
    page.goto(page_file.resolve().as_uri() + "#disease=no-such&drug=upadacitinib")
    assert "no disease 'no-such'" in page.inner_text("#message")
    assert watched.errors == []


@pytest.mark.browser
def test_overview_cells_and_nodes_work_from_the_keyboard(watched, page_file) -> None:
    page = watched.open(page_file)
    cell = page.locator('#overview button[data-disease="psoriasis"][data-drug="baricitinib"]')
    cell.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#disease=psoriasis&drug=baricitinib"
    assert page.locator("figure.pathway").get_attribute("data-drug") == "baricitinib"
    page.locator('.node[data-id="cyt:IL-23"]').focus()
    page.keyboard.press("Enter")
    details = page.inner_text("#details")
    assert "IL-23" in details and "Evidence tier: validated" in details
    assert watched.errors == []


@pytest.mark.browser
def test_hostile_labels_stay_inert(browser, tmp_path: Path) -> None:
    path = write_explorer(tmp_path / "hostile.html", _hostile_sample(tmp_path))
    watched = Watched(browser, 1280, 800)
    page = watched.open(path)
    disease = page.locator('figure.pathway .node[data-id="disease"]').text_content()
    assert HOSTILE_DISEASE in disease
    assert HOSTILE_DISEASE in page.locator("figcaption").inner_text()
    assert page.input_value("#disease") == HOSTILE_DISEASE
    page.locator('.node[data-id="cyt:t-IL-17"]').click()
    assert '<img src=x onerror="window.pwned=1">' in page.inner_text("#details")
    assert page.evaluate("window.pwned") is None
    assert watched.dialogs == [] and watched.errors == []
    assert page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    watched.context.close()


@pytest.mark.browser
def test_every_disease_draws_with_its_best_ranked_drug(watched, page_file, data) -> None:
    page = watched.open(page_file)
    for disease in data["diseases"]:
        question = data["questions"][disease["key"]]
        drug = next(iter(question["answers"]))
        page.evaluate(
            "([d, g]) => { location.hash = 'disease=' + d + '&drug=' + g; }",
            [disease["key"], drug],
        )
        page.wait_for_function(
            "([d, g]) => explorer.state.disease === d && explorer.state.drug === g",
            arg=[disease["key"], drug],
        )
        drawn = page.locator("figure.pathway .node").count()
        jaks = len(question["jaks"])
        receptors = len({r["key"] for c in question["cytokines"] for r in c["receptors"]})
        assert drawn == 2 + jaks + receptors + len(question["cytokines"]), disease["key"]
    assert watched.errors == []
