"""The `impact` command of this virtual environment, run as a volunteer runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

IMPACT = str(Path(sys.executable).with_name("impact"))


def impact(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`impact *args` in `cwd`; never a traceback."""
    result = subprocess.run([IMPACT, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                            env={**os.environ, **(env or {})}, check=False)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result
