"""A griffe extension for the API reference: gradschool's docstrings as mkdocstrings reads them.

The docstrings are written for `help()` and the terminal, in Google style with some
reStructuredText, and this build reads them as they are. Before mkdocstrings parses a
docstring, this extension changes two things:

- an `Example:` or `Example::` header becomes `Examples:`, the Google section whose
  `>>>` lines are shown as Python sessions (under any other header they would be read as
  Markdown, where `>` starts a quotation);
- a reStructuredText role (:class:`Adam`) becomes code (`Adam`);
- a reStructuredText literal block (`.. code-block:: text`, or a paragraph that ends in
  `::`, followed by an indented block) becomes a fenced Markdown code block.

mkdocs.yml loads it with `extensions: [docs/griffe_docstrings.py]`.
"""

import re

import griffe

EXAMPLE_HEADER = re.compile(r"^(\s*)Example::?\s*$")
CODE_BLOCK = re.compile(r"^(\s*)\.\. code-block::\s*(\w*)\s*$")
LITERAL_PARAGRAPH_END = re.compile(r"^(\s*\S.*?)::\s*$")
ROLE = re.compile(r":(?:class|func|meth|attr|mod|obj|data|exc):`~?([^`]+)`")


def indentation(line):
    return len(line) - len(line.lstrip())


def fence_literal_blocks(lines):
    """Replace each reStructuredText literal block of `lines` by a fenced code block."""
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = CODE_BLOCK.match(line)
        paragraph = LITERAL_PARAGRAPH_END.match(line)
        if not (directive or paragraph):
            out.append(line)
            i += 1
            continue
        start = i + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        outer = indentation(line)
        end = start
        while end < len(lines) and (not lines[end].strip() or indentation(lines[end]) > outer):
            end += 1
        while end > start and not lines[end - 1].strip():
            end -= 1
        if end == start:  # no indented block follows: not a literal block
            out.append(line)
            i += 1
            continue
        if paragraph:
            out += [paragraph.group(1) + ":", ""]
        block = lines[start:end]
        inner = min(indentation(text) for text in block if text.strip())
        language = directive.group(2) if directive else "text"
        pad = " " * outer
        out.append(f"{pad}```{language}")
        out += [pad + text[inner:] if text.strip() else "" for text in block]
        out.append(f"{pad}```")
        i = end
    return out


def for_mkdocstrings(text):
    """The docstring `text` with Example headers and literal blocks as mkdocstrings wants."""
    text = ROLE.sub(r"`\1`", text)
    lines = [EXAMPLE_HEADER.sub(r"\1Examples:", line) for line in text.splitlines()]
    return "\n".join(fence_literal_blocks(lines))


class GradschoolDocstrings(griffe.Extension):
    """Rewrites every docstring with `for_mkdocstrings` once the package is loaded."""

    def on_package(self, *, pkg, **kwargs):
        self.on_object(obj=pkg)  # a package's own docstring (on_object sees its members)

    def on_object(self, *, obj, **kwargs):
        if obj.docstring is not None:
            obj.docstring.value = for_mkdocstrings(obj.docstring.value)
