"""Children named in a picture (privacy-015, §2.5): a post with a photo or a video of children
that names them ("Kuvassa päiväkodin lapset Eetu, Aino ja Veeti retkellä", "På bilden
dagisbarnen Elias, Alva och Liam", "In the photo, daycare children Oliver, Amelia and Jack").
A child's name with their picture and their group or school tells where the child is on
weekdays; the guideline publishes personal data only with the consent of the person concerned
(§2.5), for a child their guardian's. A warning that reminds of the consent: the author knows
whether they have it.

Read where the post has an image or a video attached or speaks of one (PICTURE_FORMS,
PICTURE_STARTS), a word for a child or a children's group (CHILD_STARTS) is in it, and a
sentence with such a word
names at least one person by first name who is not introduced by an adult's role ("opettaja
Anna", "teacher Anna", "förskolläraren Anna": ADULT_ROLES).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from someluotsi.guideline.checker.detectors.base import CheckContext
from someluotsi.guideline.model import Match
from someluotsi.guideline.text.names import person_names
from someluotsi.guideline.text.sentences import sentences

# Word starts for a child or a group of children, in fi/sv/en ("lapset", "päiväkodin",
# "eskarilaiset", "oppilaat", "dagisbarnen", "eleverna", "children", "pupils").
CHILD_STARTS = (
    "lapsi", "lapse", "lapsia", "lasta", "lapset", "lapsukai", "päiväkod", "päiväkoti", "eskari",
    "esikoulu", "esikoululai", "koululai", "oppilai", "oppilaa", "oppilas", "tenav", "taapero",
    "vauva", "barn", "dagis", "förskol", "elev", "småbarn", "bebis", "knatt", "child", "kid",
    "pupil", "daycare", "day-care", "preschool", "pre-school", "kindergarten", "toddler",
    "baby", "babies", "schoolchild",
)  # fmt: skip
# Words for a picture or a video in the text: whole forms ("kuvassa", "på bilden", "in the
# photo"; not "kuvitella", imagine, nor "kuvaus", a description) and word starts of the
# unambiguous ones ("valokuvassa", "videolla", "fotot").
PICTURE_FORMS = frozenset(
    {"kuva", "kuvan", "kuvassa", "kuvasta", "kuvaan", "kuvat", "kuvien", "kuvissa", "kuvista",
     "kuviin", "kuvattu", "kuvasimme", "kuvassamme", "bild", "bilden", "bilder", "bilderna",
     "film", "filmen", "picture", "pictures", "pictured", "image", "images"}
)  # fmt: skip
PICTURE_STARTS = ("valokuv", "ryhmäkuv", "video", "gruppbild", "foto", "photo")
# Roles of an adult right before a name: the name is the teacher's, the parent's or the
# mayor's ("opettaja Anna", "teacher Anna", "pappa Erik").
ADULT_ROLES = (
    "opettaj", "lastentarhanopettaj", "varhaiskasvatt", "ohjaaj", "rehtor", "johtaj",
    "valmentaj", "hoitaj", "äiti", "isä", "vanhem", "pormestar", "kaupunginjohtaj", "lärare",
    "förskollärar", "pedagog", "rektor", "ledare", "tränare", "chef", "mamma", "pappa",
    "förälder", "borgmästar", "teacher", "educator", "principal", "leader", "coach",
    "manager", "mother", "father", "mum", "mom", "dad", "parent", "mayor", "nurse",
)  # fmt: skip
MEDIA_KINDS = frozenset({"image", "video"})


class ChildrenNamedDetector:
    """privacy-015 (§2.5): children named in a post with their picture (module docstring).
    One warning per post, over the names of the first sentence that names children."""

    rules = ("privacy-015",)
    # Every match needs a word for a child, which starts with one of these.
    cues = frozenset(CHILD_STARTS)

    def detect(self, ctx: CheckContext) -> Iterator[Match]:
        words = ctx.text.table.words
        if not any(word.startswith(CHILD_STARTS) for word in ctx.text.table.distinct):
            return
        distinct = ctx.text.table.distinct
        pictured = (
            any(item.kind in MEDIA_KINDS for item in ctx.media)
            or not PICTURE_FORMS.isdisjoint(distinct)
            or any(word.startswith(PICTURE_STARTS) for word in distinct)
        )
        if not pictured:
            return
        names = [name for name in person_names(ctx.text) if not _adult(words, name.first)]
        if not names:
            return
        split = sentences(ctx.text)
        for sentence in sorted({split.of_token[name.first] for name in names}):
            first, end = split.bounds(sentence)
            if not any(word.startswith(CHILD_STARTS) for word in words[first:end]):
                continue
            named = [name for name in names if split.of_token[name.first] == sentence]
            yield ctx.match(
                "privacy-015",
                named[0].start,
                named[-1].end,
                confidence=0.6,
                reason="children_named",
            )
            return


def _adult(words: Sequence[str], index: int) -> bool:
    """Whether the name starting at token `index` is introduced by an adult's role word
    (ADULT_ROLES): its own first token (a name found by its title: "opettaja Annan",
    "Mayor Anna Smith") or the word right before it ("teacher Anna")."""
    return words[index].startswith(ADULT_ROLES) or (
        index > 0 and words[index - 1].startswith(ADULT_ROLES)
    )
