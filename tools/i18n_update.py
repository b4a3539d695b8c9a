"""`make i18n-update`: bring each language's catalog up to generator/locale/impact.pot with pybabel, keeping its
X-Native-Review header, which Babel drops (it rewrites the headers it knows and loses the others).

`python tools/i18n_update.py --restore` only puts the header back (`none` where it was lost): run it after
writing a catalog with Babel's write_po.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "generator" / "locale"
REVIEW = re.compile(r'^"X-Native-Review: [^"]*"\n', re.M)
AFTER = re.compile(r'^"Content-Transfer-Encoding: [^"]*"\n', re.M)


def restore(po: Path, line: str = '"X-Native-Review: none\\n"\n') -> None:
    text = po.read_text(encoding="utf-8")
    if REVIEW.search(text):
        return
    place = AFTER.search(text)
    if place is None:
        sys.exit(f"{po}: no Content-Transfer-Encoding header to put X-Native-Review after")
    po.write_text(text[:place.end()] + line + text[place.end():], encoding="utf-8")


def main() -> None:
    catalogs = sorted(LOCALE.glob("*/LC_MESSAGES/impact.po"))
    saved = {po: match.group(0) for po in catalogs if (match := REVIEW.search(po.read_text(encoding="utf-8")))}
    if "--restore" not in sys.argv:
        pybabel = str(Path(sys.executable).with_name("pybabel"))
        subprocess.run([pybabel, "update", "--no-wrap", "--ignore-obsolete", "-D", "impact",
                        "-i", str(LOCALE / "impact.pot"), "-d", str(LOCALE)], check=True)
    for po in catalogs:
        restore(po, *([saved[po]] if po in saved else []))


if __name__ == "__main__":
    main()
