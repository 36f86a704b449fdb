# -*- coding: utf-8 -*-
"""Makes the collection importable as ansible_collections.virtcrypt.kvm (as Ansible installs it) and runs its modules in-process."""

import json
import os
import shutil
import sys
import tempfile

import pytest

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(COLLECTION, 'tests', 'fixtures')
COLLECTIONS_PATH = tempfile.mkdtemp(prefix='virtcrypt-collections-')
os.makedirs(os.path.join(COLLECTIONS_PATH, 'ansible_collections', 'virtcrypt'))
os.symlink(COLLECTION, os.path.join(COLLECTIONS_PATH, 'ansible_collections', 'virtcrypt', 'kvm'))
sys.path.insert(0, COLLECTIONS_PATH)

from ansible.module_utils import basic  # noqa: E402  (after sys.path is set)
from ansible.module_utils.common.text.converters import to_bytes  # noqa: E402


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(COLLECTIONS_PATH, ignore_errors=True)


def fixture(name):
    """A run of the real virtcrypt binary, saved by the Native test CliJsonTests: argv, rc, stdout, stderr."""
    with open(os.path.join(FIXTURES, name + '.json')) as f:
        return json.load(f)


def fixture_names():
    return sorted(n[:-len('.json')] for n in os.listdir(FIXTURES) if n.endswith('.json'))


class Host(object):
    """The managed host as a module sees it: virtcrypt answers each command with a saved run of the real binary."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def run_command(self, module, argv, data=None, **kwargs):
        self.calls.append(dict(argv=list(argv), data=data))
        command = argv[1]
        if command not in self.answers:
            raise AssertionError('unexpected virtcrypt command: %r' % (argv,))
        run = fixture(self.answers[command])
        return run['rc'], run['stdout'], run['stderr']

    def commands(self):
        return [call['argv'][1] for call in self.calls]


@pytest.fixture
def run_module(monkeypatch, capsys):
    """Runs a module's main() with arguments and a Host; returns (result as the module printed it, host)."""

    def run(main, arguments, answers, check_mode=False):
        host = Host(answers)
        args = dict(arguments)
        if check_mode:
            args['_ansible_check_mode'] = True
        monkeypatch.setattr(basic, '_ANSIBLE_ARGS', to_bytes(json.dumps({'ANSIBLE_MODULE_ARGS': args})))
        monkeypatch.setattr(basic.AnsibleModule, 'run_command', lambda module, argv, **kw: host.run_command(module, argv, **kw))
        capsys.readouterr()
        with pytest.raises(SystemExit):
            main()
        printed = capsys.readouterr().out
        return json.loads(printed), printed, host

    return run
