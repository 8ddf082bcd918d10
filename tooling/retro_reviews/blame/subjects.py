"""Who does a verb: the subject of a verb in a sentence, and whether it is a person.

No tagger: a verb of omission is rare in a review, so the few sentences that hold one are
read with word lists and a little grammar (skip adverbs and asides, follow "and" back to the
first verb's subject, step over "of the team", resolve "they" from what came before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from . import words as W
from .prose import Word

# What a subject is. PERSON and TEAM blame; CUSTOMER only with a verb of the mind; MAYBE is
# a capitalised word at the start of a sentence that no list knows ("Priya" or "Monitoring").
PERSON, TEAM, CUSTOMER, MAYBE, WE, NOBODY, THING = (
    "person",
    "team",
    "customer",
    "maybe",
    "we",
    "nobody",
    "thing",
)
_PUNCT = frozenset(".,;:!?()[]|—–")
_BOUNDARY = frozenset(".;:!?()[]|—–")
_NOT_ADVERBS = W.words(
    "only family supply reply anomaly italy july rally assembly early daily weekly monthly "
    "yearly hourly friendly holy ugly silly belly bully jelly"
)
_BOT = re.compile(r"bot\b|\[bot\]|-bot|actions$", re.IGNORECASE)


@dataclass(frozen=True)
class Subject:
    kind: str
    first: int  # index of the subject's first word
    last: int  # index of its head


@dataclass
class Document:
    """What the finder knows about the whole review: the team's lists and its own words."""

    text: str
    roles: frozenset[str] = frozenset()
    systems: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    _senses: dict[str, str] = field(default_factory=dict)

    @cached_property
    def lowercase_words(self) -> frozenset[str]:
        return frozenset(re.findall(r"(?<![\w@])[a-z][a-z'-]+", self.text))

    def role_sense(self, noun: str) -> str:
        """PERSON or THING for an ambiguous role, from how the review uses it elsewhere."""
        if noun not in self._senses:
            found = re.findall(
                rf"([\w-]+)[ -]{re.escape(noun.rstrip('s'))}s?\b", self.text, re.IGNORECASE
            )
            mods = {m.lower() for m in found}
            if mods & (W.TECH_MODIFIERS | W.SYSTEMS | self.systems):
                sense = THING
            elif mods & W.PERSON_MODIFIERS:
                sense = PERSON
            else:
                sense = THING if noun.rstrip("s") in ("host", "driver") else PERSON
            self._senses[noun] = sense
        return self._senses[noun]


def is_adverb(word: Word) -> bool:
    low = word.lower
    return low in W.SKIPPED or (
        low.endswith("ly") and len(low) > 4 and low not in _NOT_ADVERBS and not word.capitalised
    )


def is_boundary(word: Word) -> bool:
    return word.lower in _BOUNDARY or word.lower in W.CLAUSE_WORDS


def looks_past(word: Word) -> bool:
    low = word.lower
    return (low.endswith("ed") and len(low) > 3) or low in W.PAST_VERBS


def subject_before(words: list[Word], i: int, doc: Document, depth: int = 0) -> Subject | None:
    """The subject of the verb at ``words[i]``, or None when there is none to see."""
    j = i - 1
    while j >= 0 and depth < 4 and i - j <= 40:
        word = words[j]
        low = word.lower
        if is_adverb(word):
            j -= 1
            continue
        if low == ")":
            k = j - 1
            while k >= 0 and j - k <= 12 and words[k].lower not in "(.;!?|":
                k -= 1
            if k >= 1 and words[k].lower == "(" and not words[k].opens:
                j = k - 1  # "the on-call engineer (new to the team) forgot"
                continue
            return None
        if low == ",":
            paired = _paired_comma(words, j)
            if paired is not None:
                j = paired - 1  # "Sam, who was tired after a long shift, forgot"
                continue
            k = j - 1
            while k >= 0 and j - k <= 10 and words[k].lower != "," and not is_boundary(words[k]):
                if words[k].opens:
                    break
                k -= 1
            if k >= 0 and words[k].lower == "," and j - k <= 10:
                j = k - 1  # an aside between commas: ", crucially,"
                continue
            if k >= 0 and j - k <= 10 and (words[k].opens or is_boundary(words[k])):
                # "Dana, on call that night, forgot": the aside reaches the sentence start
                np = noun_phrase(words, k if words[k].opens else k + 1, doc)
                return np
            return None
        if low in W.COORDINATORS:
            return coordinated_subject(words, j, doc, depth + 1)
        if low == "who":
            return Subject(PERSON, j, j)
        if low in ("which", "that"):
            if j - 1 >= 0 and words[j - 1].lower == ",":
                return noun_phrase(words, j - 2, doc) if j >= 2 else None
            if low == "that" and j + 1 < i:
                return None
            return noun_phrase(words, j - 1, doc) if j >= 1 else None
        if is_boundary(word):
            return None
        found = noun_phrase(words, j, doc)
        if (
            found is not None
            and word_at(words, found.first - 1) == "by"
            and found.first >= 2
            and looks_past(words[found.first - 2])
        ):
            # "A change made by Dana caused ...": the subject is what was made.
            return subject_before(words, found.first - 2, doc, depth + 1)
        return _antecedent(words, found, doc) if found is not None else None
    return None


