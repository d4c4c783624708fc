"""Pin the curated cytokine biology: identifiers, receptor chains, JAK pairings and upstream links.

The expected values are the ones verified against public records (docs/data-cytokines.md lists
the record behind each identifier and the source behind each edge).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.namespaces import ENTITY
from kg.store import KnowledgeGraph

# HGNC complete set rows read for each gene (symbol -> HGNC, NCBI Gene, UniProt).
GENE_IDS = {
    "JAK1": ("6190", "3716", "P23458"),
    "JAK2": ("6192", "3717", "O60674"),
    "JAK3": ("6193", "3718", "P52333"),
    "TYK2": ("12440", "7297", "P29597"),
    "IL2": ("6001", "3558", "P60568"),
    "IL4": ("6014", "3565", "P05112"),
    "IL5": ("6016", "3567", "P05113"),
    "IL6": ("6018", "3569", "P05231"),
    "IL13": ("5973", "3596", "P35225"),
    "IL15": ("5977", "3600", "P40933"),
    "IL17A": ("5981", "3605", "Q16552"),
    "IL21": ("6005", "59067", "Q9HBE4"),
    "IFNB1": ("5434", "3456", "P01574"),
    "IFNG": ("5438", "3458", "P01579"),
    "IL7": ("6023", "3574", "P13232"),
    "IL9": ("6029", "3578", "P15248"),
    "IL10": ("5962", "3586", "P22301"),
    "IL22": ("14900", "50616", "Q9GZX6"),
    "TSLP": ("30743", "85480", "Q969D9"),
    "IL1B": ("5992", "3553", "P01584"),
    "TNF": ("11892", "7124", "P01375"),
    "EPO": ("3415", "2056", "P01588"),
    "THPO": ("11795", "7066", "P40225"),
    "CSF2": ("2434", "1437", "P04141"),
    "IL3": ("6011", "3562", "P08700"),
    "IL31": ("19372", "386653", "Q6EBC2"),
    "OSM": ("8506", "5008", "P13725"),
}

CHAIN_HGNC = {
    "CSF2RB": "2436",
    "IFNAR1": "5432",
    "IFNAR2": "5433",
    "IFNGR1": "5439",
    "IFNGR2": "5440",
    "IL12RB1": "5971",
    "IL13RA1": "5974",
    "IL15RA": "5978",
    "IL17RA": "5985",
    "IL17RC": "18358",
    "IL21R": "6006",
    "IL23R": "19100",
    "IL2RA": "6008",
    "IL2RB": "6009",
    "IL2RG": "6010",
    "IL4R": "6015",
    "IL5RA": "6017",
    "IL6R": "6019",
    "IL6ST": "6021",
    "IL7R": "6024",
    "IL9R": "6030",
    "IL10RA": "5964",
    "IL10RB": "5965",
    "IL12RB2": "5972",
    "IL22RA1": "13700",
    "CRLF2": "14281",
    "IL36R": "5999",
    "IL1RAP": "5995",
    "IL1R1": "5993",
    "TNFRSF1A": "11916",
    "TNFRSF1B": "11917",
    "EPOR": "3416",
    "MPL": "7217",
    "CSF2RA": "2435",
    "IL3RA": "6012",
    "IL31RA": "18969",
    "OSMR": "8507",
    "LIFR": "6597",
    "IFNLR1": "18584",
}

SIGNALS_VIA = {
    "IL-2": {"JAK1", "JAK3"},
    "IL-4": {"JAK1", "JAK3", "TYK2"},
    "IL-5": {"JAK1", "JAK2"},
    "IL-6": {"JAK1", "JAK2", "TYK2"},
    "IL-13": {"JAK1", "TYK2"},
    "IL-15": {"JAK1", "JAK3"},
    "IL-21": {"JAK1", "JAK3"},
    "IL-23": {"JAK2", "TYK2"},
    "IFN-alpha": {"JAK1", "TYK2"},
    "IFN-beta": {"JAK1", "TYK2"},
    "IFN-gamma": {"JAK1", "JAK2"},
    "IL-7": {"JAK1", "JAK3"},
    "IL-9": {"JAK1", "JAK3"},
    "IL-10": {"JAK1", "TYK2"},
    "IL-12": {"JAK2", "TYK2"},
    "IL-22": {"JAK1", "TYK2"},
    "TSLP": {"JAK1", "JAK2"},
    "EPO": {"JAK2"},
    "TPO": {"JAK2"},
    "GM-CSF": {"JAK2"},
    "IL-3": {"JAK2"},
    "IL-31": {"JAK1"},
    "OSM": {"JAK1", "JAK2", "TYK2"},
    "IFN-lambda": {"JAK1", "TYK2"},
}

RECEPTOR_JAKS = {
    "IL-2-receptor": {"JAK1", "JAK3"},
    "IL-4-receptor-type-I": {"JAK1", "JAK3"},
    "IL-4-receptor-type-II": {"JAK1", "TYK2"},
    "IL-5-receptor": {"JAK1", "JAK2"},
    "IL-6-receptor": {"JAK1", "JAK2", "TYK2"},
    "IL-15-receptor": {"JAK1", "JAK3"},
    "IL-17-receptor": set(),
    "IL-21-receptor": {"JAK1", "JAK3"},
    "IL-23-receptor": {"JAK2", "TYK2"},
    "IFNAR": {"JAK1", "TYK2"},
    "IFNGR": {"JAK1", "JAK2"},
    "IL-7-receptor": {"JAK1", "JAK3"},
    "IL-9-receptor": {"JAK1", "JAK3"},
    "IL-10-receptor": {"JAK1", "TYK2"},
    "IL-12-receptor": {"JAK2", "TYK2"},
    "IL-22-receptor": {"JAK1", "TYK2"},
    "TSLP-receptor": {"JAK1", "JAK2"},
    "IL-36-receptor": set(),
    "IL-1-receptor": set(),
    "TNF-receptor-1": set(),
    "TNF-receptor-2": set(),
    "EPO-receptor": {"JAK2"},
    "TPO-receptor": {"JAK2"},
    "GM-CSF-receptor": {"JAK2"},
    "IL-3-receptor": {"JAK2"},
    "IL-31-receptor": {"JAK1"},
    "OSM-receptor-type-I": {"JAK1", "JAK2", "TYK2"},
    "OSM-receptor-type-II": {"JAK1", "JAK2", "TYK2"},
    "IFNLR": {"JAK1", "TYK2"},
}

UPSTREAM = [
    ("IL-23", "IL-17A"),
    ("IL-6", "IL-17A"),
    ("IL-23", "IL-22"),
    ("IL-12", "IFN-gamma"),
    ("IL-6", "IL-21"),
    ("IL-21", "IL-17A"),
    ("IL-6", "IL-22"),
    ("IL-1-beta", "IL-17A"),
    ("TSLP", "IL-4"),
    ("TSLP", "IL-5"),
    ("TSLP", "IL-13"),
    ("TSLP", "TNF"),
    ("IL-17A", "IL-36"),
    ("TNF", "IL-36"),
    ("IL-36", "TNF"),
    ("IL-36", "IL-6"),
]

NON_JAK_CYTOKINES = ["IL-17A", "IL-36", "IL-1-beta", "TNF"]


def local(iri: str) -> str:
    return iri[len(ENTITY) :]


def values(graph: KnowledgeGraph, query: str, var: str) -> set[str]:
    return {local(r[var]) if r[var].startswith(ENTITY) else r[var] for r in graph.select(query)}


@pytest.mark.parametrize("symbol", sorted(GENE_IDS))
def test_gene_identifiers_match_the_hgnc_record(graph: KnowledgeGraph, symbol: str) -> None:
    hgnc, gene, uniprot = GENE_IDS[symbol]
    xrefs = values(graph, f'SELECT ?x {{ ?e jk:geneSymbol "{symbol}" ; jk:xref ?x }}', "x")
    assert xrefs == {f"HGNC:{hgnc}", f"NCBIGene:{gene}", f"UniProt:{uniprot}"}


@pytest.mark.parametrize("symbol", sorted(CHAIN_HGNC))
def test_every_chain_has_the_hgnc_id_of_its_gene_symbol(graph: KnowledgeGraph, symbol: str) -> None:
    rows = graph.select(
        f"""SELECT ?label ?x {{ jkd:{symbol} a jk:ReceptorChain ; rdfs:label ?label ;
                                 jk:geneSymbol "{symbol}" ; jk:xref ?x }}"""
    )
    assert {r["x"] for r in rows} == {f"HGNC:{CHAIN_HGNC[symbol]}"}
    assert {r["label"] for r in rows} == {symbol}


def test_no_chain_is_left_unpinned(graph: KnowledgeGraph) -> None:
    chains = values(graph, "SELECT ?c { ?c a jk:ReceptorChain }", "c")
    assert chains <= set(CHAIN_HGNC)


@pytest.mark.parametrize(("cytokine", "jaks"), sorted(SIGNALS_VIA.items()))
def test_cytokine_signals_via_exactly_these_jaks(
    graph: KnowledgeGraph, cytokine: str, jaks: set[str]
) -> None:
    assert values(graph, f"SELECT ?j {{ jkd:{cytokine} jk:signalsVia ?j }}", "j") == jaks


@pytest.mark.parametrize(("receptor", "jaks"), sorted(RECEPTOR_JAKS.items()))
def test_receptor_complex_uses_exactly_these_jaks(
    graph: KnowledgeGraph, receptor: str, jaks: set[str]
) -> None:
    assert values(graph, f"SELECT ?j {{ jkd:{receptor} jk:associatedJAK ?j }}", "j") == jaks


def test_il4_binds_type_i_and_type_ii_and_il13_only_type_ii(graph: KnowledgeGraph) -> None:
    il4 = values(graph, "SELECT ?r { jkd:IL-4 jk:bindsReceptor ?r }", "r")
    il13 = values(graph, "SELECT ?r { jkd:IL-13 jk:bindsReceptor ?r }", "r")
    assert il4 == {"IL-4-receptor-type-I", "IL-4-receptor-type-II"}
    assert il13 == {"IL-4-receptor-type-II"}


def test_type_i_il4_receptor_has_gamma_c_and_type_ii_has_il13ra1(graph: KnowledgeGraph) -> None:
    type_i = values(graph, "SELECT ?c { jkd:IL-4-receptor-type-I jk:hasChain ?c }", "c")
    type_ii = values(graph, "SELECT ?c { jkd:IL-4-receptor-type-II jk:hasChain ?c }", "c")
    assert type_i == {"IL4R", "IL2RG"}
    assert type_ii == {"IL4R", "IL13RA1"}


@pytest.mark.parametrize("cytokine", NON_JAK_CYTOKINES)
def test_non_jak_cytokines_have_no_signals_via_and_jak_free_receptors(
    graph: KnowledgeGraph, cytokine: str
) -> None:
    assert values(graph, f"SELECT ?j {{ jkd:{cytokine} jk:signalsVia ?j }}", "j") == set()
    receptors = values(graph, f"SELECT ?r {{ jkd:{cytokine} jk:bindsReceptor ?r }}", "r")
    assert receptors
    jaks = values(
        graph, f"SELECT ?j {{ jkd:{cytokine} jk:bindsReceptor/jk:associatedJAK ?j }}", "j"
    )
    assert jaks == set()


def test_il17a_is_driven_by_an_upstream_cytokine(graph: KnowledgeGraph) -> None:
    assert values(graph, "SELECT ?u { ?u jk:upstreamOf jkd:IL-17A }", "u") == {
        "IL-23",
        "IL-6",
        "IL-21",
        "IL-1-beta",
    }


@pytest.mark.parametrize(("upstream", "downstream"), UPSTREAM)
def test_upstream_edge_is_sourced(graph: KnowledgeGraph, upstream: str, downstream: str) -> None:
    rows = graph.select(
        f"""SELECT ?src {{ jkd:{upstream} jk:upstreamOf jkd:{downstream} .
              ?st rdf:subject jkd:{upstream} ; rdf:predicate jk:upstreamOf ;
                  rdf:object jkd:{downstream} ; dcterms:source ?src }}"""
    )
    assert rows


def test_every_has_chain_edge_has_a_source(graph: KnowledgeGraph) -> None:
    unsourced = graph.select(
        """SELECT ?r ?c { ?r jk:hasChain ?c .
             FILTER NOT EXISTS { ?st rdf:subject ?r ; rdf:predicate jk:hasChain ; rdf:object ?c ;
                                     dcterms:source ?src ; jk:evidenceKind ?kind } }"""
    )
    assert unsourced == []


def test_every_receptor_complex_has_chains_and_a_binding_cytokine(graph: KnowledgeGraph) -> None:
    bare = graph.select(
        """SELECT ?r { ?r a jk:ReceptorComplex .
             FILTER (NOT EXISTS { ?r jk:hasChain ?c } || NOT EXISTS { ?k jk:bindsReceptor ?r }) }"""
    )
    assert bare == []


def test_gamma_c_cytokine_receptors_share_il2rg_and_use_jak1_and_jak3(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?k ?j { ?k jk:bindsReceptor ?r .
                          ?r jk:hasChain jkd:IL2RG ; jk:associatedJAK ?j }"""
    )
    by_cytokine: dict[str, set[str]] = {}
    for r in rows:
        by_cytokine.setdefault(local(r["k"]), set()).add(local(r["j"]))
    assert set(by_cytokine) == {"IL-2", "IL-4", "IL-7", "IL-9", "IL-15", "IL-21"}
    assert all(jaks == {"JAK1", "JAK3"} for jaks in by_cytokine.values())


