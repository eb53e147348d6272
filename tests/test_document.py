"""The document model: positions, lines, paragraphs, sentences, tokens."""
from newslint.document import Document
from newslint.model import Position


def test_positions_are_one_based_code_points():
    doc = Document("héllo\nwörld 🌍 x")
    offset = doc.text.index("x")
    assert doc.position(offset) == Position(2, 9)  # the emoji is one code point
    assert doc.position(0) == Position(1, 1)


def test_crlf_and_lone_cr_count_as_one_line_break():
    doc = Document("a\r\nb\rc\nd")
    assert [line.text for line in doc.lines] == ["a", "b", "c", "d"]
    assert doc.position(doc.text.index("d")) == Position(4, 1)


def test_end_position_of_a_span_ending_in_a_newline_stays_on_its_line():
    doc = Document("first\r\nsecond\n")
    assert doc.end_position(len("first\r\n")) == Position(1, 6)
    assert doc.end_position(len(doc.text)) == Position(2, 7)


def test_one_paragraph_per_line_in_scraped_text():
    doc = Document("Title\n\nFirst paragraph.\nSecond paragraph.\n  • a list item\n")
    assert [p.text for p in doc.paragraphs] == ["Title", "First paragraph.", "Second paragraph.", "• a list item"]
    item = doc.paragraphs[-1]
    assert item.is_list_item and item.body == "a list item"
    assert (item.first_line, item.last_line) == (5, 5)


def test_hard_wrapped_markdown_joins_lines_into_paragraphs():
    text = ("The minister said on Monday that the talks\nwould continue next week in the capital\n"
            "and that both sides were\nready to compromise.\n\nA second paragraph starts\nhere and ends here.\n")
    doc = Document(text)
    assert doc.is_hard_wrapped
    assert [(p.first_line, p.last_line) for p in doc.paragraphs] == [(1, 4), (6, 7)]


def test_lower_case_lines_without_a_blank_line_are_not_hard_wrapped():
    # A scraped glossary (`chikan suru` / `grope`): every line is its own paragraph.
    text = "Vocabulary\n* Japan101\nme no mae de\n(right) in front of you\nchikan suru\ngrope\nyatsu\nguy\n"
    doc = Document(text)
    assert not doc.is_hard_wrapped
    assert [(p.first_line, p.last_line) for p in doc.paragraphs] == [(n, n) for n in range(1, 9)]


def test_one_blank_line_between_wrapped_blocks_makes_them_hard_wrapped():
    text = "The talks\nwould continue next\nweek and both\nsides were ready\n\nto compromise, he\nsaid"
    assert Document(text).is_hard_wrapped
    assert not Document(text.replace("\n\n", "\n") + "\n\n").is_hard_wrapped  # trailing blanks separate nothing


def test_numbering_alone_is_not_a_list_item():
    doc = Document("1.\n2) Second item")
    assert [p.is_list_item for p in doc.paragraphs] == [False, True]


def test_sentences_respect_abbreviations_initials_and_quotes():
    text = ("Trump said the U. S. would help. Dr. Smith met Gen. Caine at 5 p.m. on Monday. "
            "“Why?” she asked. J. R. R. Tolkien wrote it. the end")
    sentences = [s.text for s in Document(text).sentences]
    assert sentences == ["Trump said the U. S. would help.", "Dr. Smith met Gen. Caine at 5 p.m. on Monday.",
                         "“Why?” she asked.", "J. R. R. Tolkien wrote it.", "the end"]


def test_sentences_split_on_a_real_stop_before_a_lower_case_word():
    assert [s.text for s in Document("He was blind. he’s fine now.").sentences] == ["He was blind.", "he’s fine now."]


def test_sentences_stay_inside_their_paragraph():
    doc = Document("One. Two\nThree")
    assert [(s.text, s.paragraph) for s in doc.sentences] == [("One.", 0), ("Two", 0), ("Three", 1)]


def test_tokens_and_lookup_by_span():
    doc = Document("It’s 3.5 km, isn't it?")
    assert [t.text for t in doc.tokens] == ["It’s", "3.5", "km", "isn't", "it"]
    assert [t.text for t in doc.tokens_between(5, 12)] == ["3.5", "km"]


def test_token_columns_agree_with_the_tokens():
    doc = Document("«Zelenskyy’s» plan: 1,204 votes,\nno_way ΣΑΣ 42")
    assert doc.token_texts == [t.text for t in doc.tokens] == ["Zelenskyy’s", "plan", "1,204", "votes", "no", "way",
                                                               "ΣΑΣ", "42"]
    assert list(doc.token_starts) == [t.start for t in doc.tokens]
    assert list(doc.token_ends) == [t.end for t in doc.tokens]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.tokens)
    assert doc.tokens[0]._fields == ("start", "end", "text")
    start = doc.text.index("votes")
    assert doc.token_range(start, len(doc.text)) == range(3, 8)
    assert doc.token_range(start + 1, start + 1) == range(4, 4)


def test_paragraph_at_and_memo():
    doc = Document("A.\n\nB.")
    assert doc.paragraph_at(doc.text.index("B")).index == 1
    assert doc.paragraph_at(2) is None
    calls = []
    assert doc.memo("k", lambda d: calls.append(1) or 42) == 42
    assert doc.memo("k", lambda d: calls.append(1) or 43) == 42
    assert calls == [1]


def test_empty_document():
    doc = Document("")
    assert doc.lines[0].text == "" and doc.paragraphs == [] and doc.sentences == [] and doc.tokens == []
    assert doc.token_texts == list(doc.token_starts) == [] and doc.language is None
