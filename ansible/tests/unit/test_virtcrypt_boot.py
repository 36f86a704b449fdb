# -*- coding: utf-8 -*-
"""virtcrypt_boot: the crypttab lines and drop-ins as desired state; written only when they differ."""

import json
import os

import pytest

from conftest import fixture
from ansible_collections.virtcrypt.kvm.plugins.modules import virtcrypt_boot

SHOWN = json.loads(fixture('boot-config')['stdout'])


@pytest.fixture
def host_files(tmp_path, monkeypatch):
    """The fixture's crypttab and drop-in paths, moved under tmp_path (the module reads them to compare)."""
    original = os.path.dirname(SHOWN['crypttab'])
    real_read = virtcrypt_boot.read
    monkeypatch.setattr(virtcrypt_boot, 'read', lambda path: real_read(path.replace(original, str(tmp_path))))
    return tmp_path, original


def args(**extra):
    result = dict(executable='/usr/sbin/virtcrypt', domain='mail-crypt', crypttab=SHOWN['crypttab'])
    result.update(extra)
    return result


def test_missing_entries_are_written_with_write(run_module, host_files):
    result, _, host = run_module(virtcrypt_boot.main, args(key_file='/etc/keys/mail.key'), {'boot-config': 'boot-config'})

    assert [call['argv'][-1] for call in host.calls] != [], 'virtcrypt was asked'
    assert len(host.calls) == 2 and '--write' not in host.calls[0]['argv'] and '--write' in host.calls[1]['argv']
    assert ['--key-file', '/etc/keys/mail.key'] == host.calls[0]['argv'][host.calls[0]['argv'].index('--key-file'):][:2]
    assert result['changed'] is True and result['entries'] == SHOWN['entries']


def test_in_check_mode_nothing_is_written(run_module, host_files):
    result, _, host = run_module(virtcrypt_boot.main, args(), {'boot-config': 'boot-config'}, check_mode=True)

    assert len(host.calls) == 1 and '--write' not in host.calls[0]['argv']
    assert result['changed'] is True
    assert SHOWN['entries'][0] in result['diff'][0]['after']


def test_present_already_is_unchanged(run_module, host_files):
    tmp_path, original = host_files
    (tmp_path / 'crypttab').write_text('# other\nswap /dev/sda2 /dev/urandom swap\n' + SHOWN['entries'][0] + '\n')
    for dropin in SHOWN['dropIns']:
        path = tmp_path / os.path.relpath(dropin['path'], original)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dropin['text'])

    result, _, host = run_module(virtcrypt_boot.main, args(), {'boot-config': 'boot-config'})

    assert len(host.calls) == 1 and '--write' not in host.calls[0]['argv']
    assert result['changed'] is False


def test_a_changed_dropin_is_rewritten(run_module, host_files):
    tmp_path, original = host_files
    (tmp_path / 'crypttab').write_text(SHOWN['entries'][0] + '\n')
    path = tmp_path / os.path.relpath(SHOWN['dropIns'][0]['path'], original)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[Unit]\n')

    result, _, host = run_module(virtcrypt_boot.main, args(), {'boot-config': 'boot-config'})

    assert result['changed'] is True and '--write' in host.calls[1]['argv']