def test_tnf_binds_tnfr1_and_tnfr2_each_a_single_gene_receptor(graph: KnowledgeGraph) -> None:
    receptors = values(graph, "SELECT ?r { jkd:TNF jk:bindsReceptor ?r }", "r")
    assert receptors == {"TNF-receptor-1", "TNF-receptor-2"}
    chains = {
        r: values(graph, f"SELECT ?c {{ jkd:{r} jk:hasChain ?c }}", "c") for r in sorted(receptors)
    }
    assert chains == {"TNF-receptor-1": {"TNFRSF1A"}, "TNF-receptor-2": {"TNFRSF1B"}}


def test_epo_receptor_is_built_from_epor_alone_and_uses_jak2(graph: KnowledgeGraph) -> None:
    assert values(graph, "SELECT ?c { jkd:EPO-receptor jk:hasChain ?c }", "c") == {"EPOR"}
    assert values(graph, "SELECT ?r { jkd:EPO jk:bindsReceptor ?r }", "r") == {"EPO-receptor"}


def test_beta_c_cytokine_receptors_pair_a_specific_alpha_chain_with_csf2rb(
    graph: KnowledgeGraph,
) -> None:
    rows = graph.select(
        """SELECT ?k ?c { ?k jk:bindsReceptor ?r . ?r jk:hasChain jkd:CSF2RB , ?c .
                          FILTER (?c != jkd:CSF2RB) }"""
    )
    alpha = {local(r["k"]): local(r["c"]) for r in rows}
    assert alpha == {"IL-3": "IL3RA", "IL-5": "IL5RA", "GM-CSF": "CSF2RA"}


