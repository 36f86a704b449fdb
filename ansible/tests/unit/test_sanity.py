# -*- coding: utf-8 -*-
"""ansible-test sanity, with the tests Debian's ansible-core runs without PyPI.

pylint, pep8, validate-modules, yamllint, import, runtime-metadata and ansible-doc (as a sanity test) install their
requirements from PyPI into a venv, which these machines cannot reach; test_ansible_doc.py covers the module
documentation instead.
"""

import os
import shutil
import subprocess
import sys

from conftest import COLLECTION

# One test name a line (a file, not a list here: the sanity tests scan this very file).
with open(os.path.join(COLLECTION, 'tests', 'sanity', 'offline-tests.txt')) as listing:
    OFFLINE_TESTS = listing.read().split()


def test_ansible_test_sanity_passes(tmp_path):
    # ansible-test works on a collection at .../ansible_collections/NAMESPACE/NAME.
    tree = tmp_path / 'ansible_collections' / 'virtcrypt' / 'kvm'
    shutil.copytree(COLLECTION, str(tree), ignore=shutil.ignore_patterns('__pycache__', '.pytest_cache'))
    python = '%d.%d' % sys.version_info[:2]
    arguments = ['/usr/bin/ansible-test', 'sanity', '--python', python]
    for test in OFFLINE_TESTS:
        arguments += ['--test', test]

    ran = subprocess.run(arguments, cwd=str(tree), capture_output=True, text=True, timeout=300)

    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.count('Running sanity test') == len(OFFLINE_TESTS)
