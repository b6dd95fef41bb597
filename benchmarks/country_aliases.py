"""Build tui/engine/data/countries.txt: the names of every country that mean the same.

News copy names a country by its short name, its official name, its name in its
own language and its people's adjective ("Mexico", "the United Mexican States",
"Mexican", "Mexico's"); the matcher folds them into one key so that
"Mexican officials" and "Mexico's government" share a word and are never a
conflict. The table comes from countryinfo (a maintained country database, MIT)
rather than being typed by hand; rebuild it with ``pip install -e '.[data]'``
and:

    python -m benchmarks.country_aliases

Left out on purpose: ISO codes (``US`` would swallow the pronoun "us"; the
tokeniser knows the capitalised ``US`` itself), names in non-Latin scripts,
and single-word alternative spellings that are not the country's own name for
itself (``Dominique`` is a first name, not Dominica). A name or adjective that
several countries share goes to the most populous ("American" is the United
States, not American Samoa; "Dominican" the Dominican Republic).
"""

from __future__ import annotations

import argparse
import unicodedata
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tui" / "engine" / "data" / "countries.txt"


def _latin(text: str) -> bool:
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text
    ) and any(c.isalpha() for c in text)


def _names(entry: dict[str, object]) -> tuple[str, set[str]]:
    name = str(entry["name"])
    forms: set[str] = set()
    demonym = entry.get("demonym")
    if isinstance(demonym, str) and demonym.strip():
        forms.add(demonym.strip())
    native = entry.get("nativeName")
    if isinstance(native, str) and _latin(native):
        forms.add(native.strip())
    spellings = entry.get("altSpellings")
    for spelling in spellings if isinstance(spellings, list) else []:
        spelling = str(spelling).strip()
        if not _latin(spelling) or "," in spelling or "/" in spelling:
            continue
        if spelling.isupper() and len(spelling) <= 3:
            continue  # an ISO code
        own_name = native and spelling.casefold() == str(native).casefold()
        if " " in spelling or not spelling.isascii() or own_name:
            forms.add(spelling)
    forms.discard(name)
    return name, forms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    from countryinfo import CountryInfo

    table: dict[str, set[str]] = {}
    population: dict[str, int] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in CountryInfo.all().values():
        name, forms = _names(dict(entry))
        table[name] = forms
        population[name] = int(entry.get("population") or 0)
        for form in {name, *forms}:
            owners[form.casefold()].add(name)
    # A name is its own country's before it is anyone's adjective.
    owner = {
        form: max(names, key=lambda n: (n.casefold() == form, population[n], n))
        for form, names in owners.items()
    }
    lines = [
        "# Country names that mean the same: short name, official and native names,",
        "# and the people's adjective. Generated from countryinfo by",
        "# `python -m benchmarks.country_aliases`; edit that script, not this file.",
    ]
    for name in sorted(table):
        forms = sorted(f for f in table[name] if owner[f.casefold()] == name)
        if forms:
            lines.append(f"{name.lower()}: {', '.join(f.lower() for f in forms)}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 3} countries -> {args.out}")


if __name__ == "__main__":
    main()
