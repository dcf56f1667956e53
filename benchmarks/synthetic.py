"""A synthetic corpus for scale benchmarks: N articles recombined from sentences written for the
project, with names, places, organisations and dates filled from small lists. Deterministic for
a given --seed. Not news and not meant to be: it has the length, vocabulary and sentence shapes
of the examples, which is what parsing time and memory depend on.

    python benchmarks/synthetic.py 1000 --out /tmp/synth          # a folder of .txt files
    python benchmarks/synthetic.py 1000 --out /tmp/synth.jsonl    # one JSONL file
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

PERSONS = ["山本健一", "佐々木美穂", "中川大輔", "石田由紀子", "松井拓也", "森下彩", "小野寺誠", "藤原千尋",
           "ジョン・ミラー", "エレナ・ロッシ", "李明浩", "ハンス・ベッカー"]
TITLES = ["首相", "外相", "社長", "知事", "市長", "大臣", "会長", "議長", "大統領", "代表"]
PLACES = ["札幌", "仙台", "金沢", "名古屋", "神戸", "広島", "高松", "福岡", "那覇", "横浜", "ソウル", "ベルリン"]
ORGS = ["北星電機", "みなと銀行", "東邦化学", "青葉自動車", "日本漁業連合会", "環太平洋物流", "中央医科大学",
        "国際港湾機構", "さくら通信", "西海重工"]
COUNTRIES = ["日本", "韓国", "ドイツ", "イタリア", "オーストラリア", "カナダ", "インド", "ベトナム"]
THINGS = ["新型電池", "防災計画", "港湾整備事業", "半導体工場", "再生可能エネルギー政策", "観光振興策",
          "医療協定", "物流網", "奨学金制度", "漁業資源の管理"]
AMOUNTS = ["30億円", "120億円", "5000万円", "2兆円", "800億円", "45億ドル"]

# Each a sentence of a news report, written for this benchmark; {P}/{Q} persons, {T}/{U} titles,
# {L}/{M} places, {O}/{R} organisations, {C}/{D} countries, {X} a thing, {A} an amount, {d}/{e} dates.
SENTENCES = [
    "{P}{T}は{d}、{L}で{Q}{U}と会談した。",
    "両氏は{X}について意見を交わし、協力を続けることで一致した。",
    "{O}は{d}、{R}を{A}で買収すると発表した。",
    "{P}{T}は記者団に対し「{X}は地域にとって欠かせない」と述べた。",
    "{C}と{D}の首脳は{e}に{M}で再び会う予定だ。",
    "{O}の{P}社長は、{X}に{A}を投資する方針を明らかにした。",
    "{L}市は{d}、大規模な地震を想定した訓練を実施した。",
    "訓練には住民や消防など約{n}人が参加した。",
    "{P}{T}は「準備を怠らないことが大切だ」と強調した。",
    "関係者によると、{O}は{L}に新しい拠点を設ける計画だという。",
    "{C}政府は{X}を見直す方向で検討している。",
    "{Q}{U}は{e}に{C}を訪問し、{P}{T}と面会する見通しだ。",
    "{R}は{d}の取締役会で、{P}氏を新しい会長に選んだ。",
    "会見で{P}{T}は、{X}の遅れについて陳謝した。",
    "{L}では{d}、{X}をめぐる説明会が開かれた。",
    "出席した住民からは不安の声が相次いだ。",
    "{O}と{R}は{X}で業務提携を結んだ。",
    "提携により、両社は{A}規模の費用削減を見込んでいる。",
    "{C}の{P}{T}は{d}、{D}の{Q}{U}と電話で協議した。",
    "協議では{X}の進め方が主な議題となった。",
    "{P}氏は{L}出身で、長く{O}に勤めてきた。",
    "{M}の港には{d}、{C}の調査船が入港した。",
    "{Q}{U}は「{X}を前に進めるため、{C}と緊密に連携したい」と語った。",
    "{O}は{X}の事業から撤退すると{d}に発表した。",
    "撤退に伴い、{L}の工場では約{n}人の従業員が配置転換となる。",
    "{P}{T}は{e}の国際会議に出席するため、{M}に向かう。",
    "会議には{n}か国の代表が集まる予定だ。",
    "専門家は、{X}の効果が表れるまで数年かかるとみている。",
    "{R}の{Q}会長は{d}、{L}で講演し、{X}の重要性を訴えた。",
    "{C}と{D}は{X}に関する協定に署名した。",
    "協定は{e}に発効する見込みだ。",
    "{P}{T}は{d}の定例会見で、{X}を優先する考えを示した。",
    "{L}の商店街では{d}から{X}に合わせた催しが始まった。",
    "主催した{O}によると、初日は{n}人が訪れた。",
    "{Q}{U}は{P}{T}の発言に反論し、「事実と異なる」と述べた。",
    "{O}の株価は{d}、前日比で大きく値上がりした。",
    "{M}市議会は{d}、{X}の予算{A}を可決した。",
    "{P}{T}は昨年、{L}で{Q}{U}と初めて会談している。",
    "{C}の報道によると、{Q}{U}は{e}にも辞任する可能性がある。",
    "{R}は{d}、{L}に研究施設を開設し、{P}氏が所長に就任した。",
    "一方、{D}側は{X}への参加を見送る方針だ。",
    "{P}{T}は{d}、被災地の{L}を訪れ、避難所で住民の話を聞いた。",
]


def fill(template: str, rng: random.Random, day: dt.date) -> str:
    later = day + dt.timedelta(days=rng.randint(3, 40))
    return template.format(
        P=rng.choice(PERSONS), Q=rng.choice(PERSONS), T=rng.choice(TITLES), U=rng.choice(TITLES),
        L=rng.choice(PLACES), M=rng.choice(PLACES), O=rng.choice(ORGS), R=rng.choice(ORGS),
        C=rng.choice(COUNTRIES), D=rng.choice(COUNTRIES), X=rng.choice(THINGS), A=rng.choice(AMOUNTS),
        d=f"{day.day}日", e=f"{later.month}月{later.day}日", n=rng.choice([30, 120, 450, 800, 1500, 3000]))


def make_articles(n: int, *, seed: int = 0, sentences: tuple[int, int] = (15, 28)) -> list[dict]:
    """n articles as {"id", "date", "text"}; about 1,000–2,000 characters each, like the examples."""
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    out = []
    for k in range(n):
        day = start + dt.timedelta(days=rng.randint(0, 600))
        body = [fill(rng.choice(SENTENCES), rng, day) for _ in range(rng.randint(*sentences))]
        paragraphs = ["".join(body[i:i + 3]) for i in range(0, len(body), 3)]
        out.append({"id": f"synth-{seed}-{k:05d}", "date": day.isoformat(), "text": "\n".join(paragraphs)})
    return out


def write_corpus(articles: list[dict], out: Path) -> Path:
    """A .jsonl path gets one JSON line per article; any other path becomes a folder of .txt files
    (first line the date, as kg reads it)."""
    if out.suffix in (".jsonl", ".ndjson"):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        return out
    out.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (out / f"{a['id']}.txt").write_text(f"{a['date']}\n{a['text']}\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int, help="number of articles")
    p.add_argument("--out", required=True, type=Path, help="a folder, or a .jsonl file")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    path = write_corpus(make_articles(a.n, seed=a.seed), a.out)
    print(f"wrote {a.n} articles to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
