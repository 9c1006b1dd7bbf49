"""Every cue that can be shown to a user as a reason must be true of the sentence it fires on.

Sentences are written from the rules of English, not from observed errors: for each cue, sentences
it must fire on and sentences that hold its letters or a look-alike word but not the cue (word
boundaries, proper names, other senses of the same word).
"""

from __future__ import annotations

import pytest

from presslens.analyzers.claims import features as ft
from presslens.analyzers.claims.model import load_predictor


def _f(sentence: str) -> dict[str, float]:
    return dict(zip(ft.DENSE_NAMES, ft.dense_features(sentence), strict=True))


FIRES = [
    ("first person", "They told us nothing about the plan."),
    ("first person", "We raised the money ourselves."),
    ("first person", "My office opened in March."),
    ("reported speech", "The minister said the port would reopen."),
    ("reported speech", "According to the ministry, the port reopened."),
    ("reported speech", "The filing states that the firm lost money."),
    ("contains a number", "The council hired 40 inspectors."),
    ("contains a number", "Three ferries sank."),
    ("casualty figure", "Floods killed 12 people."),
    ("superlative", "It was the largest strike of the decade."),
    ("superlative", "The river rose for the first time since records began."),
    ("comparison", "Exports were higher than imports."),
    ("comparison", "Prices rose 4% in a year."),
    ("comparison", "The deficit doubled."),
    ("comparison", "The bridge is longer than the old one."),
    ("causal claim", "The closure led to the layoffs."),
    ("causal claim", "Fares went up because fuel cost more."),
    ("modal verb", "The board could reject the offer."),
    ("future or plan", "The mayor will open the bridge."),
    ("hedge", "About 300 workers joined the strike."),
    ("hedge", "The strike possibly cost the port its contract."),
    ("booster", "The figures clearly show a decline."),
    ("stance verb (I think, I believe)", "I think the figures are wrong."),
    ("sweeping generalisation", "No one is above the law."),
    ("sweeping generalisation", "Everyone deserves a second chance."),
    ("named actor", "The talks in Valdora ended."),
    ("date or year", "The port closed in 2019."),
    ("percentage", "Turnout was 61 percent."),
    ("money amount", "The ferry cost $4 million."),
    ("question", "Who paid for the bridge?"),
    ("negation", "The council did not approve the budget."),
    ("official act", "The assembly vetoed the budget."),
    ("official act", "The governor made the rule into law."),
    ("official act", "A new law bans smoking in bars."),
    ("evaluative language", "The plan is a disaster."),
    ("statistical or economic term", "Unemployment reached a new level."),
]

MUST_NOT_FIRE = [
    # " us" inside a word, and the country
    ("first person", "The trucks used the old road."),
    ("first person", "The US sent a delegation to Valdora."),
    ("first person", "Officials discussed the bonus scheme."),
    # speech verbs inside names, and nouns that look like verbs
    ("reported speech", "The United States sent a delegation."),
    ("reported speech", "Member states approved the budget."),
    ("reported speech", "Insurance claims reached a peak in June."),
    ("reported speech", "An estimated 300 workers joined the strike."),
    # "one" as a pronoun is no figure
    ("contains a number", "No one is above the law."),
    ("contains a number", "She was one of the founders."),
    ("casualty figure", "Twelve refugees crossed the border."),
    ("casualty figure", "The ministry recorded 40 cases of fraud."),
    # "last", "first", "only", "record" in their ordinary senses
    ("superlative", "The council met last week."),
    ("superlative", "She spoke on the record."),
    ("superlative", "Only the mayor voted against."),
    ("superlative", "Interest in the harvest grew."),
    ("superlative", "The Forest Service closed the trail."),
    # "than" after rather/other, change verbs without a quantity
    ("comparison", "She chose to walk rather than drive."),
    ("comparison", "Nobody other than the mayor spoke."),
    ("comparison", "He grew up in a fishing town."),
    ("comparison", "The minister fell ill in June."),
    # "so" and "since" are not causal claims
    ("causal claim", "The talks have stalled since March."),
    ("causal claim", "She said so in a letter."),
    # "May" the month or a name is no modal; "will" as a name is no future
    ("modal verb", "The vote took place in May."),
    ("future or plan", "The judge read the will aloud to Will Harding."),
    ("future or plan", "The mayor was going to the harbour."),
    ("future or plan", "As predicted, the ferry was late."),
    # approximators are hedges only before a number
    ("hedge", "The report was about the strike."),
    ("hedge", "Some members left the party."),
    ("hedge", "Around the harbour, shops were closed."),
    # a stance verb is first person and evaluative; an intention is not a stance
    ("stance verb (I think, I believe)", "I will be brief."),
    ("stance verb (I think, I believe)", "They think the plan failed."),
    # specifics make a statement checkable, not sweeping
    ("sweeping generalisation", "Nobody was hurt in the 2019 fire."),
    ("sweeping generalisation", "Everyone in Valdora lost power."),
    ("sweeping generalisation", "The council met on Tuesday."),
    # capitalised words that open a clause are no names
    ("named actor", "He said: The port is closed."),
    ("named actor", "I saw it happen."),
    ("evaluative language", "She has the right to appeal."),
    ("evaluative language", "The bank failed in 2008."),
    ("official act", "He passed away in June."),
    # law in general is no statute being made
    ("official act", "No one is above the law."),
    ("official act", "She studied law in Leeds."),
    ("official act", "The rule of law matters."),
    ("official act", "The mayor named her dog after the river."),
    ("question", "The question was settled."),
    ("statistical or economic term", "At any rate, the meeting ended early."),
    ("negation", "Notwithstanding the delay, the port opened."),
]


@pytest.mark.parametrize(("cue", "sentence"), FIRES)
def test_cue_fires(cue, sentence):
    assert _f(sentence)[cue] > 0, f"{cue!r} should fire on {sentence!r}"


@pytest.mark.parametrize(("cue", "sentence"), MUST_NOT_FIRE)
def test_cue_does_not_fire(cue, sentence):
    assert _f(sentence)[cue] == 0, f"{cue!r} must not fire on {sentence!r}"


def test_every_shown_cue_is_covered_by_negative_sentences():
    shown = set(ft.DENSE_NAMES) - ft.NOT_REASONS - {"very short", "percentage", "money amount", "date or year",
                                                   "addresses the audience", "booster"}
    assert shown <= {cue for cue, _ in MUST_NOT_FIRE}


@pytest.mark.parametrize(("cue", "sentence"), MUST_NOT_FIRE)
def test_model_never_names_a_cue_that_did_not_fire(cue, sentence):
    reasons = load_predictor().predict(sentence).reasons(limit=10)
    assert cue not in reasons and f"{cue} (lowers)" not in reasons
