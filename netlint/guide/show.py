"""``netlint guide show``: the resolved guide as YAML."""

from __future__ import annotations

import yaml

from .model import Guide


def render_guide(guide: Guide) -> str:
    head = "".join(f"# from: {src}\n" for src in guide.sources)
    body = dict(guide.data)
    layers = []
    for sel in guide.selections:
        layer = {}
        if sel.select is not None:
            layer["select"] = list(sel.select)
        if sel.extend_select:
            layer["extend-select"] = list(sel.extend_select)
        if sel.ignore:
            layer["ignore"] = list(sel.ignore)
        layers.append(layer)
    if layers:
        body["selection-layers"] = layers
    return head + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
