"""Sentence segmentation over tokens, computed once per text and shared by detectors.

A sentence ends at a line break or at ., ! or ? followed by space; a dot inside a link, a date
or a number does not end one.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, compress, pairwise

from someluotsi.guideline.text.lexicon import Lexicon, LexiconMatch
from someluotsi.guideline.text.normalize import NormalizedText, Token


class Sentences:
    """The sentences of a text, over its tokens: `of_token[i]` is token i's sentence number
    (0, 1, ... in order), `firsts[k]` sentence k's first token. Token objects are made only
    for the sentences asked for (`tokens_of`, `at`), or for all with `tokens`; `starts` (each
    token's start offset in the original text) is made on first use."""

    __slots__ = ("_groups", "_starts", "_text", "_tokens", "firsts", "of_token")

    def __init__(self, text: NormalizedText, of_token: list[int], firsts: list[int]) -> None:
        self._text = text
        self.of_token = of_token
        self.firsts = firsts
        self._tokens: list[list[Token]] | None = None
        self._groups: dict[int, list[Token]] = {}
        self._starts: list[int] | None = None

    def __len__(self) -> int:
        return len(self.firsts)

    def bounds(self, sentence: int) -> tuple[int, int]:
        """The first token of sentence number `sentence` and the token after its last."""
        following = sentence + 1
        end = self.firsts[following] if following < len(self.firsts) else len(self.of_token)
        return self.firsts[sentence], end

    @property
    def tokens(self) -> list[list[Token]]:
        """The tokens of each sentence."""
        if self._tokens is None:
            tokens = self._text.tokens
            bounds = [*self.firsts, len(tokens)]
            self._tokens = [list(tokens[a:b]) for a, b in pairwise(bounds)]
        return self._tokens

    def tokens_of(self, sentence: int) -> list[Token]:
        """The tokens of one sentence (made for it alone; do not change the list)."""
        if self._tokens is not None:
            return self._tokens[sentence]
        found = self._groups.get(sentence)
        if found is None:
            found = self._groups[sentence] = self._text.token_slice(*self.bounds(sentence))
        return found

    @property
    def starts(self) -> list[int]:
        """The original start offset of each token, for lookups."""
        if self._starts is None:
            self._starts = self._text.original_starts(self._text.table.starts)
        return self._starts

    def number_at(self, original_offset: int) -> int:
        """The number of the sentence around an offset of the original text (-1: no tokens)."""
        if not self.of_token:
            return -1
        index = max(0, bisect_right(self.starts, original_offset) - 1)
        return self.of_token[index]

    def at(self, original_offset: int) -> list[Token]:
        """The tokens of the sentence around an offset of the original text."""
        number = self.number_at(original_offset)
        return self.tokens_of(number) if number >= 0 else []


def _ends_sentence(gap: str) -> bool:
    """Whether the text between two tokens may end a sentence: a line break, or sentence marks
    with nothing but space and quotes (a full stop alone is read again where it stands:
    `_goes_on`)."""
    return gap != " " and (
        "\n" in gap or (("." in gap or "!" in gap or "?" in gap) and not gap.strip(" \t.!?\"')”"))
    )


def _full_stop_only(gap: str) -> bool:
    """A sentence-ending gap of a full stop alone (no line break, ! or ?): an abbreviation
    or a date may end in one too ("5.3. ja", "(45 v.) sai", "esim. koulut")."""
    return "\n" not in gap and "!" not in gap and "?" not in gap


ABBREVIATION_LENGTH = 4  # the longest word read as an abbreviation before a full stop
# Titles of address written with a full stop ("Mrs. Virtanen", "Dr. Smith", "Hr. Lindqvist"):
# the name after them goes on the sentence.
ADDRESS_TITLES = frozenset({"mr", "mrs", "ms", "dr", "hr"})


def _goes_on(text: NormalizedText, token: int, gap: str) -> bool:
    """Whether the sentence goes on across the full stop `gap` before token `token`: a dot
    between digits ("5.3.2024", "1.5"), inside an abbreviation of short parts ("f.d.",
    "t.ex.", "e.g.") or an e-mail address ("ville.n@gmail.com", "anna@mail.kokkola.fi":
    `_in_email`), or a full stop with space after a number
    or a short abbreviation ("5.3. ja", "(45 v.) sai", "esim. koulut") before a word in
    lower case, or a title of address before a name ("Mrs. Virtanen": ADDRESS_TITLES)."""
    table = text.table
    before = table.words[token - 1]
    if " " not in gap and "\t" not in gap:
        after = table.words[token]
        return gap == "." and (
            (before.isdigit() and after.isdigit())
            or (len(before) <= 2 and len(after) <= 2)
            or _in_email(table.gaps, token)
        )
    if not (before.isdigit() or len(before) <= ABBREVIATION_LENGTH):
        return False
    if before in ADDRESS_TITLES and gap.strip(" ") == ".":
        return True
    start = table.starts[token]
    return text.cased[start : start + 1].islower()


def _in_email(gaps: list[str], token: int) -> bool:
    """Whether the dot before token `token` (`gaps[token]`) is inside an e-mail address: an
    "@" after the next word ("ville.n@") or before the word before it ("@gmail.com"), or one
    more word back ("@mail.kokkola.fi"). A fixed number of gaps is looked at: a flood of dots
    stays linear. A dot typed without a space between sentences ("paskaan.venäläisiähän") or
    in a link's host stays a possible end, as before."""
    return any(
        0 <= index < len(gaps) and "@" in gaps[index] for index in (token + 1, token - 1, token - 2)
    )


def sentences(text: NormalizedText) -> Sentences:
    cached = text.cache.get("sentences")
    if isinstance(cached, Sentences):
        return cached
    gaps = text.table.gaps[1:-1]  # between tokens: gaps[i - 1] comes before token i
    # Decided once per distinct gap (most are one space), then summed up at C speed.
    ending = {gap for gap in dict.fromkeys(gaps) if _ends_sentence(gap)}
    if not text.table.words:
        of_token: list[int] = []
        firsts: list[int] = []
    elif not ending:
        of_token, firsts = [0] * len(text.table.words), [0]
    else:
        breaks = list(map(ending.__contains__, gaps))
        soft = {gap for gap in ending if _full_stop_only(gap)}
        if soft:
            for index in compress(range(len(breaks)), breaks):
                if gaps[index] in soft and _goes_on(text, index + 1, gaps[index]):
                    breaks[index] = False
        of_token = list(accumulate(breaks, initial=0))
        firsts = [0, *compress(range(1, len(breaks) + 1), breaks)]
    result = Sentences(text, of_token, firsts)
    text.cache["sentences"] = result
    return result


def sentence_matches(text: NormalizedText, lexicon: Lexicon, sentence: int) -> list[LexiconMatch]:
    """`lexicon.find` over the tokens of sentence number `sentence` (token indexes relative
    to the sentence's first token; none for -1), computed once per sentence and lexicon for
    the whole check."""
    cache = text.cache.setdefault("sentence_matches", {})
    assert isinstance(cache, dict)  # noqa: S101 - created just above
    key = (id(lexicon), sentence)
    if key not in cache:
        if sentence < 0:
            cache[key] = []
        else:
            first, end = sentences(text).bounds(sentence)
            table = text.table
            cache[key] = lexicon.find_in(
                table.words[first:end], table.starts[first:end], table.ends[first:end]
            )
    found: list[LexiconMatch] = cache[key]
    return found


def sentence_has(text: NormalizedText, lexicon: Lexicon, sentence: int) -> bool:
    """Whether `lexicon` matches in sentence number `sentence` (False for -1): what
    `bool(sentence_matches(...))` says, with the search stopped at the first match (a flood of
    vehicle words in one long sentence made every match); once per sentence and lexicon for
    the whole check."""
    cache = text.cache.setdefault("sentence_has", {})
    assert isinstance(cache, dict)  # noqa: S101 - created just above
    key = (id(lexicon), sentence)
    found = cache.get(key)
    if found is None:
        if sentence < 0:
            found = False
        else:
            first, end = sentences(text).bounds(sentence)
            table = text.table
            found = bool(
                lexicon.find_in(
                    table.words[first:end], table.starts[first:end], table.ends[first:end],
                    limit=1,
                )
            )  # fmt: skip
        cache[key] = found
    return bool(found)


# What closes or separates a sentence: a statement's start never goes back over these.
_SENTENCE_MARKS = frozenset(".!?…")


def statement_start(text: NormalizedText, token: int) -> int:
    """The offset (normalised) where a statement whose first word is token `token` begins:
    the word's start, moved back over what is attached before it: an opening quote or bracket
    ("«Soita", "(Soita"), an emoji, or the "<" and "&" of markup or an entity whose name was
    read as the first word ("<b>Soita", "&quot;Soita", where the word is "b" or "quot": the
    statement starts at "<", not one character late inside the tag). Never back over a space,
    a line break or the previous sentence's closing mark ("Hei.<b>Soita" starts at "<")."""
    table = text.table
    gap = table.gaps[token]
    attached = 0
    for char in reversed(gap):  # the gap belongs to this token alone: linear over the text
        if char.isspace() or char in _SENTENCE_MARKS:
            break
        attached += 1
    return table.starts[token] - attached


def statement_end(text: NormalizedText, last: int) -> int:
    """The offset (normalised) where a statement whose last word is token `last` ends: the
    word's end with its closing full stop, !, ? or … taken in, and, when nothing more is
    attached after it (a space, a line break or the text's end follows), whatever closes it
    there too (a quote, a bracket, the ">" of a tag: "masentunut</b>", "masentunut.»")."""
    table = text.table
    end = table.ends[last]
    gap = table.gaps[last + 1]
    closing = 0
    for char in gap:
        if char.isspace():
            break
        closing += 1
    if closing == len(gap) and last + 1 < len(table.words):
        # The next word is attached ("masentunut.</b>": the "b" of the tag is the next
        # sentence's): only the closing marks.
        closing = 0
        for char in gap:
            if char not in _SENTENCE_MARKS:
                break
            closing += 1
    return end + closing
