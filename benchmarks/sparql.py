"""rdflib's own SPARQL engine against the embedded Oxigraph store, on a synthetic graph in the
shape of kg's output, measured in the same run.

    python benchmarks/sparql.py [--triples 1000000]

Prints the time of each step for both and the ratio rdflib ÷ store for: load (N-Quads), a join
(who met whom with the sentence), a GROUP BY (facts per class) and a regex filter over sentences.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KG = "https://w3id.org/kgnews/ontology#"
ID = "https://w3id.org/kgnews/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
CLASSES = ["Meeting", "Statement", "Visit", "Accord", "Attendance", "PositionHolding", "Gift", "GenericEvent"]
WORDS = ["会談", "合意", "首相", "大統領", "投資", "地震", "避難", "発表", "同盟", "協力", "経済", "安全保障"]

QUERIES = {
    "join": f"""PREFIX kg: <{KG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a ?p ?text WHERE {{ ?f a kg:Meeting ; kg:agent ?x ; kg:participant ?y ; kg:evidence ?s .
  ?x rdfs:label ?a . ?y rdfs:label ?p . ?s kg:text ?text }}""",
    "group_by": f"""PREFIX kg: <{KG}>
SELECT ?c (COUNT(?f) AS ?n) WHERE {{ ?f a ?c ; kg:evidence ?s }} GROUP BY ?c ORDER BY DESC(?n)""",
    "regex": f"""PREFIX kg: <{KG}>
SELECT ?s WHERE {{ ?s kg:text ?t FILTER(REGEX(?t, "安全保障.*協力")) }}""",
}


def synthetic_nquads(target: int, seed: int = 1) -> str:
    """Articles as named graphs with sentences, entities and facts, about ``target`` quads."""
    rnd = random.Random(seed)
    lines: list[str] = []
    entities = [f"<{ID}Person/p{i}>" for i in range(max(50, target // 200))]
    n = 0
    article = 0
    while n < target:
        g = f"<{ID}graph/a{article}>"
        art = f"<{ID}article/a{article}>"
        lines.append(f'{art} <{RDF_TYPE}> <{KG}Article> {g} .')
        for si in range(10):
            s = f"<{ID}article/a{article}/sentence/{si}>"
            text = "".join(rnd.choice(WORDS) for _ in range(12))
            lines += [f'{s} <{RDF_TYPE}> <{KG}Sentence> {g} .', f'{s} <{KG}text> "{text}" {g} .',
                      f'{s} <{KG}inArticle> {art} {g} .']
            for fi in range(2):
                f = f"<{ID}fact/a{article}s{si}f{fi}>"
                x, y = rnd.sample(entities, 2)
                lines += [f'{f} <{RDF_TYPE}> <{KG}{rnd.choice(CLASSES)}> {g} .', f'{f} <{KG}agent> {x} {g} .',
                          f'{f} <{KG}participant> {y} {g} .', f'{f} <{KG}evidence> {s} {g} .',
                          f'{x} <{LABEL}> "名前{x[-6:-1]}"@ja {g} .']
        n = len(lines)
        article += 1
    return "\n".join(lines) + "\n"


def main() -> None:
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.store import add_union_graph

    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, default=1_000_000)
    args = ap.parse_args()
    data = synthetic_nquads(args.triples)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.nq"
        path.write_text(data, encoding="utf-8")
        t = time.perf_counter()
        ds = Dataset(default_union=True)
        ds.parse(path, format="nquads")
        t_rdflib_load = time.perf_counter() - t
        t = time.perf_counter()
        store = ox.Store(str(Path(tmp) / "store"))
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        add_union_graph(store)  # as kg's store does: the union as a set in the default graph
        t_ox_load = time.perf_counter() - t
        print(f"{len(ds)} distinct triples in rdflib's union, {len(store)} quads in the store "
              f"(named graphs + their union; {args.triples} asked)")
        print(f"{'step':<10} {'rdflib s':>9} {'store s':>9} {'rdflib ÷ store':>15}")
        print(f"{'load':<10} {t_rdflib_load:9.2f} {t_ox_load:9.2f} {t_rdflib_load / t_ox_load:15.1f}")
        for name, q in QUERIES.items():
            t = time.perf_counter()
            n1 = len(list(ds.query(q)))
            a = time.perf_counter() - t
            t = time.perf_counter()
            n2 = len(list(store.query(q)))
            b = time.perf_counter() - t
            same = "same rows" if n1 == n2 else f"ROWS DIFFER {n1} vs {n2}"
            print(f"{name:<10} {a:9.2f} {b:9.3f} {a / max(b, 1e-6):15.1f}   ({n1} rows, {same})")


if __name__ == "__main__":
    main()
