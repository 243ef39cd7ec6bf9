#!/usr/bin/env python3
# Copyright 2026 The Liaison authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the application icons: each SVG must parse, be an SVG document with a square
# viewBox of the expected size (128 for full-colour icons, 16 for "-symbolic" ones),
# carry no text (fonts differ between systems), no scripts and no external references.
# Symbolic icons must be monochrome #2e3436, which GTK recolours at run time.
#
# Usage: test-data-icons.py ICON.svg...

import re
import sys
import xml.etree.ElementTree as ET

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
SYMBOLIC_COLOR = "#2e3436"
COLOR_RE = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)")
PAINT_PROPS = ("fill", "stroke", "stop-color", "color")

errors = []


def error(path, message):
    errors.append(f"{path}: {message}")


def length(value):
    if value is None:
        return None
    match = re.fullmatch(r"\s*([0-9.]+)\s*(px)?\s*", value)
    return float(match.group(1)) if match else -1.0


def paints(element):
    """Yields every colour value an element sets, in attributes or in its style."""
    for prop in PAINT_PROPS:
        if prop in element.attrib:
            yield element.attrib[prop]
    for declaration in element.attrib.get("style", "").split(";"):
        if ":" in declaration:
            prop, value = (part.strip() for part in declaration.split(":", 1))
            if prop in PAINT_PROPS:
                yield value


def check(path):
    symbolic = path.endswith("-symbolic.svg")
    size = 16 if symbolic else 128

    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        error(path, f"does not parse: {e}")
        return

    if root.tag != SVG_NS + "svg":
        error(path, f"root element is {root.tag}, not an SVG <svg>")
        return

    view_box = root.get("viewBox", "").replace(",", " ").split()
    if view_box != ["0", "0", str(size), str(size)]:
        error(path, f"viewBox is {root.get('viewBox')!r}, expected '0 0 {size} {size}'")
    for attr in ("width", "height"):
        value = length(root.get(attr))
        if value is not None and value != size:
            error(path, f"{attr} is {root.get(attr)!r}, expected {size}")

    for element in root.iter():
        tag = element.tag.replace(SVG_NS, "")
        if tag in ("text", "tspan", "flowRoot"):
            error(path, "contains text; convert it to paths")
        if tag in ("script", "foreignObject", "image"):
            error(path, f"contains <{tag}>")
        for attr in ("href", XLINK_HREF):
            href = element.get(attr)
            if href is not None and not href.startswith("#"):
                error(path, f"refers to {href!r}; only local references are allowed")
        if symbolic:
            for value in paints(element):
                for color in COLOR_RE.findall(value):
                    if color.lower() != SYMBOLIC_COLOR:
                        error(path, f"uses colour {color}; symbolic icons use {SYMBOLIC_COLOR}")

    if symbolic and not any(True for e in root.iter() for v in paints(e)
                            if SYMBOLIC_COLOR in v.lower()):
        error(path, f"never paints with {SYMBOLIC_COLOR}")


def main():
    if len(sys.argv) < 2:
        print(f"usage: {sys.argv[0]} ICON.svg...", file=sys.stderr)
        return 2
    for path in sys.argv[1:]:
        check(path)
    for message in errors:
        print(f"FAIL: {message}", file=sys.stderr)
    if not errors:
        print(f"{len(sys.argv) - 1} icons OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
