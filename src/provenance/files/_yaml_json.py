"""YAML and JSON claim files: reading them through the interpreter, writing the document.

Both formats hold the same structure (sections of records under ids); JSON is read
without positions first, and again with them only when there is a problem to locate.
Written YAML keeps short lists and small mappings on one line, times unquoted where YAML
reads them as times, and several lines of text as a literal block.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from .._collection import ClaimSet
from ._document import Flow, FlowMap, Timestamp, plain_float
from ._document import document as build
from ._interpret import Interpreter
from ._located import json_tree, yaml_tree
from ._problems import Problems
from ._table import FORMAT_VERSION

__all__ = ["parse_claim_json", "parse_claim_yaml", "serialize_claim_json", "serialize_claim_yaml"]


def parse_claim_yaml(text: str, *, name: str = "<string>") -> ClaimSet:
    """Read claims from a YAML claim file held in a string.

    Raises :class:`ClaimFileError` listing every problem, each with its line, column
    and field; ``name`` is what the problems call the document.
    """
    problems = Problems(name)
    root = yaml_tree(text, problems)
    claims = None if root is None else Interpreter(problems).run(root)
    problems.raise_if_any()
    assert claims is not None
    return claims


def parse_claim_json(text: str, *, name: str = "<string>") -> ClaimSet:
    """Read claims from a JSON claim file (the YAML format's structure) held in a string."""
    problems = Problems(name)
    root = json_tree(text, problems, located=False)
    claims = None if root is None else Interpreter(problems).run(root)
    if claims is None and root is not None:  # read again, to say where each problem is
        problems = Problems(name)
        located = json_tree(text, problems, located=True)
        assert located is not None
        Interpreter(problems).run(located)
    problems.raise_if_any()
    assert claims is not None
    return claims


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]+)')
"""A JSON string, or a number in exponent notation, which is rewritten."""


def _plain_json_numbers(text: str) -> str:
    """JSON text with every number in exponent notation rewritten in plain notation: the
    encoder writes floats by ``repr`` and offers no hook for it."""
    return _JSON_TOKEN.sub(lambda m: plain_float(float(m[1])) if m[1] else m[0], text)


_HEADER = (
    f"# A provenance claim file, format version {FORMAT_VERSION} "
    "(the format is described in docs/claim-files.md).\n"
)
_LINE_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _dumper(base: Any) -> Any:
    """A dumper over ``base`` (libyaml's or PyYAML's own) that writes our plain data."""

    class Dumper(base):  # type: ignore[misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        # Several lines read best as a literal block. PyYAML would write the other line
        # breaks (CR, NEL, LS, PS) raw inside quotes, where a reader folds them; only
        # double quotes escape them.
        if _LINE_BREAKS.search(data):
            style: str | None = '"'
        elif "\n" in data:
            style = "|"
        else:
            style = None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    def timestamp(dumper: yaml.SafeDumper, data: Timestamp) -> yaml.ScalarNode:
        tag = dumper.resolve(yaml.ScalarNode, str(data), (True, False))  # type: ignore[no-untyped-call]
        if tag != "tag:yaml.org,2002:timestamp":
            tag = "tag:yaml.org,2002:str"
        return dumper.represent_scalar(tag, str(data))

    def flow(dumper: yaml.SafeDumper, data: Flow) -> yaml.SequenceNode:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)

    def flow_map(dumper: yaml.SafeDumper, data: FlowMap) -> yaml.MappingNode:
        return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)

    def number(dumper: yaml.SafeDumper, data: float) -> yaml.ScalarNode:
        return dumper.represent_scalar("tag:yaml.org,2002:float", plain_float(data))

    Dumper.add_representer(str, text)
    Dumper.add_representer(Timestamp, timestamp)
    Dumper.add_representer(Flow, flow)
    Dumper.add_representer(FlowMap, flow_map)
    Dumper.add_representer(float, number)
    return Dumper


def _dump(document: dict[str, Any], base: Any) -> str:
    return yaml.dump(
        document,
        Dumper=_dumper(base),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,
        indent=2,
    )


def serialize_claim_yaml(claims: ClaimSet) -> str:
    """The claims as a YAML claim file: every field, stable order, readable ids."""
    document = build(claims)
    # libyaml's emitter is several times faster than PyYAML's own, and writes the same
    # text except that it escapes every character beyond U+FFFF (emoji become \U0001F680).
    # Such text is written again by PyYAML's emitter, which keeps the characters.
    fast = getattr(yaml, "CSafeDumper", None)
    body = None if fast is None else _dump(document, fast)
    if body is None or "\\U" in body:
        body = _dump(document, yaml.SafeDumper)
    return _HEADER + body


def serialize_claim_json(claims: ClaimSet) -> str:
    """The claims as a JSON claim file, with the YAML format's structure."""
    document = build(claims)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    exponents = any(
        "e" in repr(c.confidence.value)
        for c in claims.claims
        if c.confidence is not None and c.confidence.value is not None
    )
    return _plain_json_numbers(text) if exponents else text