def test_tpo_receptor_is_mpl_alone(graph: KnowledgeGraph) -> None:
    assert values(graph, "SELECT ?c { jkd:TPO-receptor jk:hasChain ?c }", "c") == {"MPL"}


def test_upstream_edges_are_exactly_the_sourced_list(graph: KnowledgeGraph) -> None:
    rows = graph.select("SELECT ?u ?d { ?u jk:upstreamOf ?d }")
    assert {(local(r["u"]), local(r["d"])) for r in rows} == set(UPSTREAM)


def test_il31_receptor_pairs_il31ra_with_osmr(graph: KnowledgeGraph) -> None:
    chains = values(graph, "SELECT ?c { jkd:IL-31-receptor jk:hasChain ?c }", "c")
    assert chains == {"IL31RA", "OSMR"}


def test_osm_binds_gp130_with_lifr_type_i_and_with_osmr_type_ii(graph: KnowledgeGraph) -> None:
    receptors = values(graph, "SELECT ?r { jkd:OSM jk:bindsReceptor ?r }", "r")
    assert receptors == {"OSM-receptor-type-I", "OSM-receptor-type-II"}
    chains = {
        r: values(graph, f"SELECT ?c {{ jkd:{r} jk:hasChain ?c }}", "c") for r in sorted(receptors)
    }
    assert chains == {
        "OSM-receptor-type-I": {"LIFR", "IL6ST"},
        "OSM-receptor-type-II": {"OSMR", "IL6ST"},
    }


