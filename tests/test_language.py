"""Document language identification."""
import pytest

from newslint.document import Document


@pytest.mark.parametrize("text, language", [
    ("The Kremlin said on Friday that it was in no rush to agree to a summit with the leaders of Ukraine.", "en"),
    ("Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für alle Unternehmen gelten.", "de"),
    ("Le gouvernement a annoncé mercredi que les nouvelles règles sont entrées en vigueur pour les entreprises.", "fr"),
    ("El gobierno anunció el miércoles que las nuevas reglas para las empresas entran en vigor en enero.", "es"),
])
def test_stopword_vote_identifies_the_language(text, language):
    assert Document(text).language == language


def test_langdetect_decides_when_stopwords_do_not():
    # Finnish has no stopword list: the vote abstains and langdetect answers.
    text = "Hallitus ilmoitti keskiviikkona, että uudet säännöt tulevat voimaan kaikille yrityksille ensi vuonna."
    assert Document(text).language == "fi"


def test_too_little_text_has_no_language():
    assert Document("Comments").language is None
    assert Document("").language is None


def test_every_stopword_is_read_as_a_word():
    """YAML 1.1 reads a bare `on` or `no` as a boolean: the data quotes them."""
    import yaml
    from importlib.resources import files

    table = yaml.safe_load(files("newslint").joinpath("data/stopwords.yaml").read_text(encoding="utf-8"))
    assert all(isinstance(word, str) for words in table.values() for word in words)
    assert "on" in table["en"] and "no" in table["pt"]
