"""Shared text analysis: linear-time patterns, normalisation with offsets, language
identification, sentences, lexicons, the vocabulary of word forms, word lists and the harm
classifier. Every other part of the engine reads text through these."""