def test_type_iii_interferon_receptor_pairs_ifnlr1_with_il10rb(graph: KnowledgeGraph) -> None:
    assert values(graph, "SELECT ?r { jkd:IFN-lambda jk:bindsReceptor ?r }", "r") == {"IFNLR"}
    assert values(graph, "SELECT ?c { jkd:IFNLR jk:hasChain ?c }", "c") == {"IFNLR1", "IL10RB"}


def test_il10rb_is_shared_by_the_il10_il22_and_ifn_lambda_receptors(graph: KnowledgeGraph) -> None:
    cytokines = values(
        graph, "SELECT ?k { ?k jk:bindsReceptor ?r . ?r jk:hasChain jkd:IL10RB }", "k"
    )
    assert cytokines == {"IL-10", "IL-22", "IFN-lambda"}


def test_gp130_cytokines_are_il6_and_osm(graph: KnowledgeGraph) -> None:
    cytokines = values(
        graph, "SELECT ?k { ?k jk:bindsReceptor ?r . ?r jk:hasChain jkd:IL6ST }", "k"
    )
    assert cytokines == {"IL-6", "OSM"}


def test_every_associated_jak_edge_has_a_source(graph: KnowledgeGraph) -> None:
    unsourced = graph.select(
        """SELECT ?r ?j { ?r jk:associatedJAK ?j .
             FILTER NOT EXISTS { ?st rdf:subject ?r ; rdf:predicate jk:associatedJAK ;
                                     rdf:object ?j ; dcterms:source ?src ; jk:evidenceKind ?k } }"""
    )
    assert unsourced == []


def test_disputed_jaks_stay_out_until_a_source_decides(graph: KnowledgeGraph) -> None:
    # docs/data-cytokines.md records the disagreements: TYK2 on IFNGR, JAK2 on the type II
    # IL-4 receptor, JAK2 on the IL-31 receptor, JAK2 on the type III interferon receptor.
    disputed = {
        "IFNGR": "TYK2",
        "IL-4-receptor-type-II": "JAK2",
        "IL-31-receptor": "JAK2",
        "IFNLR": "JAK2",
    }
    for receptor, jak in disputed.items():
        assert jak not in values(graph, f"SELECT ?j {{ jkd:{receptor} jk:associatedJAK ?j }}", "j")


# Sources of the session-3 edges (docs/data-cytokines.md: TANAKA1999, AR66, TI2021, DEWEERD2024).
TANAKA1999 = "https://pubmed.ncbi.nlm.nih.gov/9920829/"
AR66 = "https://doi.org/10.1186/ar66"
TI2021 = "https://doi.org/10.1016/j.it.2021.09.003"
DEWEERD2024 = "https://doi.org/10.1016/j.coi.2024.102413"

