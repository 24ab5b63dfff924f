"""Build the IntroDesk distributable (`make installer` runs this).

1. PyInstaller builds the one-folder program dist/IntroDesk/ from installer/introdesk.spec.
2. On Windows, with Inno Setup's `iscc` on PATH, installer/introdesk.iss packs that folder into
   dist/IntroDesk-<version>-oppsett.exe. Elsewhere the folder is the result, and this says so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import PyInstaller.__main__

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"

sys.path.insert(0, str(ROOT))
from introdesk import __version__  # noqa: E402  (after the path: the work tree's version)


def main() -> int:
    PyInstaller.__main__.run([
        str(HERE / "introdesk.spec"),
        "--noconfirm",
        "--clean",
        "--distpath", str(DIST),
        "--workpath", str(ROOT / "build"),
    ])
    bundle = DIST / "IntroDesk"
    print(f"\nIntroDesk {__version__}, one-folder build: {bundle}")

    iscc = shutil.which("iscc") if sys.platform == "win32" else None
    if iscc is None:
        print("The Windows installer (installer/introdesk.iss) is built only on Windows with Inno Setup 6.3+ (iscc on PATH).")
        return 0
    subprocess.run([iscc, f"/DAppVersion={__version__}", str(HERE / "introdesk.iss")], check=True)
    print(f"Windows installer: {DIST / f'IntroDesk-{__version__}-oppsett.exe'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