def word_at(words: list[Word], k: int) -> str:
    """The lowercase word at ``k``, or "" outside ``words``."""
    return words[k].lower if 0 <= k < len(words) else ""


def _paired_comma(words: list[Word], j: int) -> int | None:
    """The comma that opens an aside closed by the comma at ``words[j]``, when the aside
    starts after a word of the sentence: "Dana, after a long night, forgot" (its "after"
    does not end the subject's clause, as it would without the first comma)."""
    k = j - 1
    while k >= 1 and j - k <= 14:
        word = words[k]
        if word.lower == ",":
            return k if j - k > 1 else None
        if word.lower in _BOUNDARY or word.opens:
            return None
        k -= 1
    return None


def _antecedent(words: list[Word], found: Subject, doc: Document) -> Subject:
    """The head a relative clause hangs on: "the developer who wrote the script did not"."""
    k = found.first - 1
    while k >= 1 and found.first - k <= 6:
        low = words[k].lower
        if low in ("who", "which", "that") and not words[k].opens:
            outer = noun_phrase(words, k - 1, doc)
            return outer if outer is not None else found
        if low in _BOUNDARY or low == "," or low in W.CLAUSE_WORDS or words[k].opens:
            break
        k -= 1
    return found


def coordinated_subject(words: list[Word], j: int, doc: Document, depth: int) -> Subject | None:
    """The subject of the verb phrase that an ``and`` at ``words[j]`` joins on to."""
    k = j - 1
    while k >= 0 and j - k <= 30:
        word = words[k]
        if word.lower in _BOUNDARY:
            return None
        if looks_past(word) and word.lower not in ("was", "were"):
            found = subject_before(words, k, doc, depth)
            if found is not None:
                return found
        if word.opens:
            return None
        k -= 1
    return None


def noun_phrase(
    words: list[Word], j: int, doc: Document, depth: int = 0, *, subject: bool = True
) -> Subject | None:
    """The noun phrase whose head is ``words[j]``, classified. A subject steps over a
    prepositional phrase to its head ("the owner of the service"); an object does not."""
    if j < 0:
        return None
    head = words[j]
    low = head.lower
    if (
        low in _PUNCT
        or low in W.PREPOSITIONS
        or low in W.CLAUSE_WORDS
        or low in W.COORDINATORS
        or (low in W.DETERMINERS and low not in ("one", "that", "this", "these", "those"))
    ):
        return None
    start = j
    k = j - 1
    while k >= 0 and j - k <= 5 and not head.opens:
        word = words[k]
        wl = word.lower
        if wl in _PUNCT or wl in W.PREPOSITIONS or wl in W.CLAUSE_WORDS:
            break
        if wl in W.COORDINATORS or wl in W.SKIPPED or looks_past(word):
            break
        start = k
        if wl in W.DETERMINERS or word.opens:
            break
        k -= 1
    before = start - 1
    # "the owner of the service", "one of the engineers", "an engineer on the team"
    if (
        subject
        and depth < 2
        and before >= 1
        and words[before].lower in W.PREPOSITIONS
        and words[before].lower not in ("to", "than", "like", "by")
        and not words[before].opens
        and words[before - 1].lower not in _PUNCT
    ):
        head_at = before - 1
        if words[head_at].lower in W.POSTMODIFIERS and head_at >= 1:
            head_at -= 1  # "the engineer responsible for the release"
        outer = noun_phrase(words, head_at, doc, depth + 1)
        if outer is not None:
            if words[before].lower == "of" and words[outer.last].lower in W.QUANTIFIERS:
                if words[outer.last].lower in ("none", "neither"):
                    return Subject(NOBODY, outer.first, j)
                inner = classify(words, start, j, doc)
                return Subject(inner, outer.first, j)
            return outer
    return Subject(classify(words, start, j, doc), start, j)


