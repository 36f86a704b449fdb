# -*- coding: utf-8 -*-
"""ansible-doc renders each module, and its documented options are exactly the options the module takes."""

import json
import os
import subprocess
import tarfile

import pytest

from conftest import COLLECTION, COLLECTIONS_PATH
from ansible_collections.virtcrypt.kvm.plugins.modules import virtcrypt_boot, virtcrypt_info, virtcrypt_migrate

MODULES = {'virtcrypt_migrate': virtcrypt_migrate, 'virtcrypt_info': virtcrypt_info, 'virtcrypt_boot': virtcrypt_boot}


def ansible_doc(*arguments):
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS_PATH, ANSIBLE_NOCOLOR='1')
    return subprocess.run(['/usr/bin/ansible-doc'] + list(arguments), env=environment, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize('name', sorted(MODULES))
def test_ansible_doc_renders_the_module(name):
    shown = ansible_doc('virtcrypt.kvm.' + name)

    assert shown.returncode == 0, shown.stderr
    assert 'VIRTCRYPT.KVM.%s' % name.upper() in shown.stdout
    assert 'OPTIONS' in shown.stdout and 'EXAMPLES' in shown.stdout and 'RETURN VALUES' in shown.stdout


@pytest.mark.parametrize('name', sorted(MODULES))
def test_the_documented_options_are_the_argument_spec(name):
    shown = ansible_doc('--json', 'virtcrypt.kvm.' + name)
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)['virtcrypt.kvm.' + name]['doc']
    spec = MODULES[name].argument_spec()

    assert set(doc['options']) == set(spec)
    for option, described in doc['options'].items():
        assert described.get('type', 'str') == spec[option].get('type', 'str'), option
        assert described.get('default') == spec[option].get('default'), option
        assert described.get('choices') == spec[option].get('choices'), option
        assert bool(described.get('required')) == bool(spec[option].get('required')), option


def test_the_collection_lists_its_three_modules():
    listed = ansible_doc('-t', 'module', '-l', 'virtcrypt.kvm')

    assert listed.returncode == 0, listed.stderr
    assert sorted(line.split()[0] for line in listed.stdout.splitlines() if line.strip()) == ['virtcrypt.kvm.' + n for n in sorted(MODULES)]


def test_ansible_galaxy_builds_the_collection_without_its_tests(tmp_path):
    built = subprocess.run(
        ['/usr/bin/ansible-galaxy', 'collection', 'build', COLLECTION, '--output-path', str(tmp_path)], capture_output=True, text=True, timeout=60)

    assert built.returncode == 0, built.stderr
    with tarfile.open(str(tmp_path / 'virtcrypt-kvm-0.1.0.tar.gz')) as archive:
        names = archive.getnames()
    assert {'MANIFEST.json', 'plugins/modules/virtcrypt_migrate.py', 'plugins/module_utils/virtcrypt.py', 'playbooks/encrypt-guests.yml'} <= set(names)
    assert not [n for n in names if n.startswith('tests') or 'pycache' in n or 'pytest' in n]
