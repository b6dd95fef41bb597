"""The sample articles shipped with storydiff, found in a checkout or an installed wheel."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class SamplePair:
    """A pair of sample articles and what the manifest says of them."""

    story: str
    description: str
    left: Path
    right: Path
    left_outlet: str | None
    right_outlet: str | None


def samples_dir() -> Path:
    """The folder holding the sample articles.

    An installed wheel carries them inside the package; a checkout (and an
    editable install) has them at the top of the tree.
    """
    for candidate in (_HERE / "sample_articles", _HERE.parent / "sample_articles"):
        if (candidate / "manifest.json").is_file():
            return candidate
    raise FileNotFoundError("the sample articles are missing from this installation")


def sample_pairs() -> list[SamplePair]:
    """Every pair in the manifest, the default one first."""
    folder = samples_dir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [
        SamplePair(
            story=entry["story"],
            description=entry.get("description", ""),
            left=folder / entry["left"]["file"],
            right=folder / entry["right"]["file"],
            left_outlet=entry["left"].get("outlet"),
            right_outlet=entry["right"].get("outlet"),
        )
        for entry in manifest["pairs"]
    ]


def default_pair() -> SamplePair:
    """The pair `storydiff` opens with no arguments."""
    return sample_pairs()[0]
