"""Persuasion techniques (PTC taxonomy), genre and loadedness: the rhetoric layer's engine.

Modules: ``lexicon`` (hand-written cue lists), ``features`` (token tables from spaCy Docs),
``linear`` (numpy run time for sklearn-trained linear models), ``tagger`` (span proposer),
``classifier`` (technique of a span), ``rules`` (cue rules), ``detect`` (Technique records),
``genre`` (genre and loadedness), ``bundle`` (shipped weights), ``train`` (training and CV).
"""
