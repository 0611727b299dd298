"""Regenerate names.tsv: person, place and company names in many locales, for NER mention replacement.

Run with Faker installed (not a dependency of pemilu-facts; pip install faker==40.63.0):
    python models/data/names/make_names.py > models/data/names/names.tsv
Output: 'LABEL<TAB>name' lines, deterministic for a given Faker version (seed 2024).
"""

from __future__ import annotations

import sys

from faker import Faker

#: Latin-script locales (ja_JP and zh_CN through their romanised names)
PER_LOCALES = ("id_ID", "en_US", "en_GB", "en_IN", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR",
               "tr_TR", "pl_PL", "ja_JP", "zh_CN")
CITY_LOCALES = ("id_ID", "en_IN", "de_DE", "es_ES", "it_IT", "pl_PL", "pt_BR", "nl_NL")
ORG_LOCALES = ("id_ID", "en_US", "de_DE", "fr_FR", "it_IT")


def main() -> None:
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []

    def add(label: str, name: str) -> None:
        name = " ".join(name.split())
        if name and (label, name) not in seen and name.isprintable():
            seen.add((label, name))
            out.append((label, name))

    for loc in PER_LOCALES:
        f = Faker(loc)
        f.seed_instance(2024)
        for i in range(400):
            if loc in ("ja_JP", "zh_CN"):
                name = f.romanized_name()
            else:
                name = f"{f.first_name()} {f.last_name()}" if i % 4 else f.last_name()
            add("PER", name)
    for loc in CITY_LOCALES:
        f = Faker(loc)
        f.seed_instance(2024)
        for _ in range(150):
            add("LOC", f.city())
    f = Faker("id_ID")
    f.seed_instance(2024)
    for _ in range(600):
        add("LOC", f.country())
    for loc in ORG_LOCALES:
        f = Faker(loc)
        f.seed_instance(2024)
        for _ in range(150):
            add("ORG", f.company())
    for label, name in out:
        sys.stdout.write(f"{label}\t{name}\n")


if __name__ == "__main__":
    main()
