#!/usr/bin/env python3
"""Add or update interface strings in the three resource files at once.

Reads tab-separated lines from stdin: KEY<TAB>English<TAB>Vietnamese<TAB>German
(blank lines and lines starting with # are skipped) and writes them into
src/DanVan.Web/Resources/SharedResource{,.vi,.de}.resx, keeping keys sorted.
The resource files stay the source of truth; this only saves typing the same key three times.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "DanVan.Web" / "Resources"
FILES = {"en": ROOT / "SharedResource.resx", "vi": ROOT / "SharedResource.vi.resx", "de": ROOT / "SharedResource.de.resx"}

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    if not path.exists():
        return {}
    tree = ET.parse(path)
    return {d.get("name"): (d.find("value").text or "") for d in tree.getroot().findall("data")}


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def save(path, entries):
    lines = [HEADER]
    for key in sorted(entries, key=str.lower):
        lines.append(f'  <data name="{esc(key)}" xml:space="preserve"><value>{esc(entries[key])}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")


def main():
    tables = {lang: load(path) for lang, path in FILES.items()}
    count = 0
    for raw in sys.stdin.read().splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 4 or not all(p.strip() for p in parts):
            sys.exit(f"expected KEY<TAB>en<TAB>vi<TAB>de, got: {raw!r}")
        key, en, vi, de = parts
        tables["en"][key], tables["vi"][key], tables["de"][key] = en, vi, de
        count += 1
    for lang, path in FILES.items():
        save(path, tables[lang])
    print(f"{count} strings written; {len(tables['en'])} keys in all")


if __name__ == "__main__":
    main()
