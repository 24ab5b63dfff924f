"""Qt lives only in introdesk.ui: the rules, the store, the services and the reports import without it."""

import subprocess
import sys

BLOCK_QT = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('Qt imported outside introdesk.ui: ' + name)
sys.meta_path.insert(0, Blocker())
import pkgutil, importlib, introdesk
for layer in ('domain', 'store', 'services', 'reports'):
    package = importlib.import_module('introdesk.' + layer)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):
        importlib.import_module(info.name)
import introdesk.cli, introdesk.applog
print('ok')
"""


def test_domain_store_services_and_reports_import_without_qt():
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_domain_has_no_sql_and_no_file_io():
    import pathlib

    import introdesk.domain

    for path in pathlib.Path(introdesk.domain.__path__[0]).glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for forbidden in ("import sqlite", "sqlcipher", "open(", "read_text", "PySide6"):
            assert forbidden not in text, f"{path.name} uses {forbidden}"
