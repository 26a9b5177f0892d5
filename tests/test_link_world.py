"""The world gazetteer and the traps of linking world-wide: each trap is a small text
whose places must link to the right QID, or to nothing; never to a namesake."""

from __future__ import annotations

import pytest

from kg.link import link_extractions
from kg.link.kb import bundled_kb
from kg.link.world import WORLD_DB, world_gazetteer
from kg.types import Entity, Extraction, SourceDoc, Span

pytestmark = pytest.mark.skipif(not WORLD_DB.exists(), reason="world.sqlite not built")


def doc(text: str, *ents: tuple[str, str]) -> Extraction:
    """An Extraction whose entities are (name, type) at their first mention."""
    out = []
    for i, (name, type_) in enumerate(ents):
        start = text.index(name)
        span = Span(start, start + len(name), name)
        out.append(Entity(f"e{i}", type_, name, (span,)))  # type: ignore[arg-type]
    return Extraction(SourceDoc("d", text), tuple(out))


def linked(text: str, *ents: tuple[str, str]) -> dict[str, str | None]:
    ext = link_extractions([doc(text, *ents)])[0]
    return {e.label: (e.link.qid if e.link else None) for e in ext.entities}


# (text, entities, {label: expected QID or None}); a None means no link at all.
TRAPS = [
    (
        "Fighting in Alexandria, Egypt's second city, left two dead.",
        [("Alexandria", "Settlement"), ("Egypt", "Country")],
        {"Alexandria": "Q87", "Egypt": "Q79"},
    ),
    (
        "Shelling hit Alexandria in Kirovohrad Oblast, Ukraine, on Monday.",
        [("Alexandria", "Settlement"), ("Ukraine", "Country")],
        {"Alexandria": "Q156734", "Ukraine": "Q212"},
    ),
    (
        "Protesters gathered in Alexandria, Virginia, near Washington.",
        [("Alexandria", "Settlement"), ("Virginia", "Region")],
        {"Alexandria": None},
    ),
    (
        "Clashes broke out in Tripoli, Lebanon's second city, near Beirut.",
        [("Tripoli", "Settlement"), ("Lebanon", "Country")],
        {"Tripoli": "Q168954", "Lebanon": "Q822"},
    ),
    (
        "Militias clashed in Tripoli, the capital of Libya.",
        [("Tripoli", "Settlement"), ("Libya", "Country")],
        {"Tripoli": None, "Libya": "Q1016"},
    ),
    (
        "Georgia said Russian troops moved the border.",
        [("Georgia", "Country")],
        {"Georgia": "Q230"},
    ),
    (
        "Voters in Georgia and Ohio, in the United States, went to the polls.",
        [("Georgia", "Region"), ("United States", "Country")],
        {"Georgia": "Q1428", "United States": "Q30"},
    ),
    ("Jordan closed its border.", [("Jordan", "Country")], {"Jordan": "Q810"}),
    ("They crossed the Jordan River.", [("Jordan River", "River")], {"Jordan River": None}),
    (
        "Israeli strikes hit Rafah in the Gaza Strip.",
        [("Rafah", "Settlement")],
        {"Rafah": None},
    ),
    (
        "Ukrainian troops entered Lyman in Donetsk Oblast.",
        [("Lyman", "Settlement"), ("Donetsk Oblast", "Region")],
        {"Lyman": "Q2234641", "Donetsk Oblast": "Q2012050"},
    ),
    ("Lyman was quiet on Sunday.", [("Lyman", "Settlement")], {"Lyman": None}),
    (
        "Troops retook Balakliia and Izium in Kharkiv Oblast.",
        [("Balakliia", "Settlement"), ("Izium", "Settlement"), ("Kharkiv Oblast", "Region")],
        {"Balakliia": "Q986263", "Izium": "Q544003"},
    ),
    (
        "A shell fell near Balakliia in Poltava Oblast.",
        [("Balakliia", "Settlement"), ("Poltava Oblast", "Region")],
        {"Balakliia": None},
    ),
    (
        "Officials in Saint Petersburg, Russia, said the drone fell.",
        [("Saint Petersburg", "Settlement"), ("Russia", "Country")],
        {"Russia": "Q159"},
    ),
    (
        "Officials in Paris condemned the strike on Kherson.",
        [("Paris", "Settlement"), ("Kherson", "Settlement")],
        {"Kherson": "Q156732"},
    ),
    (
        "Russian forces shelled Kherson Oblast overnight.",
        [("Kherson Oblast", "Region")],
        {"Kherson Oblast": "Q163271"},
    ),
    ("Fighting spread in Shan State.", [("Shan State", "Region")], {"Shan State": "Q456847"}),
]