def classify(words: list[Word], start: int, j: int, doc: Document) -> str:
    """What the noun phrase ``words[start..j]`` names."""
    head = words[j]
    low = head.lower
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    mods = [w for w in words[start:j] if w.lower not in W.DETERMINERS]
    first = words[start].lower
    if head.text.startswith("@"):
        return THING if _BOT.search(head.text) else PERSON
    if first in ("no", "neither", "nor") or low in W.NOBODY or (low == "one" and first == "no"):
        return NOBODY
    if low in W.PERSON_PRONOUNS and (low != "i" or head.text == "I"):
        return PERSON
    if low in W.TEAM_VOICE:
        return WE
    if low in ("they", "them", "themselves"):
        return resolve_they(words, start, doc)
    if low in W.THING_PRONOUNS or low == "one":
        return THING
    tech = any(m.lower in W.TECH_MODIFIERS or _is_product(m, doc) for m in mods)
    if low in W.ROLES or low in doc.roles:
        if low in W.AMBIGUOUS_ROLES and low not in doc.roles:
            if tech:
                return THING
            if any(m.lower in W.PERSON_MODIFIERS for m in mods):
                return PERSON
            return doc.role_sense(low)
        return PERSON
    if low in W.CUSTOMERS:
        return THING if tech else CUSTOMER
    if low in W.TEAMS:
        if low == "team" and not mods:
            return WE
        if any(m.lower in W.TEAM_VOICE for m in words[start:j]):
            return WE
        return THING if tech and low != "team" else TEAM
    if len(head.text) == 1 or "/" in head.text:  # "X", "I/O"
        return THING
    if head.capitalised:
        return _capitalised(words, start, j, doc)
    if low.endswith(W.PERSON_NOUN_ENDINGS) and len(low) > 5:
        return MAYBE
    return THING


def _is_product(word: Word, doc: Document) -> bool:
    low = word.lower
    return word.capitalised and (low in W.SYSTEMS or low in doc.systems or _odd_case(word.text))


# The shapes of names that have a capital inside: O'Brien, D'Souza, McKay, MacLeod,
# Jean-Luc, Smith-Jones (each part a capital, then small letters).
NAME_SHAPE = re.compile(r"(?:O['’]|D['’]|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)*(?:['’]s)?$")


def _odd_case(text: str) -> bool:
    """CamelCase, ALLCAPS or digits: a product or an acronym, not a given name."""
    if NAME_SHAPE.match(text):
        return False
    letters = text.replace("-", "")
    return (
        any(ch.isdigit() for ch in letters)
        or (len(letters) > 1 and letters.isupper())
        or any(ch.isupper() for ch in letters[1:])
    )


def _name_parts(word: Word) -> list[str]:
    """A hyphenated name's parts, lowercase: "Jean-Luc" -> ["jean", "luc"]."""
    return word.lower.removesuffix("'s").removesuffix("’s").split("-")


def _surname_shape(text: str) -> bool:
    """O'Brien, D'Souza, McKay, MacLeod: a surname whatever list knows it."""
    return bool(re.match(r"(?:O['’]|D['’]|Mc|Mac)[A-Z][a-z]+", text))


def _capitalised(words: list[Word], start: int, j: int, doc: Document) -> str:
    head = words[j]
    low = head.lower.removesuffix("'s")
    phrase = words[start : j + 1]
    if low in doc.systems or low in W.SYSTEMS or _odd_case(head.text):
        return THING
    for w in phrase:
        if w.capitalised and (
            w.lower in W.GIVEN_NAMES
            or w.lower in doc.names
            or _name_parts(w)[0] in W.GIVEN_NAMES
            or _surname_shape(w.text)
        ):
            return PERSON
    if low.endswith(W.COMMON_NOUN_ENDINGS):
        return THING
    if any(w.lower in W.DETERMINERS for w in phrase):
        return THING
    if words[start].opens or _title_case(words, j):
        return MAYBE
    if low in doc.lowercase_words:
        return THING
    return PERSON


def _title_case(words: list[Word], j: int) -> bool:
    first = j
    while first > 0 and not words[first].opens and j - first < 30:
        first -= 1
    last = j + 1
    while last < len(words) and not words[last].opens and last - j < 30:
        last += 1
    unit = [w for w in words[first:last] if w.lower not in _PUNCT and len(w.lower) > 3]
    return len(unit) >= 3 and sum(w.capitalised for w in unit) >= 0.7 * len(unit)


def resolve_they(words: list[Word], i: int, doc: Document) -> str:
    """Person or thing: the nearest earlier noun "they" can stand for."""
    k = i - 1
    while k >= 0 and i - k <= 40:
        word = words[k]
        low = word.lower
        if low in ("he", "she") or low in W.ROLES or low in doc.roles:
            return PERSON
        if low in W.CUSTOMERS:
            return CUSTOMER
        if low in W.TEAMS:
            return TEAM
        if low in W.TEAM_VOICE:
            return WE
        if (
            low.endswith("s")
            and not low.endswith(("ss", "us", "is", "'s"))
            and len(low) > 3
            and low not in W.DETERMINERS
            and low not in W.PREPOSITIONS
            and low not in ("does", "was", "has", "always", "perhaps", "whereas", "thus")
            and not word.capitalised
        ):
            return THING
        k -= 1
    return PERSON
