"""Find blaming language in a review's text.

One cheap regular expression finds the few words that can blame ("forgot", "should",
"fault", "careless" ...). Only the paragraphs around them are read further: the author's
prose is kept (code, comments and quotations blanked), the words are split, and each
candidate is judged by its grammar: who the subject is, whether the blame is denied, what
the word stands next to.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import words as W
from .kinds import KIND_BY_NAME, why_for
from .prose import Prose, Word, body_prose, words_of, yaml_prose
from .subjects import (
    CUSTOMER,
    MAYBE,
    NAME_SHAPE,
    NOBODY,
    PERSON,
    TEAM,
    THING,
    WE,
    Document,
    Subject,
    is_adverb,
    is_boundary,
    looks_past,
    noun_phrase,
    subject_before,
)
from .subjects import word_at as _word

_JUDGEMENTS = {
    "careless": "careless",
    "carelessly": "careless",
    "carelessness": "careless",
    "negligent": "negligence",
    "negligently": "negligence",
    "negligence": "negligence",
    "lazy": "lazy",
    "laziness": "lazy",
    "incompetent": "incompetent",
    "incompetence": "incompetent",
    "incompetently": "incompetent",
    "sloppy": "stupid",
    "sloppily": "stupid",
    "sloppiness": "stupid",
    "stupid": "stupid",
    "stupidly": "stupid",
    "stupidity": "stupid",
    "dumb": "stupid",
    "idiot": "stupid",
    "idiots": "stupid",
    "idiotic": "stupid",
    "reckless": "careless",
    "recklessly": "careless",
    "recklessness": "careless",
    "foolish": "stupid",
    "foolishly": "stupid",
    "thoughtless": "careless",
    "thoughtlessly": "careless",
    "irresponsible": "careless",
    "irresponsibly": "careless",
    "inattentive": "careless",
    "inattention": "careless",
    "fat-fingered": "careless",
    "fat-finger": "careless",
    "fat-fingering": "careless",
    "rookie": "stupid",
    "clumsy": "careless",
    "judgement": "careless",  # after "poor", "bad" or "questionable" (see _judgement)
    "judgment": "careless",
    "clumsily": "careless",
    "impatient": "careless",
    "impatiently": "careless",
}
_HUMAN_ERROR = {
    "human": ("error", "errors", "mistake", "mistakes", "failure", "failures", "fault"),
    "operator": ("error", "errors", "mistake", "mistakes"),
    "user": ("error", "errors", "mistake", "mistakes"),
    "pilot": ("error", "errors"),
    "manual": ("error", "errors"),
    "clerical": ("error", "errors"),
    "people": ("error", "errors"),
}
# A role's error or mistake: "engineer error", "a developer mistake", "admin error".
_ERRING_ROLES = W.words(
    "engineer engineers developer developers admin administrator staff employee employees "
    "technician dba sysadmin"
)
for _role in _ERRING_ROLES:
    _HUMAN_ERROR[_role] = ("error", "errors", "mistake", "mistakes")
_ARTICLES = W.words("a an the this that")
_OMISSIONS = W.words(
    "forgot forgotten neglected overlooked ignored skipped omitted missed disregarded "
    "rubber-stamped"
)
# Omissions in two words: the first, and the word that must follow it.
_OMISSION_PAIRS = {"glossed": "over", "slept": "through", "rubber": "stamped"}
_FAULT_NOUNS = W.words(
    "fault faults mistake mistakes error errors failure oversight lapse blunder screw-up "
    "screwup negligence carelessness"
)
_POSSESSIVE_PRONOUNS = {
    "his": PERSON,
    "her": PERSON,
    "my": PERSON,
    "your": PERSON,
    "their": "they",
    "our": WE,
    "its": "thing",
}
# The words that can blame, as (what to look for, what must follow there). ``str.find`` on
# the lowercased text finds them far faster than one large regular expression would.
_POSSESSOR = r"(?:['’]s|s['’]|\b(?:his|her|their|my|your|our|own))\s+$"
# What may stand before "error", "mistake", "fault" or "failure" when it blames.
_OWNER = (
    r"(?:['’]s|s['’]|\b(?:his|her|their|my|your|our|own|at|human|operator|user|pilot|"
    r"manual|clerical|people|" + "|".join(sorted(_ERRING_ROLES)) + r"|"
    r"made\s+(?:a|an|the|this|that)|make\s+(?:a|an)))\s+$"
)
_BY_SOMEONE = r"{}\s+(?:(?:was|were)\s+made\s+)?(?:by|on\s+the\s+part\s+of|on\s+\S+['’]s?\s+part)\b"
_CANDIDATES: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...] = tuple(
    (needle, re.compile(after) if after else None, re.compile(before) if before else None)
    for needle, after, before in (
        ("forg", r"forg(?:ot|otten)\b", ""),
        ("fail", r"failed\s+to\b", ""),
        ("neglect", r"neglected\b", ""),
        ("overlooked", r"", ""),
        ("ignored", r"", ""),
        ("skipped", r"", ""),
        ("omitted", r"", ""),
        ("missed", r"", ""),
        ("did", r"did(?:\s+not\b|n['’]?t\b)", ""),
        ("had", r"had(?:\s+not\b|n['’]?t\b)", ""),
        ("never", r"never\s+\w+ed\b|never\s+(?:did|ran|went|took|saw|wrote|told|made|sent)\b", ""),
        ("should", r"should(?:n['’]t\s+have|['’]ve|\s+(?:not|never)\s+have|\s+have|\s+of)\b", ""),
        ("could", r"could(?:['’]ve|\s+have)\b", ""),
        ("ought", r"ought\s+(?:not\s+)?to\s+have\b", ""),
        ("mistake", r"mistakes?\b", _OWNER),
        ("error", r"errors?\b", _OWNER),
        ("fault", r"faults?\b", _OWNER + r"|\bthe\s+$"),
        ("failure", r"failures?\b", _OWNER),
        ("blam", r"blam(?:e|ed|es|ing)\b", ""),
        ("caused", r"", ""),
        ("broke", r"broke\b", ""),
        ("careless", r"", ""),
        ("sloppi", r"", ""),
        ("sloppy", r"", ""),
        ("lazy", r"", ""),
        ("lazi", r"laziness", ""),
        ("incompeten", r"", ""),
        ("negligen", r"negligen(?:t|ce|tly)\b", ""),
        ("reckless", r"", ""),
        ("stupid", r"", ""),
        ("dumb", r"dumb\b", ""),
        ("idiot", r"", ""),
        ("foolish", r"", ""),
        ("thoughtless", r"", ""),
        ("irresponsib", r"", ""),
        ("inattent", r"", ""),
        ("fat", r"fat[- ]finger", ""),
        ("rookie", r"", ""),
        ("clums", r"clums(?:y|ily)\b", ""),
        ("judg", r"judge?ment\b", r"\b(?:poor|bad|questionable)\s+$"),
        ("impatient", r"impatient(?:ly)?\b", ""),
        ("rushed", r"rushed\b", ""),
        ("hurried", r"hurried(?:ly)?\b", ""),
        ("hastily", r"", ""),
        ("raced", r"raced\s+through\b", ""),
        ("jumped", r"jumped\s+the\s+gun\b", ""),
        ("skimmed", r"skimmed\b", ""),
        ("disregarded", r"", ""),
        ("rubber", r"rubber[- ]stamped\b", ""),
        ("glossed", r"glossed\s+over\b", ""),
        ("slept", r"slept\s+through\b", ""),
        ("chose", r"chose\s+to\s+(?:ignore|skip|bypass|disregard|override)\b", ""),
        ("decided", r"decided\s+to\s+(?:ignore|skip|bypass|disregard|override)\b", ""),
        ("forg", r"forgetting\b", r"\b(?:keeps|keep|kept)\s+$"),
        ("never", r"never\s+(?:once|even|really|actually)\s+\w+ed\b", ""),
        ("bothered", r"bothered\s+to\b", r"\bbe\s+$"),
        ("bothering", r"bothering\s+to\b", r"\bwithout\s+$"),
        ("cut", r"cut\s+corners\b", ""),
        (
            "sat",
            r"sat\s+on\s+(?:the|a|an|that|this|his|her|their)\s+(?:page|pages|alert|alerts|"
            r"ticket|tickets|escalation|request|report|incident)\b",
            "",
        ),
        (
            "let",
            r"let\s+(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){1,2}(?:sit|expire|lapse|"
            r"fill\s+up|run\s+out|slip|go\s+stale)\b",
            "",
        ),
        (
            "allowed",
            r"allowed\s+(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+){1,2}to\s+"
            r"(?:expire|lapse|fill\s+up|run\s+out)\b",
            "",
        ),
        (
            "failed",
            r"failed\s+(?:the|our|a|an|that|this)\s+(?:customer|customers|client|clients|"
            r"user|users|caller|guest|guests)\b",
            "",
        ),
        ("botched", r"", ""),
        ("bungled", r"", ""),
        ("flubbed", r"", ""),
        ("goofed", r"", ""),
        ("dropped", r"dropped\s+the\s+ball\b", ""),
        ("asleep", r"asleep\s+at\s+the\s+(?:wheel|switch)\b", ""),
        ("messed", r"messed\s+up\b", ""),
        ("screwed", r"screwed\s+up\b", ""),
        ("paying", r"paying\s+attention\b", ""),
        ("oversight", r"", _POSSESSOR),
        ("lapse", r"lapse\b", _POSSESSOR),
        ("blunder", r"", _POSSESSOR),
        # "an oversight by the DBA", "an error on the part of the agent", "mistakes were
        # made by the on-call engineer", "an oversight on Hamid's part"
        ("mistake", _BY_SOMEONE.format("mistakes?"), ""),
        ("error", _BY_SOMEONE.format("errors?"), ""),
        ("oversight", _BY_SOMEONE.format("oversights?"), ""),
        ("lapse", _BY_SOMEONE.format("lapses?"), ""),
        ("blunder", _BY_SOMEONE.format("blunders?"), ""),
        ("doing", r"doing\s*(?:[.;!?]|$)", _POSSESSOR),
        ("fault", r"fault\s+(?:lies|lay|rests|rested)\s+(?:with|on)\b", ""),
        ("responsib", r"responsib(?:ility|le)\s+for\b", ""),
    )
)
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_'’-")
_IDEAL_WORDS = (
    "careful competent experienced diligent attentive thorough skilled seasoned sensible "
    "conscientious capable good better"
)
_IDEAL_ADJECTIVES = W.words(_IDEAL_WORDS)
_IDEAL = (
    r"(?:a|an|any)\s+(?:more\s+|better\s+|truly\s+)?(?:"
    + _IDEAL_WORDS.replace(" ", "|")
    + r")\s+[a-z][\w-]*\s+(?:would|could)(?:n['’]t|\s+not)?\s+have\b"
)
# Words too common inside other words ("verify", "because", "download") to find one by one:
# each is looked for with a single regular expression.
_SCANNED = tuple(
    (needle, re.compile(pattern))
    for needle, pattern in (
        ("if", r"if\s[^.;:!?\n,]{1,60}?\bhad(?:n['’]t)?\s"),
        ("down", r"down\s+to\b"),
        ("cause", r"causes?\s+(?:was|were|is)\b"),
        # "Kai was the root cause"
        ("was", r"(?:was|were|is)\s+(?:the|a)\s+(?:root\s+|main\s+|real\s+)?cause\s*[.;!?]"),
        # "a more careful engineer would have checked", "any competent DBA would have"
        ("ideal", _IDEAL),
    )
)

# Verbs that blame only with a person before them. Where the sentence before such a verb
# holds no word that could name a person, the candidate is dropped before it is read.
_NEEDS_PERSON = W.words(
    "forg fail neglect overlooked ignored skipped omitted missed did had never should could "
    "ought caused broke asleep messed screwed rushed hurried hastily raced jumped skimmed "
    "disregarded rubber glossed slept chose decided botched bungled flubbed goofed bothered "
    "bothering cut sat let allowed"
)
_PERSON_WORDS = W.ROLES | W.CUSTOMERS | W.TEAMS | W.PERSON_PRONOUNS | {"they", "them", "who"}
_WINDOW_WORD = re.compile(r"@?[A-Za-z][\w'’-]*")
_SENTENCE_STARTERS = W.words("""
    the a an this that these those it its we our us in on at after before during when
    while then but and so as if because since although for from to with by of no not
    there here what which how why all each every some any most many one two three first
    finally however meanwhile also later today yesterday tomorrow between within without
    over under about around until once other another both either neither nothing
    everything instead only even still again since customers users monitoring
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """)
_ENDS = (". ", "? ", "! ", "\n\n", ": ", "; ", ".\n")


def _may_name_a_person(text: str, at: int, doc: Document) -> bool:
    """Whether the sentence before ``text[at]`` holds a word that could name a person."""
    window = text[max(0, at - _BEFORE) : at]
    cut = max(window.rfind(end) for end in _ENDS)
    if cut >= 0:
        window = window[cut + 1 :]
    for word in _WINDOW_WORD.findall(window):
        low = word.lower()
        if low in _PERSON_WORDS or low in doc.roles or low in doc.names or word[0] == "@":
            return True
        named = (word[0].isupper() and word[1:2].islower()) or NAME_SHAPE.match(word)
        if named and low not in _SENTENCE_STARTERS:
            return True  # a name: "Dana", "O'Brien"
    return False


_NEXT_WORD = {
    # "did not do it" is left to the judge (a lapse), though "do" alone is no lapse.
    "did": re.compile(r"did(?:\s+not|n['’]?t)\s+(?:\w+ly\s+)?(?!do\s+(?:it|so)\b)([a-z]+)"),
    "fail": re.compile(r"failed\s+to\s+(?:\w+ly\s+)?([a-z]+)"),
}


def _plainly_a_condition(low: str, at: int, needle: str) -> bool:
    """ "did not have", "failed to connect": a condition, whoever the subject is (not "did
    not think to check")."""
    pattern = _NEXT_WORD.get(needle)
    if pattern is None:
        return False
    match = pattern.match(low, at)
    if match is None:
        return False
    word = match.group(1)
    if word == "think" and low.startswith(" to", match.end()):
        return False  # "did not think to check": a lapse
    return word in (W.NOT_A_LAPSE if needle == "did" else W.INABILITY)


def candidates(text: str) -> list[tuple[int, str]]:
    """Where a word that can blame starts in ``text``, in order. Each word is found with
    ``str.find`` and kept only if what follows (and, for a few, what stands before) fits."""
    low = text.lower()
    if len(low) != len(text):  # a few letters change length when lowered
        low = "".join(ch.lower()[0] for ch in text)
    found: list[tuple[int, str]] = []
    for needle, after, before in _CANDIDATES:
        at = low.find(needle)
        while at >= 0:
            if (
                (at == 0 or low[at - 1] not in _WORD_CHARS)
                and (after is None or after.match(low, at))
                and (before is None or before.search(low, max(0, at - 40), at))
                and not _plainly_a_condition(low, at, needle)
            ):
                found.append((at, needle))
            at = low.find(needle, at + 1)
    for needle, pattern in _SCANNED:
        for match in pattern.finditer(low):
            at = match.start()
            if at == 0 or low[at - 1] not in _WORD_CHARS:
                found.append((at, needle))
    return sorted(found)


_FENCE_BLOCK = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,}).*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_FRONT = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