EDGE_SOURCES = [
    ("OSM-receptor-type-I", "hasChain", "LIFR", TANAKA1999),
    ("OSM-receptor-type-I", "hasChain", "IL6ST", TANAKA1999),
    ("OSM-receptor-type-II", "hasChain", "OSMR", TANAKA1999),
    ("OSM-receptor-type-II", "hasChain", "IL6ST", TANAKA1999),
    ("OSM", "bindsReceptor", "OSM-receptor-type-I", TANAKA1999),
    ("OSM", "bindsReceptor", "OSM-receptor-type-II", TANAKA1999),
    *[
        (f"OSM-receptor-type-{t}", "associatedJAK", j, AR66)
        for t in ("I", "II")
        for j in ("JAK1", "JAK2", "TYK2")
    ],
    ("IFNLR", "hasChain", "IFNLR1", TI2021),
    ("IFNLR", "hasChain", "IL10RB", TI2021),
    ("IFN-lambda", "bindsReceptor", "IFNLR", TI2021),
    ("IFNLR", "associatedJAK", "JAK1", DEWEERD2024),
    ("IFNLR", "associatedJAK", "TYK2", DEWEERD2024),
]


@pytest.mark.parametrize(("subject", "predicate", "obj", "source"), EDGE_SOURCES)
def test_session_3_edge_cites_the_source_that_was_read(
    graph: KnowledgeGraph, subject: str, predicate: str, obj: str, source: str
) -> None:
    sources = values(
        graph,
        f"""SELECT ?src {{ jkd:{subject} jk:{predicate} jkd:{obj} .
              ?st rdf:subject jkd:{subject} ; rdf:predicate jk:{predicate} ;
                  rdf:object jkd:{obj} ; dcterms:source ?src .
              FILTER NOT EXISTS {{ ?st jk:jakRequirement ?need }} }}""",
        "src",
    )
    assert sources == {source}


def test_ifn_lambda_and_osm_are_families_or_genes_as_recorded(graph: KnowledgeGraph) -> None:
    # IFN-lambda is a family (IFNL1-4), so like IFN-alpha it has no single-gene xref.
    assert values(graph, "SELECT ?x { jkd:IFN-lambda jk:xref ?x }", "x") == set()
    assert values(graph, "SELECT ?s { jkd:OSM jk:geneSymbol ?s }", "s") == {"OSM"}


# Session-3 audit (docs/data-cytokines.md, "Audit of session 3"): each source was re-read in the
# record listed there and states the edges filed under it. Every hasChain, associatedJAK,
# bindsReceptor and upstreamOf statement of the cytokine files is pinned to its audited source.
AUDITED_SOURCE_URLS = {
    "ACOSTA2007": "https://pubmed.ncbi.nlm.nih.gov/17676045/",
    "AJCD2021": "https://doi.org/10.1007/s40257-021-00607-6",
    "AR66": "https://doi.org/10.1186/ar66",
    "ARM2015": "https://doi.org/10.1146/annurev-med-051113-024537",
    "CARRIER2011": "https://pubmed.ncbi.nlm.nih.gov/21881584/",
    "CS2020": "https://doi.org/10.1042/CS20191211",
    "CSIG1998": "https://pubmed.ncbi.nlm.nih.gov/9794243/",
    "DEWEERD2024": "https://doi.org/10.1016/j.coi.2024.102413",
    "DREUW2004": "https://doi.org/10.1074/jbc.M401122200",
    "EMBO1995": "https://doi.org/10.1002/j.1460-2075.1995.tb07284.x",
    "EPOENC": "https://doi.org/10.1007/978-3-319-67199-4_101844",
    "FCN2018": "https://doi.org/10.3389/fncel.2018.00458",
    "FI2020": "https://doi.org/10.3389/fimmu.2020.585880",
    "HABIB2002": "https://pubmed.ncbi.nlm.nih.gov/12093291/",
    "IL12REF": "https://doi.org/10.1006/rwcy.2000.14006",
    "IL1REF": "https://doi.org/10.1006/rwcy.2000.02005",
    "IL9R1998": "https://pubmed.ncbi.nlm.nih.gov/9535918/",
    "IRI1998": "https://doi.org/10.3109/08830189809042995",
    "LL2018": "https://doi.org/10.1101/cshperspect.a028449",
    "MCB2006": "https://doi.org/10.1128/MCB.01035-06",
    "OGATA1998": "https://doi.org/10.1182/blood.v91.7.2264",
    "ONCO2017": "https://doi.org/10.18632/oncotarget.22814",
    "PARHAM2002": "https://doi.org/10.4049/jimmunol.168.11.5699",
    "PARK2000": "https://doi.org/10.1084/jem.192.5.659",
    "ROCHMAN2010": "https://doi.org/10.1073/pnas.1008271107",
    "SEMIN1993": "https://doi.org/10.1006/smim.1993.1037",
    "SOUMELIS2002": "https://doi.org/10.1038/ni805",
    "TANAKA1999": "https://pubmed.ncbi.nlm.nih.gov/9920829/",
    "TI2021": "https://doi.org/10.1016/j.it.2021.09.003",
    "TOY2006": "https://doi.org/10.4049/jimmunol.177.1.36",
    "WJG2014": "https://doi.org/10.3748/wjg.v20.i48.18177",
    "ZHANG2008": "https://doi.org/10.1016/j.cytogfr.2008.08.003",
    "ZHENG2007": "https://doi.org/10.1038/nature05505",
    "ZHOU2007": "https://pubmed.ncbi.nlm.nih.gov/17581537/",
}

