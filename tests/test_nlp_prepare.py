"""Text preparation and sentence splitting: pure functions, no model."""
import pytest

from kg.nlp import prepare, split_sentences


def test_prepare_maps_every_character_back_to_the_article():
    original = "▪️ＡＰＥＣ首脳会議（慶州）"
    norm, where = prepare(original, 100)
    assert norm == "APEC首脳会議(慶州)"
    assert len(where) == len(norm) + 1
    for k, ch in enumerate(norm):
        import unicodedata
        assert unicodedata.normalize("NFKC", original[where[k] - 100]) .startswith(ch) or ch in \
            unicodedata.normalize("NFKC", original[where[k] - 100])
    assert where[-1] == 100 + len(original)


def test_prepare_expands_one_to_many_characters():
    norm, where = prepare("㈱東和", 0)
    assert norm == "(株)東和"
    assert where[:3] == [0, 0, 0] and where[3] == 1


@pytest.mark.parametrize("text,expected", [
    ("一文目。二文目！三文目", ["一文目。", "二文目！", "三文目"]),
    ("彼は「行く。必ず行く。」と述べた。次。", ["彼は「行く。必ず行く。」と述べた。", "次。"]),
    ("安保関連3文書の改定。", ["安保関連3文書の改定。"]),
    ("終わり。」続き", ["終わり。」", "続き"]),
])
def test_split_sentences(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected
