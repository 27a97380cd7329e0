"""The namespace of our vocabulary, as a plain string.

The model needs the IRIs of the built-in stances without importing rdflib; the
rdflib namespace in :mod:`provenance.vocabulary` is built from this string.
"""

VOCABULARY = "https://w3id.org/provenance-claims/vocab#"
"""Namespace of the provenance-claims vocabulary (prefix ``pc:``)."""

DEFAULT_BASE = "urn:provenance:"
"""Prefix of the IRIs minted for records when the caller gives no base of their own."""