AUDITED_EDGES = {
    "ACOSTA2007": [
        ("IL-1-beta", "upstreamOf", "IL-17A"),
    ],
    "AJCD2021": [
        ("IL-4-receptor-type-I", "associatedJAK", "JAK1"),
        ("IL-4-receptor-type-I", "associatedJAK", "JAK3"),
        ("IL-4-receptor-type-II", "associatedJAK", "JAK1"),
        ("IL-4-receptor-type-II", "associatedJAK", "TYK2"),
        ("IL-13", "bindsReceptor", "IL-4-receptor-type-II"),
        ("IL-4", "bindsReceptor", "IL-4-receptor-type-I"),
        ("IL-4", "bindsReceptor", "IL-4-receptor-type-II"),
        ("IL-4-receptor-type-I", "hasChain", "IL2RG"),
        ("IL-4-receptor-type-I", "hasChain", "IL4R"),
        ("IL-4-receptor-type-II", "hasChain", "IL13RA1"),
        ("IL-4-receptor-type-II", "hasChain", "IL4R"),
    ],
    "AR66": [
        ("IL-10-receptor", "associatedJAK", "JAK1"),
        ("IL-10-receptor", "associatedJAK", "TYK2"),
        ("IL-12-receptor", "associatedJAK", "JAK2"),
        ("IL-12-receptor", "associatedJAK", "TYK2"),
        ("IL-6-receptor", "associatedJAK", "JAK2"),
        ("IL-6-receptor", "associatedJAK", "TYK2"),
        ("OSM-receptor-type-I", "associatedJAK", "JAK1"),
        ("OSM-receptor-type-I", "associatedJAK", "JAK2"),
        ("OSM-receptor-type-I", "associatedJAK", "TYK2"),
        ("OSM-receptor-type-II", "associatedJAK", "JAK1"),
        ("OSM-receptor-type-II", "associatedJAK", "JAK2"),
        ("OSM-receptor-type-II", "associatedJAK", "TYK2"),
        ("IL-12", "upstreamOf", "IFN-gamma"),
    ],
    "ARM2015": [
        ("GM-CSF-receptor", "associatedJAK", "JAK2"),
        ("IFNAR", "associatedJAK", "JAK1"),
        ("IFNAR", "associatedJAK", "TYK2"),
        ("IFNGR", "associatedJAK", "JAK1"),
        ("IFNGR", "associatedJAK", "JAK2"),
        ("IL-2-receptor", "associatedJAK", "JAK1"),
        ("IL-2-receptor", "associatedJAK", "JAK3"),
        ("IL-21-receptor", "associatedJAK", "JAK1"),
        ("IL-21-receptor", "associatedJAK", "JAK3"),
        ("IL-3-receptor", "associatedJAK", "JAK2"),
        ("IL-6-receptor", "associatedJAK", "JAK1"),
    ],
    "CARRIER2011": [
        ("IL-17A", "upstreamOf", "IL-36"),
        ("IL-36", "upstreamOf", "IL-6"),
        ("IL-36", "upstreamOf", "TNF"),
        ("TNF", "upstreamOf", "IL-36"),
    ],
    "CS2020": [
        ("IL-6", "bindsReceptor", "IL-6-receptor"),
        ("IL-6-receptor", "hasChain", "IL6R"),
        ("IL-6-receptor", "hasChain", "IL6ST"),
    ],
    "CSIG1998": [
        ("GM-CSF", "bindsReceptor", "GM-CSF-receptor"),
        ("IL-3", "bindsReceptor", "IL-3-receptor"),
        ("GM-CSF-receptor", "hasChain", "CSF2RA"),
        ("GM-CSF-receptor", "hasChain", "CSF2RB"),
        ("IL-3-receptor", "hasChain", "CSF2RB"),
        ("IL-3-receptor", "hasChain", "IL3RA"),
    ],
    "DEWEERD2024": [
        ("IFNLR", "associatedJAK", "JAK1"),
        ("IFNLR", "associatedJAK", "TYK2"),
    ],
    "DREUW2004": [
        ("IL-31-receptor", "associatedJAK", "JAK1"),
    ],
    "EMBO1995": [
        ("TPO-receptor", "associatedJAK", "JAK2"),
        ("TPO", "bindsReceptor", "TPO-receptor"),
        ("TPO-receptor", "hasChain", "MPL"),
    ],
    "EPOENC": [
        ("EPO", "bindsReceptor", "EPO-receptor"),
        ("EPO-receptor", "hasChain", "EPOR"),
    ],
    "FCN2018": [
        ("IL-10", "bindsReceptor", "IL-10-receptor"),
        ("IL-10-receptor", "hasChain", "IL10RA"),
        ("IL-10-receptor", "hasChain", "IL10RB"),
    ],
    "FI2020": [
        ("TNF", "bindsReceptor", "TNF-receptor-1"),
        ("TNF", "bindsReceptor", "TNF-receptor-2"),
        ("TNF-receptor-1", "hasChain", "TNFRSF1A"),
        ("TNF-receptor-2", "hasChain", "TNFRSF1B"),
    ],
    "HABIB2002": [
        ("IL-21", "bindsReceptor", "IL-21-receptor"),
        ("IL-21-receptor", "hasChain", "IL21R"),
        ("IL-21-receptor", "hasChain", "IL2RG"),
    ],
    "IL12REF": [
        ("IL-12-receptor", "hasChain", "IL12RB2"),
    ],
    "IL1REF": [
        ("IL-1-beta", "bindsReceptor", "IL-1-receptor"),
        ("IL-1-receptor", "hasChain", "IL1R1"),
        ("IL-1-receptor", "hasChain", "IL1RAP"),
    ],
    "IL9R1998": [
        ("IL-9-receptor", "associatedJAK", "JAK1"),
        ("IL-9-receptor", "associatedJAK", "JAK3"),
        ("IL-9", "bindsReceptor", "IL-9-receptor"),
        ("IL-9-receptor", "hasChain", "IL2RG"),
        ("IL-9-receptor", "hasChain", "IL9R"),
    ],
    "IRI1998": [
        ("IL-15-receptor", "associatedJAK", "JAK1"),
        ("IL-15-receptor", "associatedJAK", "JAK3"),
        ("IL-15", "bindsReceptor", "IL-15-receptor"),
        ("IL-15-receptor", "hasChain", "IL15RA"),
        ("IL-15-receptor", "hasChain", "IL2RB"),
        ("IL-15-receptor", "hasChain", "IL2RG"),
    ],
    "LL2018": [
        ("IL-7", "bindsReceptor", "IL-7-receptor"),
        ("IL-7-receptor", "hasChain", "IL2RG"),
    ],
    "MCB2006": [
        ("EPO-receptor", "associatedJAK", "JAK2"),
    ],
    "OGATA1998": [
        ("IL-5-receptor", "associatedJAK", "JAK1"),
        ("IL-5-receptor", "associatedJAK", "JAK2"),
        ("IL-5", "bindsReceptor", "IL-5-receptor"),
        ("IL-5-receptor", "hasChain", "CSF2RB"),
        ("IL-5-receptor", "hasChain", "IL5RA"),
    ],
    "ONCO2017": [
        ("IL-36", "bindsReceptor", "IL-36-receptor"),
        ("IL-36-receptor", "hasChain", "IL1RAP"),
        ("IL-36-receptor", "hasChain", "IL36R"),
    ],
    "PARHAM2002": [
        ("IL-23-receptor", "associatedJAK", "JAK2"),
        ("IL-23-receptor", "associatedJAK", "TYK2"),
        ("IL-12", "bindsReceptor", "IL-12-receptor"),
        ("IL-23", "bindsReceptor", "IL-23-receptor"),
        ("IL-12-receptor", "hasChain", "IL12RB1"),
        ("IL-23-receptor", "hasChain", "IL12RB1"),
        ("IL-23-receptor", "hasChain", "IL23R"),
    ],
    "PARK2000": [
        ("IL-7-receptor", "hasChain", "IL7R"),
    ],
    "ROCHMAN2010": [
        ("IL-7-receptor", "associatedJAK", "JAK1"),
        ("IL-7-receptor", "associatedJAK", "JAK3"),
        ("TSLP-receptor", "associatedJAK", "JAK1"),
        ("TSLP-receptor", "associatedJAK", "JAK2"),
        ("TSLP", "bindsReceptor", "TSLP-receptor"),
        ("TSLP-receptor", "hasChain", "CRLF2"),
        ("TSLP-receptor", "hasChain", "IL7R"),
    ],
    "SEMIN1993": [
        ("IL-2", "bindsReceptor", "IL-2-receptor"),
        ("IL-2-receptor", "hasChain", "IL2RA"),
        ("IL-2-receptor", "hasChain", "IL2RB"),
        ("IL-2-receptor", "hasChain", "IL2RG"),
    ],
    "SOUMELIS2002": [
        ("TSLP", "upstreamOf", "IL-13"),
        ("TSLP", "upstreamOf", "IL-4"),
        ("TSLP", "upstreamOf", "IL-5"),
        ("TSLP", "upstreamOf", "TNF"),
    ],
    "TANAKA1999": [
        ("OSM", "bindsReceptor", "OSM-receptor-type-I"),
        ("OSM", "bindsReceptor", "OSM-receptor-type-II"),
        ("OSM-receptor-type-I", "hasChain", "IL6ST"),
        ("OSM-receptor-type-I", "hasChain", "LIFR"),
        ("OSM-receptor-type-II", "hasChain", "IL6ST"),
        ("OSM-receptor-type-II", "hasChain", "OSMR"),
    ],
    "TI2021": [
        ("IFN-alpha", "bindsReceptor", "IFNAR"),
        ("IFN-beta", "bindsReceptor", "IFNAR"),
        ("IFN-gamma", "bindsReceptor", "IFNGR"),
        ("IFN-lambda", "bindsReceptor", "IFNLR"),
        ("IFNAR", "hasChain", "IFNAR1"),
        ("IFNAR", "hasChain", "IFNAR2"),
        ("IFNGR", "hasChain", "IFNGR1"),
        ("IFNGR", "hasChain", "IFNGR2"),
        ("IFNLR", "hasChain", "IFNLR1"),
        ("IFNLR", "hasChain", "IL10RB"),
    ],
    "TOY2006": [
        ("IL-17A", "bindsReceptor", "IL-17-receptor"),
        ("IL-17-receptor", "hasChain", "IL17RA"),
        ("IL-17-receptor", "hasChain", "IL17RC"),
    ],
    "WJG2014": [
        ("IL-22-receptor", "associatedJAK", "JAK1"),
        ("IL-22-receptor", "associatedJAK", "TYK2"),
        ("IL-22", "bindsReceptor", "IL-22-receptor"),
        ("IL-22-receptor", "hasChain", "IL10RB"),
        ("IL-22-receptor", "hasChain", "IL22RA1"),
    ],
    "ZHANG2008": [
        ("IL-31", "bindsReceptor", "IL-31-receptor"),
        ("IL-31-receptor", "hasChain", "IL31RA"),
        ("IL-31-receptor", "hasChain", "OSMR"),
    ],
    "ZHENG2007": [
        ("IL-23", "upstreamOf", "IL-22"),
        ("IL-6", "upstreamOf", "IL-22"),
    ],
    "ZHOU2007": [
        ("IL-21", "upstreamOf", "IL-17A"),
        ("IL-23", "upstreamOf", "IL-17A"),
        ("IL-6", "upstreamOf", "IL-17A"),
        ("IL-6", "upstreamOf", "IL-21"),
    ],
}

