"""Compiles the packed Flask to bytecode for this Pyodide's Python, so the learner's browser does not.

Runs inside Pyodide (in Node, at build time): the bytecode must be for Pyodide's Python version, not
the machine's. Reads the zip in `packed` (bytes), leaves the result in `precompiled` (bytes): the same
packages with each module as sourceless bytecode beside its package (`module.pyc`) instead of `.py`.
Sourceless keeps the download small; Flask's own frames in a traceback then show no source line, the
learner's always do (their code is compiled when they press Run). The zip's entries are stored, not
deflated: the server's gzip and brotli copies compress the whole file better than zip does per entry.
"""
import compileall
import io
import os
import py_compile
import shutil
import zipfile

WORK = '/tmp/session-lab-precompile'
# Fixed timestamps, so the same Flask gives the same zip (and the same hashed name).
STAMP = (2020, 1, 1, 0, 0, 0)


def precompile(packed):
    shutil.rmtree(WORK, ignore_errors=True)
    zipfile.ZipFile(io.BytesIO(packed)).extractall(WORK)
    # A hash in each header instead of the unpacking's time, so the same Flask gives the same bytes.
    unchecked = py_compile.PycInvalidationMode.UNCHECKED_HASH
    if not compileall.compile_dir(WORK, quiet=2, legacy=True, invalidation_mode=unchecked):
        raise RuntimeError('a module of the packed Flask did not compile')
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_STORED) as archive:
        for root, dirs, files in os.walk(WORK):
            dirs.sort()
            for name in sorted(files):
                if name.endswith('.py'):
                    continue
                path = os.path.join(root, name)
                with open(path, 'rb') as file:
                    archive.writestr(zipfile.ZipInfo(os.path.relpath(path, WORK), STAMP), file.read())
    shutil.rmtree(WORK)
    return out.getvalue()


precompiled = precompile(packed.to_bytes())