_MAX_CANDIDATES = 2000


@dataclass(frozen=True)
class Blame:
    """One blaming phrase: its kind, where it is, the words as written and the advice."""

    kind: str
    start: int
    end: int
    said: str
    why: str
    suggest: str

    @property
    def message(self) -> str:
        return f"'{self.said}': {self.why}. Instead, {self.suggest}"


class _Sentence:
    """The words around a candidate: a window of its paragraph (or front-matter line)."""

    def __init__(self, prose: Prose, offset: int, position: int) -> None:
        self.offset = offset
        at = position - offset
        start = 0 if at <= _BEFORE else prose.text.rfind(" ", 0, at - _BEFORE) + 1
        end = prose.text.find(" ", at + _AFTER) if len(prose.text) > at + _AFTER else -1
        self.words = words_of(prose, start, len(prose.text) if end < 0 else end)
        self.starts = [w.start for w in self.words]

    def index_at(self, position: int) -> int | None:
        i = bisect_left(self.starts, position - self.offset)
        if i < len(self.words) and self.words[i].start == position - self.offset:
            return i
        return None


_BEFORE, _AFTER = 260, 90  # characters of a paragraph read around a candidate


def find_blame(
    text: str,
    *,
    roles: Iterable[str] = (),
    systems: Iterable[str] = (),
    names: Iterable[str] = (),
    removed: Iterable[str] = (),
) -> list[Blame]:
    """Every blaming phrase in ``text`` (a whole review, front matter included), in order."""
    # A review holds a few dozen candidates; a pathological file is read up to a bound.
    hits = candidates(text)[:_MAX_CANDIDATES]
    if not hits:
        return []
    skip = _skipped_spans(text)
    doc = Document(
        text,
        frozenset(r.lower() for r in roles),
        frozenset(s.lower() for s in systems),
        frozenset(n.lower() for n in names),
    )
    front = _FRONT.match(text)
    front_end = front.end() if front else 0
    breaks = _paragraph_breaks(text, front_end)
    proses: dict[tuple[int, int], Prose] = {}
    found: dict[int, Blame] = {}
    off = {name.casefold() for name in removed}
    for position, needle in hits:
        if _inside(skip, position):
            continue
        if (
            needle in _NEEDS_PERSON
            and not _may_name_a_person(text, position, doc)
            and " by " not in text[position : position + 60]
        ):
            continue
        region = _region(text, breaks, position, front_end)
        if region not in proses:
            piece = text[region[0] : region[1]]
            proses[region] = yaml_prose(piece) if region[0] < front_end else body_prose(piece)
        sentence = _Sentence(proses[region], region[0], position)
        i = sentence.index_at(position)
        if i is None:
            continue
        blame = _judge(sentence.words, i, doc)
        if blame is None or blame[0] in off:
            continue
        kind, first, last, detail = blame
        words = sentence.words
        start = words[first].start + sentence.offset
        end = words[last].end + sentence.offset
        if any(start < other.end and other.start < end for other in found.values()):
            continue  # the same words, already found by another candidate's judge
        found[start] = _make(text, kind, start, end, words, first, last, detail)
    return sorted(found.values(), key=lambda b: b.start)


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "<!--" in text:
        spans += [m.span() for m in _COMMENT.finditer(text)]
    if "```" in text or "~~~" in text:
        spans += [m.span() for m in _FENCE_BLOCK.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _paragraph_breaks(text: str, front_end: int) -> list[int]:
    breaks = [front_end]
    at = text.find("\n\n", front_end)
    while at >= 0:
        breaks.append(at + 1)
        at = text.find("\n\n", at + 2)
    breaks.append(len(text))
    return breaks


_WINDOW = 2000  # characters; a longer paragraph is read in overlapping windows


def _region(text: str, breaks: list[int], position: int, front_end: int) -> tuple[int, int]:
    """The paragraph that holds ``position`` (its line, in the front matter)."""
    if position < front_end:
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position) % (len(text) + 1)
    else:
        i = bisect_right(breaks, position)
        start, end = breaks[i - 1], breaks[min(i, len(breaks) - 1)]
    if end - start > 2 * _WINDOW:
        # A paragraph this long is not prose a person wrote; keep the work bounded.
        window = position // _WINDOW
        start = max(start, (window - 1) * _WINDOW)
        end = min(end, (window + 2) * _WINDOW)
    return start, end


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    i = bisect_right(spans, (position, len(spans) and 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


# --- judging one candidate -------------------------------------------------------------

_Verdict = tuple[str, int, int, str]  # kind, first word, last word, detail for the advice


def _judge(words: list[Word], i: int, doc: Document) -> _Verdict | None:
    low = words[i].lower
    for judge in _JUDGES:
        verdict = judge(words, i, low, doc)
        if verdict is not None:
            return verdict
    return None


def _next(words: list[Word], i: int) -> int:
    """The index of the next word after ``i`` that is not an adverb."""
    k = i + 1
    while k < len(words) and is_adverb(words[k]):
        k += 1
    return k


# Denials in two words before the phrase ("anything but careless", "far from careless",
# "wrong to say the operator was careless") and after it ("human error played no part",
# "operator error was ruled out", "carelessness had nothing to do with it").
_DENIED_BEFORE = (("anything", "but"), ("far", "from"), ("wrong", "to"), ("unfair", "to"))
_DENIED_AFTER = (("ruled", "out"), ("played", "no"), ("nothing", "to"), ("no", "part"))


def negated(words: list[Word], i: int, reach: int = 10) -> bool:
    """A negation or refusal stands before ``words[i]`` in its clause, or just after it."""
    for m in range(max(0, i - reach), i - 1):
        pair = (words[m].lower, words[m + 1].lower)
        if pair in _DENIED_BEFORE and not any(
            w.opens or w.lower in ".;!?|" for w in words[m + 1 : i]
        ):
            return True
    tail = [_word(words, k) for k in range(i + 1, i + 7)]
    if any(pair in _DENIED_AFTER for pair in zip(tail, tail[1:], strict=False)):
        return True
    k = i - 1
    while k >= 0 and i - k <= reach:
        word = words[k]
        if word.lower in W.NEGATORS or word.lower.endswith("n't"):
            return True
        if word.opens or (is_boundary(word) and word.lower != ","):
            break
        k -= 1
    after = [_word(words, k) for k in range(i + 1, i + 5)]
    for n, verb in enumerate(after[:-2]):
        if verb in ("is", "was", "are", "were", "isn't", "wasn't") and (
            verb.endswith("n't")
            or after[n + 1] in ("not", "never", "rarely", "seldom", "no")
            or after[n + 2] in _NOT_A_CAUSE
        ):
            return True
    return False


# "human error is a symptom": the phrase is named in order to be set aside.
_NOT_A_CAUSE = W.words("symptom label myth starting consequence result effect placeholder")


def _blames_subject(kind: str, mind: bool, customer: bool = True) -> bool:
    if kind in (PERSON, TEAM):
        return True
    return mind and (kind == MAYBE or (customer and kind == CUSTOMER))


# "missed the 09:00 train": a journey, not a step of the work.
_JOURNEYS = W.words("train trains bus buses flight flights plane planes ferry tram connection")
# "missed its response-time target", "missed the launch date": a measure, not a step.
_TARGETS = W.words(
    """
    target targets deadline deadlines slo slos sla slas window windows goal goals
    estimate estimates forecast quota objective objectives milestone milestones cutoff
    cut-off budget
    """
)
_DATED = W.words("launch release ship shipping due target go-live delivery cutover")
# "ignored nothing", "missed no step": the omission is denied by its object.
_NO_OBJECT = W.NOBODY | {"nothing", "no"}
_COMPARED = W.words("fewer less more")  # "ignored no fewer than three alerts" denies nothing
# Where a clause that gives a reason starts, and the verbs that may follow its subject.
_FINITE = W.words(
    "was were is are had has did didn't wasn't weren't hadn't could couldn't would wouldn't "
    "kept showed"
)


# What starts a clause that can give the reason for a step left undone ("did not escalate,
# as the runbook said to wait"); "given" counts with "that" after it.
_REASONS = W.words("because as since given")
# A clause after a colon or a semicolon, or a "which" clause, that holds one of these tells
# what followed, or judges: it is no reason ("skipped the check; the release went out
# broken", "ignored the alert, which caused the outage").
_NO_REASON = W.words(
    """
    so therefore thus hence result caused cause causes led leads meant means resulted
    results triggered broke broken crashed failed outage outages down lost customers users
    mistake mistakes error errors fault careless oversight lapse blame
    """
)


def _clause_subject_is_a_thing(words: list[Word], start: int, doc: Document) -> bool:
    """The clause starting at ``words[start]`` has a subject of its own, a thing, and a
    finite verb ("but chose to wait" has none: its subject is the sentence's)."""
    for m in range(start + 2, min(len(words), start + 10)):
        if is_boundary(words[m]) or words[m].lower == ",":
            return False
        if words[m].lower in _FINITE or looks_past(words[m]):
            subject = subject_before(words, m, doc)
            if subject is None:
                return False
            # "the banner was behind a flag": a common noun no list knows is a thing here
            common = subject.kind == MAYBE and not words[subject.last].capitalised
            return subject.kind == THING or common
    return False


def _changed(words: list[Word], start: int, doc: Document) -> bool:
    """The clause from ``words[start]`` ("after ...") says a thing was changed: a thing as the
    subject of a passive ("the bin labels were reprinted"), a change of the conditions, not
    a step that came before ("after the deploy finished")."""
    for m in range(start + 2, min(len(words) - 1, start + 10)):
        if is_boundary(words[m]) or words[m].lower == ",":
            return False
        if words[m].lower in ("was", "were") and looks_past(words[_next(words, m)]):
            subject = noun_phrase(words, m - 1, doc, subject=False)  # "she" is no thing
            common = subject is not None and subject.kind == MAYBE
            return subject is not None and (subject.kind == THING or common)
    return False


def _tells_no_reason(words: list[Word], start: int) -> bool:
    """The clause from ``words[start]`` to the sentence's end tells what followed or judges."""
    for m in range(start, min(len(words), start + 25)):
        if words[m].opens or words[m].lower in ".!?|":
            return False
        if words[m].lower in _NO_REASON:
            return True
    return False


def _put_down_to_a_thing(words: list[Word], i: int, doc: Document, conjunction: str) -> bool:
    """The same sentence, after ``words[i]``, gives a thing as the reason: "missed the page
    because the pager app was logged out" (also "as", "since", "given that"), "could have
    rolled back, but the button was hidden" (``conjunction``), "did not catch the name: the
    transcript spelled it the same way", "ignored the alert, which had paged falsely all
    week". The sentence already says what made the step hard."""
    k = i + 1
    while k < len(words) and k - i <= 25:
        word = words[k]
        low = word.lower
        if word.opens or low in ".!?|":
            return False
        if low in (":", ";"):
            return _clause_subject_is_a_thing(words, k, doc) and not _tells_no_reason(words, k)
        if low == "," and _word(words, k + 1) == "which":
            before = noun_phrase(words, k - 1, doc, subject=False)
            return (
                before is not None
                and before.kind == THING
                and _word(words, k + 2) not in ("is", "was")  # "which was a mistake"
                and not _tells_no_reason(words, k + 2)
            )
        if low == "after" and conjunction == "because" and _changed(words, k, doc):
            return True  # "missed items after the bin labels were reprinted in a smaller font"
        if low == conjunction or (low in _REASONS and conjunction == "because"):
            start = k + 1 if low == "given" and _word(words, k + 1) == "that" else k
            if low == "given" and start == k:
                k += 1
                continue
            return _clause_subject_is_a_thing(words, start, doc)
        k += 1
    return False


def _omission(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """forgot / neglected / missed / overlooked / ignored / skipped / failed to ..."""
    if low == "failed" or low == "fail":
        if _word(words, i + 1) != "to":
            return None
        complement = _word(words, _next(words, i + 1))
        if complement in W.INABILITY or _put_down_to_a_thing(words, i, doc, "because"):
            return None
        return _with_subject(words, i, i + 1, doc, mind=False, detail=("to:", i + 2))
    if low in ("chose", "decided") and _word(words, i + 1) == "to":
        if _put_down_to_a_thing(words, i, doc, "because") or negated(words, i):
            return None
        return _with_subject(words, i, i + 2, doc, mind=True, detail=("obj:", i + 3))
    if low in _OMISSION_PAIRS:
        if _word(words, i + 1) != _OMISSION_PAIRS[low] or _put_down_to_a_thing(
            words, i, doc, "because"
        ):
            return None
        return _with_subject(words, i, i + 1, doc, mind=False, detail=("obj:", i + 2))
    if low not in _OMISSIONS:
        return None
    denied = _word(words, i + 1) in _NO_OBJECT and _word(words, i + 2) not in _COMPARED
    if denied or _put_down_to_a_thing(words, i, doc, "because"):
        return None
    if low == "missed":
        end = _phrase_end(words, i + 1)
        if _word(words, end) in _JOURNEYS | _TARGETS:
            return None
        if _word(words, end) in ("date", "dates") and _word(words, end - 1) in _DATED:
            return None  # "missed the launch date" (not "missed the date on the label")
    before = words[i - 1].lower if i else ""
    if low == "forgotten" and before not in ("had", "have", "has"):
        return _by_agent(words, i, doc)
    floating = before in ("both", "all", "each") and (
        low in ("forgot", "neglected") or _word(words, i + 1) == "to"
    )  # "Dana and Sam both forgot to": a quantifier after the subject, not "all missed alerts"
    if before in W.DETERMINERS and before not in ("that", "one") and not floating:
        return None  # "the missed alert", "an overlooked step"
    k = i - 1
    while k >= 0 and is_adverb(words[k]) and words[k].lower not in ("was", "were", "is", "are"):
        k -= 1
    if _word(words, k) in ("was", "were", "been", "be", "is", "are", "being", "got", "get"):
        return _by_agent(words, i, doc)
    mind = low in W.MIND_VERBS
    last = i + 1 if _word(words, i + 1) == "to" else i
    detail = ("to:", last + 1) if last > i else ("obj:", i + 1)
    # "The customer had forgotten her password" describes impact; "forgot to" still counts.
    return _with_subject(words, i, last, doc, mind=mind, detail=detail, customer=last > i)


# Phrases of neglect that need a person before them, by their first word: the index of
# their last word from it, when the words after it fit.
_NEGLECT: dict[str, Callable[[list[Word], int], int | None]] = {
    # "couldn't be bothered to", "without bothering to": the omission of the verb after "to"
    "bothered": lambda w, i: i + 1 if _word(w, i + 1) == "to" else None,
    "bothering": lambda w, i: i + 1 if _word(w, i + 1) == "to" else None,
    "cut": lambda w, i: i + 1 if _word(w, i + 1) == "corners" else None,
    "sat": lambda w, i: i + 3 if _word(w, i + 1) == "on" else None,
    "let": lambda w, i: _stop_at(w, i, ("sit", "expire", "lapse", "fill", "run", "slip", "go")),
    "allowed": lambda w, i: _stop_at(w, i, ("expire", "lapse", "fill", "run")),
    "failed": lambda w, i: i + 2 if _word(w, i + 1) != "to" else None,  # "failed the customer"
    "forgetting": lambda w, i: i + 1 if _word(w, i + 1) == "to" else i,
}


_AUXILIARIES = W.words(
    "be could couldn't can't cannot would wouldn't not keeps keep kept even never just"
)


def _stop_at(words: list[Word], i: int, verbs: tuple[str, ...]) -> int | None:
    return next((k for k in range(i + 2, min(len(words), i + 7)) if words[k].lower in verbs), None)


def _neglect(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """couldn't be bothered to, without bothering to, cut corners, sat on the page, let the
    ticket sit, allowed the certificate to expire, failed the customer, keeps forgetting to."""
    fits = _NEGLECT.get(low)
    last = fits(words, i) if fits is not None else None
    if last is None or _put_down_to_a_thing(words, i, doc, "because"):
        return None
    if low not in ("bothered", "bothering") and negated(words, i):
        return None  # ("couldn't be bothered", "without bothering": the negation is the lapse)
    verb = i  # the word whose subject the person is
    if low == "bothering":  # the verb before "without": "pushed the change without bothering to"
        verb = next((m for m in range(i - 1, max(-1, i - 10), -1) if looks_past(words[m])), -1)
        if verb < 0:
            return None
    elif low in ("bothered", "forgetting"):  # "Kai couldn't be bothered to", "keeps forgetting"
        while verb > 1 and words[verb - 1].lower in _AUXILIARIES:
            verb -= 1
    return _with_subject(words, verb, last, doc, mind=False, detail=("", 0))


def _by_agent(words: list[Word], i: int, doc: Document) -> _Verdict | None:
    """A passive with a person as the agent: "the warning was ignored by the operator"."""
    k = i + 1
    while k < len(words) and k - i <= 8 and words[k].lower != "by":
        if is_boundary(words[k]) or words[k].lower == ",":
            return None
        k += 1
    if k >= len(words) or words[k].lower != "by":
        return None
    end = _phrase_end(words, k + 1)
    agent = noun_phrase(words, end, doc, subject=False)
    if agent is not None and agent.kind in (PERSON, TEAM):
        kind = "caused" if words[i].lower in ("caused", "broken") else "failed to"
        return kind, i, end, ""
    return None


def _did_not(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """did not / didn't / never / had not + a verb of action."""
    if low in ("did", "had") and _word(words, i + 1) in ("not", "n't"):
        verb_at, neg_end = _next(words, i + 1), i + 1
    elif low in ("didn't", "hadn't", "never"):
        verb_at, neg_end = _next(words, i), i
        if low == "never" and _word(words, i - 1) in _UNDERGONE:
            return None  # "The picker was never told": what was not done for the person
    else:
        return None
    verb = _word(words, verb_at)
    # "she did not do it." is a lapse; "did not do it alone" is not.
    done = (
        verb == "do"
        and _word(words, verb_at + 1) in ("it", "so")
        and _word(words, verb_at + 2) in _PUNCTUATION | {"", "and", "but"}
    )
    thought = verb == "think" and _word(words, verb_at + 1) == "to"  # "didn't think to check"
    if not verb or (verb in W.NOT_A_LAPSE and not done and not thought) or verb in _PUNCTUATION:
        return None
    if verb in W.DETERMINERS:
        return None
    if low == "never" and not (verb.endswith("ed") or verb in W.PAST_VERBS):
        return None
    if low in ("had", "hadn't") and not (verb.endswith("ed") or verb in W.IRREGULAR_PARTICIPLES):
        return None
    if _put_down_to_a_thing(words, verb_at, doc, "because"):
        return None
    if verb in ("bother", "bothered"):
        return _with_subject(words, i, verb_at, doc, mind=True, detail=("to:", verb_at + 2))
    detail = ("to:", verb_at) if low in ("did", "didn't") else ("", 0)
    return _with_subject(words, i, max(verb_at, neg_end), doc, mind=False, detail=detail)


def _hindsight(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """should have / should not have / should've / could have / ought to have + a participle."""
    if low in ("should've", "shouldn't've", "could've"):
        have_at = i
    elif low in ("should", "shouldn't", "could", "ought"):
        k = i + 1
        if low == "ought" and _word(words, k) == "not" and _word(words, k + 1) == "to":
            k += 1  # "ought not to have"
        if low == "ought" and _word(words, k) == "to":
            k += 1
        if _word(words, k) in ("not", "never"):
            k += 1
        # "should of": how "should've" is often heard and written
        have = ("have", "of") if low == "should" else ("have",)
        have_at = k if _word(words, k) in have else -1
    else:
        return None
    if have_at < 0:
        return None
    part_at = _next(words, have_at)
    part = _word(words, part_at)
    if not part:
        return None
    if part in _RECEIVED:
        return None  # "the customer should have received a refund": what the system owed
    if part == "been":
        state = _word(words, _next(words, part_at))
        if state not in W.JUDGED_STATES:
            return None
        if low.startswith("could") and state.endswith("ing"):
            return None  # "could have been looking at a cached dashboard": a guess
        part_at = _next(words, part_at)
    elif part in ("had", "got", "gotten") or not (
        part.endswith(("ed", "en", "wn")) or part in W.IRREGULAR_PARTICIPLES
    ):
        return None
    if low.startswith("could"):
        before = words[max(0, i - 3) : i]
        if any(w.lower in ("how", "anyone", "anybody", "everyone", "any") for w in before):
            return None
        if _only_by(words, part_at):
            return None  # a possibility the sentence itself says was out of reach
    if _put_down_to_a_thing(words, part_at, doc, "but"):
        return None  # "should have seen the banner, but the banner was behind a flag"
    if _not_thought(words, i):
        return None  # "We do not think anyone should have known about the limit"
    return _with_subject(words, i, part_at, doc, mind=True, detail=("", 0), kind="should have")


_RECEIVED = W.words("received receive gotten obtained")


_OPINION = W.words("think thought believe believed say said expect expected claim feel")


def _not_thought(words: list[Word], i: int) -> bool:
    """ "do not think / don't believe (that) X should have": the hindsight is denied."""
    for k in range(i - 1, max(0, i - 8), -1):  # back to the sentence's start
        if words[k].lower in ".;!?" or words[k].opens:
            return False
        before = words[k - 1].lower
        if words[k].lower in _OPINION and (before in ("not", "never") or before.endswith("n't")):
            return True
    return False


def _only_by(words: list[Word], k: int) -> bool:
    """ "could have caught it only by reading the whole diff": a hard way, not a lapse."""
    for m in range(k + 1, min(len(words) - 1, k + 7)):
        if is_boundary(words[m]) or words[m].lower == ",":
            return False
        if words[m].lower == "only" and _word(words, m + 1) in ("by", "if", "with", "through"):
            return True
    return False


_BUNGLED = W.words("botched bungled flubbed goofed")


def _caused(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """A person as the cause: "the engineer caused the outage", "Dana made a mistake"."""
    if low in _BUNGLED or (low in ("messed", "screwed") and _word(words, i + 1) == "up"):
        subject = subject_before(words, i, doc)
        # Only a person bungles: an unknown capitalised word there is a name ("Jamal").
        name = subject is not None and subject.kind == MAYBE and words[subject.last].capitalised
        if (
            subject is not None
            and (subject.kind in (PERSON, TEAM) or name)
            and not negated(words, i)
        ):
            return "caused", subject.first, i if low in _BUNGLED else i + 1, ""
        return None
    if low in ("cause", "causes") and _word(words, i + 1) in ("was", "were", "is"):
        if negated(words, i):  # "the cause was not the engineer"
            return None
        end = _phrase_end(words, i + 2)
        target = noun_phrase(words, end, doc, subject=False)
        if target is not None and target.kind in (PERSON, TEAM):
            return "caused", i - 1 if _word(words, i - 1) == "root" else i, end, ""
        return None
    if low in ("caused", "broke"):
        if _word(words, i - 1) in ("was", "were", "been", "is", "are"):
            return _by_agent(words, i, doc) if low == "caused" else None
        if _word(words, i - 1) in W.DETERMINERS:
            return None
        subject = subject_before(words, i, doc)
        if subject is not None and subject.kind in (PERSON, TEAM):
            return "caused", subject.first, i, ""
        return None
    if low in ("mistake", "mistakes", "error", "errors") and _word(words, i - 2) in (
        "made",
        "make",
    ):
        if _word(words, i - 1) not in _ARTICLES:
            return None
        subject = subject_before(words, i - 2, doc)
        if subject is None:
            return None
        # Only a person "makes a mistake": an unknown capitalised word there is a name.
        name = subject.kind == MAYBE and words[subject.last].capitalised
        if subject.kind in (PERSON, TEAM) or (name and low.startswith("mistake")):
            return "caused", subject.first, i, ""
    return None


def _fixed_phrase(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """human error, operator error, user error ... unless it is denied."""
    if low not in ("error", "errors", "mistake", "mistakes", "failure", "failures", "fault"):
        return None
    k = i - 1
    if k < 0:
        return None
    before = words[k].lower
    if before.endswith("-"):
        return None
    if before not in _HUMAN_ERROR or low not in _HUMAN_ERROR[before]:
        return None
    if _word(words, k - 1) in _DESIGNED_FOR or (
        _word(words, k - 1) == "to" and _word(words, k - 2) in ("resilient", "robust", "immune")
    ):
        return None  # "a deploy tool that tolerates human error": what to design for
    if before == "user" and _word(words, i + 1) in W.COMPOUND_AFTER_ERROR:
        return None
    if before in ("operator", "user") and k >= 1:
        mod = words[k - 1]
        if mod.lower in W.TECH_MODIFIERS or mod.lower in W.SYSTEMS or mod.lower in doc.systems:
            return None
    if negated(words, k):
        return None
    return "human error", k, i, ""


# Verbs of design before "human error": the phrase names what a system should allow for.
_DESIGNED_FOR = W.words(
    """
    tolerate tolerates tolerating prevent prevents preventing reduce reduces reducing catch
    catches catching absorb absorbs forgive forgives forgiving expect expects expecting
    against minimise minimises minimize minimizes survive survives despite
    """
)


def _by_person(words: list[Word], i: int, doc: Document) -> int | None:
    """The last word of the person after ``words[i]`` in "by the DBA", "(were) made by
    the on-call engineer", "on the part of the agent", "on Hamid's part"; else None."""
    k = i + 1
    if _word(words, k) in ("was", "were") and _word(words, k + 1) == "made":
        k += 2
    if _word(words, k) == "by":
        start = k + 1
    elif _word(words, k) == "on" and _word(words, k + 1) == "the" and _word(words, k + 2) == "part":
        if _word(words, k + 3) != "of":
            return None
        start = k + 4
    elif _word(words, k) == "on" and _word(words, k + 2) == "part":
        owner = words[k + 1].lower
        if not owner.endswith(("'s", "’s", "s'", "s’")):
            return None
        found = noun_phrase(words, k + 1, doc, subject=False)
        return k + 2 if found is not None and found.kind in (PERSON, TEAM) else None
    else:
        return None
    end = _phrase_end(words, start)
    found = noun_phrase(words, end, doc, subject=False)
    return end if found is not None and found.kind in (PERSON, TEAM) else None


def _fault(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """X's fault / mistake / error, the fault of X, X was at fault, an oversight by X, the
    fault lies with X, X's doing."""
    if low == "doing" and _word(words, i + 1) in _PUNCTUATION | {""}:
        low = "fault"  # "the outage was Dana's doing."
    elif low not in _FAULT_NOUNS:
        return None
    nxt = _word(words, i + 1)
    if nxt in ("by", "on", "was", "were") and not negated(words, i):
        end = _by_person(words, i, doc)
        if end is not None:
            return "fault of", i, end, ""
    if low == "fault" and nxt in _LIES and _word(words, i + 2) in ("with", "on", "upon"):
        end = _phrase_end(words, i + 3)
        target = noun_phrase(words, end, doc, subject=False)
        if target is not None and target.kind in (PERSON, TEAM) and not negated(words, i):
            return "fault of", i - 1 if _word(words, i - 1) == "the" else i, end, ""
        return None
    if low.startswith(("error", "fault")) and nxt in W.COMPOUND_AFTER_ERROR:
        return None
    if low == "failure" and nxt != "to":
        return None
    k = i - 1
    while k >= 0 and words[k].lower in ("own", "big", "biggest", "simple", "honest", "fatal"):
        k -= 1
    if k < 0:
        return None
    owner = words[k]
    who: str | None = None
    first = k
    if owner.lower in _POSSESSIVE_PRONOUNS:
        who = _POSSESSIVE_PRONOUNS[owner.lower]
        if who == "they":
            from .subjects import resolve_they

            who = resolve_they(words, k, doc)
    elif owner.lower.endswith(("'s", "’s", "s'")) and len(owner.lower) > 2:
        subject = noun_phrase(words, k, doc)
        if subject is not None:
            who, first = subject.kind, subject.first
    elif low in ("fault", "faults") and owner.lower == "at":
        subject = subject_before(words, _copula(words, k), doc)
        if subject is not None:
            who, first = subject.kind, subject.first
    elif low in ("fault", "mistake") and nxt == "of":
        end = _phrase_end(words, i + 2)
        subject = noun_phrase(words, end, doc, subject=False)
        if subject is not None and subject.kind in (PERSON, TEAM, CUSTOMER):
            if negated(words, i):
                return None
            return "fault of", i - 1 if _word(words, i - 1) == "the" else i, end, ""
        return None
    if who not in (PERSON, TEAM, CUSTOMER, MAYBE):  # "Ravi's mistake"
        return None
    if negated(words, first):
        return None
    return ("failed to" if low == "failure" else "fault of"), first, i, ""


def _responsible(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """ "Dana is responsible for the outage", "responsibility for the outage rests with the
    release manager": a bad outcome laid on a person (not "responsible for the release")."""
    if low not in ("responsible", "responsibility") or _word(words, i + 1) != "for":
        return None
    outcome = next(
        (k for k in range(i + 2, min(len(words), i + 6)) if words[k].lower in _BAD_OUTCOMES), -1
    )  # "responsible for the outage", "responsibility for the whole outage rests with"
    if outcome < 0 or negated(words, i):
        return None
    if low == "responsible":
        subject = subject_before(words, _copula(words, i), doc)
        if subject is None or subject.kind not in (PERSON, TEAM):
            return None
        return "fault of", subject.first, outcome, ""
    k = outcome + 1
    if _word(words, k) not in _LIES or _word(words, k + 1) not in ("with", "on", "upon"):
        return None
    end = _phrase_end(words, k + 2)
    target = noun_phrase(words, end, doc, subject=False)
    if target is None or target.kind not in (PERSON, TEAM):
        return None
    return "fault of", i, end, ""


def _copula(words: list[Word], k: int) -> int:
    """The index of the "was" in "X was not at fault", looking left from "at"."""
    j = k - 1
    while j >= 0 and (
        words[j].lower in ("not", "never", "really", "entirely") or is_adverb(words[j])
    ):
        j -= 1
    if _word(words, j) in ("was", "were", "is", "are", "be", "been", "isn't", "wasn't"):
        return j
    return k


def _blame(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """X is to blame, blamed X, the blame lies with X: flagged when X is a person."""
    if low not in ("blame", "blamed", "blames", "blaming"):
        return None
    if negated(words, i) or _put_down_to_a_thing(words, i, doc, "but"):
        return None  # "The customer blamed the courier, but the parcel never left"
    if low == "blamed" and _word(words, i - 1) in ("was", "were", "been", "is", "are", "got"):
        subject = subject_before(words, i - 1, doc)
        if subject is not None and subject.kind in (PERSON, TEAM, CUSTOMER):
            return "blame", subject.first, i, ""
    if _word(words, i - 1) == "to":
        subject = subject_before(words, _copula(words, i - 1), doc)
        if subject is not None and subject.kind in (PERSON, TEAM, CUSTOMER):
            return "blame", subject.first, i, ""
        return None
    for k in range(i + 1, min(len(words) - 2, i + 10)):
        if words[k].lower in _LIES and words[k + 1].lower in ("with", "on", "upon"):
            target = noun_phrase(words, _phrase_end(words, k + 2), doc, subject=False)
            if target is not None and target.kind in (PERSON, TEAM, CUSTOMER):
                return "blame", i, target.last, ""
            return None
        if is_boundary(words[k]):
            break
    # the object: "blamed the intern", "blame it on the vendor", "the blame lies with ..."
    k = i + 1
    end = k
    while k < len(words) and k - i <= 8:
        word = words[k]
        if is_boundary(word) or word.lower == ",":
            break
        if word.lower in ("on", "onto", "with", "to") or word.lower in W.PREPOSITIONS:
            end = k - 1
            if word.lower in ("on", "onto", "with"):
                end = _phrase_end(words, k + 1)
                target = noun_phrase(words, end, doc, subject=False)
                if target is not None and target.kind in (PERSON, TEAM, CUSTOMER):
                    return "blame", i, end, ""
                return None
            break
        end = k
        k += 1
    if low != "blame" or _word(words, i - 1) not in W.DETERMINERS:
        target = (
            noun_phrase(words, _phrase_end(words, i + 1), doc, subject=False)
            if i + 1 < len(words)
            else None
        )
        if target is not None and target.kind in (PERSON, TEAM, CUSTOMER):
            return "blame", i, target.last, ""
    return None


def _phrase_end(words: list[Word], k: int) -> int:
    """The last word of the noun phrase that starts at ``words[k]``."""
    end = k
    while end + 1 < len(words) and end - k < 5:
        nxt = words[end + 1]
        low = nxt.lower
        if is_boundary(nxt) or low == "," or low in W.PREPOSITIONS or nxt.opens:
            break
        if low in W.COORDINATORS or low in W.SKIPPED or low in ("who", "which", "that", "whose"):
            break
        if (looks_past(nxt) and low not in W.ROLES) or (
            low.endswith("ing") and len(low) > 4 and not nxt.capitalised
        ):
            break  # "caused by an engineer running the script"
        end += 1
    return end


def _judgement(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """careless, sloppy, lazy, negligent ... unless refused or a technical term."""
    kind = _JUDGEMENTS.get(low)
    if kind is None:
        return None
    nxt = _word(words, i + 1)
    if nxt in W.TECHNICAL_AFTER or (nxt.endswith("-loaded") or nxt.endswith("-loading")):
        return None
    if low == "rookie" and nxt not in ("mistake", "mistakes", "error", "errors"):
        return None
    judged = _word(words, i - 1) in ("poor", "bad", "questionable")
    if low in ("judgement", "judgment") and not judged:
        return None
    if negated(words, i):
        return None
    if low == "negligence" and _word(words, i - 1) in ("gross", "contributory", "medical"):
        return None
    if _said_of_us(words, i, doc):
        return None  # "We were careless with the backup credentials": the team owning it
    return kind, i - 1 if judged else i, i + 1 if low == "rookie" else i, ""


def _said_of_us(words: list[Word], i: int, doc: Document) -> bool:
    """A judgement the team makes of itself: "we were careless", "we carelessly ..."."""
    subject = subject_before(words, _copula(words, i), doc)
    return subject is not None and subject.kind == WE


def _idiom(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """dropped the ball, not paying attention."""
    if low == "dropped" and _word(words, i + 1) == "the" and _word(words, i + 2) == "ball":
        if negated(words, i):
            return None
        subject = subject_before(words, i, doc)
        if subject is not None and subject.kind in (WE, NOBODY):
            return None
        return "dropped the ball", subject.first if subject else i, i + 2, ""
    if low == "asleep" and _word(words, i + 3) in ("wheel", "switch"):
        subject = subject_before(words, _copula(words, i), doc)
        if negated(words, i) or subject is None or subject.kind not in (PERSON, TEAM):
            return None
        return "dropped the ball", subject.first, i + 3, ""
    if low == "paying" and _word(words, i + 1) == "attention":
        prev = _word(words, i - 1)
        if prev not in ("not", "wasn't", "weren't", "isn't", "aren't", "stopped"):
            return None
        k = i - 1
        while k >= 0 and words[k].lower in ("not", "really", "fully"):
            k -= 1
        subject = subject_before(words, k + 1 if words[k].lower in ("was", "were") else k, doc)
        if subject is not None and subject.kind in (WE, NOBODY, "thing"):
            return None
        return "not paying attention", subject.first if subject else i - 1, i + 1, ""
    return None


# "rushed the deploy", "hurried through the checklist", "hastily merged": haste laid on a
# person. "rushed to the office", "rushed back" or "rushed the parcel to the door" is
# urgency, not a judgement; "was rushed"
# and "rushed by the deadline" put the pressure on the person, which is a condition; "the
# rushed deploy" and "a hastily written script" name no one.
_HASTE = W.words("rushed hurried")
_URGENCY_AFTER = W.words(
    """
    to back over off home in out up down across around toward towards after for from along
    ahead by onto inside outside upstairs downstairs
    """
)
_UNDERGONE = W.words("was were been be is are being got get felt feel feels seemed looked")


def _purpose(words: list[Word], k: int) -> bool:
    """ "to make the Friday cutoff": "to" and a verb, a purpose, not a place it went to."""
    nxt = words[k + 1] if k + 1 < len(words) else None
    return (
        _word(words, k) == "to"
        and nxt is not None
        and not nxt.capitalised
        and nxt.lower in _PURPOSE_VERBS
    )


_PURPOSE_VERBS = W.words(
    "make hit meet beat catch get finish ship release launch save avoid keep clear close"
)


def _haste(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """rushed / hurried (active, with an object or none) and hastily + a verb."""
    if low in _HASTE:
        after = _next(words, i)
        if _word(words, after) in _URGENCY_AFTER:
            return None
        then = _phrase_end(words, after) + 1
        carried = _word(words, then) in _URGENCY_AFTER and not _purpose(words, then)
        if carried and _word(words, after) in W.DETERMINERS | W.QUANTIFIERS:
            return None  # "rushed the parcel to the customer" (not "to make the cutoff")
        verb = i
    elif low in ("hastily", "hurriedly"):
        verb = i + 1
        if verb >= len(words) or not looks_past(words[verb]):
            return None
    elif (low, _word(words, i + 1)) in (("raced", "through"), ("jumped", "the")):
        verb = i + 1 if low == "raced" else i + 2  # "raced through", "jumped the gun"
    elif low == "skimmed":
        verb = i  # "skimmed the diff"
    else:
        return None
    k = i - 1
    while k >= 0 and is_adverb(words[k]) and words[k].lower not in _UNDERGONE:
        k -= 1
    before = _word(words, k)
    if before in _UNDERGONE or before in W.DETERMINERS or before in W.PREPOSITIONS:
        return None
    if negated(words, i):
        return None
    subject = subject_before(words, i, doc)
    if subject is None or subject.kind not in (PERSON, TEAM):
        return None
    return "rushed", subject.first, verb, ""


def _with_subject(
    words: list[Word],
    i: int,
    last: int,
    doc: Document,
    *,
    mind: bool,
    detail: tuple[str, int],
    kind: str = "failed to",
    customer: bool = True,
) -> _Verdict | None:
    """A finding when the subject of the verb at ``words[i]`` is a person; ``detail`` says
    where the words that were left undone start, for the advice."""
    subject: Subject | None = subject_before(words, i, doc)
    if subject is None or not _blames_subject(subject.kind, mind, customer):
        return None
    that = subject.first if _word(words, subject.first) == "that" else subject.first - 1
    if _word(words, that) == "that" and _word(words, that - 1) in ("not", "isn't", "wasn't"):
        return None  # "the point is not that Dana missed the alert, but ..."
    said = detail[0] + _action(words, detail[1]) if detail[0] else ""
    return kind, subject.first, last, said


_LIES = W.words("lies lay lie rests rested falls fell sits sat")
_PUNCTUATION = frozenset(".,;:!?()[]|—–")


def _action(words: list[Word], k: int) -> str:
    """The few words after "forgot to": what was left undone, for the advice."""
    out: list[str] = []
    while k < len(words) and len(out) < 6:
        word = words[k]
        if word.lower in _PUNCTUATION or word.lower in W.CLAUSE_WORDS or word.opens:
            break
        if word.lower in ("and",) and out:
            break
        out.append(word.text)
        k += 1
    return " ".join(out)


_BAD_OUTCOMES = W.words(
    "outage outages incident incidents failure failures problem problems mistake mistakes "
    "error errors breakage damage loss"
)


_COPULAS = W.words("was were is are")


def _down_to(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """ "The outage was entirely down to Maria": a bad outcome laid on a person."""
    if low != "down" or _word(words, i + 1) != "to":
        return None
    copula = i - 1
    while copula > 0 and words[copula].lower not in _COPULAS and is_adverb(words[copula]):
        copula -= 1  # "was entirely down to"
    if _word(words, copula) not in _COPULAS or negated(words, i):
        return None
    subject = subject_before(words, copula, doc)
    if subject is None or words[subject.last].lower not in _BAD_OUTCOMES:
        return None
    end = _phrase_end(words, i + 2)
    target = noun_phrase(words, end, doc, subject=False)
    if target is None or target.kind not in (PERSON, TEAM):
        return None
    return "fault of", subject.first, end, ""


def _idealised(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """ "A more careful engineer would have checked the region": hindsight that measures a
    person against a better one."""
    if low not in _IDEAL_ARTICLES:
        return None
    k = i + 1
    if _word(words, k) in ("more", "better", "truly"):
        k += 1
    if _word(words, k) not in _IDEAL_ADJECTIVES:
        return None
    role = noun_phrase(words, k + 1, doc, subject=False)
    if role is None or role.kind != PERSON or _word(words, k + 2) not in _WOULD:
        return None
    have = k + 3 if _word(words, k + 3) != "not" else k + 4
    if _word(words, have) != "have" or negated(words, i):
        return None
    return "should have", i, have, ""


_WOULD = W.words("would could wouldn't couldn't")
_IDEAL_ARTICLES = W.words("a an any")


def _root_cause_is(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """ "Kai was the root cause.": a person as the cause."""
    if low not in ("was", "were", "is"):
        return None
    k = i + 2
    if _word(words, k) in ("root", "main", "real"):
        k += 1
    if _word(words, i + 1) not in _ARTICLES or _word(words, k) != "cause":
        return None
    subject = subject_before(words, i, doc)
    if subject is None or subject.kind not in (PERSON, TEAM) or negated(words, i):
        return None
    return "caused", subject.first, k, ""


def _counterfactual(words: list[Word], i: int, low: str, doc: Document) -> _Verdict | None:
    """ "If Tom had followed the runbook, this would not have happened": hindsight."""
    if low != "if" or _word(words, i - 1) == "even":  # "even if ..." clears the person
        return None
    k = i + 1
    while k < len(words) and k - i <= 8 and words[k].lower not in ("had", "hadn't"):
        if is_boundary(words[k]) or words[k].lower == ",":
            return None
        k += 1
    if _word(words, k) not in ("had", "hadn't"):
        return None
    verb_at = _next(words, k + 1 if _word(words, k + 1) == "not" else k)
    verb = _word(words, verb_at)
    if verb in W.NOT_A_LAPSE or not (verb.endswith("ed") or verb in W.IRREGULAR_PARTICIPLES):
        return None
    if not _would_have(words, i):
        return None
    subject = subject_before(words, k, doc)
    if subject is None or subject.kind not in (PERSON, TEAM):
        return None
    return "should have", i, verb_at, ""


def _would_have(words: list[Word], i: int) -> bool:
    """ "would (not) have" or "could have" in the sentence around ``words[i]``."""
    start = i
    while start > 0 and not words[start].opens and i - start < 30:
        start -= 1
    for k in range(start, min(len(words) - 1, i + 30)):
        if k > i and (words[k].opens or words[k].lower in ".;!?"):
            break
        if words[k].lower in ("would", "wouldn't", "could", "might") and "have" in (
            _word(words, k + 1),
            _word(words, k + 2),
        ):
            # "... she would still have hit the same bug" clears the person instead
            rest = {_word(words, m) for m in range(k + 1, k + 8)}
            return not rest & _ANYWAY
    return False


_ANYWAY = W.words("still anyway regardless same too either")


_JUDGES: tuple[Callable[[list[Word], int, str, Document], _Verdict | None], ...] = (
    _omission,
    _neglect,
    _did_not,
    _hindsight,
    _caused,
    _fixed_phrase,
    _fault,
    _responsible,
    _blame,
    _judgement,
    _haste,
    _idiom,
    _down_to,
    _counterfactual,
    _idealised,
    _root_cause_is,
)


# --- the message -----------------------------------------------------------------------


def _make(
    text: str,
    kind: str,
    start: int,
    end: int,
    words: list[Word],
    first: int,
    last: int,
    detail: str,
) -> Blame:
    said = " ".join(text[start:end].split())
    if last - first > 8:
        offset = start - words[first].start
        head = text[start : words[first + 1].end + offset].rstrip(",;:(— ")
        tail = text[words[last - 2].start + offset : end].lstrip(",;:)— ")
        said = " ".join(f"{head} … {tail}".split())
    base = KIND_BY_NAME[kind]
    suggest = base.suggest
    if kind == "failed to" and detail.startswith("to:") and len(detail) > 3:
        action = detail[3:]
        suggest = (
            f"describe what made the step easy to miss or hard to do, e.g. 'nothing in the "
            f"process prompted anyone to {action}', and what will prompt it now"
        )
    elif kind == "failed to" and detail.startswith("obj:") and len(detail) > 4:
        thing = detail[4:]
        suggest = (
            f"say what made '{thing}' easy to miss at the time: where it appeared, what else "
            "needed attention, what would make it stand out"
        )
    return Blame(kind, start, end, said, why_for(base, said), suggest)