AUDITED_PREDICATES = ("hasChain", "associatedJAK", "bindsReceptor", "upstreamOf")


def cited_edges(graph: KnowledgeGraph) -> set[tuple[str, str, str, str]]:
    """The association statements (requirement statements: tests/test_requirements_data.py)."""
    preds = ", ".join(f"jk:{p}" for p in AUDITED_PREDICATES)
    rows = graph.select(
        f"""SELECT ?s ?p ?o ?src {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                   dcterms:source ?src . FILTER(?p IN ({preds}))
                                   FILTER NOT EXISTS {{ ?st jk:jakRequirement ?need }} }}"""
    )
    jk = "https://w3id.org/jakkg/vocab#"
    return {(local(r["s"]), r["p"][len(jk) :], local(r["o"]), r["src"]) for r in rows}


def test_every_cytokine_edge_cites_exactly_its_audited_source(graph: KnowledgeGraph) -> None:
    expected = {
        (s, p, o, AUDITED_SOURCE_URLS[key])
        for key, edges in AUDITED_EDGES.items()
        for s, p, o in edges
    }
    assert cited_edges(graph) == expected


def test_every_audited_edge_is_asserted_once(graph: KnowledgeGraph) -> None:
    pinned = [(s, p, o) for edges in AUDITED_EDGES.values() for s, p, o in edges]
    assert len(pinned) == len(set(pinned)) == 149
    for s, p, o in pinned:
        assert graph.select(f"SELECT ?x {{ jkd:{s} jk:{p} ?x FILTER(?x = jkd:{o}) }}"), (s, p, o)


def test_every_audited_source_is_recorded_in_the_docs() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "data-cytokines.md").read_text()
    for key, url in AUDITED_SOURCE_URLS.items():
        assert key in docs, key
        assert url.removeprefix("https://").removeprefix("doi.org/") in docs, url


# The audit moved two hasChain edges to a source that states them (the earlier source only
# implied the chain): IL-7R alpha in the IL-7 receptor, IL-12R beta 2 in the IL-12 receptor.
@pytest.mark.parametrize(
    ("receptor", "chain", "source", "former"),
    [
        ("IL-7-receptor", "IL7R", "PARK2000", "ROCHMAN2010"),
        ("IL-12-receptor", "IL12RB2", "IL12REF", "PARHAM2002"),
    ],
)
def test_audit_moved_chain_to_the_source_that_states_it(
    graph: KnowledgeGraph, receptor: str, chain: str, source: str, former: str
) -> None:
    sources = {
        src for s, p, o, src in cited_edges(graph) if (s, p, o) == (receptor, "hasChain", chain)
    }
    assert sources == {AUDITED_SOURCE_URLS[source]}
    assert AUDITED_SOURCE_URLS[former] not in sources
