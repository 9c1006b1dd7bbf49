"""Word lists behind the check-worthiness features and the claim layer.

Hand-written because no packaged resource covers them: the hedge and booster
lists follow Hyland's metadiscourse categories (Hyland 2005, *Metadiscourse*,
appendix: hedges, boosters, attitude markers) trimmed to news usage; the
check-worthiness cues follow the feature families of the ClaimBuster papers
(Hassan et al. 2017: numbers, named actors, causal and comparative language,
first person and opinion verbs lowering); speech and anonymous-source cues
follow the attribution literature (Pareti 2016, PolNeAR guidelines).  Every
entry is lower case; multi-word entries match on word boundaries.
"""

from __future__ import annotations

import re

HEDGES: tuple[str, ...] = (
    "an estimated", "estimated", "reportedly", "allegedly", "alleged", "apparently", "purportedly",
    "supposedly", "may", "might", "could", "possibly", "perhaps", "probably", "likely", "unlikely",
    "presumably", "seemingly", "seems", "seemed", "appears to", "appeared to", "suggests", "suggested",
    "roughly", "about", "around", "approximately", "nearly", "almost", "some", "up to", "at least",
    "more or less", "in part", "partly", "it is thought", "it is believed", "believed to",
    "thought to", "said to be", "many would classify", "many would say", "some say", "arguably",
    "according to some", "unconfirmed", "tentatively", "rumoured", "rumored",
)
BOOSTERS: tuple[str, ...] = (
    "clearly", "undoubtedly", "certainly", "definitely", "obviously", "of course", "indeed",
    "undeniably", "unquestionably", "without doubt", "without a doubt", "no doubt", "surely",
    "in fact", "actually", "evidently", "plainly", "always", "never", "everyone knows",
    "it is clear", "beyond doubt", "demonstrably", "absolutely", "totally", "completely",
)
CAUSAL: tuple[str, ...] = (
    "because", "caused", "causes", "causing", "cause of", "led to", "leads to", "lead to",
    "resulted in", "results in", "result of", "as a result", "due to", "thanks to", "therefore",
    "which fueled", "which fuelled", "fueled", "fuelled", "triggered", "blamed", "responsible for",
    "so that", "consequently", "contributed to", "in retaliation",
)
SUPERLATIVE_WORDS: tuple[str, ...] = (
    "most", "least", "first", "last", "record", "record-low", "record-high", "ever", "never before",
    "unprecedented", "all-time", "only", "best", "worst", "biggest", "largest", "highest", "lowest",
)
COMPARATIVE: tuple[str, ...] = (
    "more than", "less than", "fewer than", "than", "increase", "increased", "increases", "decrease",
    "decreased", "doubled", "tripled", "halved", "rose", "risen", "fell", "fallen", "grew", "grown",
    "declined", "dropped", "cut", "higher", "lower", "compared", "up from", "down from",
)
STATISTIC: tuple[str, ...] = (
    "percent", "per cent", "million", "billion", "trillion", "thousand", "hundred", "dozens",
    "rate", "budget", "deficit", "debt", "tax", "taxes", "jobs", "unemployment", "spent",
    "spending", "cost", "costs", "average", "income", "wages", "prices", "gdp", "economy", "poll",
)
CASUALTY: tuple[str, ...] = (
    "killed", "dead", "deaths", "death toll", "died", "die", "wounded", "injured", "casualties",
    "victims", "fatalities", "massacred", "slaughtered", "cases", "infected", "displaced",
    "refugees", "civilians", "arrested", "detained",
)
OFFICIAL_ACT: tuple[str, ...] = (
    "voted", "vote", "votes", "passed", "signed", "bill", "law", "legislation", "vetoed", "veto",
    "approved", "ratified", "ordered", "announced", "imposed", "launched", "invaded", "attacked",
    "withdrew", "appointed", "named", "elected", "resolution", "agreement", "treaty", "sanctions",
)
FIRST_PERSON: tuple[str, ...] = ("i", "me", "my", "mine", "we", "us", "our", "ours", "i'm", "i've", "we're", "we've")
OPINION_VERBS: tuple[str, ...] = (
    "i think", "i believe", "i feel", "in my opinion", "i hope", "i want", "we want", "we need",
    "i'm convinced", "we believe", "i say", "let me", "i'd like", "i will", "we will", "we must",
    "we should", "i would", "my view", "i agree", "i disagree",
)
MODALS: tuple[str, ...] = ("should", "must", "ought to", "need to", "needs to", "have to", "has to", "would", "could", "might")
FUTURE: tuple[str, ...] = (
    "will", "won't", "going to", "is set to", "are set to", "expected to", "is expected",
    "are expected", "plans to", "intends to", "is due to", "are due to", "next year", "tomorrow",
    "upcoming", "forecast", "predicted", "projected", "shall",
)
EVALUATIVE: tuple[str, ...] = (
    "good", "bad", "great", "terrible", "wrong", "right", "important", "disaster", "disastrous",
    "shameful", "outrageous", "ridiculous", "wonderful", "tragic", "tragedy", "chaos", "horrible",
    "excellent", "failure", "failed", "dangerous", "evil", "corrupt", "puppet", "dictator",
    "crisis", "shackles", "domination", "hatred", "fair", "unfair", "deserve", "proud", "fantastic",
    "strong", "weak", "better", "worse", "serious", "shocking", "absurd", "brutal", "illegal",
)
SPEECH_VERBS: tuple[str, ...] = (
    "said", "says", "say", "told", "tells", "stated", "states", "announced", "claimed", "claims",
    "reported", "reports", "stressed", "added", "argued", "argues", "insisted", "warned", "noted",
    "explained", "declared", "denied", "confirmed", "acknowledged", "admitted", "alleged",
    "asserted", "estimated", "wrote", "tweeted", "accused", "voiced", "suggested", "according to",
)
ANONYMOUS_SOURCES: tuple[str, ...] = (
    "officials", "sources", "source", "critics", "experts", "analysts", "observers", "witnesses",
    "residents", "diplomats", "insiders", "activists", "some", "many", "people familiar",
    "a spokesman", "a spokeswoman", "a spokesperson", "an official", "a senior official",
    "police", "authorities", "reports", "media reports", "local media",
)
DOCUMENT_SOURCES: tuple[str, ...] = (
    "report", "study", "statement", "survey", "poll", "data", "figures", "census", "document",
    "documents", "review", "analysis", "investigation", "records", "estimates", "paper", "audit",
    "filing", "memo", "letter", "release", "press release", "website", "article", "research",
)
LOADED: tuple[str, ...] = (
    "chaos", "chaotic", "turmoil", "shackles", "domination", "dominate", "agenda", "puppet",
    "dictator", "tyrant", "tyranny", "regime", "hatred", "evil", "corrupt", "corruption", "disgrace",
    "disgraceful", "shameful", "shameless", "outrageous", "ridiculous", "absurd", "disaster",
    "disastrous", "catastrophic", "tragic", "terrible", "horrible", "awful", "wonderful",
    "brilliant", "excellent", "fantastic", "magnificent", "heroic", "cowardly", "barbaric",
    "savage", "thugs", "propaganda", "lies", "liar", "hypocrisy", "hypocritical", "scandalous",
    "inept", "incompetent", "reckless", "ruthless", "sinister", "notorious", "infamous",
    "so-called", "hijacked", "highjacked", "high-jacked", "oblivion", "pathetic", "vile", "despicable",
    "betrayal", "greed", "greedy", "arrogant", "arrogance", "stooge", "warmonger", "warmongers",
    "imperialist", "imperialism", "illegitimate", "unjust", "injustice", "shame", "noble",
    "glorious", "nightmare", "monstrous", "villain", "heroes", "extremists", "fanatics",
    "destroy", "crushing", "sham", "farce", "ill-fated", "misguided", "blatant", "flagrant",
)
SPEECH_LEMMAS: frozenset[str] = frozenset(
    "say tell state announce claim report stress add argue insist warn note explain declare deny "
    "confirm acknowledge admit allege assert estimate write tweet accuse suggest voice reveal "
    "indicate predict promise vow pledge emphasize emphasise testify reply respond".split()
)


def phrase_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """Compile a case-insensitive, word-bounded alternation, longest phrases first."""
    alts = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w'-])", re.IGNORECASE)
