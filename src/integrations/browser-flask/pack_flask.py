"""Packs Flask and its pure-Python dependencies from this interpreter into one zip for Pyodide.

Usage: python3 pack_flask.py OUT.zip
Prints one JSON line: {"ok": true, "versions": {...}, "files": N} or {"ok": false, "why": "..."}.
Compiled speedups (markupsafe's _speedups) are left out: each package works without them.
"""
import json
import re
import sys
import zipfile
from importlib import metadata

PACKAGES = ('flask', 'werkzeug', 'jinja2', 'markupsafe', 'itsdangerous', 'click', 'blinker')
NEEDED = (3, 1)
# Fixed timestamps, so the same Flask gives the same zip (and the same hashed name).
STAMP = (2020, 1, 1, 0, 0, 0)


def main(out):
    try:
        flask_version = metadata.version('flask')
    except metadata.PackageNotFoundError:
        return {'ok': False, 'why': f'{sys.executable} has no Flask'}
    release = re.match(r'(\d+)\.(\d+)', flask_version)
    if not release or tuple(map(int, release.groups())) < NEEDED:
        return {'ok': False, 'why': f'{sys.executable} has Flask {flask_version}, not 3.1 or later'}
    versions, count = {}, 0
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in PACKAGES:
            dist = metadata.distribution(name)
            versions[name] = dist.version
            for file in sorted(dist.files or [], key=str):
                path = str(file).replace('\\', '/')
                # Scripts outside site-packages, bytecode and compiled code stay behind.
                if path.startswith('..') or '__pycache__' in path or path.endswith(('.so', '.pyd', '.pyc', '.c')):
                    continue
                source = dist.locate_file(file)
                if not source.is_file():
                    continue
                info = zipfile.ZipInfo(path, STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, source.read_bytes())
                count += 1
    return {'ok': True, 'versions': versions, 'files': count}


if __name__ == '__main__':
    print(json.dumps(main(sys.argv[1])))