@pytest.mark.parametrize("text,ents,want", TRAPS, ids=[t[0][:40] for t in TRAPS])
def test_trap(text, ents, want):
    got = linked(text, *ents)
    for label, qid in want.items():
        assert got[label] == qid, f"{label} -> {got[label]}, expected {qid}"


def test_no_trap_links_a_namesake():
    """Whatever links, links to a place of the country the text names."""
    got = linked(
        "Strikes on Alexandria and Tripoli were reported.",
        ("Alexandria", "Settlement"),
        ("Tripoli", "Settlement"),
    )
    assert got["Alexandria"] in (None, "Q87")
    assert got["Tripoli"] in (None, "Q3579")


def test_linked_place_takes_the_kb_type_and_coordinates():
    ext = link_extractions(
        [
            doc(
                "The United States and Sudan met.",
                ("United States", "Settlement"),
                ("Sudan", "Place"),
            )
        ]
    )[0]
    us, sd = ext.entities
    assert (us.type, us.link.qid) == ("Country", "Q30")
    assert (sd.type, sd.link.qid) == ("Country", "Q1049")
    assert sd.link.lat is not None and sd.link.geonames == "366755"


def test_a_country_mention_never_links_a_town():
    ext = link_extractions([doc("Jordan said so.", ("Jordan", "Country"))])[0]
    entry = bundled_kb().by_qid(ext.entities[0].link.qid)
    assert entry is not None and entry.type == "Country"


def test_gazetteer_is_lazy_and_indexed():
    world = world_gazetteer()
    assert world is not None
    counts = world.count()
    assert counts["Country"] >= 240 and counts["Region"] >= 3000
    hits = world.hits("Khartoum")
    kinds = {world.row(p)["type"] for p, *_ in hits}
    assert {"Settlement", "Region"} <= kinds


def test_kb_import_plain_csv_links_the_users_place(tmp_path):
    from kg.link.kb import load_kb
    from kg.link.manage import import_file

    csv_path = tmp_path / "mine.csv"
    csv_path.write_text(
        "name,qid,type,lat,lon,aliases,country\n"
        "Zzyzx Camp,Q999999901,Settlement,35.14,-116.10,Zzyzx;Zzyzx Springs,US\n"
        "Blue Brigade,,MilitaryUnit,,,,\n",
        encoding="utf-8",
    )
    kb_path = tmp_path / "user.json.gz"
    assert import_file(csv_path, None, kb_path) == (2, 2)
    kb = load_kb(kb_path, user=False)
    entry = kb.by_qid("Q999999901")
    assert (entry.type, entry.country, entry.lat) == ("Settlement", "US", 35.14)
    ext = link_extractions([doc("Troops reached Zzyzx at dawn.", ("Zzyzx", "Settlement"))], kb)
    assert ext[0].entities[0].link.qid == "Q999999901"


def test_kb_import_csv_names_the_bad_row(tmp_path):
    from kg.errors import KbError
    from kg.link.manage import import_file

    csv_path = tmp_path / "bad.csv"
    csv_path.write_text("name,qid,type\nA,Q1,Settlement\nB,X9,Settlement\n", encoding="utf-8")
    with pytest.raises(KbError, match="row 3"):
        import_file(csv_path, None, tmp_path / "u.json.gz")


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("mode,failed", [("online", True), ("online,offline", False)])
def test_unreachable_endpoint_is_reported(tmp_path, monkeypatch, mode, failed):
    from kg.pipeline import link_documents
    from kg.types import BuildReport

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("KG_KB", str(tmp_path / "none.json.gz"))
    text = "Zorblax Quenthorpe spoke in Sudan."
    ext = doc(text, ("Zorblax Quenthorpe", "Person"), ("Sudan", "Country"))
    report = BuildReport()
    endpoint = f"http://127.0.0.1:{_closed_port()}/sparql"
    linked = link_documents([ext], mode, endpoint, report)[0]
    assert [w.code for w in report.warnings] == ["W008"]
    assert "1 mentions left unlinked" in report.warnings[0].message
    assert report.link_failed is failed
    # the bundled KB still links what it knows
    assert [e.link.qid if e.link else None for e in linked.entities] == [None, "Q1049"]
