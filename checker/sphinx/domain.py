"""The ``align`` domain: concepts and claims as cross-reference targets, the
``align:concept`` directive, the ``:align:concept:`` and ``:align:claim:`` roles, and an index
of concepts (``align-concepts``)."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.directives import ObjectDescription
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

logger = logging.getLogger(__name__)

OBJECT_TYPES = ("concept", "claim")


class Target(NamedTuple):
    """Where an object is documented: ``spec`` is its spec's name (or ``""``)."""

    docname: str
    anchor: str
    spec: str
    description: str


def anchor(objtype: str, fullname: str) -> str:
    """The HTML id of an object: ``align-concept-seed.inner_aligned``."""
    return nodes.make_id(f"align-{objtype}-{fullname}")


class ConceptDirective(ObjectDescription[str]):
    """``.. align:concept:: NAME`` describes a concept in prose; ``:spec:`` names the spec it
    belongs to (its full name is then ``spec.NAME``)."""

    has_content = True
    option_spec = {**ObjectDescription.option_spec, "spec": directives.unchanged}

    def handle_signature(self, sig: str, signode: addnodes.desc_signature) -> str:
        """Show the signature as written; the name is what comes before ``(``."""
        name = sig.split("(", 1)[0].strip()
        spec = self.options.get("spec", "").strip()
        signode += addnodes.desc_annotation("concept ", "concept ")
        signode += addnodes.desc_name(name, name)
        if "(" in sig:
            params = "(" + sig.split("(", 1)[1]
            signode += addnodes.desc_annotation(params, params)
        return f"{spec}.{name}" if spec else name

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        """Register ``name`` in the domain and the general index."""
        target = anchor("concept", name)
        if target not in self.state.document.ids:
            signode["ids"].append(target)
        domain: AlignDomain = self.env.get_domain("align")
        domain.note_object("concept", name, target, self.options.get("spec", ""), "", location=signode)
        if "no-index-entry" not in self.options:
            self.indexnode["entries"].append(("single", f"{name.rsplit('.', 1)[-1]} (concept)", target, "", None))


class ConceptIndex(Index):
    """Every concept documented in the project, grouped by first letter."""

    name = "concepts"
    localname = "Concept index"
    shortname = "concepts"

    def generate(self, docnames=None):
        """The index entries (see ``sphinx.domains.Index.generate``)."""
        content: dict[str, list[IndexEntry]] = defaultdict(list)
        objects = self.domain.data["concept"]
        for fullname, target in sorted(objects.items(), key=lambda kv: (kv[0].rsplit(".", 1)[-1].lower(), kv[0])):
            docname, ident, spec, description = target
            if docnames and docname not in docnames:
                continue
            short = fullname.rsplit(".", 1)[-1]
            content[short[:1].upper()].append(IndexEntry(short, 0, docname, ident, spec, "", description))
        return sorted(content.items()), True


class AlignDomain(Domain):
    """The domain of AlignSpec objects."""

    name = "align"
    label = "AlignSpec"
    object_types = {"concept": ObjType("concept", "concept"), "claim": ObjType("claim", "claim")}
    directives = {"concept": ConceptDirective}
    roles = {"concept": XRefRole(warn_dangling=True), "claim": XRefRole(warn_dangling=True)}
    indices = [ConceptIndex]
    initial_data = {"concept": {}, "claim": {}}
    data_version = 1
    dangling_warnings = {"concept": "unknown AlignSpec concept: %(target)r",
                         "claim": "unknown AlignSpec claim: %(target)r"}

    def note_object(self, objtype: str, fullname: str, ident: str, spec: str, description: str,
                    location=None) -> None:
        """Record a concept or claim documented in the current document."""
        objects = self.data[objtype]
        if fullname in objects and objects[fullname][0] != self.env.docname:
            logger.warning("%s '%s' is documented twice; the other is in %s (use :no-index: on one of them)",
                           objtype, fullname, objects[fullname][0], location=location, type="alignspec",
                           subtype="duplicate-target")
        objects[fullname] = Target(self.env.docname, ident, spec, description)

    def clear_doc(self, docname: str) -> None:
        """Forget the objects of ``docname``."""
        for objtype in OBJECT_TYPES:
            objects = self.data[objtype]
            for fullname in [k for k, v in objects.items() if v[0] == docname]:
                del objects[fullname]

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        """Take the objects of ``docnames`` from a parallel reader's data."""
        for objtype in OBJECT_TYPES:
            for fullname, target in otherdata[objtype].items():
                if target[0] in docnames:
                    self.data[objtype][fullname] = target

    def _find(self, objtype: str, target: str, fromdocname: str):
        objects = self.data[objtype]
        if target in objects:
            return target, objects[target]
        matches = sorted(k for k in objects if k.rsplit(".", 1)[-1] == target)
        if not matches:
            return None
        here = [k for k in matches if objects[k][0] == fromdocname]
        chosen = (here or matches)[0]
        return chosen, objects[chosen]

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        """Resolve ``:align:concept:`name``` (or ``spec.name``) and ``:align:claim:``."""
        found = self._find(typ, target, fromdocname)
        if found is None:
            return None
        fullname, (docname, ident, _spec, _description) = found
        return make_refnode(builder, fromdocname, docname, ident, contnode, f"{typ} {fullname}")

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        """Resolve ``:any:`` references to concepts and claims."""
        results = []
        for objtype in OBJECT_TYPES:
            found = self._find(objtype, target, fromdocname)
            if found is not None:
                fullname, (docname, ident, _spec, _description) = found
                results.append((f"align:{objtype}",
                                make_refnode(builder, fromdocname, docname, ident, contnode, fullname)))
        return results

    def get_objects(self):
        """Every concept and claim, for the search index and inventories."""
        for objtype in OBJECT_TYPES:
            for fullname, (docname, ident, _spec, _description) in self.data[objtype].items():
                yield fullname, fullname, objtype, docname, ident, 1
